"""Helpers of the reaper tests: what is on the engine under a name prefix, and ending the
reapers of a client process the test started."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence

from dockercli import Docker, reaper

KINDS = {"container": ("rm", "-f"), "network": ("network", "rm"), "volume": ("volume", "rm")}


def named(docker: Docker, prefixes: Sequence[str]) -> dict[str, list[str]]:
    """Names of the containers, networks and volumes whose names start with a prefix."""
    found = {
        "container": [c.name for c in docker.containers(all=True)],
        "network": [n.name for n in docker.networks()],
        "volume": docker.command("volume", "ls", "--quiet").stdout.split(),
    }
    return {k: sorted(n for n in v if n.startswith(tuple(prefixes))) for k, v in found.items()}


def all_named(docker: Docker, prefixes: Sequence[str]) -> list[str]:
    """The same names in one sorted list."""
    return sorted(n for names in named(docker, prefixes).values() for n in names)


def remove_named(docker: Docker, prefixes: Sequence[str]) -> None:
    """Remove what a failed test left under the prefixes (containers first)."""
    for kind, names in named(docker, prefixes).items():
        if names:
            docker.command(*KINDS[kind], *names, ok_codes=range(256))


def reapers_of(pids: Sequence[int]) -> list[int]:
    """The reapers running for these client processes."""
    return [pid for pid, parent, _ in reaper.alive() if parent in pids]


def end_reapers_of(pids: Sequence[int], wait: float = 0.0) -> None:
    """Give the clients' reapers ``wait`` seconds to end by themselves, then kill the rest."""
    deadline = time.monotonic() + wait
    while reapers_of(pids) and time.monotonic() < deadline:
        time.sleep(0.5)
    for pid in reapers_of(pids):
        os.kill(pid, signal.SIGKILL)
