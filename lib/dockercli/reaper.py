"""The reaper: a watchdog process that removes what a killed client made.

A process killed with SIGKILL, or with SIGTERM (which skips ``atexit``: a cancelled CI
job, pytest-timeout), runs no exit hook, so its containers would run on. A client made
with ``Docker(reaper=True)`` starts one watchdog (``python -m dockercli.reaper``) the
first time it creates a container, network or volume, and labels each such object
``dockercli.reaper=<its ID>``. The watchdog needs no image and no socket mount: it is a
local process that runs the same docker CLI with the same settings (binary, host,
context, TLS, config, environment), so it works for remote engines and podman alike.

How it knows: its stdin is a pipe whose write end only the client holds. The client
writes one line of settings and then nothing until it exits normally, after its own
cleanup, when it writes ``bye``. An end of file without ``bye`` means the client died
however it died; the watchdog then waits ``grace`` seconds (a ``docker run`` the client
started may still be creating its container) and removes every container, network and
volume carrying its label, and only those, through :meth:`Docker.cleanup` (so the
ownership rule holds). It sweeps again every ``grace`` seconds until a sweep finds
nothing and ``settle`` seconds have passed since the client died, then exits. Images
are left (the build cache); so is anything made by a client without a reaper.

It runs in its own session, so the signals that reach the client's process group
(Ctrl-C, a closed terminal) do not reach it, and it ignores SIGINT and SIGHUP.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any

from dockercli._session import REAPER_LABEL
from dockercli._watchdog import FAREWELL, GRACE, SETTLE, Watchdog

_LONGEST = 300.0  # a watchdog that keeps finding objects still stops after this long


def main(argv: Sequence[str] | None = None) -> int:
    """Read the settings, wait for the pipe to close, and reap unless told goodbye."""
    del argv  # --parent and --label are for ps and doctor; the pipe carries the rest
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    stdin = sys.stdin.buffer
    first = stdin.readline()
    if not first:
        return 0  # the client died before it said anything: it made nothing yet
    settings = json.loads(first)
    for line in stdin:
        if line == FAREWELL:
            return 0
    died = time.monotonic()
    reap(settings, died)
    return 0


def reap(settings: Mapping[str, Any], died: float) -> int:
    """Sweep the label's objects until one sweep finds nothing after ``settle``; how many
    objects were removed."""
    docker = _client(settings)
    grace, settle = float(settings["grace"]), float(settings["settle"])
    label = {REAPER_LABEL: str(settings["label"])}
    removed = 0
    while True:
        time.sleep(grace)
        try:
            report = docker.cleanup(labels=label, running=True, images=False)
        except Exception as error:
            print(f"dockercli reaper: sweep failed: {error}", file=sys.stderr)
            found = 1
        else:
            # (a network or volume someone else's container still uses is left, not found)
            found = len(report.containers) + len(report.networks) + len(report.volumes)
            removed += found
        since = time.monotonic() - died
        if (not found and since >= settle) or since >= _LONGEST:
            return removed


def _client(settings: Mapping[str, Any]) -> Any:
    from dockercli.docker import Docker  # noqa: PLC0415 - the watchdog's own imports
    from dockercli.specs import TLSConfig  # noqa: PLC0415

    tls = settings.get("tls")
    return Docker(
        binary=settings["binary"],
        host=settings.get("host"),
        context=settings.get("context"),
        config=settings.get("config"),
        tls=TLSConfig(**tls) if tls else None,
        timeout=60,
        remove_at_exit=False,
    )


def alive() -> list[tuple[int, int, str]]:
    """``(pid, client pid, label)`` of every reaper running on this machine (Linux's
    ``/proc``; empty elsewhere)."""
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                words = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "dockercli.reaper" in words and "--parent" in words and "--label" in words:
            try:
                parent = int(words[words.index("--parent") + 1])
            except (IndexError, ValueError):
                continue
            found.append((int(entry), parent, words[words.index("--label") + 1]))
    return sorted(found)


__all__ = ["GRACE", "SETTLE", "Watchdog", "alive", "main", "reap"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
