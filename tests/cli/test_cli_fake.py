"""The command line against the fake docker: doctor, cleanup and run, as on an engine."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, RunOptions
from dockercli.cli import main
from dockercli.fake.__main__ import install
from dockercli.testing.fake import DIALECTS, FakeDocker

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hello"


@pytest.fixture
def fake(fake_docker_engine: FakeDocker) -> Iterator[FakeDocker]:
    """The plugin's fake engine: ``main([...])`` and child processes both reach it."""
    yield fake_docker_engine
    fake_docker_engine.client().remove_tracked()


def test_the_fake_fixture_ignores_the_callers_endpoint(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """With DOCKER_HOST pointing at a remote engine, the fake fixture's ports are on localhost."""
    monkeypatch.setenv("DOCKER_HOST", "tcp://remote.example:2376")
    monkeypatch.setenv("DOCKER_CONTEXT", "remote")
    fake: FakeDocker = request.getfixturevalue("fake_docker_engine")
    assert "DOCKER_HOST" not in os.environ
    assert "DOCKER_CONTEXT" not in os.environ
    assert fake.client().published_host == "localhost"


def test_doctor_on_the_fake_says_it_is_the_fake(
    fake: FakeDocker, capsys: pytest.CaptureFixture[str]
) -> None:
    """doctor against the fake names it, claims no engine, and still checks ports; exits 0."""
    assert main(["--binary", fake.binary, "doctor"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert f"OK   binary: {fake.binary} (fake docker 28.2.2)" in out
    assert (
        f"OK   fake: this is dockercli's fake docker (fakes/docker at {fake.binary}), "
        "not an engine; no socket is checked\n"
    ) in out
    assert "engine:" not in out
    assert "OK   published ports: reached at localhost" in out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_doctor_finds_the_fake_first_on_path(
    dialect: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the fake first on PATH and no engine socket, doctor reports the fake, not an engine."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    for key in ("DOCKER_HOST", "DOCKER_CONTEXT", "CONTAINER_HOST", "DOCKERCLI_BINARY"):
        monkeypatch.delenv(key, raising=False)
    for key, value in fake.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    monkeypatch.setenv("PATH", f"{fake.bin_dir}{os.pathsep}{os.environ['PATH']}")
    try:
        assert main(["doctor"]) == 0
    finally:
        fake.close()
    out = capsys.readouterr().out
    assert "this is dockercli's fake docker" in out
    assert "not an engine; no socket is checked" in out
    assert "engine:" not in out


def test_doctor_on_the_fake_playing_a_dead_daemon(
    fake: FakeDocker, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under the ``down`` fault doctor fails the fake's line and names FAKE_DOCKER_FAULTS."""
    monkeypatch.setenv("FAKE_DOCKER_FAULTS", "down")
    assert main(["--binary", fake.binary, "doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL fake: this is dockercli's fake docker" in out
    assert "it plays an unreachable daemon" in out
    assert "-> a FAKE_DOCKER_FAULTS rule asks it to: unset FAKE_DOCKER_FAULTS" in out
    assert "engine" not in out.replace("not an engine", "")


def test_cleanup_on_the_fake_lists_then_removes(
    fake: FakeDocker, capsys: pytest.CaptureFixture[str]
) -> None:
    """cleanup --dry-run lists the stopped match; the real run removes it and keeps the other."""
    docker = fake.client(remove_at_exit=False)
    context = fake.root / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["true"]\n')
    docker.build(BuildOptions(context=str(context), tags=["cli-fake:1"]))
    done = docker.run(RunOptions(image="cli-fake:1", name="clif-done"))
    done.wait()
    other = docker.run(RunOptions(image="cli-fake:1", name="other-done"))
    other.wait()
    common = ["--binary", fake.binary, "cleanup", "--prefix", "clif-", "--no-images"]
    assert main([*common, "--dry-run"]) == 0
    assert f"would remove  container  {done.id[:12]}  clif-done" in capsys.readouterr().out
    assert main(common) == 0
    assert f"removed  container  {done.id[:12]}" in capsys.readouterr().out
    assert [c.name for c in docker.containers(all=True)] == ["other-done"]
    other.remove()


def test_run_on_the_fake_serves_and_removes_on_sigint(fake: FakeDocker, tmp_path: Path) -> None:
    """`run DIR -p 8080` on the fake prints a ready address that answers, and removes on SIGINT."""
    _serve_then_interrupt(fake, _start_run(fake, tmp_path))


def test_run_removes_on_sigint_even_when_started_with_sigint_ignored(
    fake: FakeDocker, tmp_path: Path
) -> None:
    """Started as `cmd &` by a non-interactive shell (SIGINT ignored), SIGINT still stops it.

    An ignored disposition survives fork and exec, and Python then installs no SIGINT
    handler: without its own, `run` kept following logs and never removed the container.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # what the child inherits
    try:
        proc = _start_run(fake, tmp_path)
    finally:
        signal.signal(signal.SIGINT, previous)
    _serve_then_interrupt(fake, proc)


def _start_run(fake: FakeDocker, tmp_path: Path) -> subprocess.Popen[str]:
    app = tmp_path / "hello"
    app.mkdir()
    for name in ("Dockerfile", "index.html"):
        (app / name).write_text((EXAMPLE / name).read_text())
    (app / "busybox").write_text("")  # the fake never executes it
    return subprocess.Popen(
        [sys.executable, "-m", "dockercli", "--binary", fake.binary, "run", str(app), "-p", "8080"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ.copy(),
    )


def _serve_then_interrupt(fake: FakeDocker, proc: subprocess.Popen[str]) -> None:
    try:
        assert proc.stdout is not None
        address = next(
            (line.split(" ", 1)[1].strip() for line in proc.stdout if line.startswith("ready: ")),
            None,
        )
        assert address is not None
        assert address.startswith("http://localhost:")
        with urllib.request.urlopen(address, timeout=10) as reply:
            assert reply.read().startswith(b"fake-docker ")
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[0]
        assert proc.returncode == 0
        assert "removed " in rest
        assert fake.client().containers(all=True) == []
    finally:
        if proc.poll() is None:  # hung: SIGKILL skips its cleanup, so remove what it started
            proc.kill()
            proc.wait()
            for container in fake.client().containers(all=True):
                container.remove(force=True)  # which also ends its `logs --follow` child


@contextlib.contextmanager
def _podman_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[str]:
    """The fake in its podman dialect, installed under ``name``; its environment is set."""
    fake = FakeDocker(tmp_path / "fake", dialect="podman")
    for key, value in fake.env().items():
        monkeypatch.setenv(key, value)
    for key in ("DOCKER_HOST", "DOCKER_CONTEXT", "CONTAINER_HOST", "DOCKERCLI_HOST"):
        monkeypatch.delenv(key, raising=False)
    try:
        yield install(str(tmp_path / "named"), name=name)
    finally:
        fake.close()


def test_doctor_shows_podmans_own_endpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """For a podman binary doctor names CONTAINER_HOST as the endpoint and its host for ports."""
    with _podman_named(tmp_path, monkeypatch, "podman") as podman:
        monkeypatch.setenv("CONTAINER_HOST", "tcp://vm.example.com:8888")
        monkeypatch.setenv("DOCKER_HOST", "tcp://docker.example.com:2376")
        assert main(["--binary", podman, "doctor"]) == 0
        out = capsys.readouterr().out
        assert "OK   endpoint: tcp://vm.example.com:8888 (from CONTAINER_HOST)" in out
        assert "OK   published ports: reached at vm.example.com" in out


def test_doctor_flags_podman_behind_a_docker_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """podman named ``docker`` under a remote DOCKER_HOST fails the ports check, naming the fix."""
    with _podman_named(tmp_path, monkeypatch, "docker") as wrapper:
        monkeypatch.setenv("DOCKER_HOST", "tcp://docker.example.com:2376")
        assert main(["--binary", wrapper, "doctor"]) == 1
        out = capsys.readouterr().out
        assert "FAIL published ports:" in out
        assert "-> set DOCKERCLI_HOST=localhost" in out
