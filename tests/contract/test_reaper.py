"""The reaper: what a killed client made goes, on the fake and on the engine; nothing else does."""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

from dockercli import Docker, InvalidOptionError, RunOptions
from dockercli.reaper import Watchdog
from tests.contract.conftest import Backend
from tests.reaping import (
    all_named,
    end_client,
    end_reapers_of,
    gone_within,
    reapers_of,
    remove_named,
    start_client,
    wait_for,
)

CLIENTS = 20  # half killed with SIGKILL, half with SIGTERM
WAIT = 120.0  # the bound on a sweep under CI's load (grace 2 s, settle 10 s, each sweep ~1 s)


def _start(
    backend: Backend, image: str, prefix: str, *, reaper: bool = True
) -> subprocess.Popen[str]:
    return start_client(backend.docker, image, prefix, reaper=reaper)


def _alive(watchdog: Watchdog) -> bool:
    return watchdog.alive  # (a call mypy does not narrow across)


@pytest.fixture
def children(backend: Backend) -> Iterator[list[subprocess.Popen[str]]]:
    """Client processes a test starts: ended, with their reapers, and their leftovers removed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        end_client(child)
    end_reapers_of([c.pid for c in started], wait=WAIT)
    remove_named(backend.docker, ["dcli-reap-"])  # what a failed test left


def test_killed_clients_leave_nothing_and_the_rest_stays(
    backend: Backend, busybox_ref: str, children: list[subprocess.Popen[str]]
) -> None:
    """Twenty clients killed mid-flight (10 SIGKILL, 10 SIGTERM) leave no container, network
    or volume, with no cleanup call; a live client's and the user's objects stay."""
    docker = backend.docker
    mine = "dcli-reap-user-"
    docker.command("network", "create", f"{mine}net")
    docker.command("volume", "create", f"{mine}vol")
    docker.command("create", "--name", f"{mine}c", busybox_ref, "sleep", "300")
    try:
        live = _start(backend, busybox_ref, "dcli-reap-live-")
        children.append(live)
        prefixes = [f"dcli-reap-k{i}-" for i in range(CLIENTS)]
        killed = [_start(backend, busybox_ref, p) for p in prefixes]
        children.extend(killed)
        wait_for(live, "ready")
        wait_for(live, "done")
        for i, child in enumerate(killed):
            wait_for(child, "ready")  # then killed while it makes its next container
            child.send_signal(signal.SIGKILL if i % 2 else signal.SIGTERM)
        for child in killed:
            child.wait()
        assert gone_within(docker, prefixes, WAIT) == []
        live_objects = all_named(docker, ["dcli-reap-live-"])
        assert len(live_objects) == 2 + 1 + 3, live_objects  # network, volume, 4 containers
        assert all_named(docker, [mine]) == [f"{mine}c", f"{mine}net", f"{mine}vol"]
    finally:
        docker.command("rm", "-f", f"{mine}c", ok_codes=range(256))
        docker.command("network", "rm", f"{mine}net", ok_codes=range(256))
        docker.command("volume", "rm", f"{mine}vol", ok_codes=range(256))


def test_a_client_that_exits_normally_sends_its_reaper_away(
    backend: Backend, busybox_ref: str, children: list[subprocess.Popen[str]]
) -> None:
    """A client's normal exit removes what it made itself, and its reaper exits with it."""
    child = _start(backend, busybox_ref, "dcli-reap-bye-")
    children.append(child)
    wait_for(child, "ready")
    wait_for(child, "done")
    assert reapers_of([child.pid]) != []
    assert child.stdin is not None
    child.stdin.write("quit\n")
    child.stdin.flush()
    assert child.wait(timeout=60) == 0
    assert all_named(backend.docker, ["dcli-reap-bye-"]) == []
    deadline = time.monotonic() + 10
    while reapers_of([child.pid]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert reapers_of([child.pid]) == []


def test_a_dropped_client_still_removes_its_objects_at_exit(
    backend: Backend, busybox_ref: str, children: list[subprocess.Popen[str]]
) -> None:
    """A client dropped before the process exits (a function's local) still has what it made
    removed at exit, with no reaper."""
    child = _start(backend, busybox_ref, "dcli-reap-drop-", reaper=False)
    children.append(child)
    wait_for(child, "ready")
    wait_for(child, "done")
    assert child.stdin is not None
    child.stdin.write("quit\n")
    child.stdin.flush()
    assert child.wait(timeout=60) == 0
    assert all_named(backend.docker, ["dcli-reap-drop-"]) == []


def test_stop_reaper_ends_the_watchdog_and_removes_nothing(
    backend: Backend, busybox_ref: str
) -> None:
    """``stop_reaper()`` ends the watchdog at once; what the client made is still its own."""
    docker = Docker(
        binary=backend.docker.session.binary_path,
        host=backend.docker.options.host,
        env=backend.docker.env,
        reaper=True,
    )
    box = docker.create(RunOptions(image=busybox_ref, command=("sleep", "300")))
    try:
        watchdog = docker.session.watchdog
        assert watchdog is not None
        assert watchdog.alive
        docker.stop_reaper()
        assert not _alive(watchdog)
        assert box.inspect().status == "created"
    finally:
        box.remove(force=True)


def test_a_client_without_a_reaper_starts_none(
    backend: Backend, busybox_ref: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain client starts no watchdog and labels nothing for one; DOCKERCLI_REAPER=1
    turns one on."""
    monkeypatch.delenv("DOCKERCLI_REAPER", raising=False)
    box = backend.docker.create(RunOptions(image=busybox_ref, command=("true",)))
    try:
        assert backend.docker.session.watchdog is None
        assert "dockercli.reaper" not in box.inspect().labels
    finally:
        box.remove(force=True)
    monkeypatch.setenv("DOCKERCLI_REAPER", "1")
    assert Docker(binary=backend.docker.session.binary_path).session.reaper


def test_a_reaper_and_remove_at_exit_off_are_refused() -> None:
    """``reaper=True`` with ``remove_at_exit=False`` is refused: each undoes the other."""
    with pytest.raises(InvalidOptionError, match="choose one"):
        Docker(reaper=True, remove_at_exit=False)


def test_doctor_lists_the_reapers_alive(fake_docker: Docker) -> None:
    """``doctor`` names each running reaper and whether its client is alive."""
    from dockercli.doctor import diagnose

    fake_docker.create_volume()
    watchdog = fake_docker.session.watchdog
    assert watchdog is not None
    line = next(c for c in diagnose(fake_docker) if c.name == "reapers").line()
    assert f"pid {watchdog.pid} for client {os.getpid()} (alive)" in line
    fake_docker.stop_reaper()
    line = next(c for c in diagnose(fake_docker) if c.name == "reapers").line()
    assert f"pid {watchdog.pid}" not in line


def test_a_forked_child_neither_removes_nor_says_goodbye(fake_docker: Docker) -> None:
    """A child forked from a client exits normally without removing its parent's objects
    and without sending the parent's reaper away."""
    volume = fake_docker.create_volume()
    watchdog = fake_docker.session.watchdog
    assert watchdog is not None
    pid = os.fork()
    if pid == 0:  # the child: what a normal exit runs, the inherited exit hooks, then out
        try:
            atexit._run_exitfuncs()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert _alive(watchdog)
    assert volume.inspect().name == volume.name
