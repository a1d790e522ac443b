"""Container.exec(timeout=) on the engine, through each client: what it says became of the
command inside the container is true."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, Container, Docker, DockerTimeoutError, RunOptions
from tests.conftest import podman_env

WITH_SHELL = (
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
)
NO_SHELL = "FROM scratch\nCOPY busybox /bin/busybox\n"  # /bin/busybox and nothing else


@pytest.fixture(params=["/usr/local/bin/docker", "/usr/bin/docker", "podman"])
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Docker]:
    """docker 28, docker 20.10 (both on the test engine) and podman, in turn."""
    binary = str(request.param)
    if binary == "podman":
        if shutil.which("podman") is None:
            pytest.skip("podman is not installed")
        docker = Docker(
            binary=binary, env=podman_env(tmp_path_factory.mktemp("podman")), timeout=120
        )
    else:
        if not os.access(binary, os.X_OK):
            pytest.skip(f"no {binary}")
        docker = Docker(binary=binary, host=request.getfixturevalue("engine_host"), timeout=120)
    yield docker
    docker.remove_tracked()


def _context(tmp_path: Path, dockerfile: str) -> str:
    busybox = shutil.which("busybox")
    if busybox is None:
        pytest.skip("busybox is not installed")
    shutil.copy(busybox, tmp_path / "busybox")
    (tmp_path / "Dockerfile").write_text(dockerfile + "LABEL dockercli.test=1\n")
    return str(tmp_path)


@contextlib.contextmanager
def _running(
    client: Docker, tmp_path: Path, dockerfile: str, command: list[str]
) -> Iterator[Container]:
    """A container of a fresh image running ``command``; both removed afterwards."""
    with contextlib.ExitStack() as stack:
        image = stack.enter_context(
            client.build(BuildOptions(context=_context(tmp_path, dockerfile)))
        )
        yield stack.enter_context(client.run(RunOptions(image=image.id, command=command)))


def test_a_timed_out_exec_is_stopped_in_the_container(client: Docker, tmp_path: Path) -> None:
    """Past its timeout, exec kills the command and its child inside the container and says
    so (or, when stopping them took too long, says they may still run, and they do)."""
    with _running(client, tmp_path, WITH_SHELL, ["sleep", "300"]) as box:
        with pytest.raises(DockerTimeoutError) as caught:
            box.exec(["sh", "-c", "sleep 317; echo never"], timeout=1, stop_timeout=10)
        left = box.exec(["ps", "-o", "args"]).stdout  # a killed child may stay a zombie: [sleep]
    message = caught.value.message
    assert "children were killed" not in message
    if "stopping it took longer than" in message:  # a loaded engine: then it must be true
        assert "may still be running" in message, message
        assert "sleep 317" in left, left
    else:
        assert "the command was stopped in the container" in message, message
        assert "sleep 317" not in left, left


def test_without_a_shell_the_error_says_it_may_still_run(client: Docker, tmp_path: Path) -> None:
    """In an image without sh the command cannot be stopped: the error says it may still
    be running, and it is."""
    with _running(client, tmp_path, NO_SHELL, ["/bin/busybox", "sleep", "300"]) as box:
        with pytest.raises(DockerTimeoutError) as caught:
            box.exec(["/bin/busybox", "sleep", "318"], timeout=1, stop_timeout=10)
        left = box.exec(["/bin/busybox", "ps", "-o", "args"]).stdout
    message = caught.value.message
    assert "may still be running in the container" in message, message
    assert "`sh`" in message, message
    assert "sleep 318" in left, left
