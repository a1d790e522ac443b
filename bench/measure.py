"""Timing and reporting: interleaved runs, cells of samples, rows, the table and its JSON."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Thunk = Callable[[], object]
Prepare = Callable[[], Thunk]  # untimed set-up that returns the timed part

COLUMNS = ("dockercli", "raw", "pow", "dockerpy")
HEADINGS = {
    "dockercli": "dockercli",
    "raw": "raw CLI",
    "pow": "python-on-whales",
    "dockerpy": "docker-py",
}
SHORT = {"dockercli": "dockercli", "raw": "raw", "pow": "pow", "dockerpy": "docker-py"}


def fixed(thunk: Thunk) -> Prepare:
    """A case with nothing to set up before each timed run."""
    return lambda: thunk


def cpu_seconds() -> float:
    """User + system CPU this process has used (children not included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def interleave(
    cases: Mapping[str, Prepare],
    reps: int,
    *,
    warmup: int = 1,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Seconds per run of each case, runs interleaved ABCD DCBA ... so drift hits all alike.

    With ``cpu``, also this process's own CPU seconds per run, by case.
    """
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()()
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for rep in range(reps):
        for name in names if rep % 2 == 0 else reversed(names):
            thunk = cases[name]()
            used = cpu_seconds()
            started = time.perf_counter()
            thunk()
            seconds[name].append(time.perf_counter() - started)
            if cpu is not None:
                cpu.setdefault(name, []).append(cpu_seconds() - used)
    return seconds


@dataclass(frozen=True)
class Cell:
    """One column of one row: samples (summarised as median (min-max)) or a text."""

    samples: tuple[float, ...] = ()
    text: str = ""

    @classmethod
    def of(cls, samples: Sequence[float], scale: float = 1.0) -> Cell:
        """Samples, each multiplied by ``scale`` (1000 turns seconds into ms)."""
        return cls(samples=tuple(s * scale for s in samples))

    @classmethod
    def count(cls, value: int, suffix: str = "") -> Cell:
        """An exact count, e.g. processes spawned; ``suffix`` names what is counted."""
        return cls(samples=(float(value),), text=suffix)

    @property
    def median(self) -> float | None:
        """The median sample, or None for a text-only cell."""
        return statistics.median(self.samples) if self.samples else None

    def render(self, digits: int) -> str:
        """``median (min-max)``, a single value, or the text."""
        if not self.samples:
            return self.text
        med = self.median
        assert med is not None
        low, high = min(self.samples), max(self.samples)
        text = f"{med:.{digits}f}"
        if len(self.samples) > 1 and f"{low:.{digits}f}" != f"{high:.{digits}f}":
            text += f" ({low:.{digits}f}-{high:.{digits}f})"
        return f"{text} {self.text}".rstrip()

    def to_json(self) -> dict[str, Any]:
        """Median, min, max, n and every sample (or the text)."""
        if not self.samples:
            return {"text": self.text}
        return {
            "median": self.median,
            "min": min(self.samples),
            "max": max(self.samples),
            "n": len(self.samples),
            "samples": list(self.samples),
            **({"text": self.text} if self.text else {}),
        }


@dataclass(frozen=True)
class Row:
    """One measurement across the columns, with dockercli's ratio to ``ref`` and a target.

    Attributes:
        ratio: dockercli's median over the ``ref`` column's median (None without both).
        target: The target as text ("" when there is none).
        met: Whether the target was met (None without a target or data).
    """

    name: str
    unit: str
    cells: Mapping[str, Cell]
    digits: int = 1
    ref: str | None = "raw"
    target: str = ""
    met: bool | None = None
    ratio: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        mine = self.cells.get("dockercli")
        theirs = self.cells.get(self.ref) if self.ref else None
        if mine and theirs and mine.median is not None and theirs.median:
            object.__setattr__(self, "ratio", mine.median / theirs.median)

    def to_json(self) -> dict[str, Any]:
        """The row as plain data."""
        return {
            "name": self.name,
            "unit": self.unit,
            "cells": {key: cell.to_json() for key, cell in self.cells.items()},
            "ratio": self.ratio,
            "ratio_of": f"dockercli/{self.ref}" if self.ratio is not None else None,
            "target": self.target or None,
            "met": self.met,
        }


def ratio_target(row: Row, limit: float) -> Row:
    """``row`` with the target "dockercli/ref median ratio <= limit"."""
    met = None if row.ratio is None else row.ratio <= limit
    return _with_target(row, f"ratio <= {limit:g}", met)


def value_target(row: Row, limit: float, text: str) -> Row:
    """``row`` with the target "dockercli median <= limit"."""
    mine = row.cells.get("dockercli")
    med = mine.median if mine else None
    return _with_target(row, text, None if med is None else med <= limit)


def given_target(row: Row, text: str, met: bool | None) -> Row:
    """``row`` with a target whose outcome was decided by the caller."""
    return _with_target(row, text, met)


def _with_target(row: Row, text: str, met: bool | None) -> Row:
    return Row(row.name, row.unit, row.cells, row.digits, row.ref, text, met)


def render_table(rows: Sequence[Row]) -> str:
    """The rows as one aligned plain-text table."""
    header = ["measurement", *(HEADINGS[c] for c in COLUMNS), "ratio", "target", "met?"]
    body = []
    for row in rows:
        name = f"{row.name} [{row.unit}]" if row.unit else row.name
        cells = [row.cells[c].render(row.digits) if c in row.cells else "" for c in COLUMNS]
        ratio = f"{row.ratio:.3f} vs {SHORT[row.ref]}" if row.ratio and row.ref else ""
        met = "" if row.met is None else ("yes" if row.met else "NO")
        body.append([name, *cells, ratio, row.target, met])
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)

    def fmt(line: list[str]) -> str:
        return "  ".join(text.ljust(w) for text, w in zip(line, widths)).rstrip()

    return "\n".join([fmt(header), rule, *(fmt(line) for line in body)])
