"""Build progress for people: one live line on a terminal, plain lines otherwise."""

from __future__ import annotations

import re
import shutil
import time
from typing import TextIO

_LEGACY_STEP = re.compile(r"^Step (\d+)/(\d+) ?: ?(.*)")
_BUILDKIT_STEP = re.compile(r"^#(\d+) (\[[^\]]+\] .*)")
_PODMAN_STEP = re.compile(r"^STEP (\d+)/(\d+): (.*)")


def step_of(line: str) -> str | None:
    """The step a build output line announces ("Step 2/5: RUN ...", "#4 [2/3] RUN ..."), if any."""
    match = _LEGACY_STEP.match(line) or _PODMAN_STEP.match(line)
    if match:
        return f"Step {match[1]}/{match[2]}: {match[3]}"
    match = _BUILDKIT_STEP.match(line)
    if match:
        return f"#{match[1]} {match[2]}"
    return None


class Progress:
    """An ``on_line`` callback for :meth:`Docker.build`.

    On a terminal it redraws one line: elapsed time and the current step. Elsewhere it
    prints every line as it comes. ``quiet`` prints nothing.
    """

    def __init__(self, out: TextIO, *, tty: bool | None = None, quiet: bool = False) -> None:
        self._out = out
        self._tty = out.isatty() if tty is None else tty
        self._quiet = quiet
        self._started = time.monotonic()
        self._step = "starting"
        self._drawn = False

    def __call__(self, line: str) -> None:
        if self._quiet:
            return
        if not self._tty:
            self._out.write(line + "\n")
            self._out.flush()
            return
        self._step = step_of(line) or self._step
        width = shutil.get_terminal_size((80, 24)).columns
        text = f"[{time.monotonic() - self._started:5.1f}s] {self._step}"
        self._out.write("\r\x1b[K" + text[: width - 1])
        self._out.flush()
        self._drawn = True

    def done(self, message: str) -> None:
        """End the live line and print a final message."""
        if self._quiet:
            return
        if self._drawn:
            self._out.write("\r\x1b[K")
        elapsed = time.monotonic() - self._started
        self._out.write(f"{message} ({elapsed:.1f}s)\n")
        self._out.flush()
