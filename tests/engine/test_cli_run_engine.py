"""``dockercli run`` on a real engine, with each docker client: --rm, the port, SIGHUP."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import Docker

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hello"
# The example's server, serving on 8080 and 9000, so the port waited on can be told apart.
TWO_PORTS = (
    "FROM scratch\nCOPY busybox /bin/busybox\n"
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]\nCOPY index.html /www/index.html\n'
    'CMD ["sh", "-c", "httpd -p 9000 -h /www; exec httpd -f -v -p 8080 -h /www"]\n'
)


@pytest.fixture
def app(tmp_path: Path, engine_host: str, client_path: str) -> Iterator[tuple[Path, str]]:
    """The hello example with busybox copied in, and the tag its image gets (removed after)."""
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copytree(EXAMPLE, tmp_path / "app")
    shutil.copy(busybox, tmp_path / "app" / "busybox")
    tag = f"dcli-test/cli-run-{os.getpid()}:1"
    docker = Docker(binary=client_path, host=engine_host)
    before = {c.id for c in docker.containers(all=True)}
    yield tmp_path / "app", tag
    leftovers = [c for c in docker.containers(all=True) if c.id not in before]
    for container in leftovers:
        container.remove(force=True, missing_ok=True)
    docker.remove_image(tag, force=True)
    assert leftovers == [], "dockercli run left containers behind"


def _run(
    engine_host: str, client_path: str, app: Path, tag: str, *flags: str
) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "dockercli", "--binary", client_path, "-H", engine_host]
    return subprocess.Popen(
        [*argv, "run", str(app), "-q", "-t", tag, *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ready(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready: "):
            return line.split(" ", 1)[1].strip()
    pytest.fail("run never printed a ready line")


def _finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("code", [0, 3])
def test_rm_exits_with_the_containers_status(
    engine_host: str, client_path: str, app: tuple[Path, str], code: int
) -> None:
    """`run --rm` of a container that exits by itself prints its output, exits with its code."""
    path, tag = app
    dockerfile = (path / "Dockerfile").read_text().rsplit("CMD", 1)[0]
    (path / "Dockerfile").write_text(dockerfile + f'CMD ["sh", "-c", "echo hi; exit {code}"]\n')
    proc = _run(engine_host, client_path, path, tag, "--rm")
    out, err = _finish(proc)
    assert proc.returncode == code, err
    assert "No such container" not in err
    assert "| hi" in out


def test_rm_serves_then_sigint_removes(
    engine_host: str, client_path: str, app: tuple[Path, str]
) -> None:
    """`run --rm -p 8080` serves the page at the ready address; SIGINT removes it, exit 0."""
    proc = _run(engine_host, client_path, *app, "--rm", "-p", "8080")
    try:
        with urllib.request.urlopen(_ready(proc), timeout=10) as reply:
            assert b"hello from dockercli" in reply.read()
        proc.send_signal(signal.SIGINT)
    finally:
        out, err = _finish(proc)
    assert proc.returncode == 0, err
    assert "removed " in out


@pytest.mark.parametrize(
    ("flags", "waited"),
    [
        (("-p", "9000", "-p", "8080"), 9000),
        (("-p", "9000", "-p", "8080", "--ready-port", "8080"), 8080),
    ],
    ids=["first-given", "ready-port"],
)
def test_waits_on_the_port_asked_for(
    engine_host: str,
    client_path: str,
    app: tuple[Path, str],
    flags: tuple[str, ...],
    waited: int,
) -> None:
    """The ready address is the first -p given (9000 before 8080), or --ready-port's."""
    path, tag = app
    (path / "Dockerfile").write_text(TWO_PORTS)
    proc = _run(engine_host, client_path, path, tag, *flags)
    try:
        address = _ready(proc)
        docker = Docker(binary=client_path, host=engine_host)
        (container,) = docker.containers(filters={"ancestor": tag})
        assert address == f"http://localhost:{container.host_port(waited)}/"
        proc.send_signal(signal.SIGINT)
    finally:
        _finish(proc)
    assert proc.returncode == 0


def test_sighup_removes_the_container(
    engine_host: str, client_path: str, app: tuple[Path, str]
) -> None:
    """SIGHUP (the terminal closed) stops `run` and removes its container, as SIGINT does."""
    proc = _run(engine_host, client_path, *app, "-p", "8080")
    try:
        _ready(proc)
        proc.send_signal(signal.SIGHUP)
    finally:
        out, err = _finish(proc)
    assert "Traceback" not in err
    assert "removed " in out


def test_ctrl_c_during_the_build_prints_one_line(
    engine_host: str, client_path: str, app: tuple[Path, str]
) -> None:
    """SIGINT while a step runs: one line on stderr, no traceback, exit 130, no container left."""
    path, tag = app
    dockerfile = (path / "Dockerfile").read_text()
    (path / "Dockerfile").write_text(
        dockerfile.replace("COPY index.html", "RUN sleep 30\nCOPY index.html")
    )
    argv = [sys.executable, "-m", "dockercli", "--binary", client_path, "-H", engine_host]
    proc = subprocess.Popen(
        [*argv, "run", str(path), "-t", tag, "-p", "8080"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        step = next(line for line in proc.stdout if line.startswith(" ---> Running in "))
        proc.send_signal(signal.SIGINT)
    finally:
        _, err = _finish(proc)
    assert err.strip().splitlines()[-1:] == ["dockercli: interrupted; the build was stopped"]
    assert "Traceback" not in err
    assert proc.returncode == 130
    # The daemon cancels the build and removes its step's container on its own, soon after.
    docker = Docker(binary=client_path, host=engine_host)
    deadline = time.monotonic() + 60
    while docker.inspect_containers([step.split()[-1]], missing_ok=True):
        assert time.monotonic() < deadline, f"the build's container stayed: {step}"
        time.sleep(0.5)
