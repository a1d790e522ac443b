"""A private dockerd for tests and ``make engine``: its own data root, exec root, socket.

Published ports bind 127.0.0.1 only (``--ip``). A second engine (for TLS tests) must use
its own bridge; never pass ``--bridge none`` or ``--bip``: the first deletes and the
second rewrites the default ``docker0`` that another engine on the host may be using.

    python -m dockercli.testing.engine start [--root DIR]   # idempotent; prints DOCKER_HOST
    python -m dockercli.testing.engine stop  [--root DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from dockercli import runner
from dockercli.errors import DockerError
from dockercli.testing._proc import is_running

DEFAULT_ROOT = Path("/tmp/dockercli-engine")  # noqa: S108 - root-only, short: socket paths are capped
_START_TIMEOUT = 60.0
_STOP_TIMEOUT = 20.0


@attrs.frozen
class Engine:
    """A dockerd this process (or an earlier ``make engine``) started.

    Attributes:
        root: Directory holding its socket, pidfile, data and exec roots, and log.
        host: The ``DOCKER_HOST`` value that reaches it.
    """

    root: Path

    @property
    def host(self) -> str:
        """The ``DOCKER_HOST`` URL of this engine."""
        return f"unix://{self.root}/docker.sock"

    @property
    def pidfile(self) -> Path:
        """dockerd's pidfile."""
        return self.root / "docker.pid"

    @property
    def log(self) -> Path:
        """dockerd's log file."""
        return self.root / "dockerd.log"

    def pid(self) -> int | None:
        """dockerd's pid while it runs, else None."""
        try:
            pid = int(self.pidfile.read_text().strip())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid


def answers(host: str, binary: str = "docker", timeout: float = 10.0) -> bool:
    """True when ``docker version`` reaches a server at ``host``."""
    try:
        path = runner.resolve(binary)
        runner.run(
            [path, f"--host={host}", "version", "--format={{.Server.Version}}"],
            timeout=timeout,
        )
    except DockerError:
        return False
    return True


def can_start() -> bool:
    """True when this process may start a dockerd (root, dockerd on PATH)."""
    return os.geteuid() == 0 and shutil.which("dockerd") is not None


def start(
    root: Path = DEFAULT_ROOT,
    *,
    extra_args: Sequence[str] = (),
    binary: str = "docker",
) -> Engine:
    """Start a private dockerd under ``root`` (or return the one already running there)."""
    engine = Engine(root)
    if engine.pid() is not None and answers(engine.host, binary):
        return engine
    root.mkdir(parents=True, exist_ok=True)
    argv = [
        runner.resolve("dockerd"),
        f"--data-root={root}/data",
        f"--exec-root={root}/exec",
        f"--host={engine.host}",
        f"--pidfile={engine.pidfile}",
        "--ip=127.0.0.1",
        *extra_args,
    ]
    proc = runner.start_daemon(argv, log_path=str(engine.log))
    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        if answers(engine.host, binary, timeout=5.0):
            return engine
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    tail = engine.log.read_text(errors="replace")[-2000:] if engine.log.exists() else ""
    raise RuntimeError(f"dockerd under {root} did not come up; its log ends:\n{tail}")


def stop(engine: Engine) -> None:
    """Stop the engine: SIGTERM, then SIGKILL after a grace period; keeps the data root."""
    pid = engine.pid()
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_TIMEOUT
    while time.monotonic() < deadline:
        if _exited(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    _exited(pid)


def _exited(pid: int) -> bool:
    """True once ``pid`` has exited; reaps it when it is our child (an unreaped exited
    child still answers ``kill(pid, 0)``, which made every stop wait its full grace)."""
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    return not is_running(pid)  # a zombie whose parent is someone else has exited too


def remove(engine: Engine) -> None:
    """Stop the engine and delete its root (mounts under it are unmounted by dockerd)."""
    stop(engine)
    shutil.rmtree(engine.root, ignore_errors=True)


@contextlib.contextmanager
def own_bridge(name: str, address: str) -> Iterator[str]:
    """A Linux bridge for a second engine (``--bridge=NAME``), deleted afterwards.

    A second dockerd must not share ``docker0`` with the first, and must not be given
    ``--bridge=none`` (which deletes docker0) or ``--bip`` (which rewrites it).
    """
    ip = runner.resolve("ip")
    runner.run([ip, "link", "del", name], timeout=30, ok_codes=range(256))
    runner.run([ip, "link", "add", name, "type", "bridge"], timeout=30)
    try:
        runner.run([ip, "addr", "add", address, "dev", name], timeout=30)
        runner.run([ip, "link", "set", name, "up"], timeout=30)
        yield name
    finally:
        runner.run([ip, "link", "del", name], timeout=30, ok_codes=range(256))


def main(argv: Sequence[str] | None = None) -> int:
    """``start`` / ``stop`` / ``status`` for ``make engine``."""
    parser = argparse.ArgumentParser(prog="python -m dockercli.testing.engine")
    parser.add_argument("action", choices=("start", "stop", "status"))
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args(argv)
    engine = Engine(args.root)
    if args.action == "stop":
        stop(engine)
        print(f"stopped the engine under {engine.root}")
        return 0
    if args.action == "status":
        up = engine.pid() is not None and answers(engine.host)
        print(f"{'running' if up else 'not running'}: DOCKER_HOST={engine.host}")
        return 0 if up else 1
    if not can_start() and engine.pid() is None:
        print("cannot start dockerd: run as root with docker.io installed", file=sys.stderr)
        return 1
    engine = start(engine.root)
    print(f"export DOCKER_HOST={engine.host}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
