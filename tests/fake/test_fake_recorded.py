"""Replay the cases recorded from real clients (tests/data) against the fake.

Each case sets up the same objects the recorder created, runs the recorded argv and
compares exit code and output after normalising IDs, times, ports and paths. Where the
recording engine differs from a default engine (it ran with ``--ip 127.0.0.1``), the
expectation is rewritten to the default-engine bindings the fake models.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import (
        DIALECTS,
        DOCKERFILE_OK,
        DOCKERFILES,
        Fake,
        normalise,
        recorded,
        shape,
    )
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, DOCKERFILE_OK, DOCKERFILES, Fake, normalise, recorded, shape

BASE = "dcli-rec-base:latest"
LABELLED = ("--label", "dcli.recorder=1")


def _named(name: str) -> list[str]:
    return ["--name", name, *LABELLED]


# -- setups: what the recorder did before the recorded command ----------------------------

Setup = Callable[[Fake], dict[str, str]]


def _build_case(dockerfile: str | None = DOCKERFILE_OK, warm: bool = False) -> Setup:
    def setup(fake: Fake) -> dict[str, str]:
        ctx = fake.context("case", dockerfile)
        if warm:
            fake.ok("build", "-q", "-t", "dcli-rec-build:cached", str(ctx))
        return {"<context>": str(ctx), "<iidfile>": str(fake.root / "build.iid")}

    return setup


def _containers(*runs: list[str]) -> Setup:
    def setup(fake: Fake) -> dict[str, str]:
        fake.base_image()
        for args in runs:
            done = fake.run(*args)
            assert done.returncode == (3 if "exit 3" in args else 0), done.stderr
        return {}

    return setup


def _image_in_use(fake: Fake) -> dict[str, str]:
    fake.ok("build", "-q", "-t", "dcli-rec-inuse:latest", str(fake.context("inuse")))
    fake.ok("create", *_named("dcli-rec-inuse-user"), "dcli-rec-inuse:latest", "sleep", "300")
    return {}


def _start_error(kind: str) -> Setup:
    def setup(fake: Fake) -> dict[str, str]:
        ctx = fake.context("base", DOCKERFILE_OK + f"LABEL fake.start_error={kind}\n")
        fake.ok("build", "-q", "-t", BASE, str(ctx))
        return {}

    return setup


def _healthy(fake: Fake) -> dict[str, str]:
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        *_named("dcli-rec-healthy"),
        "--health-cmd",
        "true",
        "--health-interval",
        "1s",
        BASE,
        "sleep",
        "300",
    )
    deadline = time.monotonic() + 10
    while (
        fake.ok("inspect", "--format", "{{.State.Health.Status}}", "dcli-rec-healthy").strip()
        != "healthy"
    ):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return {}


def _ps(fake: Fake) -> dict[str, str]:
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        *_named("dcli-rec-ps-web"),
        "--label",
        "org.example.tier=frontend",
        "--label",
        "org.example.owner=team a",
        "--label",
        "org.example.list=x,y",
        "--label",
        "org.example.empty=",
        "-p",
        "127.0.0.1::8080",
        "-p",
        "9999/udp",
        BASE,
    )
    fake.run("run", *_named("dcli-rec-ps-exited"), BASE, "sh", "-c", "exit 3")
    fake.ok("create", *_named("dcli-rec-ps-created"), BASE, "sleep", "300")
    return {}


def _images(fake: Fake) -> dict[str, str]:
    fake.base_image()
    fake.ok("build", "-q", "-t", "dcli-rec-list:1.0", str(fake.context("list")))
    fake.ok("tag", "dcli-rec-list:1.0", "dcli-rec-list:latest")
    return {}


def _run_d(name: str, *extra: str) -> list[str]:
    return ["run", "-d", *_named(name), *extra, BASE]


def _exited(name: str) -> list[str]:
    return ["run", *_named(name), BASE, "sh", "-c", "exit 3"]


EXITED_B = _exited("dcli-rec-multi-b")
IPV46 = ["-p", "0.0.0.0::8080", "-p", "[::]::8080", "-p", "8081"]
CASES: dict[str, Setup] = {
    "build-ok": _build_case(),
    "build-ok-cached": _build_case(warm=True),
    "build-quiet": _build_case(),
    "build-iidfile": _build_case(),
    "build-fail-run": _build_case((DOCKERFILES / "build-fail-run").read_text()),
    "build-fail-missing-copy": _build_case((DOCKERFILES / "build-fail-missing-copy").read_text()),
    "build-fail-unknown-instruction": _build_case(
        (DOCKERFILES / "build-fail-unknown-instruction").read_text()
    ),
    "build-fail-no-dockerfile": _build_case(None),
    "build-fail-missing-context": _build_case(),
    "build-fail-bad-tag": _build_case(),
    "port-all": _containers(_run_d("dcli-rec-port-all", "-p", "8080")),
    "port-one": _containers(_run_d("dcli-rec-port-one", "-p", "8080")),
    "port-loopback": _containers(_run_d("dcli-rec-port-loopback", "-p", "127.0.0.1::8080")),
    "port-fixed": _containers(_run_d("dcli-rec-port-fixed", "-p", "127.0.0.1:18080:8080")),
    "port-publish-all": _containers(_run_d("dcli-rec-port-publish-all", "-P")),
    "port-udp": _containers(_run_d("dcli-rec-port-udp", "-p", "9999/udp")),
    "port-multiple": _containers(
        _run_d("dcli-rec-port-multiple", "-p", "8080", "-p", "8081", "-p", "9999/udp")
    ),
    "port-unpublished": _containers(_run_d("dcli-rec-port-unpublished")),
    "port-one-unpublished": _containers(_run_d("dcli-rec-port-one-unpublished")),
    "port-created": _containers(["create", *_named("dcli-rec-port-created"), "-p", "8080", BASE]),
    "port-stopped": _containers(
        _run_d("dcli-rec-port-stopped", "-p", "8080"), ["stop", "-t", "0", "dcli-rec-port-stopped"]
    ),
    "port-any-ipv4-ipv6": _containers(_run_d("dcli-rec-port-ipv46", *IPV46)),
    "port-any-ipv4-ipv6-one": _containers(_run_d("dcli-rec-port-ipv46-one", *IPV46)),
    "inspect-running": _containers(_run_d("dcli-rec-running", "-p", "8080")),
    "inspect-exited": _containers(["run", *_named("dcli-rec-exited"), BASE, "sh", "-c", "exit 3"]),
    "inspect-created": _containers(["create", *_named("dcli-rec-created"), BASE]),
    "inspect-missing": _containers(),
    "inspect-multiple": _containers(_run_d("dcli-rec-multi-a"), EXITED_B),
    "inspect-multiple-one-missing": _containers(_run_d("dcli-rec-multi-a"), EXITED_B),
    "inspect-image": _containers(),
    "inspect-healthy": _healthy,
    "ps-json": _ps,
    "ps-json-empty": _containers(),
    "images-json": _images,
    "images-json-empty": _containers(),
    "err-daemon-down": _containers(),
    "err-no-such-container": _containers(),
    "err-no-such-container-rm": _containers(),
    "err-no-such-container-logs": _containers(),
    "err-no-such-image": _containers(),
    "err-no-such-image-pull": _containers(),
    "err-no-such-image-rmi": _containers(),
    "err-no-such-image-inspect": _containers(),
    "err-name-conflict": _containers(_run_d("dcli-rec-conflict")),
    "err-remove-running": _containers(_run_d("dcli-rec-busy")),
    "err-exec-not-running": _containers(_exited("dcli-rec-stopped-exec")),
    "err-kill-not-running": _containers(_exited("dcli-rec-stopped-kill")),
    "err-image-in-use": _image_in_use,
    "err-invalid-reference": _containers(),
    "err-invalid-port": _containers(),
    "err-unknown-flag": _containers(),
    "err-start-not-found": _start_error("not-found"),
    "err-start-not-executable": _start_error("not-executable"),
    "version": _containers(),
    "info": _containers(),
}
# Cases whose recorded bindings came from the recording engine's --ip 127.0.0.1.
DEFAULT_IP_CASES = (
    "port-all",
    "port-one",
    "port-publish-all",
    "port-udp",
    "port-multiple",
    "port-any-ipv4-ipv6",
)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_recorded_case_is_replayed(dialect: str) -> None:
    """Each case recorded from a dialect's real client has a setup here, so none goes unchecked."""
    client_dir = Path(recorded(dialect, "version")["dir"]).parent
    recorded_cases = {p.name for p in client_dir.iterdir() if p.is_dir()}
    assert recorded_cases == set(CASES)


