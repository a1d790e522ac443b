#!/usr/bin/env python3
"""Record byte-exact fixtures of real docker / podman CLI output.

Usage:
    python3 tests/data/record.py [--client KEY ...] [--case NAME ...] [--list]

KEY is one of docker-28, docker-20.10, docker-20.10-buildkit, podman (default: all).
NAME is a case name such as build-ok or err-name-conflict (default: all).

Every case is written to ``tests/data/<client-dir>/<case>/`` (the directory is wiped
first, so re-running overwrites it).  The client directory is named after the version the
client reports, e.g. ``docker-28.2.2`` or ``podman-4.3.1``.

Everything the recorder creates is named or tagged ``dcli-rec-*`` and carries the label
``dcli.recorder=1``; all of it is removed again at the end, also when a case fails.

Stdlib only, Python 3.9+.  See tests/data/README.md.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import pty
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time
import traceback
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Callable, NoReturn

DATA_DIR = Path(__file__).resolve().parent
# The Dockerfiles of the build cases; the fake's tests build the same files.
DOCKERFILES = DATA_DIR / "dockerfiles"
DEFAULT_DOCKER_HOST = "unix:///tmp/dockercli-engine/docker.sock"  # the `make engine` one
BUSYBOX = "/bin/busybox"
LABEL = "dcli.recorder=1"
LABEL_KEY = "dcli.recorder"
PREFIX = "dcli-rec-"
BASE_TAG = "dcli-rec-base:latest"
MISSING_SOCKET = "unix:///tmp/nonexistent.sock"
MISSING_CONTEXT = "/nonexistent/dcli-rec-context"
WORK_DIR = Path(tempfile.gettempdir()) / "dcli-rec-work"
# podman reads this private file (CONTAINERS_CONF), never /etc/containers: without
# `default_ulimits = []` podman 4.3 cannot start a container in an unprivileged
# environment (`error setting rlimit type 7`), and its network definitions stay in
# the work directory instead of /etc/containers/networks.
PODMAN_CONF = WORK_DIR / "containers.conf"
PODMAN_CONF_TEXT = (
    "[containers]\ndefault_ulimits = []\n\n"
    f'[network]\nnetwork_config_dir = "{WORK_DIR / "podman-networks"}"\n'
)
TIMEOUT = 120

# Environment variables that would change what the clients do; never inherited.
_STRIP_ENV_PREFIXES = ("DOCKER_", "BUILDKIT_", "BUILDX_", "PODMAN_", "COMPOSE_")
_STRIP_ENV_NAMES = (
    "CONTAINER_HOST",
    "CONTAINER_CONNECTION",
    "CONTAINER_SSHKEY",
    "COLUMNS",
    "LINES",
)


# --------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------


@dataclass
class Client:
    key: str  # command-line name
    binary: str
    kind: str  # "docker" or "podman"
    engine: str  # which image/container store it talks to
    env: dict[str, str] = field(default_factory=dict)  # always set for this client
    build_env: dict[str, str] = field(default_factory=dict)  # recorded in command.json for builds
    dir_suffix: str = ""
    builds_only: bool = False
    client_version: str = ""
    server_version: str | None = None

    @property
    def name(self) -> str:  # argv[0] as shown in command.json
        return self.kind

    @property
    def is_podman(self) -> bool:
        return self.kind == "podman"

    @property
    def dirname(self) -> str:
        version = self.client_version.split("+")[0] or "unknown"
        return f"{self.kind}-{version}{self.dir_suffix}"


def make_clients(docker_host: str) -> dict[str, Client]:
    return {
        "docker-28": Client(
            key="docker-28",
            binary="/usr/local/bin/docker",
            kind="docker",
            engine="docker",
            env={"DOCKER_HOST": docker_host},
        ),
        "docker-20.10": Client(
            key="docker-20.10",
            binary="/usr/bin/docker",
            kind="docker",
            engine="docker",
            env={"DOCKER_HOST": docker_host, "DOCKER_BUILDKIT": "0"},
            build_env={"DOCKER_BUILDKIT": "0"},
        ),
        "docker-20.10-buildkit": Client(
            key="docker-20.10-buildkit",
            binary="/usr/bin/docker",
            kind="docker",
            engine="docker",
            env={"DOCKER_HOST": docker_host, "DOCKER_BUILDKIT": "1"},
            build_env={"DOCKER_BUILDKIT": "1"},
            dir_suffix="-buildkit",
            builds_only=True,
        ),
        "podman": Client(
            key="podman",
            binary="/usr/bin/podman",
            kind="podman",
            engine="podman",
            env={"CONTAINERS_CONF": str(PODMAN_CONF)},
        ),
    }


def base_env() -> dict[str, str]:
    env = {}
    for k, v in os.environ.items():
        if k.startswith(_STRIP_ENV_PREFIXES) or k in _STRIP_ENV_NAMES:
            continue
        env[k] = v
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    return env


@dataclass
class Result:
    argv: list[str]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")


class Runner:
    """Runs one client's binary with a clean environment."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = base_env()
        env.update(self.client.env)
        if extra:
            env.update(extra)
        return env

    def run(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        timeout: int = TIMEOUT,
        input: bytes | None = None,
    ) -> Result:
        argv = [self.client.binary, *args]
        proc = subprocess.run(
            argv,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env=self.env(env),
            timeout=timeout,
            check=False,  # the caller looks at the exit code
        )
        return Result(list(args), proc.returncode, proc.stdout, proc.stderr)

    def check(
        self, args: Sequence[str], *, env: dict[str, str] | None = None, timeout: int = TIMEOUT
    ) -> str:
        """Run a helper command that must succeed; return stdout as text."""
        res = self.run(args, env=env, timeout=timeout)
        if res.returncode != 0:
            raise RuntimeError(
                f"helper failed ({res.returncode}): {self.client.binary} {' '.join(args)}\n"
                f"{res.err}{res.out}"
            )
        return res.out

    def run_tty(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        rows: int = 40,
        cols: int = 120,
    ) -> Result:
        """Run under a fresh pseudo-terminal (stdin, stdout and stderr all on the tty).

        Returns the merged tty stream as stdout; stderr is empty."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def make_controlling_tty() -> None:  # runs in the child after setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        # start_new_session=True only does the setsid(); making the pty the controlling
        # terminal of that new session (TIOCSCTTY) has no Popen equivalent, so it stays
        # a preexec_fn.  The recorder is single-threaded, so preexec_fn is safe here.
        proc = subprocess.Popen(
            [self.client.binary, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env(env),
            start_new_session=True,
            preexec_fn=make_controlling_tty,  # noqa: PLW1509
            close_fds=True,
        )
        os.close(slave)
        chunks: list[bytes] = []
        deadline = time.monotonic() + TIMEOUT
        try:
            while True:
                if time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError("tty command timed out")
                try:
                    data = os.read(master, 65536)
                except OSError as exc:
                    if exc.errno == errno.EIO:  # slave side closed: child is done
                        break
                    raise
                if not data:
                    break
                chunks.append(data)
        finally:
            os.close(master)
        rc = proc.wait(timeout=TIMEOUT)
        return Result(list(args), rc, b"".join(chunks), b"")


# --------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------


@dataclass
class Recording:
    argv: list[str]  # args after the binary, as run
    result: Result
    expected: dict[str, object]
    env: dict[str, str] = field(default_factory=dict)  # recorded env (non-default vars that matter)
    replace: dict[str, str] = field(default_factory=dict)  # real string -> placeholder, argv only
    extra_files: dict[str, bytes] = field(default_factory=dict)
    extra_command: dict[str, object] = field(default_factory=dict)


def write_case(client: Client, case: str, rec: Recording) -> Path:
    d = DATA_DIR / client.dirname / case
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    argv = [client.name]
    for arg in rec.argv:
        shown = arg
        for real, placeholder in sorted(rec.replace.items(), key=lambda kv: -len(kv[0])):
            shown = shown.replace(real, placeholder)
        argv.append(shown)
    command: dict[str, object] = {
        "argv": argv,
        "env": rec.env,
        "client_version": client.client_version,
        "server_version": client.server_version,
    }
    command.update(rec.extra_command)
    (d / "command.json").write_text(json.dumps(command, indent=2) + "\n")
    (d / "exit_code").write_text(f"{rec.result.returncode}\n")
    (d / "stdout").write_bytes(rec.result.stdout)
    (d / "stderr").write_bytes(rec.result.stderr)
    (d / "expected.json").write_text(json.dumps(rec.expected, indent=2) + "\n")
    for name, content in rec.extra_files.items():
        (d / name).write_bytes(content)
    return d


# --------------------------------------------------------------------------------------
# Per-run state: temp dirs, base images, cleanup
# --------------------------------------------------------------------------------------

# The successful Dockerfile starts with the COPY of a fresh build-id, so no step of a
# build-ok run can come from any cache.  The failing ones put the LABEL first instead,
# so every intermediate image and left-over build container is findable by label.
DOCKERFILE_OK = (DOCKERFILES / "build-ok").read_text()

DOCKERFILE_FAIL_RUN = (DOCKERFILES / "build-fail-run").read_text()

DOCKERFILE_MISSING_COPY = (DOCKERFILES / "build-fail-missing-copy").read_text()

DOCKERFILE_UNKNOWN_INSTRUCTION = (DOCKERFILES / "build-fail-unknown-instruction").read_text()


class Session:
    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients
        # A fixed work directory keeps paths that end up in error messages stable
        # between re-recordings.
        self.tmp = WORK_DIR
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        PODMAN_CONF.write_text(PODMAN_CONF_TEXT)
        self.current = "none"  # key of the client being recorded
        self.base_ids: dict[str, str] = {}  # engine -> image id of BASE_TAG
        self.engines_used: dict[str, Runner] = {}

    # -- contexts ----------------------------------------------------------------------

    def context(self, name: str, dockerfile: str | None = DOCKERFILE_OK) -> Path:
        d = self.tmp / self.current / name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        shutil.copy2(BUSYBOX, d / "busybox")
        # A fresh build id makes the COPY (and everything after it) miss every cache.
        (d / "build-id").write_text(uuid.uuid4().hex + "\n")
        if dockerfile is not None:
            (d / "Dockerfile").write_text(dockerfile)
        return d

    # -- images ------------------------------------------------------------------------

    def build_image(self, r: Runner, tag: str, dockerfile: str = DOCKERFILE_OK) -> str:
        ctx = self.context("image-" + tag.replace(":", "-").replace("/", "-"), dockerfile)
        r.check(["build", "-q", "-t", tag, str(ctx)])
        return image_id(r, tag)

    def base(self, r: Runner) -> str:
        """Tag of the shared test image on r's engine (built on first use)."""
        eng = r.client.engine
        self.engines_used.setdefault(eng, r)
        if eng not in self.base_ids:
            self.base_ids[eng] = self.build_image(r, BASE_TAG)
        return BASE_TAG

    # -- cleanup -----------------------------------------------------------------------

    def sweep(self, r: Runner, *, everything: bool = False) -> None:
        """Remove recorder containers and images from r's engine.

        Between cases the base image is kept; with everything=True it goes too."""
        self.engines_used.setdefault(r.client.engine, r)
        keep: set[str | None] = set() if everything else {self.base_ids.get(r.client.engine)}
        ids: set[str] = set()
        for flt in (f"label={LABEL}", f"name={PREFIX}"):
            ids.update(r.run(["ps", "-a", "-q", "--no-trunc", "--filter", flt]).out.split())
        if ids:
            rm = ["rm", "-f", "-v"] + (["-t", "0"] if r.client.is_podman else [])
            r.run(rm + sorted(ids))
        for kind in ("network", "volume"):
            names = set(self.leftovers(r, kind))
            if names:
                r.run([kind, "rm", *sorted(names)])
        listing = [["images", "-q", "--no-trunc", "--filter", f"label={LABEL}"]]
        if everything:
            listing += [
                ["images", "-a", "-q", "--no-trunc", "--filter", f"label={LABEL}"],
                ["images", "-q", "--no-trunc", "--filter", f"reference={PREFIX}*"],
                ["images", "-q", "--no-trunc", "--filter", f"reference=localhost/{PREFIX}*"],
            ]
        previous: set[str] | None = None
        for _ in range(6):
            imgs: set[str] = set()
            for args in listing:
                imgs.update(normalize_id(i) for i in r.run(args).out.split())
            imgs -= keep
            if not imgs or imgs == previous:
                break
            previous = imgs
            r.run(["rmi", "-f", *sorted(imgs)])
        if everything:
            self.base_ids.pop(r.client.engine, None)

    def leftovers(self, r: Runner, kind: str) -> list[str]:
        """Recorder networks or volumes (``kind``) on r's engine, by label or name prefix."""
        found: list[str] = []
        for flt in (f"label={LABEL}", f"name={PREFIX}"):
            out = r.run([kind, "ls", "--format", "{{.Name}}", "--filter", flt]).out.split()
            # name= matches a substring: keep only names that start with the prefix
            found += [n for n in out if flt.startswith("label") or n.startswith(PREFIX)]
        return found

    def final_cleanup(self) -> list[str]:
        problems: list[str] = []
        for eng, r in self.engines_used.items():
            try:
                self.sweep(r, everything=True)
            except Exception as exc:  # keep going for the other engine
                problems.append(f"{eng}: cleanup failed: {exc}")
                continue
            left_c = r.run(["ps", "-a", "-q", "--filter", f"label={LABEL}"]).out.split()
            left_c += r.run(["ps", "-a", "-q", "--filter", f"name={PREFIX}"]).out.split()
            left_i = r.run(["images", "-a", "-q", "--filter", f"label={LABEL}"]).out.split()
            left_i += r.run(["images", "-q", "--filter", f"reference={PREFIX}*"]).out.split()
            left_n = self.leftovers(r, "network") + self.leftovers(r, "volume")
            if left_c or left_i or left_n:
                problems.append(
                    f"{eng}: left behind containers={sorted(set(left_c))} "
                    f"images={sorted(set(left_i))} networks/volumes={sorted(set(left_n))}"
                )
        shutil.rmtree(self.tmp, ignore_errors=True)
        return problems


