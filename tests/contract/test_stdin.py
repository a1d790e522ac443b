"""Input on stdin, on the fake and the engine alike: ``exec(input=)`` into a running
container, a one-shot ``run(options, input=)`` that returns what the container printed
and its status (and leaves no container), and ``command(..., input=)``."""

from __future__ import annotations

import uuid

import pytest

from dockercli import DockerError, InvalidOptionError, NoSuchContainerError, RunOptions
from tests.contract.conftest import Backend

LINES = "first line\nsecond line: ü\n"


def test_exec_input_reaches_the_command_and_back(backend: Backend, busybox_ref: str) -> None:
    """Bytes and text given to exec(input=) are the command's stdin, to EOF: cat returns
    them unchanged, wc counts their lines, tr transforms them."""
    sleeper = RunOptions(image=busybox_ref, command=["sleep", "300"])
    with backend.docker.run(sleeper) as box:
        assert box.exec(["cat"], input=LINES.encode()).stdout == LINES
        assert box.exec(["wc", "-l"], input=LINES).stdout.strip() == "2"
        assert box.exec(["tr", "a-z", "A-Z"], input="shout\n").stdout == "SHOUT\n"
        assert box.exec(["cat"]).stdout == ""  # no input: an empty stdin, no wait


def test_run_with_input_is_a_one_shot_that_leaves_nothing(
    backend: Backend, busybox_ref: str
) -> None:
    """run(options, input=) returns the container's output and status, and the container
    is gone afterwards (it ran with --rm)."""
    name = f"dcli-contract-once-{uuid.uuid4().hex[:8]}"
    upper = RunOptions(image=busybox_ref, name=name, command=["tr", "a-z", "A-Z"])
    done = backend.docker.run(upper, input=LINES)
    assert (done.returncode, done.stdout) == (0, "FIRST LINE\nSECOND LINE: ü\n")  # tr: ASCII
    with pytest.raises(NoSuchContainerError):
        backend.docker.container(name)


def test_run_with_input_returns_a_failing_status_or_raises_with_check(
    backend: Backend, busybox_ref: str
) -> None:
    """A one-shot container that exits 3 gives returncode 3; with check=True that is a
    DockerError; a terminal asked for on a pipe is refused before anything runs."""
    fails = RunOptions(image=busybox_ref, command=["sh", "-c", "cat >/dev/null; exit 3"])
    assert backend.docker.run(fails, input=b"ignored\n").returncode == 3
    with pytest.raises(DockerError):
        backend.docker.run(fails, input=b"ignored\n", check=True)
    with pytest.raises(InvalidOptionError, match="tty"):
        backend.docker.run(RunOptions(image=busybox_ref, tty=True), input="x")


def test_command_input_is_the_commands_stdin(backend: Backend, busybox_ref: str) -> None:
    """docker.command(..., input=) feeds the raw command's stdin."""
    args = ("run", "--rm", "--interactive", busybox_ref, "cat")
    assert backend.docker.command(*args, input="raw\n").stdout == "raw\n"