def _replay(fake: Fake, case: str) -> tuple[dict[str, Any], Any, dict[str, str]]:
    rec = recorded(fake.dialect, case)
    paths = CASES[case](fake)
    argv = [paths.get(a, a) for a in rec["argv"]]
    env = dict(rec["env"])
    if case == "err-daemon-down":
        env["FAKE_DOCKER_FAULTS"] = "down"
    done = fake.run(*argv, env=env)
    return rec, done, paths


def _default_engine(dialect: str, lines: list[str]) -> list[str]:
    """Recorded ``127.0.0.1`` bindings as a default engine would print them."""
    out: list[str] = []
    for line in lines:
        if "127.0.0.1:<PORT>" not in line:
            out.append(line)
            continue
        v4 = line.replace("127.0.0.1", "0.0.0.0")
        v6 = line.replace("127.0.0.1:", "[::]:" if dialect == "docker-28" else ":::")
        out.extend([v4, v6] if dialect == "docker-28" else [v6, v4])
    return out


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "case", sorted(c for c in CASES if c.startswith(("build-", "err-", "port-")))
)
def test_output_matches_recording(fake: Fake, dialect: str, case: str) -> None:
    """Exit code, stdout and stderr match the real client's after normalisation."""
    fake = fake.with_dialect(dialect)
    rec, done, paths = _replay(fake, case)
    spots = [*paths.values(), str(fake.root)]
    got_out = normalise(done.stdout.decode(), spots)
    want_out = normalise(rec["stdout"], [str(rec["dir"])])
    got_err = normalise(done.stderr.decode(), spots)
    want_err = normalise(rec["stderr"], [str(rec["dir"])])
    assert done.returncode == rec["exit_code"], got_err
    if case in DEFAULT_IP_CASES and dialect != "podman":
        want_lines = _default_engine(dialect, want_out.splitlines())
        if dialect == "docker-20.10":
            # 20.10 prints ports in Go map order (random); the fake sorts them
            assert sorted(got_out.splitlines()) == sorted(want_lines)
        else:
            assert got_out.splitlines() == want_lines
    elif case.startswith("port-any") and dialect == "podman":
        # podman's order of the IPv4 and IPv6 lines changes from run to run
        assert sorted(got_out.splitlines()) == sorted(want_out.splitlines())
    else:
        assert got_out == want_out
    if case.startswith("build-fail-unknown") and dialect == "podman":
        got_err, want_err = got_err.split("\n", 1)[1], want_err.split("\n", 1)[1]
    assert got_err == want_err
    if case == "build-iidfile":
        content = Path(paths["<iidfile>"]).read_text()
        assert content.startswith("sha256:")
        assert len(content) == 71


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", sorted(c for c in CASES if c.startswith("inspect-")))
def test_inspect_has_the_recorded_shape(fake: Fake, dialect: str, case: str) -> None:
    """inspect documents have the recorded keys, in order, with the recorded value types."""
    fake = fake.with_dialect(dialect)
    rec, done, _ = _replay(fake, case)
    assert done.returncode == rec["exit_code"]
    assert normalise(done.stderr.decode()) == normalise(rec["stderr"])
    got, want = json.loads(done.stdout), json.loads(rec["stdout"])
    assert len(got) == len(want)
    indent = 5 if dialect == "podman" else 4
    assert done.stdout.decode().splitlines()[1:2] == rec["stdout"].splitlines()[1:2]
    for mine, theirs in zip(got, want):
        assert shape(mine) == shape(theirs) or _same_but_ports(mine, theirs)
        assert done.stdout.decode().count("\n" + " " * indent + "{") >= 1
    facts = rec["expected"]
    items = facts.get("items") or ([facts] if "id" in facts else [])
    for mine, fact in zip(got, items):
        assert mine["Name"].lstrip("/") == fact["name"]
        assert mine["State"]["Running"] is fact["running"]
        assert mine["State"]["ExitCode"] == fact["exit_code"]
    if "health" in facts:
        assert got[0]["State"]["Health"]["Status"] == facts["health"]