def normalize_id(s: str) -> str:
    s = s.strip()
    return s[len("sha256:") :] if s.startswith("sha256:") else s


def image_id(r: Runner, ref: str) -> str:
    return normalize_id(r.check(["image", "inspect", ref, "--format", "{{.Id}}"]))


def image_id_or_none(r: Runner, ref: str) -> str | None:
    res = r.run(["image", "inspect", ref, "--format", "{{.Id}}"])
    return normalize_id(res.out) if res.returncode == 0 else None


def fmt(r: Runner, obj: str, template: str) -> str:
    return r.check(["container", "inspect", obj, "--format", template]).strip()


def container_facts(r: Runner, name: str) -> dict[str, object]:
    # One plain template per engine-neutral field list: podman 4.3 cannot evaluate
    # templates like '{"id":{{json .Id}}}' (it only special-cases a leading "{{").
    raw = fmt(
        r,
        name,
        "{{.Id}}|{{.Name}}|{{.State.Running}}|{{.State.ExitCode}}|{{.NetworkSettings.IPAddress}}",
    )
    cid, cname, running, code, ip = raw.split("|")
    return {
        "id": cid,
        "name": cname.lstrip("/"),
        "running": running == "true",
        "exit_code": int(code),
        "ip_address": ip or None,
    }


def port_mappings(
    r: Runner, name: str, only: str | None = None, keep_port: bool = True
) -> list[dict[str, object]]:
    ports = json.loads(fmt(r, name, "{{json .NetworkSettings.Ports}}") or "null") or {}
    out = []
    for key, bindings in ports.items():
        if only is not None and key != only:
            continue
        port, _, proto = key.partition("/")
        for b in bindings or []:
            out.append(
                {
                    "container_port": int(port) if keep_port else None,
                    "protocol": (proto or "tcp") if keep_port else None,
                    # podman reports "" for "all IPv4 addresses" and prints it as 0.0.0.0
                    "host_ip": b.get("HostIp") or "0.0.0.0",
                    "host_port": int(b["HostPort"]),
                }
            )
    out.sort(
        key=lambda m: (m["container_port"] or 0, m["protocol"] or "", m["host_ip"], m["host_port"])
    )
    return out


