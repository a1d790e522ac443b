"""``make bench``: dockercli vs the raw docker CLI, python-on-whales and docker-py, in one run.

    .venv/bin/python bench/run.py [--quick] [--only SECTION ...] [--stream-mb MB]

Prints the machine, then one table (and notes), and writes the same to
``bench/results/latest.json``. Every container and image it creates is labelled
``dcli.bench=1`` and removed at the end, also after a failure, Ctrl-C or SIGTERM.
Exits 2 when no engine is reachable, 1 when a section failed, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import extras
import scenarios
from lab import Lab, NoEngineError, describe_machine, docker_binary, find_engine
from measure import Row, render_table

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
SECTIONS = ("import", "calls", "batch", "lifecycle", "stream", "fake", "suite")
NEED_ENGINE = frozenset({"calls", "batch", "lifecycle", "stream", "fake"})


@dataclass(frozen=True)
class Plan:
    """Repetitions per section (each timed case runs this often, interleaved with its peers)."""

    imports: int
    calls: int
    inspect: dict[int, int]  # N -> repetitions
    cleanup: dict[int, int]
    lifecycle: int
    stream: int
    fake: int
    suite: int


FULL = Plan(
    imports=11,
    calls=60,
    inspect={1: 15, 10: 11, 50: 5},
    cleanup={1: 7, 10: 5, 50: 3},
    lifecycle=5,
    stream=2,
    fake=25,
    suite=1,
)
QUICK = Plan(
    imports=7,
    calls=15,
    inspect={1: 7, 10: 5, 50: 3},
    cleanup={1: 3, 10: 3, 50: 2},
    lifecycle=3,
    stream=1,
    fake=10,
    suite=1,
)


@dataclass
class Report:
    """What the run has gathered so far."""

    machine: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, found: tuple[list[Row], list[str]] | list[Row]) -> None:
        """Add a section's rows (and notes)."""
        rows, notes = found if isinstance(found, tuple) else (found, [])
        self.rows += rows
        self.notes += notes


def progress(text: str) -> None:
    """A progress line on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 2 min)")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only this section (repeatable)"
    )
    parser.add_argument("--stream-mb", type=int, default=200, help="log size to stream (200)")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"JSON output ({RESULTS})")
    return parser.parse_args(argv)


def run_sections(lab: Lab | None, plan: Plan, args: argparse.Namespace, report: Report) -> None:
    """Run the chosen sections in order; a failing section is reported and the rest go on."""
    chosen = args.only or list(SECTIONS)
    steps: dict[str, Callable[[], tuple[list[Row], list[str]] | list[Row]]] = {
        "import": lambda: extras.import_time(plan.imports),
        "suite": lambda: extras.unit_suite(REPO, plan.suite),
    }
    if lab is not None:
        steps |= {
            "calls": lambda: scenarios.per_call(lab, plan.calls),
            "batch": lambda: (
                scenarios.batch_inspect(lab, plan.inspect)
                + scenarios.batch_cleanup(lab, plan.cleanup)
            ),
            "lifecycle": lambda: scenarios.lifecycle(lab, plan.lifecycle),
            "stream": lambda: extras.streaming(lab, args.stream_mb, plan.stream),
            "fake": lambda: extras.fake_cli(lab, REPO, plan.fake),
        }
    for section in SECTIONS:
        if section not in chosen:
            continue
        progress(f"{section} ...")
        started = time.perf_counter()
        try:
            report.add(steps[section]())
        except Exception as error:
            traceback.print_exc()
            report.failures.append(f"{section}: {type(error).__name__}: {error}")
        progress(f"{section} done in {time.perf_counter() - started:.0f} s")


def print_report(report: Report, plan_name: str, seconds: float) -> None:
    """The machine, the table and the notes on stdout."""
    width = max(len(k) for k in report.machine) if report.machine else 0
    print(f"dockercli benchmark ({plan_name}, {seconds:.0f} s)")
    for key, value in report.machine.items():
        print(f"  {key.ljust(width)}  {value}")
    print()
    print(render_table(report.rows))
    print()
    print("cells: median (min-max) over the runs; ratio = dockercli median / raw CLI median")
    for note in report.notes:
        print(f"- {note}")
    for failure in report.failures:
        print(f"! section failed: {failure}")


def write_json(path: Path, report: Report, plan: Plan, plan_name: str, seconds: float) -> None:
    """The same report as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "machine": report.machine,
        "plan": {"name": plan_name, **plan.__dict__},
        "seconds": seconds,
        "rows": [row.to_json() for row in report.rows],
        "notes": report.notes,
        "failures": report.failures,
    }
    path.write_text(json.dumps(data, indent=2) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench; see the module docstring for exit codes."""
    args = parse_args(argv)
    plan, plan_name = (QUICK, "quick") if args.quick else (FULL, "full")
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    started = time.perf_counter()
    report = Report()
    try:
        docker_path = docker_binary()
        need_engine = bool(NEED_ENGINE & set(args.only or SECTIONS))
        host, source = find_engine() if need_engine else (None, "not needed")
    except NoEngineError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    if host is not None:
        os.environ["DOCKER_HOST"] = host  # every client and child uses this engine
    report.machine = describe_machine(docker_path, host, source)
    interrupted = False
    with tempfile.TemporaryDirectory(prefix="dcli-bench-") as tmp:
        lab = Lab(host, docker_path, Path(tmp)) if host is not None else None
        try:
            if lab is not None:
                swept = lab.sweep_stale()
                if swept:
                    report.notes.append(f"removed leftovers of killed runs: {', '.join(swept)}")
                progress(f"building {lab.tag}")
                lab.build_image()
            run_sections(lab, plan, args, report)
        except KeyboardInterrupt:
            interrupted = True
            report.failures.append("interrupted")
        finally:
            if lab is not None:
                # A second Ctrl-C must not cut the clean-up short.
                previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                progress("removing everything labelled dcli.bench.run=" + lab.run_id)
                report.failures += [f"clean-up: {p}" for p in lab.remove_all()]
                lab.close()
                signal.signal(signal.SIGINT, previous)
    seconds = time.perf_counter() - started
    print_report(report, plan_name, seconds)
    write_json(args.json, report, plan, plan_name, seconds)
    progress(f"wrote {args.json}")
    if interrupted:
        return 130
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
