"""Engine scenarios run side by side on every client: per-call cost, batch scaling, lifecycle.

Every timed case is interleaved with its peers (see :func:`measure.interleave`); process
and request counts come from a separate, untimed pass through the logging wrapper, so the
wrapper's own cost never reaches a timing.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
import uuid
from collections.abc import Callable, Mapping

import docker as dockerpy  # type: ignore[import-untyped]  # docker-py ships no types
from lab import BATCH_LABEL, SERVE, Lab
from measure import Cell, Prepare, Row, Thunk, fixed, given_target, interleave, ratio_target
from python_on_whales import DockerClient as PowClient

from dockercli import BuildOptions, Docker, PortOptions, RunOptions, parsers

Check = Callable[[str], None]
CALL_TARGET = 1.05  # dockercli/raw median ratio per call (from the issue)


def _raw(docker_path: str, *args: str) -> Thunk:
    argv = [docker_path, *args]
    return lambda: subprocess.run(argv, capture_output=True, check=True)


def _ms(seconds: Mapping[str, list[float]]) -> dict[str, Cell]:
    return {name: Cell.of(values, 1000) for name, values in seconds.items()}


# -- per call ------------------------------------------------------------------------


def per_call(lab: Lab, reps: int) -> tuple[list[Row], list[str]]:
    """inspect / port / version: one call each, dockercli vs the same argv via subprocess.run."""
    cid = lab.run_server()
    d, pw, dpy, bin_ = lab.dcli, lab.pow, lab.dpy, lab.docker_path
    mappings = parsers.port_mappings(d.call(PortOptions(ref=cid)).stdout)
    assert mappings, "the per-call container publishes no port"
    ops: dict[str, dict[str, Prepare]] = {
        "inspect (1 container)": {
            "dockercli": fixed(lambda: d.inspect_containers([cid])),
            "raw": fixed(_raw(bin_, "container", "inspect", cid)),
            "pow": fixed(lambda: pw.container.inspect(cid)),
            "dockerpy": fixed(lambda: dpy.containers.get(cid)),
        },
        "port": {
            "dockercli": fixed(lambda: parsers.port_mappings(d.call(PortOptions(ref=cid)).stdout)),
            "raw": fixed(_raw(bin_, "port", cid)),
            "dockerpy": fixed(lambda: dpy.api.port(cid, 8080)),
        },
        "version": {
            "dockercli": fixed(d.version),
            "raw": fixed(_raw(bin_, "version", "--format={{json .}}")),
            "pow": fixed(pw.version),
            "dockerpy": fixed(dpy.version),
        },
    }
    rows = []
    for op, cases in ops.items():
        cells = _ms(interleave(cases, reps, warmup=2))
        if op == "port":
            cells["pow"] = Cell(text="n/a (no API)")
        rows.append(ratio_target(Row(f"per-call {op}", "ms", cells), CALL_TARGET))
    rows += _why_per_call(lab, reps)
    notes = [
        "per-call: raw = subprocess.run(same argv as dockercli, capture_output=True), output "
        "not parsed (dockercli and python-on-whales parse the JSON); docker-py = one HTTP "
        "request on the socket, no process",
        "per-call port: dockercli has no public method that runs `docker port` "
        "(Container.ports() reads the cached inspect: 0 calls once inspected); measured "
        "Docker.call(PortOptions(ref=id)) + parsers.port_mappings",
    ]
    return rows, notes


def _why_per_call(lab: Lab, reps: int) -> list[Row]:
    """Where dockercli's per-call time goes: its own CPU, and a new session per child.

    runner.run starts every CLI with ``start_new_session=True``; a new session is a new
    scheduler autogroup, which on a busy machine waits for its first slice.
    """
    argv = [lab.docker_path, "version", "--format={{json .}}"]
    cases = {
        "dockercli": fixed(lab.dcli.version),
        "raw": fixed(lambda: subprocess.run(argv, capture_output=True, check=True)),
        "setsid": fixed(
            lambda: subprocess.run(argv, capture_output=True, check=True, start_new_session=True)
        ),
    }
    cpu: dict[str, list[float]] = {}
    wall = _ms(interleave(cases, reps, warmup=2, cpu=cpu))
    own = _ms(cpu)
    return [
        Row(
            "per-call version, 3-way run",
            "ms",
            {"dockercli": wall["dockercli"], "raw": wall["raw"]},
        ),
        Row(
            "  same run, raw + new session",
            "ms",
            {"dockercli": wall["dockercli"], "raw": wall["setsid"]},
        ),
        Row(
            "  same run, CPU of the caller",
            "ms",
            {"dockercli": own["dockercli"], "raw": own["raw"]},
            digits=2,
        ),
    ]


# -- batch scaling -------------------------------------------------------------------


def _inspect_cases(lab: Lab, ids: list[str]) -> dict[str, Prepare]:
    return {
        "dockercli": fixed(lambda: lab.dcli.inspect_containers(ids)),
        "raw": fixed(_raw(lab.docker_path, "container", "inspect", *ids)),
        "pow": fixed(lambda: lab.pow.container.inspect(ids)),
        "dockerpy": fixed(lambda: [lab.dpy.containers.get(i) for i in ids]),
    }


def _count_cells(
    lab: Lab,
    dcli: Callable[[], object],
    raw: Callable[[], object],
    pow_: Callable[[], object],
    dpy: Callable[[], object],
) -> dict[str, Cell]:
    return {
        "dockercli": Cell.count(lab.cli_calls(dcli)[0], "proc"),
        "raw": Cell.count(lab.cli_calls(raw)[0], "proc"),
        "pow": Cell.count(lab.cli_calls(pow_)[0], "proc"),
        "dockerpy": Cell.count(lab.http_requests(dpy)[0], "HTTP req"),
    }


def batch_inspect(lab: Lab, reps: Mapping[int, int]) -> list[Row]:
    """Inspect N created containers: one dockercli call vs pow and a docker-py loop."""
    all_ids = lab.create(max(reps), "inspect")
    rows = []
    for n, count in reps.items():
        ids = all_ids[:n]
        rows.append(
            Row(f"batch inspect N={n}", "ms", _ms(interleave(_inspect_cases(lab, ids), count)))
        )
        cells = _count_cells(
            lab,
            lambda: lab.dcli_counted.inspect_containers(ids),  # noqa: B023 - called at once
            _raw(str(lab.wrapper), "container", "inspect", *ids),
            lambda: lab.pow_counted.container.inspect(ids),  # noqa: B023 - called at once
            lambda: [lab.dpy.containers.get(i) for i in ids],  # noqa: B023 - called at once
        )
        calls = cells["dockercli"].median
        rows.append(
            given_target(
                Row(f"batch inspect N={n}: processes", "", cells, digits=0, ref=None),
                "1 (docstring)",
                calls == 1,
            )
        )
    return rows


def _remover(lab: Lab, n: int, remove: Callable[[str, list[str]], object]) -> Prepare:
    def prepare() -> Thunk:
        batch = uuid.uuid4().hex[:12]
        ids = lab.create(n, batch)
        return lambda: remove(batch, ids)

    return prepare


def _cleanup_cases(lab: Lab, n: int, counted: bool = False) -> dict[str, Prepare]:
    d = lab.dcli_counted if counted else lab.dcli
    pw = lab.pow_counted if counted else lab.pow
    bin_ = str(lab.wrapper) if counted else lab.docker_path

    def dcli(batch: str, ids: list[str]) -> None:
        report = d.cleanup(labels={BATCH_LABEL: batch}, images=False)
        assert len(report.containers) == len(ids), report

    def raw(batch: str, ids: list[str]) -> None:
        subprocess.run([bin_, "rm", *ids], capture_output=True, check=True)

    return {
        "dockercli": _remover(lab, n, dcli),
        "raw": _remover(lab, n, raw),
        "pow": _remover(lab, n, lambda batch, ids: pw.container.remove(ids)),
        "dockerpy": _remover(
            lab, n, lambda batch, ids: [lab.dpy.api.remove_container(i) for i in ids]
        ),
    }


def batch_cleanup(lab: Lab, reps: Mapping[int, int]) -> list[Row]:
    """Remove N stopped (created) containers: dockercli cleanup(labels) vs the peers."""
    rows = []
    for n, count in reps.items():
        cells = _ms(interleave(_cleanup_cases(lab, n), count, warmup=0))
        rows.append(Row(f"batch cleanup N={n}", "ms", cells))
        thunks = {name: prepare() for name, prepare in _cleanup_cases(lab, n, counted=True).items()}
        counts = _count_cells(
            lab, thunks["dockercli"], thunks["raw"], thunks["pow"], thunks["dockerpy"]
        )
        rows.append(
            given_target(
                Row(f"batch cleanup N={n}: processes", "", counts, digits=0, ref=None),
                "<= 3 (docstring)",
                (counts["dockercli"].median or 99) <= 3,
            )
        )
    return rows


# -- lifecycle -----------------------------------------------------------------------


def _no_check(address: str) -> None:
    pass


def fetch(address: str, deadline: float = 5.0) -> None:
    """GET / from the published port (always via 127.0.0.1); fail unless the page comes back."""
    port = int(address.rpartition(":")[2])
    url = f"http://127.0.0.1:{port}/"
    stop = time.monotonic() + deadline
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1.0) as reply:
                body = reply.read().decode()
            if "dcli bench" in body:
                return
        except OSError:
            if time.monotonic() > stop:
                raise
        time.sleep(0.05)


def _cycle_dcli(lab: Lab, d: Docker, check: Check) -> None:
    d.build(BuildOptions(context=str(lab.context), tags=(lab.tag,)))
    container = d.run(
        RunOptions(
            image=lab.tag,
            publish=("127.0.0.1::8080",),
            labels=lab.labels,
            command=("sh", "-c", SERVE),
        )
    )
    check(container.address(8080))
    container.stop()
    container.remove()


def _cycle_raw(lab: Lab, binary: str, check: Check) -> None:
    def run(*args: str) -> str:
        return subprocess.run([binary, *args], capture_output=True, text=True, check=True).stdout

    run("build", "--quiet", f"--tag={lab.tag}", str(lab.context))
    cid = run("run", "--detach", *lab.label_args(), "--publish=127.0.0.1::8080", lab.tag,
              "sh", "-c", SERVE).strip()  # fmt: skip
    check(run("port", cid, "8080").splitlines()[0])
    run("stop", cid)
    run("rm", cid)


def _cycle_pow(lab: Lab, pw: PowClient, check: Check) -> None:
    pw.legacy_build(lab.context, tags=[lab.tag], quiet=True)  # no buildx here: classic build
    container = pw.run(
        lab.tag,
        ["sh", "-c", SERVE],
        detach=True,
        publish=[("127.0.0.1::8080",)],
        labels=lab.labels,
    )
    ports = container.network_settings.ports
    assert ports, "python-on-whales saw no published port"
    binding = ports["8080/tcp"][0]
    check(f"{binding['HostIp']}:{binding['HostPort']}")
    container.stop()
    container.remove()


def _cycle_dpy(lab: Lab, client: dockerpy.DockerClient, check: Check) -> None:
    client.images.build(path=str(lab.context), tag=lab.tag, rm=True)
    container = client.containers.run(
        lab.tag,
        ["sh", "-c", SERVE],
        detach=True,
        ports={"8080/tcp": ("127.0.0.1", None)},
        labels=lab.labels,
    )
    container.reload()
    binding = container.ports["8080/tcp"][0]
    check(f"{binding['HostIp']}:{binding['HostPort']}")
    container.stop()
    container.remove()


def _verb(logged: str) -> str:
    """``container inspect`` / ``build`` from one logged argv (flags and IDs dropped)."""
    words = logged.split()
    return " ".join(words[:2] if words[0] in ("container", "image") else words[:1])


def lifecycle(lab: Lab, reps: int) -> tuple[list[Row], list[str]]:
    """build (cached) -> run (publish 8080) -> address -> stop -> remove, per client."""
    cases = {
        "dockercli": fixed(lambda: _cycle_dcli(lab, lab.dcli, _no_check)),
        "raw": fixed(lambda: _cycle_raw(lab, lab.docker_path, _no_check)),
        "pow": fixed(lambda: _cycle_pow(lab, lab.pow, _no_check)),
        "dockerpy": fixed(lambda: _cycle_dpy(lab, lab.dpy, _no_check)),
    }
    timed = Row("lifecycle build>run>addr>stop>rm", "ms", _ms(interleave(cases, reps)))
    argv: dict[str, list[str]] = {}

    def counted(name: str, fn: Callable[[], object]) -> Cell:
        calls, lines = lab.cli_calls(fn)
        argv[name] = [_verb(line) for line in lines]
        return Cell.count(calls, "proc")

    cells = {
        "dockercli": counted("dockercli", lambda: _cycle_dcli(lab, lab.dcli_counted, fetch)),
        "raw": counted("raw", lambda: _cycle_raw(lab, str(lab.wrapper), fetch)),
        "pow": counted("pow", lambda: _cycle_pow(lab, lab.pow_counted, fetch)),
    }
    requests, argv["docker-py"] = lab.http_requests(lambda: _cycle_dpy(lab, lab.dpy, fetch))
    cells["dockerpy"] = Cell.count(requests, "HTTP req")
    procs = given_target(
        Row("lifecycle: processes", "", cells, digits=0, ref=None),
        "<= 5 (docstring)",
        (cells["dockercli"].median or 99) <= 5,
    )
    notes = [
        "lifecycle: each client served GET / through its published port (checked once, untimed)",
        "lifecycle commands: "
        + "; ".join(f"{name}: {', '.join(verbs)}" for name, verbs in argv.items()),
    ]
    return [timed, procs], notes
