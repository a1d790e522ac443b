"""Rows measured on whole processes: import time, log streaming, the fake CLI, the unit suite."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lab import Lab
from measure import Cell, Prepare, Row, fixed, given_target, interleave, value_target

from dockercli import runner

IMPORT_TARGET_MS = 60.0  # dockercli's import over bare Python (from the issue)
# What each import row runs, per column.
PACKAGE = {
    "dockercli": "import dockercli",
    "pow": "import python_on_whales",
    "dockerpy": "import docker",
}
CLIENT_CLASS = {
    # The target line: the client class, the run options, and a client made.
    "dockercli": "from dockercli import Docker, RunOptions; Docker()",
    "pow": "from python_on_whales import DockerClient",
    "dockerpy": "from docker import DockerClient",
}
RSS_FLAT_MB = 10.0  # mid-stream RSS may move this much and still count as flat
LINE = ("0123456789abcdef" * 7)[:99]  # + newline: 100 bytes a line
CHILD = Path(__file__).with_name("stream_child.py")
SUITE_ARGS = ("tests/unit", "tests/cli", "-q", "-p", "no:cacheprovider")
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)")


# -- import time ---------------------------------------------------------------------


def import_time(reps: int) -> tuple[list[Row], list[str]]:
    """``python -c "import X"`` minus ``python -c pass``, paired run by run.

    The target row runs with bytecode caches (in a temporary PYTHONPYCACHEPREFIX, so
    nothing is written to the tree), as an installed package imports. When the
    environment sets PYTHONDONTWRITEBYTECODE, a second row shows the import as it
    happens here: the editable dockercli is compiled from source on every import.
    """
    with tempfile.TemporaryDirectory(prefix="dcli-bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        cells = _import_cells(env, reps)
        rows = [
            value_target(
                Row("import, over bare python", "ms", cells, ref=None),
                IMPORT_TARGET_MS,
                f"<= {IMPORT_TARGET_MS:g} ms",
            ),
            # `import dockercli` loads its modules on first use, so the row above is the
            # package alone; this one is what a script pays before its first docker call.
            value_target(
                Row(
                    "import the client class",
                    "ms",
                    _import_cells(env, reps, CLIENT_CLASS),
                    ref=None,
                ),
                IMPORT_TARGET_MS,
                f"<= {IMPORT_TARGET_MS:g} ms",
            ),
        ]
        notes = [_importtime_note(env)]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        cells = _import_cells(dict(os.environ), reps, CLIENT_CLASS, peers=False)
        cells["pow"] = cells["dockerpy"] = Cell(text="n/a (.pyc installed)")
        rows.append(Row("import the client class, no .pyc", "ms", cells, ref=None))
        notes.append(
            "import: the first two rows use bytecode caches (PYTHONPYCACHEPREFIX in a temp dir); "
            "this environment sets PYTHONDONTWRITEBYTECODE=1 and dockercli is installed "
            "editable with no __pycache__, so here every import of the client class also "
            "compiles its source (third row); the peers' site-packages already hold .pyc files"
        )
    return rows, notes


def _import_cells(
    env: dict[str, str], reps: int, code: dict[str, str] = PACKAGE, *, peers: bool = True
) -> dict[str, Cell]:
    def python(code: str) -> Prepare:
        argv = [sys.executable, "-c", code]
        # cwd=/ so that nothing in the working tree shadows the modules.
        return fixed(lambda: subprocess.run(argv, cwd="/", env=env, check=True))

    names = ("dockercli", "pow", "dockerpy") if peers else ("dockercli",)
    cases = {"bare": python("pass")} | {name: python(code[name]) for name in names}
    seconds = interleave(cases, reps, warmup=2)
    bare = seconds.pop("bare")
    cells = {
        name: Cell.of([t - b for t, b in zip(values, bare)], 1000)
        for name, values in seconds.items()
    }
    cells["raw"] = Cell(samples=tuple(b * 1000 for b in bare), text="bare")
    return cells


def _importtime(env: dict[str, str], code: str) -> list[tuple[int, int, int, str]]:
    """One ``-X importtime`` run: (self us, cumulative us, depth, module) per import."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    entries = []
    for line in done.stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            own, cumulative, indent, name = match.groups()
            entries.append((int(own), int(cumulative), (len(indent) - 1) // 2, name))
    return entries


def _importtime_note(env: dict[str, str]) -> str:
    code = CLIENT_CLASS["dockercli"]
    # Modules imported on first use (PEP 562) show at depth 0 beside the package, so the
    # total is every depth-0 import the bare interpreter does not make itself.
    startup = {n for _, _, _, n in _importtime(env, "pass")}

    def top(entries: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        return [e for e in entries if e[2] == 0 and e[3] not in startup]

    def total(entries: list[tuple[int, int, int, str]]) -> int:
        return sum(c for _, c, _, _ in top(entries))

    runs = sorted((_importtime(env, code) for _ in range(5)), key=total)
    entries = runs[len(runs) // 2]  # the run with the median total
    direct = sorted(top(entries), key=lambda e: -e[1])[:6]
    heavy = sorted(entries, key=lambda e: -e[0])[:6]
    return (
        f"{code}, -X importtime (median of 5 runs, its own overhead included): "
        f"{total(entries) / 1000:.0f} ms; largest first-level imports by cumulative ms: "
        + ", ".join(f"{n} {c / 1000:.1f}" for _, c, _, n in direct)
        + "; largest self ms: "
        + ", ".join(f"{n} {s / 1000:.1f}" for s, _, _, n in heavy)
    )


# -- streaming -----------------------------------------------------------------------


def _hwm_mb(pid: int) -> float:
    """The peak RSS (VmHWM) of a running process in MB; 0 once it has exited."""
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return 0.0


def _follow_raw(docker_path: str, cid: str) -> tuple[float, float]:
    """Seconds for ``docker logs --follow C > /dev/null``, and that CLI's peak RSS in MB.

    The peak is VmHWM polled every 50 ms (it only grows): the CLI's ``ru_maxrss`` would
    include this large parent's RSS, which Linux carries across the child's ``exec``.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        [docker_path, "logs", "--follow", cid],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0.0
    try:
        while True:
            peak = max(peak, _hwm_mb(proc.pid))
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)
                break
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"docker logs --follow exited {proc.returncode}")
    return elapsed, peak


def _follow_dcli(cid: str, expected: int) -> dict[str, Any]:
    """Run :mod:`stream_child` on ``cid`` (forked by a small shell, see there); its report."""
    proc = subprocess.Popen(
        ["/bin/sh", "-c", '"$@"; exit $?', "sh", sys.executable, str(CHILD), cid, str(expected)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # one group to signal: the shell and the Python child
    )
    try:
        out, err = proc.communicate(timeout=900)
    except BaseException:
        _stop_group(proc)
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"stream child exited {proc.returncode}: {err[-1500:]}")
    report: dict[str, Any] = json.loads(out)
    return report


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """SIGINT first, so the child closes its ``docker logs`` stream; then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def streaming(lab: Lab, megabytes: int, reps: int) -> tuple[list[Row], list[str]]:
    """Container.follow_logs() over a finished container's log vs ``docker logs -f``."""
    total = megabytes * 1_000_000
    started = time.perf_counter()
    cid = lab.run_detached(["sh", "-c", f"yes {LINE} | head -c {total}"])
    try:
        lab.docker("wait", cid, timeout=900)
        wrote = time.perf_counter() - started
        raw: list[tuple[float, float]] = []
        dcli: list[dict[str, Any]] = []
        for rep in range(reps):
            # Alternate who reads first: the second reader may find the log in page cache.
            if rep % 2 == 0:
                raw.append(_follow_raw(lab.docker_path, cid))
                dcli.append(_follow_dcli(cid, total))
            else:
                dcli.append(_follow_dcli(cid, total))
                raw.append(_follow_raw(lab.docker_path, cid))
    finally:
        lab.docker("rm", "--force", "--volumes", cid, check=False)
    short = [r["bytes"] for r in dcli if r["bytes"] != total]
    speed = {
        "dockercli": Cell.of([r["bytes"] / r["seconds"] / 1e6 for r in dcli]),
        "raw": Cell.of([megabytes / seconds for seconds, _ in raw]),
    }
    name = f"stream {megabytes} MB"
    rows = [Row(f"{name}: throughput", "MB/s", speed)]
    swing = max(max(mb for _, mb in r["samples"]) - min(mb for _, mb in r["samples"]) for r in dcli)
    rss = {
        "dockercli": Cell.of([r["maxrss_mb"] for r in dcli], 1),
        "raw": Cell.of([mb for _, mb in raw]),
    }
    rows.append(
        given_target(
            Row(f"{name}: peak RSS", "MB", rss, ref=None),
            f"flat (+-{RSS_FLAT_MB:g} MB)",
            swing <= RSS_FLAT_MB,
        )
    )
    last = dcli[-1]
    notes = [
        f"stream: the container wrote {megabytes} MB ({total // 100:,} lines of 100 bytes) to "
        f"the json-file log in {wrote:.1f} s; then each reader read the finished log "
        f"({reps} runs each, alternating who goes first)",
        "stream: dockercli = Container.follow_logs() in a child Python process (bench/"
        "stream_child.py), RSS = its ru_maxrss (VmHWM agrees: "
        + ", ".join(f"{r['maxrss_mb']:.1f}/{r['hwm_mb']:.1f}" for r in dcli)
        + " MB); raw = `docker logs --follow C > /dev/null`, RSS = that CLI's VmHWM",
        f"stream: dockercli child RSS MB before streaming {last['rss_before_mb']:.1f}, then at "
        + ", ".join(f"{pct}% {mb:.1f}" for pct, mb in last["samples"])
        + f" (largest swing over all runs {swing:.1f} MB); {last['lines']:,} lines",
    ]
    if short:
        notes.append(f"stream: WARNING dockercli saw {short} bytes, expected {total}")
    notes.append(_line_reader_ceiling())
    return rows, notes


def _line_reader_ceiling(megabytes: int = 50) -> str:
    """dockercli's own line reader (runner.LineStream) on a local pipe, with no engine."""
    total = megabytes * 1_000_000
    argv = ["/bin/sh", "-c", f"yes {LINE} | head -c {total}"]
    lines = 0
    started = time.perf_counter()
    with runner.stream(argv) as stream:
        for _ in stream:
            lines += 1
    seconds = time.perf_counter() - started
    return (
        f"stream: dockercli's line reader alone (runner.stream over `yes | head -c` on a local "
        f"pipe, no engine) reads {megabytes} MB at {megabytes / seconds:.0f} MB/s "
        f"({seconds / lines * 1e6:.1f} us a line): the engine's log reader sets the pace above"
    )


# -- the fake CLI --------------------------------------------------------------------


def _fake_target(launcher: Path, env: dict[str, str], lab: Lab) -> tuple[str, str]:
    """A container in the fake's state to inspect: (name, how it was made or why not)."""
    ctx = lab.tmp / "fake-context"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text("FROM scratch\nCOPY busybox /bin/busybox\n")
    (ctx / "busybox").write_bytes(b"")  # the fake does not run it
    steps = [
        ["build", "--tag=dcli-bench-fake:1", str(ctx)],
        ["create", "--name=dcli-bench-fake", "dcli-bench-fake:1", "/bin/busybox", "true"],
    ]
    for step in steps:
        done = subprocess.run(
            [str(launcher), *step], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            why = (done.stderr.strip().splitlines() or ["?"])[-1]
            return "dcli-bench-fake", f"X is absent from the fake ({step[0]} failed: {why})"
    return "dcli-bench-fake", "X = a container created in the fake's state"


def fake_cli(lab: Lab, repo: Path, reps: int) -> tuple[list[Row], list[str]]:
    """Per-invocation cost of ``fakes/docker inspect X`` vs real ``docker inspect X``."""
    launcher = repo / "fakes" / "docker"
    real_x = lab.create(1, "fake")[0]
    real = [lab.docker_path, "inspect", real_x]
    name = "fakes/docker inspect X (vs docker)"
    if not (launcher.is_file() and os.access(launcher, os.X_OK)):
        return [_fake_missing(name, real, reps, "no executable fakes/docker")], []
    env = {**os.environ, "FAKE_DOCKER_STATE": str(lab.tmp / "fake-state")}
    probe = subprocess.run(
        [str(launcher), "version"], env=env, capture_output=True, timeout=60, check=False
    )
    if probe.returncode != 0:
        why = f"`FAKE_DOCKER_STATE=... fakes/docker version` exited {probe.returncode}"
        return [_fake_missing(name, real, reps, why)], []
    x, how = _fake_target(launcher, env, lab)
    fake = [str(launcher), "inspect", x]
    codes = (0,) if how.startswith("X =") else (0, 1)

    def fake_call() -> None:
        done = subprocess.run(fake, env=env, capture_output=True, check=False)
        if done.returncode not in codes:
            raise RuntimeError(f"fakes/docker inspect exited {done.returncode}: {done.stderr!r}")

    cases = {
        "dockercli": fixed(fake_call),
        "raw": fixed(lambda: subprocess.run(real, capture_output=True, check=True)),
    }
    cells = {key: Cell.of(values, 1000) for key, values in interleave(cases, reps).items()}
    return [Row(name, "ms", cells)], [
        f"fake: `FAKE_DOCKER_STATE=<tmp> fakes/docker inspect X` in the dockercli column, real "
        f"`docker inspect X` in the raw column, {reps} interleaved runs each; {how}"
    ]


def _fake_missing(name: str, real: list[str], reps: int, why: str) -> Row:
    cases = {"raw": fixed(lambda: subprocess.run(real, capture_output=True, check=True))}
    cells = {key: Cell.of(values, 1000) for key, values in interleave(cases, reps).items()}
    cells["dockercli"] = Cell(text=f"fake not available ({why})")
    return Row(name, "ms", cells)


# -- the non-engine test suite -------------------------------------------------------


def unit_suite(repo: Path, reps: int) -> tuple[list[Row], list[str]]:
    """Wall time of ``pytest tests/unit tests/cli`` (the tests that need no engine)."""
    argv = [sys.executable, "-m", "pytest", *SUITE_ARGS]
    env = {
        k: v for k, v in os.environ.items() if k not in ("DOCKER_HOST", "DOCKERCLI_REQUIRE_ENGINE")
    }
    seconds = []
    summary = ""
    for _ in range(reps):
        started = time.perf_counter()
        done = subprocess.run(
            argv, cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        seconds.append(time.perf_counter() - started)
        lines = [
            line
            for line in done.stdout.splitlines()
            if " in " in line and ("passed" in line or "failed" in line)
        ]
        summary = (lines or ["no summary line"])[-1].strip("= ")
        if done.returncode != 0:
            summary = f"exit {done.returncode}: {summary}"
    row = Row("test suite, no engine (unit+cli)", "s", {"dockercli": Cell.of(seconds)})
    note = f"suite: `python -m pytest {' '.join(SUITE_ARGS)}` without DOCKER_HOST: {summary}"
    return [row], [note]
