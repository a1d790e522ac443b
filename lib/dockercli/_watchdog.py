"""The client's end of a reaper (:mod:`dockercli.reaper`): the watchdog process it starts,
the pipe it keeps open, and the label it puts on what it makes."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Protocol

from dockercli._session import SESSION_ID, tracker

if TYPE_CHECKING:
    import subprocess

    from dockercli.options import ClientOptions


class _Settings(Protocol):
    """What the watchdog copies from its client's session."""

    @property
    def options(self) -> ClientOptions: ...

    @property
    def env(self) -> Mapping[str, str]: ...

    @property
    def binary_path(self) -> str: ...


GRACE = 2.0
"""Seconds from the client's death to the first sweep, and between sweeps."""
SETTLE = 10.0
"""Seconds after the client's death before a sweep that finds nothing ends the watch."""
FAREWELL = b"bye\n"
_numbers = itertools.count(1)


class Watchdog:
    """The client's end of one reaper: the pipe it keeps open, and its label.

    Attributes:
        label: The ``dockercli.reaper`` value on what the client makes.
        pid: The watchdog's process ID.
    """

    def __init__(self, session: _Settings, *, grace: float = GRACE, settle: float = SETTLE) -> None:
        from dockercli import runner  # noqa: PLC0415 - loaded on first use

        self.label = f"{SESSION_ID}.{next(_numbers)}"
        self._owner = os.getpid()
        argv = [sys.executable, "-m", "dockercli.reaper", "--parent", str(os.getpid())]
        argv += ["--label", self.label]
        self._proc: subprocess.Popen[bytes] | None = runner.start_watchdog(
            argv, env=_child_env(session.env)
        )
        self.pid = self._proc.pid
        self._send(_settings(session, self.label, grace, settle))
        tracker.after_removal(self.farewell)
        os.register_at_fork(after_in_child=self._forget)

    def __repr__(self) -> str:
        return f"Watchdog(label={self.label!r}, pid={self.pid})"

    def _send(self, data: bytes) -> None:
        pipe: IO[bytes] | None = self._proc.stdin if self._proc else None
        if pipe is None:
            return
        try:
            pipe.write(data)
            pipe.flush()
        except OSError:  # it is gone (killed by hand): nothing watches any more
            self._proc = None

    def farewell(self) -> None:
        """Tell the watchdog its client is done (it exits removing nothing), and reap it."""
        proc, self._proc = self._proc, None
        if proc is None or os.getpid() != self._owner:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.write(FAREWELL)
                proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=5)
        except Exception:
            proc.kill()

    @property
    def alive(self) -> bool:
        """True while the watchdog runs and its client has not said goodbye."""
        return self._proc is not None and self._proc.poll() is None

    def _forget(self) -> None:
        # A forked child holds a copy of the pipe: closing it there keeps the parent's
        # death visible, and the child's exit says no goodbye for the parent.
        proc, self._proc = self._proc, None
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                os.close(proc.stdin.fileno())


def _child_env(extra: Mapping[str, str]) -> dict[str, str]:
    """The client's environment for the watchdog, with this dockercli importable."""
    env = {**os.environ, **extra}
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env


def _settings(session: _Settings, label: str, grace: float, settle: float) -> bytes:
    """One JSON line: the label, the timings and the client's CLI settings (no secrets:
    those stay in the environment the watchdog inherits)."""
    opts = session.options
    tls = opts.tls
    settings = {
        "label": label,
        "grace": grace,
        "settle": settle,
        "binary": session.binary_path,
        "host": opts.host,
        "context": opts.context,
        "config": opts.config,
        "tls": None
        if tls is None
        else {
            "enabled": tls.enabled,
            "ca_cert": tls.ca_cert,
            "cert": tls.cert,
            "key": tls.key,
            "verify": tls.verify,
        },
    }
    return (json.dumps(settings) + "\n").encode()
