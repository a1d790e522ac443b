"""Child process of the streaming row: follow one container's logs with dockercli.

    python bench/stream_child.py CONTAINER_ID EXPECTED_BYTES

Prints one JSON object: bytes and lines seen, seconds spent iterating, RSS (MB) before
streaming and at every tenth of the expected bytes, and this process's peak RSS both as
``ru_maxrss`` and as the kernel's ``VmHWM``.

Start it through a shell that forks it (``sh -c '"$@"; exit $?' sh python ...``): on Linux
``ru_maxrss`` survives ``exec`` and so would report the RSS of a large parent that
spawned this process directly; a fork from a small shell starts it afresh.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from dockercli import Container, Docker

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """This process's resident set size now, in MB (10**6 bytes)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * _PAGE / 1e6


def hwm_mb() -> float:
    """This process's peak resident set size (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return 0.0


def main(argv: list[str]) -> int:
    """Follow the logs to the end and print what was measured."""
    container = Container(Docker(remove_at_exit=False), argv[1])
    expected = int(argv[2])
    marks = [expected * tenth // 10 for tenth in range(1, 11)]
    samples: list[tuple[int, float]] = []
    seen = lines = 0
    before = rss_mb()
    started = time.perf_counter()
    for line in container.follow_logs():
        seen += len(line) + 1
        lines += 1
        if marks and seen >= marks[0]:
            marks.pop(0)
            samples.append((100 * seen // expected, rss_mb()))
    seconds = time.perf_counter() - started
    report = {
        "bytes": seen,
        "lines": lines,
        "seconds": seconds,
        "rss_before_mb": before,
        "samples": samples,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
        "hwm_mb": hwm_mb(),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
