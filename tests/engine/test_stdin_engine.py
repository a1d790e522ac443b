"""Input on stdin through every client (docker 28, docker 20.10, podman): exec(input=)
into a running container and a one-shot run(options, input=) that leaves nothing."""

from __future__ import annotations

import uuid

import pytest

from dockercli import Docker, NoSuchContainerError, RunOptions

DATA = bytes(range(256)) * 64  # every byte value, 16 KiB: binary-safe both ways


def test_exec_input_round_trips_binary_data(client: tuple[str, Docker, str]) -> None:
    """Binary input to exec(input=) comes back unchanged through cat (its size counted
    by wc), and text input reaches a shell's read."""
    _, docker, image = client
    with docker.run(RunOptions(image=image, command=["sleep", "300"])) as box:
        assert box.exec(["wc", "-c"], input=DATA).stdout.strip() == str(len(DATA))
        done = box.exec(["sh", "-c", "read -r word; echo got $word"], input="hello\n")
        assert done.stdout == "got hello\n"


def test_run_with_input_returns_output_and_status_and_leaves_nothing(
    client: tuple[str, Docker, str],
) -> None:
    """A one-shot run(options, input=) returns what the container printed and its exit
    status, and the container is removed when it exits."""
    _, docker, image = client
    name = f"dcli-test-once-{uuid.uuid4().hex[:8]}"
    script = ["sh", "-c", "tr a-z A-Z; exit 4"]
    done = docker.run(RunOptions(image=image, name=name, command=script), input="quiet\n")
    assert (done.returncode, done.stdout) == (4, "QUIET\n")
    with pytest.raises(NoSuchContainerError):
        docker.container(name)
