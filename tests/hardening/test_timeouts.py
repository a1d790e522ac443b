"""Timeouts: with the fake hanging each command in turn, every method gives up on time, cleanly."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest

from dockercli import (
    BuildOptions,
    Container,
    Docker,
    DockerTimeoutError,
    RunOptions,
    StreamStalledError,
)
from dockercli.testing._proc import is_running
from dockercli.testing.fake import FakeDocker

TIMEOUT = 1.0
GRACE = 1.0  # the bound: a method returns within its timeout + 1 s


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeDocker]:
    """A fake engine holding one image and one running container."""
    fake = FakeDocker(tmp_path / "fake")
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["sleep", "300"]\n')
    docker = fake.client()
    docker.build(BuildOptions(context=str(context), tags=["hang:1"]))
    docker.run(RunOptions(image="hang:1", name="victim", publish=[8080]))
    try:
        yield fake
    finally:
        docker.remove_tracked()
        fake.close()


def _hanging(fake: FakeDocker, command: str) -> Docker:
    rule = {"cmd": command, "action": "hang", "seconds": 60}
    return Docker(
        binary=fake.binary,
        env={**fake.env(), "FAKE_DOCKER_FAULTS": json.dumps(rule)},
        timeout=TIMEOUT,
    )


def _fake_processes(fake: FakeDocker) -> list[int]:
    """Fake CLI processes (not port helpers) of this fake that are still alive."""
    marker = f"FAKE_DOCKER_STATE={fake.state_dir}".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if (
                marker in (entry / "environ").read_bytes()
                and b"helper.py" not in (entry / "cmdline").read_bytes()
                and int(entry.name) != os.getpid()
                and is_running(int(entry.name))
            ):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


METHODS: list[tuple[str, str, Callable[[Docker], Any]]] = [
    ("version", "version", lambda d: d.version()),
    ("info", "info", lambda d: d.info()),
    ("build", "build", lambda d: d.build(BuildOptions(context="/nonexistent-but-never-read"))),
    ("image", "image inspect", lambda d: d.image("hang:1")),
    ("images", "images", lambda d: d.images()),
    ("tag", "tag", lambda d: d.tag("hang:1", "hang:2")),
    ("remove_image", "rmi", lambda d: d.remove_image("hang:2")),
    ("pull", "pull", lambda d: d.pull("hang:1")),
    ("create", "create", lambda d: d.create(RunOptions(image="hang:1"))),
    ("run", "run", lambda d: d.run(RunOptions(image="hang:1"))),
    ("container", "container inspect", lambda d: d.container("victim")),
    ("containers", "ps", lambda d: d.containers(all=True)),
    ("cleanup", "ps", lambda d: d.cleanup(prefix="victim")),
    ("container.ports", "container inspect", lambda d: d.container("victim")),
    ("container.start", "start", lambda d: _victim(d).start()),
    ("container.stop", "stop", lambda d: _victim(d).stop(grace=0)),
    ("container.kill", "kill", lambda d: _victim(d).kill()),
    ("container.restart", "restart", lambda d: _victim(d).restart()),
    ("container.remove", "rm", lambda d: _victim(d).remove(force=True)),
    ("container.wait", "wait", lambda d: _victim(d).wait()),  # the client timeout
    ("container.logs", "logs", lambda d: _victim(d).logs()),
    ("container.exec", "exec", lambda d: _victim(d).exec(["true"])),
]


def _victim(docker: Docker) -> Container:
    return Container(docker, "victim")


@pytest.mark.parametrize(("method", "command", "call"), METHODS, ids=[m[0] for m in METHODS])
def test_every_method_times_out_cleanly(
    fake: FakeDocker, method: str, command: str, call: Callable[[Docker], Any]
) -> None:
    """A hanging command raises DockerTimeoutError within timeout + 1 s and leaves no process."""
    docker = _hanging(fake, command)
    started = time.monotonic()
    with pytest.raises(DockerTimeoutError):
        call(docker)
    elapsed = time.monotonic() - started
    assert elapsed <= TIMEOUT + GRACE, (method, elapsed)  # stop(grace=0) adds no grace
    assert _fake_processes(fake) == []


def test_ping_says_false_when_the_engine_hangs(fake: FakeDocker) -> None:
    """ping() answers False instead of hanging when `docker version` hangs."""
    assert _hanging(fake, "version").ping() is False
    assert _fake_processes(fake) == []


def test_follow_logs_stall_timeout(fake: FakeDocker) -> None:
    """follow_logs raises StreamStalledError when the stream goes silent, and kills its child."""
    docker = _hanging(fake, "logs")
    with pytest.raises(StreamStalledError):
        list(_victim(docker).follow_logs(stall_timeout=TIMEOUT))
    assert _fake_processes(fake) == []


def test_build_stall_timeout(fake: FakeDocker, tmp_path: Path) -> None:
    """A build with no overall timeout but a stall timeout stops when it goes silent."""
    docker = _hanging(fake, "build")
    context = tmp_path / "stall"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM scratch\n")
    with pytest.raises(StreamStalledError):
        docker.build(BuildOptions(context=str(context)), timeout=None, stall_timeout=TIMEOUT)
    assert _fake_processes(fake) == []


def test_expect_log_times_out(fake: FakeDocker) -> None:
    """expect_log raises DockerTimeoutError on time and closes its pexpect child."""
    docker = _hanging(fake, "logs")
    started = time.monotonic()
    with pytest.raises(DockerTimeoutError):
        _victim(docker).expect_log("never", timeout=TIMEOUT)
    assert time.monotonic() - started <= TIMEOUT + GRACE
    assert _fake_processes(fake) == []


def test_spawn_expect_times_out(fake: FakeDocker) -> None:
    """A spawned session whose command hangs times out in expect and closes cleanly."""
    docker = _hanging(fake, "exec")
    child = _victim(docker).spawn(["sh"], timeout=TIMEOUT)
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("never")
    child.close(force=True)
    assert _fake_processes(fake) == []
