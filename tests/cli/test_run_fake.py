"""``dockercli run`` on the fake, in each dialect: --rm, the port it waits on, signals."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli.testing.fake import DIALECTS, FakeDocker
from dockercli.testing.plugin import ENDPOINT_VARS

# The fake cannot tell a server from a program that ends: the label says httpd runs until
# stopped, so `run --rm` (create + start --attach) may wait on it.
SERVER = (
    'FROM scratch\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\nLABEL fake.exit_after=never\n'
)


def _app(root: Path, dockerfile: str) -> Path:
    app = root / "app"
    app.mkdir(exist_ok=True)
    (app / "Dockerfile").write_text(dockerfile)
    return app


@pytest.fixture(params=DIALECTS)
def fake(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeDocker]:
    """A fake engine in each dialect that child processes reach; emptied after the test."""
    engine = FakeDocker(tmp_path / "fake", dialect=request.param)
    _point_at(engine, tmp_path, monkeypatch)
    try:
        yield engine
    finally:
        _empty(engine)


def _point_at(engine: FakeDocker, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENDPOINT_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(root / "docker-config"))
    for name, value in engine.env().items():
        monkeypatch.setenv(name, value)


def _empty(engine: FakeDocker) -> None:
    client = engine.client()
    for container in client.containers(all=True):
        container.remove(force=True)
    engine.close()


def _start(engine: FakeDocker, app: Path, *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dockercli", "--binary", engine.binary, "run", str(app), *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def _ready(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready: "):
            return line.split(" ", 1)[1].strip()
    pytest.fail(f"no ready line; stderr: {proc.communicate(timeout=30)[1]}")


def _finish(proc: subprocess.Popen[str], timeout: float = 60) -> tuple[str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return out, err


@pytest.mark.parametrize("code", [0, 3])
def test_rm_exits_with_the_containers_status(fake: FakeDocker, tmp_path: Path, code: int) -> None:
    """`run --rm` of a container that exits by itself prints its output and exits with its code."""
    app = _app(tmp_path, f'FROM scratch\nCMD ["sh", "-c", "echo hi; exit {code}"]\n')
    out, err = _finish(_start(fake, app, "--rm", "-q"))
    assert "No such container" not in err
    assert "| hi" in out
    assert fake.client().containers(all=True) == []
    assert _start(fake, app, "--rm", "-q").wait(timeout=60) == code


def test_rm_serves_and_sigint_removes(fake: FakeDocker, tmp_path: Path) -> None:
    """`run --rm -p 8080` serves at the printed address; SIGINT removes it and exits 0."""
    proc = _start(fake, _app(tmp_path, SERVER), "--rm", "-p", "8080", "-q")
    try:
        with urllib.request.urlopen(_ready(proc), timeout=10) as reply:
            assert reply.read().startswith(b"fake-docker ")
        proc.send_signal(signal.SIGINT)
    finally:
        out, err = _finish(proc)
    assert proc.returncode == 0, err
    assert "removed " in out
    assert fake.client().containers(all=True) == []


def _host_port(engine: FakeDocker, container_port: int) -> int:
    (container,) = engine.client().containers()
    return container.host_port(container_port)


def test_waits_on_the_first_published_port(fake: FakeDocker, tmp_path: Path) -> None:
    """With `-p 9000 -p 8080` the ready address is 9000's, the first given, not the lowest."""
    proc = _start(fake, _app(tmp_path, SERVER), "-p", "9000", "-p", "8080", "-q")
    try:
        address = _ready(proc)
        assert address == f"http://localhost:{_host_port(fake, 9000)}/"
        proc.send_signal(signal.SIGINT)
    finally:
        _finish(proc)
    assert proc.returncode == 0


def test_ready_port_chooses_the_port(fake: FakeDocker, tmp_path: Path) -> None:
    """`--ready-port 8080` waits on 8080 though 9000 is given first."""
    flags = ("-p", "9000", "-p", "8080", "--ready-port", "8080", "-q")
    proc = _start(fake, _app(tmp_path, SERVER), *flags)
    try:
        assert _ready(proc) == f"http://localhost:{_host_port(fake, 8080)}/"
        proc.send_signal(signal.SIGINT)
    finally:
        _finish(proc)
    assert proc.returncode == 0


def test_ready_port_must_be_published(fake: FakeDocker, tmp_path: Path) -> None:
    """`--ready-port` of a port no -p publishes exits 2 naming it, before building anything."""
    out, err = _finish(_start(fake, _app(tmp_path, SERVER), "-p", "9000", "--ready-port", "7000"))
    assert "--ready-port 7000 is not published" in err
    assert "Step" not in out
    assert fake.client().images() == []


@pytest.mark.parametrize("group", [False, True], ids=["process", "process-group"])
def test_sighup_removes_the_container(fake: FakeDocker, tmp_path: Path, group: bool) -> None:
    """SIGHUP (a closed terminal, a lost ssh session) stops `run` and removes its container."""
    app = str(_app(tmp_path, SERVER))
    proc = subprocess.Popen(
        [sys.executable, "-m", "dockercli", "--binary", fake.binary, "run", app, "-p", "8080"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,  # as a terminal's session: the hangup reaches the group
    )
    try:
        _ready(proc)
        if group:
            os.killpg(proc.pid, signal.SIGHUP)
        else:
            proc.send_signal(signal.SIGHUP)
    finally:
        out, err = _finish(proc)
    assert "Traceback" not in err
    assert "removed " in out
    assert fake.client().containers(all=True) == []


def test_ctrl_c_during_the_build_prints_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT while the image builds: one line on stderr, no traceback, exit 130, nothing run."""
    # optional: the fake counts a fault as fired when its command ends, and this one is killed
    engine = FakeDocker(tmp_path / "fake", faults="cmd=build,action=slow,seconds=1,optional=1")
    _point_at(engine, tmp_path, monkeypatch)
    try:
        proc = _start(engine, _app(tmp_path, SERVER + "LABEL a=1\nLABEL b=2\n"), "-p", "8080")
        assert proc.stdout is not None
        proc.stdout.readline()  # the build has started
        proc.send_signal(signal.SIGINT)
        _, err = _finish(proc)
        assert "Traceback" not in err
        assert err.strip().splitlines() == ["dockercli: interrupted; the build was stopped"]
        assert proc.returncode == 130
        assert engine.client().containers(all=True) == []
    finally:
        _empty(engine)


def test_rm_start_failure_is_dockers_error(fake: FakeDocker, tmp_path: Path) -> None:
    """`run --rm` on a host port already taken fails with docker's error, exit 1, nothing left."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        flags = ("--rm", "-p", f"127.0.0.1:{port}:8080", "-q")
        out, err = _finish(_start(fake, _app(tmp_path, SERVER), *flags))
    assert err.startswith("dockercli: "), err
    assert str(port) in err
    assert "Traceback" not in err
    assert "ready: " not in out
    assert fake.client().containers(all=True) == []