def _same_but_ports(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Equal shapes except a running container's Ports (the recording used 127.0.0.1 only)."""
    a, b = shape(mine), shape(theirs)
    a["NetworkSettings"]["Ports"] = b["NetworkSettings"]["Ports"]
    return bool(a == b)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", ["ps-json", "ps-json-empty", "images-json", "images-json-empty"])
def test_lists_match_recording(fake: Fake, dialect: str, case: str) -> None:
    """ps/images ``{{json .}}`` rows have the recorded fields and values."""
    fake = fake.with_dialect(dialect)
    rec, done, _ = _replay(fake, case)
    assert done.returncode == rec["exit_code"]
    out = done.stdout.decode()
    if dialect == "podman":
        got, want = json.loads(out), json.loads(rec["stdout"])
        assert [shape(x) for x in got] == [shape(x) for x in want]
        if case in {"ps-json-empty", "images-json-empty"}:
            assert out == rec["stdout"]
        else:
            indent = "  " if case.startswith("ps") else "    "
            assert out.startswith("[\n" + indent + "{")
            assert [x["Names"] for x in got] == [x["Names"] for x in want]
        return
    got_rows = [json.loads(line) for line in out.splitlines()]
    want_rows = [json.loads(line) for line in rec["stdout"].splitlines()]
    assert [list(r) for r in got_rows] == [list(r) for r in want_rows]
    for mine, theirs in zip(got_rows, want_rows):
        for key in theirs:
            a, b = normalise(str(mine[key])), normalise(str(theirs[key]))
            if key in ("Size", "VirtualSize"):
                continue
            if key == "Labels":
                assert sorted(a.split(",")) == sorted(b.split(","))
            elif key == "Ports" and "9999/udp" in b:
                v6 = "[::]" if dialect == "docker-28" else "::"
                want = (
                    f"127.0.0.1:<PORT>->8080/tcp, 0.0.0.0:<PORT>->9999/udp, {v6}:<PORT>->9999/udp"
                )
                assert a == normalise(want)
            else:
                assert a == b, key


FAKE_PLATFORM = '"Platform":{"Name":"dockercli fake docker"}'


@pytest.mark.parametrize("dialect", DIALECTS)
def test_version_json_matches_recording(fake: Fake, dialect: str) -> None:
    """``version --format '{{json .}}'`` is the recording's bytes plus the fake's marker."""
    fake = fake.with_dialect(dialect)
    rec, done, _ = _replay(fake, "version")
    assert done.returncode == rec["exit_code"]
    got = done.stdout.decode()
    assert got.startswith('{"Client":{' + FAKE_PLATFORM)
    # The client's marker stands where docker 20.10 prints an empty Platform; docker 28's
    # client and podman print none. The server's (docker) stands in for an empty name.
    empty = '"Platform":{"Name":""}'
    client = empty + "," if dialect == "docker-20.10" else ""
    unmarked = got.replace(FAKE_PLATFORM + ",", client, 1).replace(FAKE_PLATFORM, empty)
    assert unmarked == rec["stdout"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_info_json_has_the_recorded_shape(fake: Fake, dialect: str) -> None:
    """``info --format '{{json .}}'`` has the recorded top-level keys in the recorded order."""
    fake = fake.with_dialect(dialect)
    rec, done, _ = _replay(fake, "info")
    assert done.returncode == rec["exit_code"]
    got, want = json.loads(done.stdout), json.loads(rec["stdout"])
    if dialect == "podman":
        assert set(got) == set(want)
        assert got["version"] == want["version"]
    else:
        assert list(got) == list(want)
        assert got["ServerVersion"] == want["ServerVersion"]
