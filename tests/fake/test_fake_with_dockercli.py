"""dockercli's own API driven against the fake: what CI without an engine relies on."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

from dockercli import (
    BuildError,
    BuildOptions,
    ConflictError,
    DaemonUnreachableError,
    Docker,
    NoSuchContainerError,
    RunOptions,
)


@pytest.fixture
def docker(any_fake: Fake) -> Iterator[Docker]:
    """A dockercli client whose binary is the fake, in each dialect."""
    env = {"FAKE_DOCKER_STATE": str(any_fake.state_dir), "FAKE_DOCKER_DIALECT": any_fake.dialect}
    client = Docker(binary=str(FAKE), env=env, timeout=30, remove_at_exit=False)
    yield client
    client.remove_tracked()


def test_build_run_and_reach_a_port(docker: Docker, any_fake: Fake) -> None:
    """Build, run with a published port, wait for it and get the helper's HTTP answer."""
    image = docker.build(BuildOptions(context=str(any_fake.context()), tags=("web:1",)))
    again = BuildOptions(context=str(any_fake.context()), tags=("web:1",))
    assert docker.build(again).id == image.id  # the same build hits the cache
    container = docker.run(RunOptions(image="web:1", name="web", publish=(8080,)))
    address = container.wait_for_port(8080, timeout=10)
    with urllib.request.urlopen(f"http://{address}/", timeout=5) as reply:
        assert reply.read() == b"fake-docker web\n"
    assert container.inspect().running


def test_logs_wait_and_exit_code(docker: Docker, any_fake: Fake) -> None:
    """A scripted container's logs, readiness line and exit code reach dockercli."""
    any_fake.base_image("base:1")
    labels = {
        "fake.logs": r"booting\nready on 8080\n",
        "fake.exit_after": "1",
        "fake.exit_code": "3",
    }
    container = docker.run(RunOptions(image="base:1", labels=labels))
    container.wait_for_log("ready on", timeout=10)
    assert container.wait(timeout=10) == 3
    assert "booting" in container.logs()


def test_errors_are_classified(docker: Docker, any_fake: Fake) -> None:
    """The fake's error wordings map to dockercli's exception classes."""
    any_fake.base_image("base:1")
    with pytest.raises(NoSuchContainerError):
        docker.container("nosuch").inspect()
    docker.run(RunOptions(image="base:1", name="taken"))
    with pytest.raises(ConflictError):
        docker.run(RunOptions(image="base:1", name="taken"))
    ctx = any_fake.context("bad", "FROM scratch\nRUN exit 3\n")
    with pytest.raises(BuildError):
        docker.build(BuildOptions(context=str(ctx)))


def test_daemon_down_is_unreachable(any_fake: Fake) -> None:
    """With the ``down`` fault, dockercli reports the daemon as unreachable."""
    env = {
        "FAKE_DOCKER_STATE": str(any_fake.state_dir),
        "FAKE_DOCKER_DIALECT": any_fake.dialect,
        "FAKE_DOCKER_FAULTS": "down",
    }
    client = Docker(binary=str(FAKE), env=env, timeout=10, remove_at_exit=False)
    assert client.ping() is False
    with pytest.raises(DaemonUnreachableError):
        client.containers()