def free_port() -> int:
    for port in range(18080, 18200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18080-18199")


def wait_for(pred: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.25)
    raise RuntimeError(f"timed out waiting for {what}")


def labelled(name: str) -> list[str]:
    return ["--name", name, "--label", LABEL]


def stop_args(r: Runner) -> list[str]:
    return ["stop", "-t", "0"]


# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------

BUILD = ("docker-28", "docker-20.10", "docker-20.10-buildkit", "podman")
BUILDKIT = ("docker-20.10-buildkit",)
RUNTIME = ("docker-28", "docker-20.10", "podman")
DOCKER = ("docker-28", "docker-20.10")  # podman fails these earlier, or not at all


@dataclass
class Case:
    name: str
    clients: Sequence[str]
    fn: Callable[[Session, Runner], Recording]
    group: str


CASES: dict[str, Case] = {}

CaseFn = Callable[[Session, Runner], Recording]


def case(name: str, clients: Sequence[str], group: str) -> Callable[[CaseFn], CaseFn]:
    def deco(fn: CaseFn) -> CaseFn:
        CASES[name] = Case(name, clients, fn, group)
        return fn

    return deco


def build_env(r: Runner) -> dict[str, str]:
    return dict(r.client.build_env)


def _build_ok(
    s: Session,
    r: Runner,
    name: str,
    tag: str,
    *,
    extra: Sequence[str] = (),
    warm: bool = False,
) -> Recording:
    ctx = s.context(name)
    if warm:
        r.check(["build", "-q", "-t", tag, str(ctx)])
    args = ["build", *extra, "-t", tag, str(ctx)]
    res = r.run(args)
    return Recording(
        args,
        res,
        {"image_id": image_id_or_none(r, tag) if res.returncode == 0 else None},
        env=build_env(r),
        replace={str(ctx): "<context>"},
    )


@case("build-ok", BUILD, "build")
def c_build_ok(s: Session, r: Runner) -> Recording:
    return _build_ok(s, r, "build-ok", "dcli-rec-build:ok")


@case("build-ok-cached", BUILD, "build")
def c_build_ok_cached(s: Session, r: Runner) -> Recording:
    return _build_ok(s, r, "build-ok-cached", "dcli-rec-build:cached", warm=True)


@case("build-quiet", BUILD, "build")
def c_build_quiet(s: Session, r: Runner) -> Recording:
    return _build_ok(s, r, "build-quiet", "dcli-rec-build:quiet", extra=["-q"])


@case("build-iidfile", BUILD, "build")
def c_build_iidfile(s: Session, r: Runner) -> Recording:
    ctx = s.context("build-iidfile")
    iid = ctx.parent / "build-iidfile.iid"
    tag = "dcli-rec-build:iidfile"
    args = ["build", "--iidfile", str(iid), "-t", tag, str(ctx)]
    res = r.run(args)
    content = iid.read_bytes() if iid.exists() else b""
    return Recording(
        args,
        res,
        {"image_id": normalize_id(content.decode()) if content else None},
        env=build_env(r),
        replace={str(ctx): "<context>", str(iid): "<iidfile>"},
        extra_files={"iidfile": content},
    )


@case("build-ok-progress-plain", BUILDKIT, "build")
def c_build_progress_plain(s: Session, r: Runner) -> Recording:
    return _build_ok(
        s, r, "build-ok-progress-plain", "dcli-rec-build:plain", extra=["--progress=plain"]
    )


@case("build-ok-progress-tty", BUILDKIT, "build")
def c_build_progress_tty(s: Session, r: Runner) -> Recording:
    ctx = s.context("build-ok-progress-tty")
    tag = "dcli-rec-build:tty"
    args = ["build", "-t", tag, str(ctx)]
    rows, cols = 40, 120
    tty_env = {"TERM": "xterm"}
    res = r.run_tty(args, env=tty_env, rows=rows, cols=cols)
    env = build_env(r)
    env.update(tty_env)
    return Recording(
        args,
        res,
        {"image_id": image_id_or_none(r, tag) if res.returncode == 0 else None},
        env=env,
        replace={str(ctx): "<context>"},
        extra_command={
            "tty": {"rows": rows, "columns": cols, "note": "stdout is the merged tty stream"}
        },
    )


def _build_fail(
    s: Session,
    r: Runner,
    name: str,
    args_fn: Callable[[str, str], list[str]],
    dockerfile: str | None,
    *,
    error: str,
    tag: str,
) -> Recording:
    ctx = s.context(name, dockerfile)
    args = args_fn(str(ctx), tag)
    res = r.run(args)
    return Recording(
        args,
        res,
        {"image_id": image_id_or_none(r, tag) if res.returncode == 0 else None, "error": error},
        env=build_env(r),
        replace={str(ctx): "<context>"},
    )


def _plain_build(ctx: str, tag: str) -> list[str]:
    return ["build", "-t", tag, ctx]


@case("build-fail-run", BUILD, "build")
def c_build_fail_run(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-run",
        _plain_build,
        DOCKERFILE_FAIL_RUN,
        error="BuildError",
        tag="dcli-rec-build:fail-run",
    )


@case("build-fail-missing-copy", BUILD, "build")
def c_build_fail_copy(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-missing-copy",
        _plain_build,
        DOCKERFILE_MISSING_COPY,
        error="BuildError",
        tag="dcli-rec-build:fail-copy",
    )


@case("build-fail-unknown-instruction", BUILD, "build")
def c_build_fail_instr(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-unknown-instruction",
        _plain_build,
        DOCKERFILE_UNKNOWN_INSTRUCTION,
        error="BuildError",
        tag="dcli-rec-build:fail-instruction",
    )


@case("build-fail-no-dockerfile", BUILD, "build")
def c_build_fail_nodf(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-no-dockerfile",
        _plain_build,
        None,
        error="BuildError",
        tag="dcli-rec-build:fail-no-dockerfile",
    )


@case("build-fail-missing-context", BUILD, "build")
def c_build_fail_noctx(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-missing-context",
        lambda ctx, tag: ["build", "-t", tag, MISSING_CONTEXT],
        DOCKERFILE_OK,
        error="BuildError",
        tag="dcli-rec-build:fail-no-context",
    )


@case("build-fail-bad-tag", BUILD, "build")
def c_build_fail_tag(s: Session, r: Runner) -> Recording:
    return _build_fail(
        s,
        r,
        "build-fail-bad-tag",
        lambda ctx, tag: ["build", "-t", "Bad:Tag", ctx],
        DOCKERFILE_OK,
        error="UsageError",
        tag="Bad:Tag",
    )


# -- ports ------------------------------------------------------------------------------


def _port_case(
    s: Session,
    r: Runner,
    name: str,
    publish: Sequence[str],
    port_args: Sequence[str] = (),
    *,
    mode: str = "running",
    only: str | None = None,
    keep_port: bool = True,
) -> Recording:
    img = s.base(r)
    if mode == "created":
        r.check(["create", *labelled(name), *publish, img])
    else:
        r.check(["run", "-d", *labelled(name), *publish, img])
        if mode == "stopped":
            r.check([*stop_args(r), name])
    args = ["port", name, *port_args]
    res = r.run(args)
    inspected = port_mappings(r, name, only=only, keep_port=keep_port)
    if mode == "running":
        return Recording(args, res, {"mappings": inspected})
    # A container that is not running has no live bindings.  docker's inspect agrees
    # ({}); podman's keeps showing the configured (even pre-allocated) host ports.
    expected: dict[str, object] = {"mappings": []}
    if inspected:
        expected["inspect_mappings"] = inspected
        expected["note"] = (
            "container is not running: the port command prints no binding, "
            "but inspect still lists the configured ones (inspect_mappings)"
        )
    return Recording(args, res, expected)


@case("port-all", RUNTIME, "port")
def c_port_all(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-all", ["-p", "8080"])


@case("port-one", RUNTIME, "port")
def c_port_one(s: Session, r: Runner) -> Recording:
    return _port_case(
        s, r, "dcli-rec-port-one", ["-p", "8080"], ["8080"], only="8080/tcp", keep_port=False
    )


@case("port-loopback", RUNTIME, "port")
def c_port_loopback(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-loopback", ["-p", "127.0.0.1::8080"])


@case("port-fixed", RUNTIME, "port")
def c_port_fixed(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-fixed", ["-p", f"127.0.0.1:{free_port()}:8080"])


@case("port-publish-all", RUNTIME, "port")
def c_port_publish_all(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-publish-all", ["-P"])


@case("port-udp", RUNTIME, "port")
def c_port_udp(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-udp", ["-p", "9999/udp"])


@case("port-multiple", RUNTIME, "port")
def c_port_multiple(s: Session, r: Runner) -> Recording:
    return _port_case(
        s, r, "dcli-rec-port-multiple", ["-p", "8080", "-p", "8081", "-p", "9999/udp"]
    )


@case("port-unpublished", RUNTIME, "port")
def c_port_unpublished(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-unpublished", [])


@case("port-one-unpublished", RUNTIME, "port")
def c_port_one_unpublished(s: Session, r: Runner) -> Recording:
    return _port_case(
        s, r, "dcli-rec-port-one-unpublished", [], ["8080"], only="8080/tcp", keep_port=False
    )


@case("port-created", RUNTIME, "port")
def c_port_created(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-created", ["-p", "8080"], mode="created")


@case("port-stopped", RUNTIME, "port")
def c_port_stopped(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-stopped", ["-p", "8080"], mode="stopped")


IPV46 = ["-p", "0.0.0.0::8080", "-p", "[::]::8080", "-p", "8081"]


@case("port-any-ipv4-ipv6", RUNTIME, "port")
def c_port_ipv46(s: Session, r: Runner) -> Recording:
    return _port_case(s, r, "dcli-rec-port-ipv46", IPV46)


@case("port-any-ipv4-ipv6-one", RUNTIME, "port")
def c_port_ipv46_one(s: Session, r: Runner) -> Recording:
    return _port_case(
        s, r, "dcli-rec-port-ipv46-one", IPV46, ["8080"], only="8080/tcp", keep_port=False
    )


# -- inspect ----------------------------------------------------------------------------


def _running(s: Session, r: Runner, name: str, extra: Sequence[str] = ()) -> None:
    r.check(["run", "-d", *labelled(name), *extra, s.base(r)])


def _exited(s: Session, r: Runner, name: str) -> None:
    res = r.run(["run", *labelled(name), s.base(r), "sh", "-c", "exit 3"])
    if res.returncode != 3:
        raise RuntimeError(f"expected exit 3, got {res.returncode}: {res.err}")


def _inspect(
    r: Runner, names: Sequence[str], args: Sequence[str], error: str | None = None
) -> Recording:
    res = r.run(args)
    facts = [container_facts(r, n) for n in names]
    if len(names) == 1 and error is None:
        expected: dict[str, object] = facts[0]
    elif len(names) == 0:
        expected = {}
    else:
        expected = {"items": facts}
    if error:
        expected["error"] = error
    return Recording(list(args), res, expected)


@case("inspect-running", RUNTIME, "inspect")
def c_inspect_running(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-running", ["-p", "8080"])
    return _inspect(r, ["dcli-rec-running"], ["inspect", "dcli-rec-running"])


@case("inspect-exited", RUNTIME, "inspect")
def c_inspect_exited(s: Session, r: Runner) -> Recording:
    _exited(s, r, "dcli-rec-exited")
    return _inspect(r, ["dcli-rec-exited"], ["inspect", "dcli-rec-exited"])


@case("inspect-created", RUNTIME, "inspect")
def c_inspect_created(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-created"), s.base(r)])
    return _inspect(r, ["dcli-rec-created"], ["inspect", "dcli-rec-created"])


@case("inspect-missing", RUNTIME, "inspect")
def c_inspect_missing(s: Session, r: Runner) -> Recording:
    args = ["inspect", "nosuchthing"]
    # Without --type the CLI cannot know what was meant: "No such object", a NotFoundError.
    return Recording(args, r.run(args), {"error": "NotFoundError"})


@case("inspect-multiple", RUNTIME, "inspect")
def c_inspect_multiple(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-multi-a")
    _exited(s, r, "dcli-rec-multi-b")
    names = ["dcli-rec-multi-a", "dcli-rec-multi-b"]
    return _inspect(r, names, ["inspect", *names])


@case("inspect-multiple-one-missing", RUNTIME, "inspect")
def c_inspect_multiple_missing(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-multi-a")
    _exited(s, r, "dcli-rec-multi-b")
    names = ["dcli-rec-multi-a", "dcli-rec-multi-b"]
    rec = _inspect(
        r,
        names,
        ["inspect", "dcli-rec-multi-a", "nosuch", "dcli-rec-multi-b"],
        "NotFoundError",
    )
    rec.expected["missing"] = ["nosuch"]
    return rec


@case("inspect-image", RUNTIME, "inspect")
def c_inspect_image(s: Session, r: Runner) -> Recording:
    tag = s.base(r)
    args = ["image", "inspect", tag]
    res = r.run(args)
    tags = json.loads(r.check(["image", "inspect", tag, "--format", "{{json .RepoTags}}"]))
    return Recording(args, res, {"image_id": image_id(r, tag), "repo_tags": tags})


@case("inspect-healthy", RUNTIME, "inspect")
def c_inspect_healthy(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-healthy"
    r.check(
        [
            "run",
            "-d",
            *labelled(name),
            "--health-cmd",
            "true",
            "--health-interval",
            "1s",
            s.base(r),
            "sleep",
            "300",
        ]
    )

    def healthy() -> bool:
        if r.client.is_podman:
            # podman schedules health checks with systemd timers; there is no systemd here,
            # so run the check by hand (same command, same state transition).
            r.run(["healthcheck", "run", name])
        return fmt(r, name, "{{.State.Health.Status}}") == "healthy"

    wait_for(healthy, 30, "healthy")
    rec = _inspect(r, [name], ["inspect", name])
    rec.expected["health"] = fmt(r, name, "{{.State.Health.Status}}")
    return rec


# -- lists ------------------------------------------------------------------------------


@case("ps-json", RUNTIME, "list")
def c_ps_json(s: Session, r: Runner) -> Recording:
    img = s.base(r)
    r.check(
        [
            "run", "-d", *labelled("dcli-rec-ps-web"),
            "--label", "org.example.tier=frontend",
            "--label", "org.example.owner=team a",
            "--label", "org.example.list=x,y",
            "--label", "org.example.empty=",
            "-p", "127.0.0.1::8080", "-p", "9999/udp",
            img,
        ]
    )  # fmt: skip
    _exited(s, r, "dcli-rec-ps-exited")
    r.check(["create", *labelled("dcli-rec-ps-created"), img, "sleep", "300"])
    names = ["dcli-rec-ps-web", "dcli-rec-ps-exited", "dcli-rec-ps-created"]
    args = ["ps", "-a", "--format", "{{json .}}", "--filter", f"label={LABEL}"]
    res = r.run(args)
    containers = []
    for n in names:
        facts = container_facts(r, n)
        facts["labels"] = json.loads(fmt(r, n, "{{json .Config.Labels}}"))
        containers.append(facts)
    return Recording(args, res, {"containers": containers})


@case("ps-json-empty", RUNTIME, "list")
def c_ps_json_empty(s: Session, r: Runner) -> Recording:
    args = ["ps", "-a", "--format", "{{json .}}", "--filter", "label=dcli.recorder.nosuch=1"]
    return Recording(args, r.run(args), {"containers": []})


@case("images-json", RUNTIME, "list")
def c_images_json(s: Session, r: Runner) -> Recording:
    base = s.base(r)
    list_id = s.build_image(r, "dcli-rec-list:1.0")
    r.check(["tag", "dcli-rec-list:1.0", "dcli-rec-list:latest"])
    args = ["images", "--format", "{{json .}}", "--filter", f"label={LABEL}"]
    res = r.run(args)
    images = []
    for ref in (base, "dcli-rec-list:1.0", "dcli-rec-list:latest"):
        tags = json.loads(r.check(["image", "inspect", ref, "--format", "{{json .RepoTags}}"]))
        images.append({"reference": ref, "image_id": image_id(r, ref), "repo_tags": tags})
    assert images[1]["image_id"] == list_id
    return Recording(args, res, {"images": images})


@case("network-ls-json", RUNTIME, "list")
def c_network_ls_json(s: Session, r: Runner) -> Recording:
    # Only the engine's own networks: the recorder's engine has no others.
    args = ["network", "ls", "--no-trunc", "--format", "{{json .}}"]
    res = r.run(args)
    names = r.check(["network", "ls", "--format", "{{.Name}} {{.Driver}}"]).split("\n")
    networks = [dict(zip(("name", "driver"), line.split())) for line in names if line]
    return Recording(args, res, {"networks": networks})


@case("network-ls-json-empty", RUNTIME, "list")
def c_network_ls_json_empty(s: Session, r: Runner) -> Recording:
    args = ["network", "ls", "--format", "{{json .}}", "--filter", "label=dcli.recorder.nosuch=1"]
    return Recording(args, r.run(args), {"networks": []})


@case("images-json-empty", RUNTIME, "list")
def c_images_json_empty(s: Session, r: Runner) -> Recording:
    args = ["images", "--format", "{{json .}}", "--filter", "label=dcli.recorder.nosuch=1"]
    return Recording(args, r.run(args), {"images": []})


# -- networks ---------------------------------------------------------------------------
#
# Every network here gets a subnet of its own inside 10.213.80.0/20, well away from the
# engines' default pools (docker's 172.17.0.0/16 and up, podman's 10.88.0.0/16 and
# 10.89.x.0/24) and from err-network-create-in-use's 10.213.77.0/24; the containers on
# them run `sleep 300`.  Networks are named dcli-rec-net-* and labelled like everything
# else, so the sweep (containers first, then networks) removes them.


def _network(r: Runner, name: str, subnet: str | None, extra: Sequence[str] = ()) -> None:
    """Create a labelled network (a helper step: it must succeed)."""
    args = ["network", "create", "--label", LABEL]
    if subnet is not None:
        args += ["--subnet", subnet]
    r.check([*args, *extra, name])


def _sleeper(
    s: Session, r: Runner, name: str, network: str | None = None, alias: str | None = None
) -> None:
    """A running container (`sleep 300`), on ``network`` (with ``alias``) or the default."""
    extra: list[str] = []
    if network is not None:
        extra += ["--network", network]
    if alias is not None:
        extra += ["--network-alias", alias]
    r.check(["run", "-d", *labelled(name), *extra, s.base(r), "sleep", "300"])


def network_facts(r: Runner, name: str) -> dict[str, object]:
    """What the engine says about a network, from separate --format queries."""
    if r.client.is_podman:
        head = "{{.ID}}|{{.Name}}|{{.Driver}}|{{.Internal}}"
        pools = "{{json .Subnets}}"
    else:
        head = "{{.Id}}|{{.Name}}|{{.Driver}}|{{.Internal}}|{{.Attachable}}"
        pools = "{{json .IPAM.Config}}"

    def query(template: str) -> str:
        return r.check(["network", "inspect", name, "--format", template]).strip()

    fields = query(head).split("|")
    facts: dict[str, object] = {
        "id": fields[0],
        "name": fields[1],
        "driver": fields[2],
        "internal": fields[3] == "true",
    }
    if not r.client.is_podman:
        facts["attachable"] = fields[4] == "true"
    facts["labels"] = json.loads(query("{{json .Labels}}") or "null") or {}
    subnets = []
    for p in json.loads(query(pools) or "null") or []:
        if r.client.is_podman:
            entry: dict[str, object] = {
                "subnet": p.get("subnet"),
                "gateway": p.get("gateway") or None,
            }
            if p.get("lease_range"):
                entry["lease_range"] = p["lease_range"]
        else:
            entry = {
                "subnet": p.get("Subnet"),
                "gateway": p.get("Gateway") or None,
                "ip_range": p.get("IPRange") or None,
            }
        subnets.append(entry)
    facts["subnets"] = subnets
    return facts


def container_networks(r: Runner, name: str) -> dict[str, dict[str, object]]:
    """A container's endpoints (NetworkSettings.Networks), by network name."""
    nets = json.loads(fmt(r, name, "{{json .NetworkSettings.Networks}}") or "null") or {}
    return {
        net: {
            "network_id": ep.get("NetworkID") or None,
            "ip_address": ep.get("IPAddress") or None,
            "prefix_len": ep.get("IPPrefixLen"),
            "gateway": ep.get("Gateway") or None,
            "mac_address": ep.get("MacAddress") or None,
            "aliases": ep.get("Aliases") or [],
        }
        for net, ep in sorted(nets.items())
    }


def network_exists(r: Runner, name: str) -> bool:
    return r.run(["network", "inspect", name, "--format", "{{.Name}}"]).returncode == 0


def _members(r: Runner, network: str, names: Sequence[str]) -> list[dict[str, object]]:
    """The containers on ``network``, from each container's own inspect."""
    out = []
    for n in names:
        facts = container_facts(r, n)
        ep = container_networks(r, n)[network]
        out.append(
            {
                "id": facts["id"],
                "name": facts["name"],
                "ip_address": ep["ip_address"],
                "prefix_len": ep["prefix_len"],
                "mac_address": ep["mac_address"],
                "aliases": ep["aliases"],
            }
        )
    return out


@case("network-create", RUNTIME, "network")
def c_network_create(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net-a"
    args = ["network", "create", "--label", LABEL, "--subnet", "10.213.81.0/24", name]
    res = r.run(args)
    return Recording(args, res, network_facts(r, name))


@case("network-create-internal", RUNTIME, "network")
def c_network_create_internal(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net-internal"
    # podman has no --attachable (its networks always are)
    attachable = [] if r.client.is_podman else ["--attachable"]
    args = [
        "network", "create", "--label", LABEL, "--internal", *attachable,
        "--subnet", "10.213.82.0/24", "--gateway", "10.213.82.1",
        "--ip-range", "10.213.82.128/25", name,
    ]  # fmt: skip
    res = r.run(args)
    return Recording(args, res, network_facts(r, name))


@case("network-inspect", RUNTIME, "network")
def c_network_inspect(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net-inspect"
    _network(r, name, "10.213.85.0/25")
    args = ["network", "inspect", name]
    res = r.run(args)
    return Recording(args, res, {**network_facts(r, name), "containers": []})


@case("network-inspect-members", RUNTIME, "network")
def c_network_inspect_members(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net-members"
    ctr = "dcli-rec-net-member"
    _network(r, name, "10.213.85.128/25")
    _sleeper(s, r, ctr, name, "web")
    args = ["network", "inspect", name]
    res = r.run(args)
    return Recording(args, res, {**network_facts(r, name), "containers": _members(r, name, [ctr])})


@case("network-inspect-two", RUNTIME, "network")
def c_network_inspect_two(s: Session, r: Runner) -> Recording:
    names = ["dcli-rec-net-one", "dcli-rec-net-two"]
    _network(r, names[0], "10.213.86.0/25")
    _network(r, names[1], "10.213.86.128/25")
    args = ["network", "inspect", *names]
    res = r.run(args)
    return Recording(args, res, {"items": [network_facts(r, n) for n in names]})


@case("container-inspect-user-network", RUNTIME, "network")
def c_container_inspect_user_network(s: Session, r: Runner) -> Recording:
    net = "dcli-rec-net-user"
    ctr = "dcli-rec-net-web"
    _network(r, net, "10.213.87.0/25")
    _sleeper(s, r, ctr, net, "web")
    args = ["inspect", ctr]
    res = r.run(args)
    expected = container_facts(r, ctr)
    expected["networks"] = container_networks(r, ctr)
    # the network's own ID: podman's endpoint gives the network's name as its NetworkID
    expected["network"] = {"name": net, "id": network_facts(r, net)["id"]}
    return Recording(args, res, expected)


def _connected(r: Runner, net: str, ctr: str) -> dict[str, object]:
    nets = container_networks(r, ctr)
    return {
        "network": net,
        "container": ctr,
        "connected": net in nets,
        "networks": sorted(nets),
        "endpoint": nets.get(net),
    }


def _connect(net: str, ctr: str, subnet: str, flags: list[str]) -> CaseFn:
    """``network connect FLAGS NET CTR`` of a running container on the default bridge."""

    def fn(s: Session, r: Runner) -> Recording:
        _network(r, net, subnet)
        _sleeper(s, r, ctr)
        args = ["network", "connect", *flags, net, ctr]
        return Recording(args, r.run(args), _connected(r, net, ctr))

    return fn


case("network-connect", RUNTIME, "network")(
    _connect(
        "dcli-rec-net-connect", "dcli-rec-net-connectee", "10.213.87.128/25", ["--alias", "extra"]
    )
)
case("network-connect-ip", RUNTIME, "network")(
    _connect(
        "dcli-rec-net-connect-ip",
        "dcli-rec-net-fixed-ip",
        "10.213.88.0/25",
        ["--ip", "10.213.88.50"],
    )
)


def _disconnect(
    s: Session, r: Runner, net: str, ctr: str, subnet: str, *, force: bool
) -> Recording:
    _network(r, net, subnet)
    _sleeper(s, r, ctr)
    r.check(["network", "connect", net, ctr])
    args = ["network", "disconnect", *(["--force"] if force else []), net, ctr]
    res = r.run(args)
    return Recording(args, res, _connected(r, net, ctr))


@case("network-disconnect", RUNTIME, "network")
def c_network_disconnect(s: Session, r: Runner) -> Recording:
    return _disconnect(
        s, r, "dcli-rec-net-disconnect", "dcli-rec-net-leaver", "10.213.88.128/25", force=False
    )


@case("network-disconnect-force", RUNTIME, "network")
def c_network_disconnect_force(s: Session, r: Runner) -> Recording:
    return _disconnect(
        s, r, "dcli-rec-net-disconnect-f", "dcli-rec-net-forced", "10.213.89.0/25", force=True
    )


def _rm(r: Runner, nets: dict[str, str]) -> Recording:
    for name, subnet in nets.items():
        _network(r, name, subnet)
    ids = {n: network_facts(r, n)["id"] for n in nets}
    args = ["network", "rm", *nets]
    res = r.run(args)
    return Recording(
        args,
        res,
        {"removed": [{"name": n, "id": ids[n], "exists": network_exists(r, n)} for n in nets]},
    )


@case("network-rm", RUNTIME, "network")
def c_network_rm(s: Session, r: Runner) -> Recording:
    return _rm(r, {"dcli-rec-net-rm": "10.213.89.128/25"})


@case("network-rm-two", RUNTIME, "network")
def c_network_rm_two(s: Session, r: Runner) -> Recording:
    return _rm(r, {"dcli-rec-net-rm-a": "10.213.90.0/25", "dcli-rec-net-rm-b": "10.213.90.128/25"})


def _ls_user(r: Runner, args: list[str], subnets: tuple[str, str]) -> Recording:
    names = ["dcli-rec-net-ls-a", "dcli-rec-net-ls-b"]
    r.check(["network", "create", "--label", LABEL, "--label", "org.example.tier=back",
             "--subnet", subnets[0], names[0]])  # fmt: skip
    _network(r, names[1], subnets[1], ["--internal"])
    res = r.run(args)
    networks = []
    for n in names:
        f = network_facts(r, n)
        networks.append({k: f[k] for k in ("name", "id", "driver", "internal", "labels")})
    return Recording(args, res, {"networks": networks})


@case("network-ls-user", RUNTIME, "network")
def c_network_ls_user(s: Session, r: Runner) -> Recording:
    args = ["network", "ls", "--no-trunc", "--format", "{{json .}}", "--filter", f"label={LABEL}"]
    return _ls_user(r, args, ("10.213.91.0/25", "10.213.91.128/25"))


@case("network-ls-table", RUNTIME, "network")
def c_network_ls_table(s: Session, r: Runner) -> Recording:
    args = ["network", "ls", "--filter", f"label={LABEL}"]
    return _ls_user(r, args, ("10.213.92.0/25", "10.213.92.128/25"))


# -- volumes ----------------------------------------------------------------------------


def _volume(r: Runner, name: str, extra: Sequence[str] = ()) -> None:
    """Create a labelled volume (a helper step: it must succeed)."""
    r.check(["volume", "create", "--label", LABEL, *extra, name])


def volume_facts(r: Runner, name: str) -> dict[str, object]:
    """What the engine says about a volume, from separate --format queries."""

    def query(template: str) -> str:
        return r.check(["volume", "inspect", name, "--format", template]).strip()

    head = query("{{.Name}}|{{.Driver}}|{{.Mountpoint}}|{{.Scope}}").split("|")
    return {
        "name": head[0],
        "driver": head[1],
        "mountpoint": head[2],
        "scope": head[3],
        "labels": json.loads(query("{{json .Labels}}") or "null") or {},
        "options": json.loads(query("{{json .Options}}") or "null") or {},
    }


def volume_exists(r: Runner, name: str) -> bool:
    return r.run(["volume", "inspect", name, "--format", "{{.Name}}"]).returncode == 0


def _volume_users(r: Runner, ctr: str) -> list[dict[str, object]]:
    """A container's mounts, as its inspect lists them (named volumes first)."""
    mounts = json.loads(fmt(r, ctr, "{{json .Mounts}}") or "null") or []
    return [
        {
            "type": m.get("Type"),
            "name": m.get("Name") or None,
            "destination": m.get("Destination"),
            "rw": m.get("RW"),
        }
        for m in mounts
    ]


@case("volume-create", RUNTIME, "volume")
def c_volume_create(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-vol-a"
    args = ["volume", "create", "--label", LABEL, "--label", "org.example.tier=db", name]
    res = r.run(args)
    return Recording(args, res, volume_facts(r, name))


@case("volume-create-anonymous", RUNTIME, "volume")
def c_volume_create_anonymous(s: Session, r: Runner) -> Recording:
    args = ["volume", "create", "--label", LABEL]
    res = r.run(args)
    return Recording(args, res, volume_facts(r, res.out.strip()))


@case("volume-create-opts", RUNTIME, "volume")
def c_volume_create_opts(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-vol-opts"
    args = [
        "volume", "create", "--label", LABEL, "--driver", "local",
        "--opt", "type=tmpfs", "--opt", "device=tmpfs", "--opt", "o=nodev", name,
    ]  # fmt: skip
    res = r.run(args)
    return Recording(args, res, volume_facts(r, name))


@case("volume-create-existing", RUNTIME, "volume")
def c_volume_create_existing(s: Session, r: Runner) -> Recording:
    # docker answers a second create of a name with the volume that has it, as it is;
    # podman refuses. dockercli must not take a volume it did not create for its own.
    name = "dcli-rec-vol-taken"
    _volume(r, name, ["--label", "owner=user"])
    args = ["volume", "create", "--label", LABEL, "--label", "owner=dockercli", name]
    res = r.run(args)
    return Recording(args, res, {**volume_facts(r, name), "dockercli_error": "ConflictError"})


@case("volume-inspect", RUNTIME, "volume")
def c_volume_inspect(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-vol-inspect"
    _volume(r, name, ["--label", "org.example.tier=cache"])
    args = ["volume", "inspect", name]
    return Recording(args, r.run(args), volume_facts(r, name))


@case("volume-inspect-two", RUNTIME, "volume")
def c_volume_inspect_two(s: Session, r: Runner) -> Recording:
    names = ["dcli-rec-vol-one", "dcli-rec-vol-two"]
    for n in names:
        _volume(r, n)
    args = ["volume", "inspect", *names]
    return Recording(args, r.run(args), {"items": [volume_facts(r, n) for n in names]})


def _ls_volumes(r: Runner, args: list[str]) -> Recording:
    names = ["dcli-rec-vol-ls-a", "dcli-rec-vol-ls-b"]
    _volume(r, names[0], ["--label", "org.example.tier=db"])
    _volume(r, names[1])
    return Recording(args, r.run(args), {"volumes": [volume_facts(r, n) for n in names]})


@case("volume-ls-json", RUNTIME, "volume")
def c_volume_ls_json(s: Session, r: Runner) -> Recording:
    return _ls_volumes(r, ["volume", "ls", "--format", "{{json .}}", "--filter", f"label={LABEL}"])


@case("volume-ls-table", RUNTIME, "volume")
def c_volume_ls_table(s: Session, r: Runner) -> Recording:
    return _ls_volumes(r, ["volume", "ls", "--filter", f"label={LABEL}"])


@case("volume-ls-quiet", RUNTIME, "volume")
def c_volume_ls_quiet(s: Session, r: Runner) -> Recording:
    return _ls_volumes(r, ["volume", "ls", "--quiet", "--filter", f"label={LABEL}"])


def _rm_volumes(r: Runner, names: Sequence[str], flags: Sequence[str] = ()) -> Recording:
    for n in names:
        _volume(r, n)
    args = ["volume", "rm", *flags, *names]
    res = r.run(args)
    removed = [{"name": n, "exists": volume_exists(r, n)} for n in names]
    return Recording(args, res, {"removed": removed})


@case("volume-rm", RUNTIME, "volume")
def c_volume_rm(s: Session, r: Runner) -> Recording:
    return _rm_volumes(r, ["dcli-rec-vol-rm"])


@case("volume-rm-two", RUNTIME, "volume")
def c_volume_rm_two(s: Session, r: Runner) -> Recording:
    return _rm_volumes(r, ["dcli-rec-vol-rm-a", "dcli-rec-vol-rm-b"])


@case("volume-rm-force-missing", RUNTIME, "volume")
def c_volume_rm_force_missing(s: Session, r: Runner) -> Recording:
    args = ["volume", "rm", "--force", f"{NOSUCH}-vol"]
    return _failing(r, args, "NoSuchVolumeError", "--force makes a missing volume no error")


def _in_use(s: Session, r: Runner, name: str, ctr: str, *, running: bool) -> None:
    _volume(r, name)
    command = ["sleep", "300"] if running else ["true"]
    r.check(["run", "-d", *labelled(ctr), "-v", f"{name}:/data", s.base(r), *command])
    if not running:
        r.check(["wait", ctr])


@case("err-volume-rm-in-use", RUNTIME, "error")
def c_err_volume_rm_in_use(s: Session, r: Runner) -> Recording:
    name, ctr = "dcli-rec-vol-busy", "dcli-rec-vol-user"
    _in_use(s, r, name, ctr, running=True)
    rec = _failing(r, ["volume", "rm", name], "ConflictError")
    rec.expected.update(container_id=container_facts(r, ctr)["id"], exists=volume_exists(r, name))
    return rec


@case("err-volume-rm-in-use-stopped", RUNTIME, "error")
def c_err_volume_rm_in_use_stopped(s: Session, r: Runner) -> Recording:
    name, ctr = "dcli-rec-vol-held", "dcli-rec-vol-stopped"
    _in_use(s, r, name, ctr, running=False)
    rec = _failing(r, ["volume", "rm", name], "ConflictError", "a stopped container's volume goes")
    rec.expected.update(container_id=container_facts(r, ctr)["id"], exists=volume_exists(r, name))
    return rec


@case("volume-rm-force-in-use", RUNTIME, "volume")
def c_volume_rm_force_in_use(s: Session, r: Runner) -> Recording:
    # podman's --force removes the containers that use the volume: dockercli never passes it
    name, ctr = "dcli-rec-vol-forced", "dcli-rec-vol-forced-user"
    _in_use(s, r, name, ctr, running=True)
    res = r.run(["volume", "rm", "--force", name])
    gone = r.run(["inspect", "--format", "{{.Id}}", ctr]).returncode != 0
    facts: dict[str, object] = {"exists": volume_exists(r, name), "container_removed": gone}
    return Recording(["volume", "rm", "--force", name], res, facts)


@case("err-volume-rm-noarg", RUNTIME, "error")
def c_err_volume_rm_noarg(s: Session, r: Runner) -> Recording:
    return _failing(r, ["volume", "rm"], "UsageError")


@case("err-volume-create-bad-name", RUNTIME, "error")
def c_err_volume_create_bad_name(s: Session, r: Runner) -> Recording:
    return _failing(r, ["volume", "create", "--label", LABEL, "bad name"], "UsageError")


@case("err-volume-create-short-name", RUNTIME, "error")
def c_err_volume_create_short_name(s: Session, r: Runner) -> Recording:
    args = ["volume", "create", "--label", LABEL, "v"]
    return _failing(r, args, "UsageError", "a one-character name is a name here")


@case("err-volume-create-bad-driver", RUNTIME, "error")
def c_err_volume_create_bad_driver(s: Session, r: Runner) -> Recording:
    args = ["volume", "create", "--label", LABEL, "--driver", "dcli-nosuch", "dcli-rec-vol-drv"]
    return _failing(r, args, "NotFoundError")


@case("container-inspect-volume", RUNTIME, "volume")
def c_container_inspect_volume(s: Session, r: Runner) -> Recording:
    name, ctr = "dcli-rec-vol-mounted", "dcli-rec-vol-mounter"
    _volume(r, name)
    r.check(["run", "-d", *labelled(ctr), "-v", f"{name}:/data:ro", "-v", "/scratch",
             s.base(r), "sleep", "300"])  # fmt: skip
    args = ["inspect", ctr]
    facts = {**container_facts(r, ctr), "mounts": _volume_users(r, ctr)}
    return Recording(args, r.run(args), facts)


# -- the rest of docker run: what the engine keeps of each setting, and what it refuses

# Settings every client takes and this sandbox can start with (not --privileged: the
# engine may not grant capabilities here; not --mac-address: docker 28 needs API 1.44).
RUN_SETTINGS = [
    "--device", "/dev/null:/dev/xnull:rw", "--dns", "192.0.2.53", "--dns-search", "example.com",
    "--dns-option", "ndots:2", "--shm-size", "128m", "--sysctl", "net.ipv4.ip_forward=1",
    "--security-opt", "no-new-privileges", "--log-driver", "json-file",
    "--log-opt", "max-size=10m", "--stop-signal", "SIGINT", "--stop-timeout", "7",
    "--ipc", "shareable", "--expose", "9000", "--group-add", "123", "--pids-limit", "100",
    "--oom-score-adj", "500", "--cgroupns", "private", "--memory", "64m",
    "--memory-swap", "128m", "--memory-reservation", "32m", "--cpu-shares", "512",
    "--cpuset-cpus", "0",
]  # fmt: skip
# The HostConfig keys those settings land in, on docker (podman shows no Sysctls or
# CgroupnsMode, and its LogConfig carries the size as "Size").
SETTING_KEYS = (
    "Dns", "DnsOptions", "DnsSearch", "GroupAdd", "IpcMode", "OomScoreAdj", "PidMode",
    "Privileged", "SecurityOpt", "UsernsMode", "ShmSize", "Sysctls", "CgroupnsMode", "Runtime",
    "Isolation", "CpuShares", "Memory", "MemoryReservation", "MemorySwap", "CpusetCpus",
    "Devices", "PidsLimit", "BlkioWeight", "LogConfig",
)  # fmt: skip


def _settings(r: Runner, name: str) -> dict[str, object]:
    (doc,) = json.loads(r.check(["container", "inspect", name]))
    host = doc["HostConfig"]
    kept = {k: host[k] for k in SETTING_KEYS if k in host}
    if isinstance(kept.get("LogConfig"), dict):
        kept["LogConfig"] = {k: kept["LogConfig"].get(k) for k in ("Type", "Config", "Size")}
    config = doc["Config"]
    kept["StopSignal"] = config.get("StopSignal")
    kept["StopTimeout"] = config.get("StopTimeout")
    kept["ExposedPorts"] = sorted(config.get("ExposedPorts") or {})
    return kept


@case("container-inspect-settings", RUNTIME, "inspect")
def c_container_inspect_settings(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-settings"
    r.check(["create", *labelled(name), *RUN_SETTINGS, s.base(r), "sleep", "300"])
    args = ["container", "inspect", name]
    facts = {**_settings(r, name), "create_flags": RUN_SETTINGS}  # the fake's tests replay them
    return Recording(args, r.run(args), facts)


@case("container-inspect-settings-defaults", RUNTIME, "inspect")
def c_container_inspect_settings_defaults(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-settings-none"
    r.check(["create", *labelled(name), s.base(r), "sleep", "300"])
    args = ["container", "inspect", name]
    return Recording(args, r.run(args), {**_settings(r, name), "create_flags": []})


def _refused_setting(s: Session, r: Runner, flags: list[str], error: str) -> Recording:
    args = ["run", "-d", *labelled("dcli-rec-setting"), *flags, s.base(r), "true"]
    return _failing(r, args, error)


@case("err-run-no-gpu", DOCKER, "error")
def c_err_run_no_gpu(s: Session, r: Runner) -> Recording:
    # podman 4.3 takes --gpus and ignores it (exit 0): nothing to record as a failure
    return _refused_setting(s, r, ["--gpus", "all"], "UsageError")


@case("err-run-unknown-runtime", RUNTIME, "error")
def c_err_run_unknown_runtime(s: Session, r: Runner) -> Recording:
    return _refused_setting(s, r, ["--runtime", "dcli-rec-nosuch"], "UsageError")


@case("err-run-missing-device", RUNTIME, "error")
def c_err_run_missing_device(s: Session, r: Runner) -> Recording:
    # docker finds out at start (the container stays, created); podman at create
    return _refused_setting(s, r, ["--device", "/dev/dcli-rec-nosuch"], "NotFoundError")


@case("err-run-bad-sysctl", RUNTIME, "error")
def c_err_run_bad_sysctl(s: Session, r: Runner) -> Recording:
    return _refused_setting(s, r, ["--sysctl", "kernel.dcli_rec=1"], "UsageError")


@case("err-run-bad-ipc", RUNTIME, "error")
def c_err_run_bad_ipc(s: Session, r: Runner) -> Recording:
    return _refused_setting(s, r, ["--ipc", "dcli-rec-bogus"], "UsageError")


@case("err-run-swap-below-memory", RUNTIME, "error")
def c_err_run_swap_below_memory(s: Session, r: Runner) -> Recording:
    return _refused_setting(s, r, ["--memory", "64m", "--memory-swap", "32m"], "UsageError")


@case("err-run-storage-opt", DOCKER, "error")
def c_err_run_storage_opt(s: Session, r: Runner) -> Recording:
    # podman's refusal carries a timestamped log line first: its words are in the fake
    return _refused_setting(s, r, ["--storage-opt", "size=1G"], "UsageError")


@case("err-run-ip-default-bridge", ("docker-28",), "error")
def c_err_run_ip_default_bridge(s: Session, r: Runner) -> Recording:
    # docker 20.10's client lets the engine start it; podman refuses the address
    return _refused_setting(s, r, ["--ip", "172.17.0.250"], "UsageError")


@case("err-run-mac-old-engine", ("docker-28",), "error")
def c_err_run_mac_old_engine(s: Session, r: Runner) -> Recording:
    return _refused_setting(s, r, ["--mac-address", "02:42:ac:11:00:99"], "UsageError")


@case("run-volume-creates-it", RUNTIME, "volume")
def c_run_volume_creates_it(s: Session, r: Runner) -> Recording:
    # run -v NAME:/x makes NAME when it is missing: unlabelled, not dockercli's
    name, ctr = "dcli-rec-vol-implicit", "dcli-rec-vol-implicit-user"
    args = ["run", *labelled(ctr), "-v", f"{name}:/data", s.base(r), "true"]
    res = r.run(args)
    return Recording(args, res, volume_facts(r, name))


@case("volume-shared-data", RUNTIME, "volume")
def c_volume_shared_data(s: Session, r: Runner) -> Recording:
    # one container writes into the volume, a second one reads it back
    name = "dcli-rec-vol-shared"
    _volume(r, name)
    base = s.base(r)
    r.check(["run", *labelled("dcli-rec-vol-writer"), "-v", f"{name}:/data", base,
             "sh", "-c", "echo kept > /data/note"])  # fmt: skip
    args = ["run", *labelled("dcli-rec-vol-reader"), "-v", f"{name}:/data:ro", base,
            "cat", "/data/note"]  # fmt: skip
    return Recording(args, r.run(args), {"stdout": "kept\n"})


# -- copying files (docker cp) ------------------------------------------------------------

CP_FILE = b"copied in\nsecond line\n"


def _one_file_tar(name: str, data: bytes, mode: int = 0o640) -> bytes:
    """A tar stream holding one regular file (fixed owner and time: the bytes are stable)."""
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), mode, 1_700_000_000
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _tar_members(data: bytes) -> list[dict[str, object]]:
    """What a tar stream holds: each member's name, type, mode and (files) content."""
    import io
    import tarfile

    out: list[dict[str, object]] = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for m in tar.getmembers():
            entry: dict[str, object] = {"name": m.name, "type": m.type.decode(), "mode": m.mode}
            if m.isfile():
                f = tar.extractfile(m)
                entry["content"] = f.read().decode("utf-8", "replace") if f else ""
            if m.issym():
                entry["target"] = m.linkname
            out.append(entry)
    return out


def _cp_box(s: Session, r: Runner, name: str, *, start: bool = True) -> None:
    """A container with /srv/data/note (and a link to it) to copy from, running or created."""
    script = "mkdir -p /srv/data && echo kept > /srv/data/note && ln -s note /srv/data/link"
    if start:
        script += " && exec sleep 300"
    verb = ["run", "-d"] if start else ["create"]
    r.check([*verb, *labelled(name), s.base(r), "sh", "-c", script])


@case("cp-from-container-tar", RUNTIME, "cp")
def c_cp_from_container_tar(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-from"
    _cp_box(s, r, ctr)
    r.check(["exec", ctr, "true"])  # its script has run
    args = ["cp", f"{ctr}:/srv/data", "-"]
    res = r.run(args)
    return Recording(
        args, res, {"members": _tar_members(res.stdout) if res.returncode == 0 else []}
    )


@case("cp-from-container-file-tar", RUNTIME, "cp")
def c_cp_from_container_file_tar(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-from-file"
    _cp_box(s, r, ctr)
    r.check(["exec", ctr, "true"])
    args = ["cp", f"{ctr}:/srv/data/note", "-"]
    res = r.run(args)
    return Recording(
        args, res, {"members": _tar_members(res.stdout) if res.returncode == 0 else []}
    )


@case("cp-to-container-tar", RUNTIME, "cp")
def c_cp_to_container_tar(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-to"
    r.check(["run", "-d", *labelled(ctr), s.base(r), "sleep", "300"])
    args = ["cp", "-", f"{ctr}:/etc"]  # the base image has no /tmp; every container an /etc
    stdin = _one_file_tar("config.ini", CP_FILE)
    res = r.run(args, input=stdin)
    got = r.run(["exec", ctr, "sh", "-c", "cat /etc/config.ini; stat -c %a /etc/config.ini"])
    facts = {"file": got.out, "exit": got.returncode}
    return Recording(args, res, facts, extra_files={"stdin": stdin})


@case("cp-to-created-container-tar", RUNTIME, "cp")
def c_cp_to_created_container_tar(s: Session, r: Runner) -> Recording:
    # copied in before the first start: the container's command then reads it
    ctr = "dcli-rec-cp-created"
    r.check(["create", *labelled(ctr), s.base(r), "cat", "/etc/config.ini"])
    args = ["cp", "-", f"{ctr}:/etc"]
    stdin = _one_file_tar("config.ini", CP_FILE)
    res = r.run(args, input=stdin)
    r.check(["start", ctr])
    r.check(["wait", ctr])
    logs = r.run(["logs", ctr])
    return Recording(args, res, {"logs": logs.out}, extra_files={"stdin": stdin})


@case("cp-to-container-path", RUNTIME, "cp")
def c_cp_to_container_path(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-path"
    r.check(["run", "-d", *labelled(ctr), s.base(r), "sleep", "300"])
    src = s.tmp / "cp-src.txt"
    src.write_bytes(CP_FILE)
    args = ["cp", str(src), f"{ctr}:/etc/renamed.txt"]
    res = r.run(args)
    got = r.run(["exec", ctr, "cat", "/etc/renamed.txt"])
    return Recording(args, res, {"file": got.out}, replace={str(src): "<src>"})


@case("err-cp-missing-container-path", RUNTIME, "error")
def c_err_cp_missing_container_path(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-nopath"
    r.check(["run", "-d", *labelled(ctr), s.base(r), "sleep", "300"])
    return _failing(r, ["cp", f"{ctr}:/dcli-nosuch", "-"], "NotFoundError")


@case("err-cp-missing-container-dir", RUNTIME, "error")
def c_err_cp_missing_container_dir(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-nodir"
    r.check(["run", "-d", *labelled(ctr), s.base(r), "sleep", "300"])
    args = ["cp", "-", f"{ctr}:/dcli-nosuch-dir"]
    stdin = _one_file_tar("x.txt", CP_FILE)
    res = r.run(args, input=stdin)
    return Recording(args, res, {"error": "NotFoundError"}, extra_files={"stdin": stdin})


@case("err-cp-missing-host-path", RUNTIME, "error")
def c_err_cp_missing_host_path(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-cp-nohost"
    r.check(["run", "-d", *labelled(ctr), s.base(r), "sleep", "300"])
    return _failing(r, ["cp", "/tmp/dcli-rec-nosuch-file", f"{ctr}:/etc/"], "NotFoundError")


@case("err-cp-missing-container", RUNTIME, "error")
def c_err_cp_missing_container(s: Session, r: Runner) -> Recording:
    # docker 20.10 words a missing container as a missing path: only NotFoundError is sure
    error = "NotFoundError" if r.client.key == "docker-20.10" else "NoSuchContainerError"
    return _failing(r, ["cp", f"{NOSUCH}:/etc/hostname", "-"], error)


@case("err-cp-noarg", RUNTIME, "error")
def c_err_cp_noarg(s: Session, r: Runner) -> Recording:
    return _failing(r, ["cp"], "UsageError")


# -- errors -----------------------------------------------------------------------------


def _simple_error(
    r: Runner, args: Sequence[str], error: str, env: dict[str, str] | None = None
) -> Recording:
    res = r.run(args, env=env)
    return Recording(list(args), res, {"error": error}, env=dict(env or {}))


@case("err-daemon-down", RUNTIME, "error")
def c_err_daemon_down(s: Session, r: Runner) -> Recording:
    if r.client.is_podman:
        return _simple_error(r, ["--url", MISSING_SOCKET, "ps"], "DaemonUnreachableError")
    return _simple_error(r, ["ps"], "DaemonUnreachableError", env={"DOCKER_HOST": MISSING_SOCKET})


@case("err-no-such-container", RUNTIME, "error")
def c_err_nosuch_stop(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["stop", "nosuch"], "NoSuchContainerError")


@case("err-no-such-container-rm", RUNTIME, "error")
def c_err_nosuch_rm(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["rm", "nosuch"], "NoSuchContainerError")


@case("err-no-such-container-logs", RUNTIME, "error")
def c_err_nosuch_logs(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["logs", "nosuch"], "NoSuchContainerError")


@case("err-no-such-image", RUNTIME, "error")
def c_err_nosuch_image(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r,
        ["run", "--pull=never", *labelled("dcli-rec-nosuch-image"), "dcli-rec-nosuch:latest"],
        "NoSuchImageError",
    )


@case("err-no-such-image-pull", RUNTIME, "error")
def c_err_nosuch_image_pull(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r, ["run", *labelled("dcli-rec-nosuch-pull"), "dcli-rec-nosuch:latest"], "NoSuchImageError"
    )


@case("err-no-such-image-rmi", RUNTIME, "error")
def c_err_nosuch_rmi(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["rmi", "nosuch"], "NoSuchImageError")


@case("err-no-such-image-inspect", RUNTIME, "error")
def c_err_nosuch_image_inspect(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["image", "inspect", "nosuch"], "NoSuchImageError")


@case("err-name-conflict", RUNTIME, "error")
def c_err_name_conflict(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-conflict"
    img = s.base(r)
    r.check(["run", "-d", *labelled(name), img, "sleep", "300"])
    rec = _simple_error(r, ["run", "-d", *labelled(name), img, "sleep", "300"], "ConflictError")
    rec.expected["container_id"] = container_facts(r, name)["id"]  # the holder of the name
    return rec


@case("err-remove-running", RUNTIME, "error")
def c_err_remove_running(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-busy"
    r.check(["run", "-d", *labelled(name), s.base(r), "sleep", "300"])
    rec = _simple_error(r, ["rm", name], "ConflictError")
    rec.expected["container_id"] = container_facts(r, name)["id"]
    return rec


@case("err-image-in-use", RUNTIME, "error")
def c_err_image_in_use(s: Session, r: Runner) -> Recording:
    tag = "dcli-rec-inuse:latest"
    img = s.build_image(r, tag)
    r.check(["create", *labelled("dcli-rec-inuse-user"), tag, "sleep", "300"])
    rec = _simple_error(r, ["rmi", tag], "ConflictError")
    rec.expected["image_id"] = img
    rec.expected["container_id"] = container_facts(r, "dcli-rec-inuse-user")["id"]
    return rec


@case("err-exec-not-running", RUNTIME, "error")
def c_err_exec_not_running(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-stopped-exec"
    _exited(s, r, name)
    rec = _simple_error(r, ["exec", name, "true"], "ConflictError")
    rec.expected["container_id"] = container_facts(r, name)["id"]
    return rec


@case("err-kill-not-running", RUNTIME, "error")
def c_err_kill_not_running(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-stopped-kill"
    _exited(s, r, name)
    rec = _simple_error(r, ["kill", name], "ConflictError")
    rec.expected["container_id"] = container_facts(r, name)["id"]
    return rec


@case("err-invalid-reference", RUNTIME, "error")
def c_err_invalid_reference(s: Session, r: Runner) -> Recording:
    return _simple_error(r, ["run", *labelled("dcli-rec-badref"), "Bad:Image"], "UsageError")


@case("err-invalid-port", RUNTIME, "error")
def c_err_invalid_port(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r, ["run", *labelled("dcli-rec-badport"), "-p", "70000:80", s.base(r)], "UsageError"
    )


@case("err-unknown-flag", RUNTIME, "error")
def c_err_unknown_flag(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r, ["run", "--nosuchflag", *labelled("dcli-rec-badflag"), s.base(r)], "UsageError"
    )


@case("err-start-not-found", RUNTIME, "error")
def c_err_start_not_found(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r,
        ["run", *labelled("dcli-rec-nobinary"), s.base(r), "/no/such/binary"],
        "ContainerStartError",
    )


@case("err-start-not-executable", RUNTIME, "error")
def c_err_start_not_exec(s: Session, r: Runner) -> Recording:
    return _simple_error(
        r, ["run", *labelled("dcli-rec-noexec"), s.base(r), "/etc"], "ContainerStartError"
    )


# -- the failure matrix: each command dockercli runs x what a user can get wrong -------
#
# Names are err-<command>-<failure>[-<detail>]; <failure> is one of missing (no such
# object), in-use (a name, port or image already taken), bad-value, noarg (an argument
# left out), down (no engine at the address) and permission.  Where a client does not
# fail (it exits 0), the case is still recorded for it, with "error": null and a note.

NOSUCH = "dcli-rec-nosuch"


def _failing(
    r: Runner, args: Sequence[str], error: str | None, note: str = "", **kw: object
) -> Recording:
    """Run ``args``; expect ``error``, or None with a note where this client succeeds."""
    rec = _simple_error(r, args, error or "")
    if rec.result.returncode == 0 and note:
        rec.expected = {"error": None, "note": note}
    for key, value in kw.items():
        rec.expected[key] = value
    return rec


def _down(r: Runner, args: Sequence[str]) -> Recording:
    """``args`` sent to an address where no engine listens."""
    if r.client.is_podman:
        return _simple_error(r, ["--url", MISSING_SOCKET, *args], "DaemonUnreachableError")
    return _simple_error(r, args, "DaemonUnreachableError", env={"DOCKER_HOST": MISSING_SOCKET})


DOWN_ARGS: dict[str, list[str]] = {
    "run": ["run", "-d", "--name", "dcli-rec-down", BASE_TAG],
    "create": ["create", "--name", "dcli-rec-down", BASE_TAG],
    "start": ["start", "dcli-rec-down"],
    "stop": ["stop", "dcli-rec-down"],
    "kill": ["kill", "dcli-rec-down"],
    "restart": ["restart", "dcli-rec-down"],
    "rm": ["rm", "dcli-rec-down"],
    "rmi": ["rmi", "dcli-rec-down:latest"],
    "tag": ["tag", BASE_TAG, "dcli-rec-down:latest"],
    "pull": ["pull", "dcli-rec-down:latest"],
    "images": ["images", "--format", "{{json .}}"],
    "inspect": ["inspect", "dcli-rec-down"],
    "container-inspect": ["container", "inspect", "dcli-rec-down"],
    "image-inspect": ["image", "inspect", BASE_TAG],
    "logs": ["logs", "dcli-rec-down"],
    "wait": ["wait", "dcli-rec-down"],
    "port": ["port", "dcli-rec-down"],
    "exec": ["exec", "dcli-rec-down", "true"],
    "version": ["version", "--format", "{{json .}}"],
    "info": ["info"],
    "info-json": ["info", "--format", "{{json .}}"],
}

NOARG_ARGS: dict[str, list[str]] = {
    "run": ["run"],
    "create": ["create"],
    "start": ["start"],
    "stop": ["stop"],
    "kill": ["kill"],
    "restart": ["restart"],
    "rm": ["rm"],
    "rmi": ["rmi"],
    "tag": ["tag", BASE_TAG],
    "pull": ["pull"],
    "inspect": ["inspect"],
    "container-inspect": ["container", "inspect"],
    "image-inspect": ["image", "inspect"],
    "logs": ["logs"],
    "wait": ["wait"],
    "port": ["port"],
    "exec": ["exec", "dcli-rec-noarg"],
}


def _register_simple() -> None:
    for cmd, args in DOWN_ARGS.items():

        def down(s: Session, r: Runner, args: list[str] = args) -> Recording:
            rec = _down(r, args)
            if rec.result.returncode == 0:  # docker's info --format: the error is in the JSON
                rec.expected["note"] = "exit 0: the failure is in the JSON's ServerErrors"
            return rec

        case(f"err-{cmd}-down", RUNTIME, "error")(down)
    for cmd, args in NOARG_ARGS.items():

        def noarg(s: Session, r: Runner, args: list[str] = args) -> Recording:
            if args[0] == "exec":  # podman looks the container up before counting arguments
                _running(s, r, args[1])
            return _failing(r, args, "UsageError", "this client accepts it")

        case(f"err-{cmd}-noarg", RUNTIME, "error")(noarg)


_register_simple()


@case("err-build-down", BUILD, "error")
def c_err_build_down(s: Session, r: Runner) -> Recording:
    ctx = s.context("err-build-down")
    args = ["build", "-t", "dcli-rec-build:down", str(ctx)]
    if r.client.is_podman:
        args = ["--url", MISSING_SOCKET, *args]
        env = build_env(r)
    else:
        env = {**build_env(r), "DOCKER_HOST": MISSING_SOCKET}
    rec = Recording(
        args,
        r.run(args, env=env),
        {"image_id": None, "error": "DaemonUnreachableError"},
        env=env,
        replace={str(ctx): "<context>"},
    )
    return rec


@case("err-build-noarg", BUILD, "error")
def c_err_build_noarg(s: Session, r: Runner) -> Recording:
    rec = _failing(r, ["build"], "UsageError")
    rec.env = build_env(r)
    return rec


# -- missing objects


def _missing_container(cmd: list[str]) -> CaseFn:
    def fn(s: Session, r: Runner) -> Recording:
        return _failing(
            r, [*cmd, NOSUCH, *(["true"] if cmd == ["exec"] else [])], "NoSuchContainerError"
        )

    return fn


for _cmd in (
    ["start"],
    ["kill"],
    ["restart"],
    ["wait"],
    ["port"],
    ["exec"],
    ["container", "inspect"],
):
    case(f"err-{'-'.join(_cmd)}-missing", RUNTIME, "error")(_missing_container(_cmd))


@case("err-tag-missing", RUNTIME, "error")
def c_err_tag_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["tag", f"{NOSUCH}:latest", "dcli-rec-tagged:latest"], "NoSuchImageError")


@case("err-create-missing", RUNTIME, "error")
def c_err_create_missing(s: Session, r: Runner) -> Recording:
    return _failing(
        r,
        ["create", "--pull=never", *labelled("dcli-rec-create-nosuch"), f"{NOSUCH}:latest"],
        "NoSuchImageError",
    )


@case("err-pull-missing", RUNTIME, "error")
def c_err_pull_missing(s: Session, r: Runner) -> Recording:
    # A registry address where nothing listens: a local refusal, no network traffic.
    return _failing(r, ["pull", f"localhost:1/{NOSUCH}:latest"], "NoSuchImageError")


@case("err-run-missing-network", RUNTIME, "error")
def c_err_run_missing_network(s: Session, r: Runner) -> Recording:
    base = s.base(r)
    args = ["run", "-d", *labelled("dcli-rec-nonet"), "--network", f"{NOSUCH}-net", base]
    return _failing(r, args, "NoSuchNetworkError")


@case("err-create-missing-network", RUNTIME, "error")
def c_err_create_missing_network(s: Session, r: Runner) -> Recording:
    base = s.base(r)
    args = ["create", *labelled("dcli-rec-nonet"), "--network", f"{NOSUCH}-net", base]
    note = "docker looks the network up when the container starts (err-start-missing-network)"
    return _failing(r, args, "NoSuchNetworkError", note)


@case("err-start-missing-network", DOCKER, "error")
def c_err_start_missing_network(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-nonet"
    r.check(["create", *labelled(name), "--network", f"{NOSUCH}-net", s.base(r)])
    return _failing(r, ["start", name], "NoSuchNetworkError")


@case("err-network-inspect-missing", RUNTIME, "error")
def c_err_network_inspect_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["network", "inspect", f"{NOSUCH}-net"], "NoSuchNetworkError")


@case("err-network-rm-missing", RUNTIME, "error")
def c_err_network_rm_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["network", "rm", f"{NOSUCH}-net"], "NoSuchNetworkError")


@case("err-volume-inspect-missing", RUNTIME, "error")
def c_err_volume_inspect_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["volume", "inspect", f"{NOSUCH}-vol"], "NoSuchVolumeError")


@case("err-volume-rm-missing", RUNTIME, "error")
def c_err_volume_rm_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["volume", "rm", f"{NOSUCH}-vol"], "NoSuchVolumeError")


@case("err-context-inspect-missing", RUNTIME, "error")
def c_err_context_inspect_missing(s: Session, r: Runner) -> Recording:
    args = ["context", "inspect", "--format={{.Endpoints.docker.Host}}", "--", NOSUCH]
    return _failing(r, args, "NotFoundError", "this client prints nothing for an unknown context")


@case("err-port-missing-port", RUNTIME, "error")
def c_err_port_missing_port(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-port-other"
    _running(s, r, name, ["-p", "8080"])
    return _failing(r, ["port", name, "9999"], "NotFoundError", "this client prints nothing")


@case("err-rmi-missing-several", RUNTIME, "error")
def c_err_rmi_missing_several(s: Session, r: Runner) -> Recording:
    r.check(["tag", s.base(r), "dcli-rec-rmi-a:latest"])
    return _failing(r, ["rmi", "dcli-rec-rmi-a:latest", f"{NOSUCH}:latest"], "NoSuchImageError")


@case("err-rmi-missing-and-in-use", RUNTIME, "error")
def c_err_rmi_missing_and_in_use(s: Session, r: Runner) -> Recording:
    # One ref is missing, the other is in use: one failure per ref; a missing object wins.
    tag = "dcli-rec-inuse:latest"
    img = s.build_image(r, tag)
    r.check(["create", *labelled("dcli-rec-inuse-user"), tag, "sleep", "300"])
    rec = _failing(r, ["rmi", tag, f"{NOSUCH}:latest"], "NoSuchImageError")
    rec.expected["image_id"] = img
    return rec


@case("err-exec-missing-program", RUNTIME, "error")
def c_err_exec_missing_program(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-exec-noprog"
    _running(s, r, name)
    return _failing(r, ["exec", name, "/no/such/binary"], "ContainerStartError")


@case("err-exec-missing-user", RUNTIME, "error")
def c_err_exec_missing_user(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-exec-nouser"
    _running(s, r, name)
    return _failing(
        r, ["exec", "--user", "dcli-rec-nosuchuser", name, "true"], "ContainerStartError"
    )


@case("err-run-missing-user", RUNTIME, "error")
def c_err_run_missing_user(s: Session, r: Runner) -> Recording:
    args = ["run", *labelled("dcli-rec-nouser"), "--user", "dcli-rec-nosuchuser", s.base(r), "true"]
    return _failing(r, args, "ContainerStartError")


# -- objects in use


# -- rename


@case("rename", RUNTIME, "misc")
def c_rename(s: Session, r: Runner) -> Recording:
    old, new = "dcli-rec-rename-old", "dcli-rec-rename-new"
    _running(s, r, old)
    args = ["rename", old, new]
    res = r.run(args)
    return Recording(args, res, container_facts(r, new))


@case("err-rename-in-use", RUNTIME, "error")
def c_err_rename_in_use(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-rename-a")
    _running(s, r, "dcli-rec-rename-b")
    return _failing(r, ["rename", "dcli-rec-rename-a", "dcli-rec-rename-b"], "ConflictError")


@case("err-rename-missing", RUNTIME, "error")
def c_err_rename_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["rename", NOSUCH, "dcli-rec-rename-x"], "NoSuchContainerError")


@case("err-rename-bad-value", RUNTIME, "error")
def c_err_rename_bad_value(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-rename-c")
    return _failing(r, ["rename", "dcli-rec-rename-c", "dcli rec bad"], "UsageError")


@case("err-rename-noarg", RUNTIME, "error")
def c_err_rename_noarg(s: Session, r: Runner) -> Recording:
    return _failing(r, ["rename", "dcli-rec-rename-only"], "UsageError")


# -- pause, top, stats, diff, commit, export, update


_STATE = "{{.State.Status}}|{{.State.Paused}}|{{.State.Running}}"


def _state_after(
    s: Session, r: Runner, name: str, args: Sequence[str], *, paused: bool
) -> Recording:
    """Run ``args`` on a running container (``paused`` first): the state it leaves."""
    _running(s, r, name)
    if paused:
        r.check(["pause", name])
    res = r.run(args)
    return Recording(list(args), res, {"state": fmt(r, name, _STATE)})


@case("pause", RUNTIME, "misc")
def c_pause(s: Session, r: Runner) -> Recording:
    return _state_after(s, r, "dcli-rec-pause", ["pause", "dcli-rec-pause"], paused=False)


@case("unpause", RUNTIME, "misc")
def c_unpause(s: Session, r: Runner) -> Recording:
    return _state_after(s, r, "dcli-rec-unpause", ["unpause", "dcli-rec-unpause"], paused=True)


@case("err-pause-paused", RUNTIME, "error")
def c_err_pause_paused(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-pause-twice")
    r.check(["pause", "dcli-rec-pause-twice"])
    return _failing(r, ["pause", "dcli-rec-pause-twice"], "ConflictError")


@case("err-pause-not-running", RUNTIME, "error")
def c_err_pause_not_running(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-pause-created"), s.base(r)])
    return _failing(r, ["pause", "dcli-rec-pause-created"], "ConflictError")


@case("err-unpause-not-paused", RUNTIME, "error")
def c_err_unpause_not_paused(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-unpause-running")
    return _failing(r, ["unpause", "dcli-rec-unpause-running"], "ConflictError")


@case("err-pause-missing", RUNTIME, "error")
def c_err_pause_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["pause", NOSUCH], "NoSuchContainerError")


@case("err-pause-noarg", RUNTIME, "error")
def c_err_pause_noarg(s: Session, r: Runner) -> Recording:
    return _failing(r, ["pause"], "UsageError")


@case("err-exec-paused", RUNTIME, "error")
def c_err_exec_paused(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-exec-paused")
    r.check(["pause", "dcli-rec-exec-paused"])
    return _failing(r, ["exec", "dcli-rec-exec-paused", "true"], "ConflictError")


@case("err-rm-paused", RUNTIME, "error")
def c_err_rm_paused(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-rm-paused")
    r.check(["pause", "dcli-rec-rm-paused"])
    return _failing(r, ["rm", "dcli-rec-rm-paused"], "ConflictError")


@case("stop-paused", RUNTIME, "misc")
def c_stop_paused(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-stop-paused"
    return _state_after(s, r, name, ["stop", "--time", "1", name], paused=True)


@case("kill-paused", RUNTIME, "misc")
def c_kill_paused(s: Session, r: Runner) -> Recording:
    return _state_after(s, r, "dcli-rec-kill-paused", ["kill", "dcli-rec-kill-paused"], paused=True)


@case("ps-paused", RUNTIME, "misc")
def c_ps_paused(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-ps-paused"
    _running(s, r, name)
    r.check(["pause", name])
    args = ["ps", "--filter", f"name={name}", "--format", "{{.Names}}|{{.Status}}|{{.State}}"]
    return Recording(args, r.run(args), {"names": [name]})


@case("top", RUNTIME, "misc")
def c_top(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-top"
    r.check(["run", "-d", *labelled(name), s.base(r), "sleep", "300"])
    args = ["top", name]
    res = r.run(args)
    return Recording(args, res, {"commands": ["sleep 300"]})


@case("err-top-not-running", RUNTIME, "error")
def c_err_top_not_running(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-top-created"), s.base(r)])
    return _failing(r, ["top", "dcli-rec-top-created"], "ConflictError")


@case("err-top-missing", RUNTIME, "error")
def c_err_top_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["top", NOSUCH], "NoSuchContainerError")


def _stats_args(r: Runner, name: str) -> list[str]:
    template = "json" if r.client.is_podman else "{{json .}}"
    return ["stats", "--no-stream", "--format", template, name]


@case("stats", RUNTIME, "misc")
def c_stats(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-stats"
    r.check(["run", "-d", *labelled(name), "--memory", "64m", s.base(r), "sleep", "300"])
    args = _stats_args(r, name)
    res = r.run(args)
    return Recording(args, res, {"memory_limit": 64 * 1024 * 1024, "pids": 1})


@case("stats-created", RUNTIME, "misc")
def c_stats_created(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-stats-created"
    r.check(["create", *labelled(name), s.base(r)])
    args = _stats_args(r, name)
    res = r.run(args)
    return Recording(args, res, {"memory_limit": 0, "pids": 0})


@case("err-stats-missing", RUNTIME, "error")
def c_err_stats_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, _stats_args(r, NOSUCH), "NoSuchContainerError")


@case("diff", RUNTIME, "misc")
def c_diff(s: Session, r: Runner) -> Recording:
    # a file copied into a created container: the only change the fake can know of
    name = "dcli-rec-diff"
    r.check(["create", *labelled(name), s.base(r)])
    r.run(["cp", "-", f"{name}:/etc"], input=_one_file_tar("dcli.conf", CP_FILE))
    args = ["diff", name]
    res = r.run(args)
    return Recording(args, res, {"changes": [["C", "/etc"], ["A", "/etc/dcli.conf"]]})


@case("diff-unchanged", RUNTIME, "misc")
def c_diff_unchanged(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-diff-none"
    r.check(["create", *labelled(name), s.base(r)])
    args = ["diff", name]
    return Recording(args, r.run(args), {"changes": []})


@case("err-diff-missing", RUNTIME, "error")
def c_err_diff_missing(s: Session, r: Runner) -> Recording:
    # podman diffs containers and images alike: its "layer not known" names neither
    error = "NotFoundError" if r.client.is_podman else "NoSuchContainerError"
    return _failing(r, ["diff", NOSUCH], error)


COMMIT_TAG = "dcli-rec-commit:1"


@case("commit", RUNTIME, "misc")
def c_commit(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-commit"
    r.check(["create", *labelled(name), s.base(r)])
    r.run(["cp", "-", f"{name}:/etc"], input=_one_file_tar("dcli.conf", CP_FILE))
    # podman keeps a message only in docker's image format (its default is OCI's)
    podman = ["--format", "docker"] if r.client.is_podman else []
    args = [
        "commit",
        *podman,
        "--message",
        "dcli recorder",
        "--author",
        "dcli <dcli@example.com>",
        "--change",
        "ENV DCLI_COMMITTED=1",
        "--change",
        'CMD ["cat", "/etc/dcli.conf"]',
        name,
        COMMIT_TAG,
    ]
    res = r.run(args)
    env = r.check(["image", "inspect", COMMIT_TAG, "--format", "{{json .Config.Env}}"])
    cmd = r.check(["image", "inspect", COMMIT_TAG, "--format", "{{json .Config.Cmd}}"])
    meta = r.check(["image", "inspect", COMMIT_TAG, "--format", "{{.Comment}}|{{.Author}}"])
    out = r.run(["run", "--rm", *labelled("dcli-rec-commit-run"), COMMIT_TAG])
    facts = {
        "image_id": image_id(r, COMMIT_TAG),
        "env": json.loads(env),
        "cmd": json.loads(cmd),
        "comment_author": meta.strip(),
        "run_output": out.out,
    }
    r.run(["rmi", COMMIT_TAG])
    return Recording(args, res, facts)


@case("err-commit-message-oci", ("podman",), "error")
def c_err_commit_message_oci(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-commit-oci"), s.base(r)])
    args = ["commit", "--message", "m", "dcli-rec-commit-oci", "dcli-rec-commit-oci:1"]
    return _failing(r, args, "UsageError")


@case("err-commit-missing", RUNTIME, "error")
def c_err_commit_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["commit", NOSUCH, "dcli-rec-commit-x:1"], "NoSuchContainerError")


@case("err-commit-bad-change", RUNTIME, "error")
def c_err_commit_bad_change(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-commit-bad"), s.base(r)])
    args = ["commit", "--change", "NOPE x", "dcli-rec-commit-bad", "dcli-rec-commit-y:1"]
    return _failing(r, args, "UsageError")


@case("err-commit-bad-ref", RUNTIME, "error")
def c_err_commit_bad_ref(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-commit-ref"), s.base(r)])
    return _failing(r, ["commit", "dcli-rec-commit-ref", "dcli-rec-BAD:1"], "UsageError")


@case("export", RUNTIME, "misc")
def c_export(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-export"
    r.check(["create", *labelled(name), s.base(r)])
    r.run(["cp", "-", f"{name}:/etc"], input=_one_file_tar("dcli.conf", CP_FILE))
    out = s.tmp / "export.tar"
    args = ["export", "--output", str(out), name]
    res = r.run(args)
    members = _tar_members(out.read_bytes()) if res.returncode == 0 else []
    facts: dict[str, object] = {
        "has": [m for m in members if str(m["name"]).rstrip("/") == "etc/dcli.conf"]
    }
    out.unlink(missing_ok=True)
    return Recording(args, res, facts, replace={str(out): "<out>"})


@case("err-export-missing", RUNTIME, "error")
def c_err_export_missing(s: Session, r: Runner) -> Recording:
    out = s.tmp / "export-missing.tar"
    rec = _failing(r, ["export", "--output", str(out), NOSUCH], "NoSuchContainerError")
    rec.replace = {str(out): "<out>"}
    out.unlink(missing_ok=True)
    return rec


@case("err-export-bad-path", RUNTIME, "error")
def c_err_export_bad_path(s: Session, r: Runner) -> Recording:
    r.check(["create", *labelled("dcli-rec-export-path"), s.base(r)])
    args = ["export", "--output", "/tmp/dcli-rec-nosuch-dir/out.tar", "dcli-rec-export-path"]
    return _failing(r, args, "NotFoundError")


@case("update", RUNTIME, "misc")
def c_update(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-update"
    r.check(["run", "-d", *labelled(name), "--memory", "32m", s.base(r), "sleep", "300"])
    args = ["update", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5", name]
    res = r.run(args)
    # podman 4.3 applies the limit to the cgroup but keeps the old values in inspect
    limit = r.run(["exec", name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"])
    shown = fmt(r, name, "{{.HostConfig.Memory}}|{{.HostConfig.NanoCpus}}")
    return Recording(args, res, {"cgroup_memory": limit.out.strip(), "inspect": shown})


@case("err-update-missing", RUNTIME, "error")
def c_err_update_missing(s: Session, r: Runner) -> Recording:
    return _failing(r, ["update", "--cpus", "0.5", NOSUCH], "NoSuchContainerError")


@case("err-update-noflag", DOCKER, "error")
def c_err_update_noflag(s: Session, r: Runner) -> Recording:
    # podman 4.3 takes an update with no flags and changes nothing
    _running(s, r, "dcli-rec-update-noflag")
    return _failing(r, ["update", "dcli-rec-update-noflag"], "UsageError")


@case("err-update-memory-without-swap", DOCKER, "error")
def c_err_update_memory_without_swap(s: Session, r: Runner) -> Recording:
    # docker's engine: a first memory limit needs a swap limit beside it
    _running(s, r, "dcli-rec-update-noswap")
    return _failing(r, ["update", "--memory", "64m", "dcli-rec-update-noswap"], "UsageError")


@case("err-update-restart", RUNTIME, "error")
def c_err_update_restart(s: Session, r: Runner) -> Recording:
    _running(s, r, "dcli-rec-update-restart")
    args = ["update", "--restart", "on-failure:3", "dcli-rec-update-restart"]
    return _failing(r, args, "UsageError", note="docker updates the restart policy")


@case("err-create-in-use", RUNTIME, "error")
def c_err_create_in_use(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-create-conflict"
    r.check(["create", *labelled(name), s.base(r)])
    rec = _failing(r, ["create", *labelled(name), s.base(r)], "ConflictError")
    rec.expected["container_id"] = container_facts(r, name)["id"]
    return rec


def _fixed_port() -> tuple[int, list[str]]:
    port = free_port()
    return port, ["-p", f"127.0.0.1:{port}:8080"]


@case("err-run-in-use-port", RUNTIME, "error")
def c_err_run_in_use_port(s: Session, r: Runner) -> Recording:
    port, publish = _fixed_port()
    _running(s, r, "dcli-rec-port-holder", publish)
    rec = _failing(
        r, ["run", "-d", *labelled("dcli-rec-port-taker"), *publish, s.base(r)], "PortInUseError"
    )
    rec.expected["host_port"] = port
    return rec


def _listening(port: int) -> socket.socket:
    """A host process (the recorder) holding 127.0.0.1:port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", port))
    sock.listen(1)
    return sock


@case("err-run-in-use-port-host", RUNTIME, "error")
def c_err_run_in_use_port_host(s: Session, r: Runner) -> Recording:
    port, publish = _fixed_port()
    base = s.base(r)
    with _listening(port):
        rec = _failing(
            r, ["run", "-d", *labelled("dcli-rec-port-taker"), *publish, base], "PortInUseError"
        )
    rec.expected["host_port"] = port
    return rec


@case("err-start-in-use-port", RUNTIME, "error")
def c_err_start_in_use_port(s: Session, r: Runner) -> Recording:
    port, publish = _fixed_port()
    name = "dcli-rec-port-late"
    r.check(["create", *labelled(name), *publish, s.base(r)])
    with _listening(port):
        rec = _failing(r, ["start", name], "PortInUseError")
    rec.expected["host_port"] = port
    return rec


@case("err-rmi-in-use-children", RUNTIME, "error")
def c_err_rmi_in_use_children(s: Session, r: Runner) -> Recording:
    parent = s.build_image(r, "dcli-rec-parent:latest")
    ctx = s.context("child", "FROM dcli-rec-parent:latest\nLABEL dcli.recorder=1 dcli.child=1\n")
    r.check(["build", "-q", "-t", "dcli-rec-child:latest", str(ctx)])
    note = "podman removes the parent image; the child keeps the layers it shares"
    rec = _failing(r, ["rmi", parent], "ConflictError", note)
    rec.replace = {parent: "<image-id>"}
    rec.expected["image_id"] = parent
    return rec


@case("err-network-create-in-use", RUNTIME, "error")
def c_err_network_create_in_use(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net"
    # --internal: no route out, nothing published; a fixed, rarely used subnet.
    r.check(
        ["network", "create", "--internal", "--label", LABEL, "--subnet", "10.213.77.0/24", name]
    )
    return _failing(r, ["network", "create", "--label", LABEL, name], "ConflictError")


# -- networks: in use, missing, bad values (subnets as in the network cases above)


@case("err-network-rm-in-use", RUNTIME, "error")
def c_err_network_rm_in_use(s: Session, r: Runner) -> Recording:
    net, ctr = "dcli-rec-net-busy", "dcli-rec-net-busy-user"
    _network(r, net, "10.213.93.0/25")
    _sleeper(s, r, ctr, net)
    cid = container_facts(r, ctr)["id"]
    return _failing(r, ["network", "rm", net], "ConflictError", container_id=cid)


@case("network-rm-in-use-by-id", ("podman",), "network")
def c_network_rm_in_use_by_id(s: Session, r: Runner) -> Recording:
    # podman 4.3 checks for containers only when the network is named: by ID it removes
    # one a running container is on (err-network-rm-in-use is the same by name)
    net, ctr = "dcli-rec-net-busy-id", "dcli-rec-net-busy-id-user"
    _network(r, net, "10.213.84.0/25")
    _sleeper(s, r, ctr, net)
    network_id = str(network_facts(r, net)["id"])
    args = ["network", "rm", network_id]
    res = r.run(args)
    rec = Recording(args, res, {"network": net, "exists": network_exists(r, net)})
    rec.replace = {network_id: "<network-id>"}
    return rec


@case("err-network-connect-ip-outside", RUNTIME, "error")
def c_err_network_connect_ip_outside(s: Session, r: Runner) -> Recording:
    net, ctr = "dcli-rec-net-outside", "dcli-rec-net-outsider"
    _network(r, net, "10.213.84.128/25")
    _sleeper(s, r, ctr)
    args = ["network", "connect", "--ip", "10.213.83.7", net, ctr]
    return _failing(r, args, "UsageError", "this client accepts an address outside the pool")


@case("err-network-rm-builtin", RUNTIME, "error")
def c_err_network_rm_builtin(s: Session, r: Runner) -> Recording:
    own = "podman" if r.client.is_podman else "bridge"
    return _failing(r, ["network", "rm", own], "ConflictError", "this client removes it")


@case("err-network-connect-missing-network", RUNTIME, "error")
def c_err_network_connect_missing_network(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-net-lonely"
    _sleeper(s, r, ctr)
    return _failing(r, ["network", "connect", f"{NOSUCH}-net", ctr], "NoSuchNetworkError")


@case("err-network-connect-missing-container", RUNTIME, "error")
def c_err_network_connect_missing_container(s: Session, r: Runner) -> Recording:
    net = "dcli-rec-net-empty"
    _network(r, net, "10.213.93.128/25")
    return _failing(r, ["network", "connect", net, NOSUCH], "NoSuchContainerError")


@case("err-network-connect-twice", RUNTIME, "error")
def c_err_network_connect_twice(s: Session, r: Runner) -> Recording:
    net, ctr = "dcli-rec-net-twice", "dcli-rec-net-twice-user"
    _network(r, net, "10.213.94.0/25")
    _sleeper(s, r, ctr, net)
    cid = container_facts(r, ctr)["id"]
    note = "this client connects it again without complaint"
    return _failing(r, ["network", "connect", net, ctr], "ConflictError", note, container_id=cid)


@case("err-network-disconnect-not-connected", RUNTIME, "error")
def c_err_network_disconnect_not_connected(s: Session, r: Runner) -> Recording:
    net, ctr = "dcli-rec-net-other", "dcli-rec-net-stranger"
    _network(r, net, "10.213.94.128/25")
    _sleeper(s, r, ctr)
    cid = container_facts(r, ctr)["id"]
    note = "this client accepts it"
    return _failing(r, ["network", "disconnect", net, ctr], "ConflictError", note, container_id=cid)


@case("err-network-disconnect-missing-network", RUNTIME, "error")
def c_err_network_disconnect_missing_network(s: Session, r: Runner) -> Recording:
    ctr = "dcli-rec-net-lonely"
    _sleeper(s, r, ctr)
    return _failing(r, ["network", "disconnect", f"{NOSUCH}-net", ctr], "NoSuchNetworkError")


def _bad_network(name: str, extra: list[str]) -> CaseFn:
    def fn(s: Session, r: Runner) -> Recording:
        args = ["network", "create", "--label", LABEL, *extra, name]
        rec = _failing(r, args, "UsageError", "this client accepts it")
        if rec.result.returncode == 0:
            rec.expected["network"] = network_facts(r, name)
        return rec

    return fn


case("err-network-create-bad-subnet", RUNTIME, "error")(
    _bad_network("dcli-rec-net-bad", ["--subnet", "10.213.83.0/33"])
)
case("err-network-create-bad-subnet-word", RUNTIME, "error")(
    _bad_network("dcli-rec-net-bad", ["--subnet", "notacidr"])
)
case("err-network-create-gateway-no-subnet", RUNTIME, "error")(
    _bad_network("dcli-rec-net-gw", ["--gateway", "10.213.84.1"])
)


@case("err-network-create-overlap", RUNTIME, "error")
def c_err_network_create_overlap(s: Session, r: Runner) -> Recording:
    _network(r, "dcli-rec-net-first", "10.213.95.0/25")
    over = "dcli-rec-net-over"
    args = ["network", "create", "--label", LABEL, "--subnet", "10.213.95.0/24", over]
    note = "this client accepts an overlapping subnet"
    return _failing(r, args, "ConflictError", note, overlaps="dcli-rec-net-first")


@case("err-network-create-noarg", RUNTIME, "error")
def c_err_network_create_noarg(s: Session, r: Runner) -> Recording:
    # The label makes a network this client might create anyway (podman names one
    # itself) one the sweep removes.
    args = ["network", "create", "--label", LABEL]
    rec = _failing(r, args, "UsageError", "this client names the network itself and creates it")
    if rec.result.returncode == 0:
        rec.expected["network"] = network_facts(r, rec.result.out.strip())
    return rec


@case("err-network-rm-noarg", RUNTIME, "error")
def c_err_network_rm_noarg(s: Session, r: Runner) -> Recording:
    return _failing(r, ["network", "rm"], "UsageError", "this client accepts it")


@case("err-network-connect-noarg", RUNTIME, "error")
def c_err_network_connect_noarg(s: Session, r: Runner) -> Recording:
    args = ["network", "connect", f"{NOSUCH}-net"]  # the container left out
    return _failing(r, args, "UsageError", "this client accepts it")


@case("err-network-alias-default-bridge", RUNTIME, "error")
def c_err_network_alias_default_bridge(s: Session, r: Runner) -> Recording:
    name = "dcli-rec-net-alias"
    args = ["run", "-d", *labelled(name), "--network-alias", "x", s.base(r), "sleep", "1"]
    if r.client.is_podman:
        note = "podman accepts it and keeps the alias on its default network (see networks)"
    else:
        # docker 28 refuses it itself; the 20.10 client leaves it to the engine
        note = "the 20.10 engine accepts it and drops the alias (see networks)"
    rec = _failing(r, args, "UsageError", note)
    if rec.result.returncode == 0:
        rec.expected["networks"] = container_networks(r, name)
    return rec


# -- bad values


def _bad(
    cmd: str, args_fn: Callable[[Session, Runner], list[str]], error: str = "UsageError"
) -> None:
    def fn(s: Session, r: Runner) -> Recording:
        return _failing(r, args_fn(s, r), error, "this client accepts it")

    case(f"err-{cmd}-bad-value", RUNTIME, "error")(fn)


def _with_running(
    name: str, tail: Callable[[str], list[str]]
) -> Callable[[Session, Runner], list[str]]:
    def args(s: Session, r: Runner) -> list[str]:
        _running(s, r, name)
        return tail(name)

    return args


_bad("run", lambda s, r: ["run", "-d", *labelled("dcli-rec-badmem"), "--memory", "lots", BASE_TAG])
_bad("create", lambda s, r: ["create", *labelled("dcli-rec-badmem"), "--memory", "lots", BASE_TAG])
_bad("stop", lambda s, r: ["stop", "--time", "soon", NOSUCH])
_bad("kill", _with_running("dcli-rec-badsig", lambda n: ["kill", "--signal", "NOSUCHSIG", n]))
_bad("logs", _with_running("dcli-rec-badsince", lambda n: ["logs", "--since", "whenever", n]))
_bad("port", _with_running("dcli-rec-badport", lambda n: ["port", n, "notaport"]))
_bad(
    "exec", _with_running("dcli-rec-badwd", lambda n: ["exec", "--workdir", "relative", n, "true"])
)
_bad("ps", lambda s, r: ["ps", "-a", "--filter", "nosuchfilter=1"])
_bad("images", lambda s, r: ["images", "--filter", "nosuchfilter=1"])
_bad("inspect", lambda s, r: ["inspect", "--format", "{{.Id", BASE_TAG])
_bad("pull", lambda s, r: ["pull", "Bad:Ref"])
_bad("tag", lambda s, r: ["tag", s.base(r), "Bad:Tag"])


# -- permission


@case("err-ps-permission", RUNTIME, "error")
def c_err_ps_permission(s: Session, r: Runner) -> Recording:
    """``ps`` as an unprivileged user (nobody) whom the socket does not let in."""
    home = s.tmp / "nobody"
    home.mkdir(exist_ok=True)
    home.chmod(0o777)
    if r.client.is_podman:
        # podman's remote mode, at a socket only root may open
        sock_path = s.tmp / "root-only.sock"
        holder = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        holder.bind(str(sock_path))
        holder.listen(1)
        sock_path.chmod(0o600)
        args = ["--url", f"unix://{sock_path}", "ps"]
        replace = {str(sock_path): "<socket>"}
    else:
        holder = None
        args = ["ps"]  # the engine's socket is root:docker 0660
        replace = {}
    env = r.env({"HOME": str(home)})
    try:
        proc = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", r.client.binary, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            cwd=str(home),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        if holder is not None:
            holder.close()
    res = Result(list(args), proc.returncode, proc.stdout, proc.stderr)
    return Recording(
        list(args),
        res,
        {"error": "DaemonUnreachableError"},
        replace=replace,
        extra_command={"run_as": "setpriv --reuid=65534 --regid=65534 --clear-groups"},
    )


@case("err-run-permission-rlimit", ("podman",), "error")
def c_err_run_permission_rlimit(s: Session, r: Runner) -> Recording:
    """podman without ``default_ulimits = []``: it may not raise RLIMIT_NOFILE here."""
    bare = s.tmp / "bare-containers.conf"
    bare.write_text("[containers]\n")
    env = {"CONTAINERS_CONF": str(bare)}
    args = ["run", *labelled("dcli-rec-rlimit"), s.base(r), "true"]
    rec = _simple_error(r, args, "ContainerStartError", env=env)
    rec.env = {"CONTAINERS_CONF": "<a containers.conf without default_ulimits>"}
    rec.expected["hint"] = "default_ulimits"
    return rec


# -- version / info ---------------------------------------------------------------------


@case("version", RUNTIME, "misc")
def c_version(s: Session, r: Runner) -> Recording:
    args = ["version", "--format", "{{json .}}"]
    expected: dict[str, object] = {
        "client_version": r.client.client_version,
        "server_version": r.client.server_version,
    }
    return Recording(args, r.run(args), expected)


@case("info", RUNTIME, "misc")
def c_info(s: Session, r: Runner) -> Recording:
    args = ["info", "--format", "{{json .}}"]
    if r.client.is_podman:
        server = r.check(["info", "--format", "{{.Version.Version}}"]).strip()
    else:
        server = r.check(["info", "--format", "{{.ServerVersion}}"]).strip()
    return Recording(args, r.run(args), {"server_version": server})


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def detect_versions(r: Runner) -> None:
    c = r.client
    c.client_version = r.check(["version", "--format", "{{.Client.Version}}"]).strip()
    if c.is_podman:
        c.server_version = None  # local podman: no service / server component
    else:
        c.server_version = r.check(["version", "--format", "{{.Server.Version}}"]).strip()


@dataclass
class Tally:
    """What a run has done so far: cases written and cases (or cleanups) that failed."""

    recorded: int = 0
    failures: list[str] = field(default_factory=list)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--client", action="append", help="client key (repeatable)")
    ap.add_argument("--case", action="append", help="case name (repeatable)")
    ap.add_argument("--docker-host", default=os.environ.get("DOCKER_HOST") or DEFAULT_DOCKER_HOST)
    ap.add_argument("--list", action="store_true", help="list clients and cases and exit")
    return ap


def print_listing(clients: dict[str, Client]) -> None:
    print("clients:", " ".join(clients))
    for c in CASES.values():
        print(f"{c.name:32} {' '.join(c.clients)}")


def check_selection(
    ap: argparse.ArgumentParser,
    clients: dict[str, Client],
    keys: Sequence[str],
    names: Sequence[str],
) -> None:
    """Exit with a usage error for an unknown client key or case name."""
    for k in keys:
        if k not in clients:
            ap.error(f"unknown client {k!r}; choose from {', '.join(clients)}")
    for n in names:
        if n not in CASES:
            ap.error(f"unknown case {n!r}; see --list")


def on_term(signum: int, frame: FrameType | None) -> NoReturn:
    """Turn SIGTERM/SIGHUP into an exception so cleanup runs."""
    raise SystemExit(f"interrupted by signal {signum}")


def record_case(session: Session, r: Runner, c: Case, tally: Tally) -> None:
    """Record one case and sweep up after it; a failing case is reported, not raised."""
    key = r.client.key
    t0 = time.monotonic()
    try:
        rec = c.fn(session, r)
        path = write_case(r.client, c.name, rec)
        tally.recorded += 1
        print(
            f"   {c.name:32} exit={rec.result.returncode:<4} {time.monotonic() - t0:5.1f}s"
            f"  {path.relative_to(DATA_DIR)}",
            flush=True,
        )
    except Exception:
        tally.failures.append(f"{key}/{c.name}")
        print(
            f"!! {key}/{c.name} failed:\n{traceback.format_exc()}",
            file=sys.stderr,
            flush=True,
        )
    finally:
        session.sweep(r)


def record_client(session: Session, client: Client, names: Sequence[str], tally: Tally) -> None:
    """Record every selected case that applies to one client."""
    key = client.key
    r = Runner(client)
    detect_versions(r)
    todo = [CASES[n] for n in names if key in CASES[n].clients]
    if not todo:
        return
    session.current = key
    print(f"== {key} -> tests/data/{client.dirname}", flush=True)
    session.sweep(r)  # leftovers from an aborted earlier run
    for c in todo:
        record_case(session, r, c, tally)


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    opts = ap.parse_args(argv)

    clients = make_clients(opts.docker_host)
    if opts.list:
        print_listing(clients)
        return 0
    keys = opts.client or list(clients)
    names = opts.case or list(CASES)
    check_selection(ap, clients, keys, names)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    session = Session(clients)
    tally = Tally()
    started = time.monotonic()
    try:
        for key in keys:
            record_client(session, clients[key], names, tally)
    finally:
        problems = session.final_cleanup()
        for p in problems:
            print(f"!! {p}", file=sys.stderr)
        tally.failures += problems
    print(
        f"recorded {tally.recorded} case(s) in {time.monotonic() - started:.0f}s; "
        f"{len(tally.failures)} problem(s)"
    )
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
