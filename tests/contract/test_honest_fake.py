"""The fake and a real engine agree on container programs, stdin, terminals and networks.

Each scenario drives the raw CLI (as a user's shell would) against the fake and the engine;
where the fake cannot run a program it must fail too, never report a success (issue 13).
"""

from __future__ import annotations

import os
import subprocess
import uuid

from tests.contract.conftest import Backend


def _cli(
    backend: Backend, *args: str, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``docker ARGS`` of this backend; stdin is ``data`` (a pipe) or /dev/null."""
    argv = list(backend.docker.invocation(subcommand=args).argv)
    return subprocess.run(
        argv,
        input=data if data is not None else b"",
        capture_output=True,
        env={**os.environ, **backend.docker.env},
        timeout=120,
        check=False,
    )


def _name(prefix: str) -> str:
    return f"dcli-hf-{prefix}-{uuid.uuid4().hex[:8]}"


def test_pipes_and_ansi_quotes(backend: Backend, busybox_ref: str) -> None:
    """``echo a | tr a b`` prints ``b`` and ``$'x\\ty'`` a tab, on the fake as in busybox."""
    done = _cli(backend, "run", "--rm", busybox_ref, "sh", "-c", "echo a | tr a b; echo $'x\\ty'")
    assert (done.returncode, done.stdout) == (0, b"b\nx\ty\n")


def test_interactive_stdin(backend: Backend, busybox_ref: str) -> None:
    """``run -i img cat`` prints what is piped in; without ``-i`` the program reads nothing."""
    done = _cli(backend, "run", "--rm", "-i", busybox_ref, "cat", data=b"hi\n")
    assert (done.returncode, done.stdout) == (0, b"hi\n")
    done = _cli(backend, "run", "--rm", busybox_ref, "cat", data=b"hi\n")
    assert (done.returncode, done.stdout) == (0, b"")


def test_terminal_flags(backend: Backend, busybox_ref: str) -> None:
    """``-it`` without a terminal is refused (exit 1); ``-t`` merges the streams with CRLF."""
    done = _cli(backend, "run", "--rm", "-it", busybox_ref, "sh")
    assert (done.returncode, done.stderr) == (1, b"the input device is not a TTY\n")
    done = _cli(backend, "run", "--rm", "-t", busybox_ref, "sh", "-c", "echo x; echo y >&2")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"x\r\ny\r\n", b"")


def test_missing_network(backend: Backend, busybox_ref: str) -> None:
    """``--network no-such-net`` fails with the engine's error and 125; ``none`` exists."""
    done = _cli(backend, "run", "--rm", "--network", "no-such-net", busybox_ref, "true")
    assert done.returncode == 125
    assert b"Error response from daemon: network no-such-net not found" in done.stderr
    assert _cli(backend, "run", "--rm", "--network", "none", busybox_ref, "true").returncode == 0


def test_output_follows_the_clock(backend: Backend, busybox_ref: str) -> None:
    """A line comes only after the sleeps before it: killed during ``sleep 30``, none came."""
    name = _name("clock")
    try:
        script = "echo a; sleep 30 && echo dodo"
        assert (
            _cli(backend, "run", "-d", "--name", name, busybox_ref, "sh", "-c", script).returncode
            == 0
        )
        assert _cli(backend, "kill", name).returncode == 0
        assert _cli(backend, "wait", name).returncode == 0
        assert _cli(backend, "logs", name).stdout == b"a\n"
    finally:
        _cli(backend, "rm", "-f", name)
    done = _cli(backend, "run", "--rm", busybox_ref, "sh", "-c", "echo a; sleep 1; echo b")
    assert (done.returncode, done.stdout) == (0, b"a\nb\n")


def test_sleep_infinity_runs_until_stopped(backend: Backend, busybox_ref: str) -> None:
    """``sleep infinity`` with a published port runs, and every later command still works."""
    name = _name("inf")
    try:
        run = ("run", "-d", "--name", name, "-p", "127.0.0.1::90", busybox_ref, "sleep", "infinity")
        assert _cli(backend, *run).returncode == 0
        state = _cli(backend, "inspect", "--format", "{{.State.Running}}", name)
        assert state.stdout == b"true\n"
        assert name.encode() in _cli(backend, "ps", "--format", "{{.Names}}").stdout
    finally:
        assert _cli(backend, "rm", "-f", name).returncode == 0


def test_working_directory(backend: Backend, busybox_ref: str) -> None:
    """``pwd`` prints ``exec -w``'s directory, else the run's ``-w``."""
    name = _name("wd")
    try:
        run = ("run", "-d", "--name", name, "-w", "/bin", busybox_ref, "sleep", "300")
        assert _cli(backend, *run).returncode == 0
        assert _cli(backend, "exec", name, "pwd").stdout == b"/bin\n"
        assert _cli(backend, "exec", "-w", "/etc", name, "pwd").stdout == b"/etc\n"
        assert _cli(backend, "exec", "-i", name, "cat", data=b"in\n").stdout == b"in\n"
        assert _cli(backend, "exec", name, "./run-tests.sh").returncode != 0
    finally:
        _cli(backend, "rm", "-f", name)
    assert _cli(backend, "run", "--rm", "-w", "/work", busybox_ref, "pwd").stdout == b"/work\n"


def test_attached_unknown_program_is_not_a_success(backend: Backend, busybox_ref: str) -> None:
    """``run img ./run-tests.sh`` fails (the engine: not found; the fake: not modelled)."""
    done = _cli(backend, "run", "--rm", busybox_ref, "./run-tests.sh")
    assert done.returncode != 0
    assert done.stdout == b""
