"""The Session under the client: Container, Image and the exit tracker hold it, not Docker."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from dockercli import Container, Docker, Image, RunOptions, Session
from dockercli.options import ClientOptions

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

BASE = "base:1"


@pytest.fixture
def docker(fake: Fake) -> Iterator[Docker]:
    """A client on the fake that tracks its containers for removal."""
    fake.base_image(BASE)
    env = {"FAKE_DOCKER_STATE": str(fake.state_dir)}
    client = Docker(binary=str(FAKE), env=env, timeout=30)
    yield client
    client.remove_tracked()


def test_objects_hold_the_clients_session(docker: Docker) -> None:
    """A run's Container, a looked-up Image and one made by hand share the client's session."""
    box = docker.run(RunOptions(image=BASE, command=["sleep", "30"]))
    assert box.session is docker.session
    assert docker.image(BASE).session is docker.session
    assert Container(docker, box.id).session is docker.session
    assert Container(docker.session, box.id).inspect().id == box.id
    box.remove(force=True)


def test_container_docker_attribute_warns_and_gives_the_session(docker: Docker) -> None:
    """``container.docker`` still answers ``call`` and friends, with a DeprecationWarning."""
    box = docker.run(RunOptions(image=BASE, command=["sleep", "30"]))
    with pytest.warns(DeprecationWarning, match=r"Container\.docker is deprecated"):
        old = box.docker
    assert old is docker.session
    with pytest.warns(DeprecationWarning, match=r"Image\.docker is deprecated"):
        assert Image(docker, "ab" * 32).docker is docker.session
    box.remove(force=True)


def test_client_settings_are_the_sessions(docker: Docker) -> None:
    """Docker's options, env and remove_at_exit read and write its session's."""
    docker.env["DOCKERCLI_TEST_MARK"] = "1"
    assert docker.session.invocation(subcommand=("ps",)).env["DOCKERCLI_TEST_MARK"] == "1"
    assert docker.options is docker.session.options
    docker.remove_at_exit = False
    assert docker.session.remove_at_exit is False
    docker.remove_at_exit = True


def test_interpreter_exit_removes_what_a_session_made(fake: Fake) -> None:
    """At exit the tracker calls each session back: its containers go, a removed one is
    not removed twice, and a client with remove_at_exit=False keeps its own."""
    fake.base_image(BASE)
    script = f"""
from dockercli import Docker, RunOptions
env = {{"FAKE_DOCKER_STATE": {str(fake.state_dir)!r}}}
docker = Docker(binary={str(FAKE)!r}, env=env, timeout=30)
keeper = Docker(binary={str(FAKE)!r}, env=env, timeout=30, remove_at_exit=False)
docker.run(RunOptions(image={BASE!r}, name="tracked", command=["sleep", "30"]))
docker.run(RunOptions(image={BASE!r}, name="removed", command=["sleep", "30"])).remove(force=True)
keeper.run(RunOptions(image={BASE!r}, name="kept", command=["sleep", "30"]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert fake.ok("ps", "-a", "--format", "{{.Names}}").split() == ["kept"]
    fake.ok("rm", "-f", "kept")


def test_a_session_alone_runs_calls(fake: Fake) -> None:
    """A Session with no Docker around it runs commands and resolves its binary."""
    env = {"FAKE_DOCKER_STATE": str(fake.state_dir)}
    session = Session(ClientOptions(binary=str(FAKE), timeout=30), env)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert session.call(subcommand=("ps", "-q")).stdout == ""
    assert session.binary_path == str(FAKE)
