"""Helpers of the reaper tests: a client process (``contract/reaper_child.py``) started and
ended, what is on the engine under a name prefix, and ending the client's reapers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

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


CHILD = Path(__file__).parent / "contract" / "reaper_child.py"


def start_client(
    docker: Docker, image: str, prefix: str, *, reaper: bool = True, certs: str | None = None
) -> subprocess.Popen[str]:
    """``reaper_child.py`` as its own process, with ``docker``'s binary, host and
    environment (and a TLS engine's ``certs``), making its objects under ``prefix``."""
    spec: dict[str, object] = {"binary": docker.session.binary_path, "host": docker.options.host}
    spec.update(env=docker.env, image=image, prefix=prefix, reaper=reaper, certs=certs)
    root = str(Path(__file__).parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, str(CHILD), json.dumps(spec)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
    )


def wait_for(child: subprocess.Popen[str], word: str) -> None:
    """Read the client's next line, which must be ``word``."""
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == word, f"the client said {line!r} (exit {child.poll()}) before {word!r}"


def end_client(child: subprocess.Popen[str]) -> None:
    """Kill the client if it still runs, reap it and close its pipes."""
    if child.poll() is None:
        child.kill()
    child.wait()
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()


def gone_within(docker: Docker, prefixes: Sequence[str], bound: float) -> list[str]:
    """Wait up to ``bound`` seconds for nothing to be left under the prefixes; what is."""
    deadline = time.monotonic() + bound
    while all_named(docker, prefixes) and time.monotonic() < deadline:
        time.sleep(1)
    return all_named(docker, prefixes)
