"""The bench's world: the engine, the clients, the image, and removing all of it afterwards.

Everything the bench creates carries the label ``dcli.bench=1`` and ``dcli.bench.run=<run
id>``; :meth:`Lab.remove_all` removes this run's containers and image by label, and
:meth:`Lab.sweep_stale` removes what an earlier run killed with SIGKILL left behind.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import docker as dockerpy  # type: ignore[import-untyped]  # docker-py ships no types
from python_on_whales import DockerClient as PowClient

from dockercli import Docker
from dockercli.testing.engine import DEFAULT_ROOT, Engine, answers

BENCH_LABEL = "dcli.bench"
RUN_LABEL = "dcli.bench.run"
BATCH_LABEL = "dcli.bench.batch"
BUSYBOX = Path("/bin/busybox")
# sh as PID 1 with a TERM trap, so `docker stop` returns at once instead of after 10 s.
SERVE = 'trap "exit 0" TERM; httpd -f -p 8080 -h /www & wait'
DOCKERFILE = """\
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY www /www
LABEL dcli.bench=1
"""


_HEX_ID = re.compile(r"(sha256:)?[0-9a-f]{12,64}\b")
_API_VERSION = re.compile(r"^/v[0-9.]+")


class NoEngineError(RuntimeError):
    """No Docker engine answered at DOCKER_HOST nor where ``make engine`` starts one."""


def find_engine() -> tuple[str, str]:
    """``(DOCKER_HOST, its source)``: DOCKER_HOST if it answers, else the `make engine` one."""
    tried = []
    env_host = os.environ.get("DOCKER_HOST")
    if env_host:
        if answers(env_host):
            return env_host, "DOCKER_HOST"
        tried.append(f"DOCKER_HOST={env_host} does not answer")
    else:
        tried.append("DOCKER_HOST is not set")
    made = Engine(DEFAULT_ROOT).host
    if answers(made):
        return made, "`make engine`"
    tried.append(f"no `make engine` engine answers at {made}")
    raise NoEngineError(
        "no Docker engine reachable: "
        + "; ".join(tried)
        + ". Start one with `make engine` (or export DOCKER_HOST) and run `make bench` again."
    )


def package_version(name: str) -> str:
    """The installed version of a distribution, or 'not installed'."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def describe_machine(docker_path: str, host: str | None, source: str) -> dict[str, str]:
    """What the numbers were measured on."""
    fmt = "--format={{.Client.Version}}|{{.Server.Version}}"
    done = subprocess.run(
        [docker_path, "version", fmt], capture_output=True, text=True, timeout=30, check=False
    )
    client, _, server = done.stdout.strip().partition("|")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        "docker_client": f"{client or '?'} ({docker_path}, first docker on PATH)",
        "docker_server": server or "not reached",
        "docker_host": f"{host} (from {source})" if host else "none",
        "dockercli": package_version("dockercli"),
        "python-on-whales": package_version("python-on-whales"),
        "docker-py": package_version("docker"),
        "kernel": platform.release(),
        "load": "load average {:.2f} {:.2f} {:.2f} at start (1/5/15 min)".format(*os.getloadavg()),
    }


def docker_binary() -> str:
    """The absolute path of the ``docker`` first on PATH."""
    found = shutil.which("docker")
    if found is None:
        raise NoEngineError("no `docker` binary on PATH")
    return found


class Lab:
    """The clients under test, the bench image, and this run's labels.

    Attributes:
        docker_path: The real docker CLI every client runs.
        tag: The bench image's tag (unique to this run).
        context: The build context directory.
        wrapper: A ``docker`` wrapper that logs each invocation (for process counts).
    """

    def __init__(self, host: str, docker_path: str, tmp: Path) -> None:
        self.host = host
        self.docker_path = docker_path
        self.tmp = tmp
        self.run_id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # dockercli.session: the batch stands for containers dockercli made, the only
        # ones its cleanup may remove.
        self.labels = {BENCH_LABEL: "1", RUN_LABEL: self.run_id, "dockercli.session": self.run_id}
        self.tag = f"dcli-bench:{self.run_id}"
        self.context = tmp / "context"
        self.wrapper = tmp / "bin" / "docker"
        self.calls_log = tmp / "calls.log"
        self.requests: list[str] = []  # "METHOD /path" of every docker-py request
        self._write_context()
        self._write_wrapper()
        self.dcli = Docker(remove_at_exit=False, timeout=300)
        self.dcli_counted = Docker(binary=str(self.wrapper), remove_at_exit=False, timeout=300)
        self.pow = PowClient()
        self.pow_counted = PowClient(client_call=[str(self.wrapper)])
        self.dpy = dockerpy.DockerClient(base_url=host, timeout=300)
        self.dpy.api.hooks["response"].append(self._count_request)

    def _write_context(self) -> None:
        (self.context / "www").mkdir(parents=True)
        shutil.copy2(BUSYBOX, self.context / "busybox")
        (self.context / "www" / "index.html").write_text("dcli bench\n")
        (self.context / "Dockerfile").write_text(DOCKERFILE)

    def _write_wrapper(self) -> None:
        self.wrapper.parent.mkdir()
        log, real = shlex.quote(str(self.calls_log)), shlex.quote(self.docker_path)
        self.wrapper.write_text(
            f"#!/bin/sh\n# logs each invocation, then becomes the real CLI\n"
            f'printf \'%s\\n\' "$*" >> {log}\nexec {real} "$@"\n'
        )
        self.wrapper.chmod(0o755)

    def _count_request(self, response: Any, *args: Any, **kwargs: Any) -> None:
        path = urlsplit(response.request.url).path
        path = _API_VERSION.sub("", _HEX_ID.sub("{id}", path))
        self.requests.append(f"{response.request.method} {path}")

    # -- counting ------------------------------------------------------------------

    def cli_calls(self, fn: Callable[[], object]) -> tuple[int, list[str]]:
        """How many docker processes ``fn`` started through the wrapper, and their argv."""
        before = self._logged()
        fn()
        lines = self._logged()[len(before) :]
        return len(lines), lines

    def _logged(self) -> list[str]:
        try:
            return self.calls_log.read_text().splitlines()
        except FileNotFoundError:
            return []

    def http_requests(self, fn: Callable[[], object]) -> tuple[int, list[str]]:
        """How many HTTP requests docker-py made during ``fn``, and which."""
        before = len(self.requests)
        fn()
        return len(self.requests) - before, self.requests[before:]

    # -- engine objects --------------------------------------------------------------

    def docker(self, *args: str, timeout: float = 300, check: bool = True) -> str:
        """Run the real docker CLI (for set-up and clean-up, never timed); its stdout."""
        done = subprocess.run(
            [self.docker_path, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"docker {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def label_args(self, extra: dict[str, str] | None = None) -> list[str]:
        """``--label`` arguments for this run (plus ``extra``)."""
        return [f"--label={k}={v}" for k, v in {**self.labels, **(extra or {})}.items()]

    def build_image(self) -> str:
        """Build the bench image (also warms the build cache); its ID."""
        out = self.docker("build", "--quiet", f"--tag={self.tag}", str(self.context))
        return out.strip().splitlines()[-1]

    def create(self, count: int, batch: str) -> list[str]:
        """``count`` created (never started) containers labelled with ``batch``; their IDs."""
        labels = {**self.labels, BATCH_LABEL: batch}

        def create_one(_: int) -> str:
            created = self.dpy.api.create_container(self.tag, command=["true"], labels=labels)
            return str(created["Id"])

        # Over HTTP and 4 at a time: set-up is never timed, and this keeps `make bench` short.
        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(create_one, range(count)))

    def run_server(self) -> str:
        """A running container serving HTTP on 8080, published on 127.0.0.1; its ID."""
        out = self.docker(
            "run", "--detach", *self.label_args(), "--publish=127.0.0.1::8080", self.tag,
            "sh", "-c", SERVE,
        )  # fmt: skip
        return out.strip()

    def run_detached(self, command: Sequence[str]) -> str:
        """A running container executing ``command``; its ID."""
        return self.docker("run", "--detach", *self.label_args(), self.tag, *command).strip()

    # -- clean-up ------------------------------------------------------------------

    def remove_all(self) -> list[str]:
        """Remove this run's containers and image; problems met on the way."""
        problems: list[str] = []
        ids = self._ids("ps", "--all", f"--filter=label={RUN_LABEL}={self.run_id}")
        problems += self._remove(["rm", "--force", "--volumes"], ids)
        if self._ids("images", f"--filter=reference={self.tag}"):
            problems += self._remove(["rmi", "--force"], [self.tag])
        dangling = self._ids("images", "--filter=dangling=true", f"--filter=label={BENCH_LABEL}=1")
        # Untagged leftovers of this run's builds; an image still in use elsewhere stays.
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            if dangling:
                self.docker("rmi", *dangling, check=False)
        left = self._ids("ps", "--all", f"--filter=label={RUN_LABEL}={self.run_id}")
        if left:
            problems.append(f"containers left behind: {' '.join(left)}")
        return problems

    def sweep_stale(self) -> list[str]:
        """Remove containers and images of earlier bench runs whose process is gone."""
        swept: list[str] = []
        rows = self.docker(
            "ps", "--all", f"--filter=label={BENCH_LABEL}=1",
            f"--format={{{{.ID}}}} {{{{.Label \"{RUN_LABEL}\"}}}}",
        )  # fmt: skip
        stale = [cid for cid, run in _pairs(rows) if not _alive(run)]
        if stale:
            self.docker("rm", "--force", "--volumes", *stale, check=False)
            swept.append(f"{len(stale)} containers")
        tags = self.docker("images", "--format={{.Repository}}:{{.Tag}}", "dcli-bench")
        old = [t for t in tags.split() if not _alive(t.partition(":")[2])]
        if old:
            self.docker("rmi", "--force", *old, check=False)
            swept.append(f"{len(old)} images")
        return swept

    def _ids(self, *args: str) -> list[str]:
        return self.docker(*args, "--quiet", "--no-trunc", timeout=60).split()

    def _remove(self, command: list[str], refs: list[str]) -> list[str]:
        if not refs:
            return []
        try:
            self.docker(*command, *refs, timeout=120)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            return [str(error)]
        return []

    def close(self) -> None:
        """Close docker-py's connection pool."""
        with contextlib.suppress(Exception):
            self.dpy.close()


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        cid, _, run = line.partition(" ")
        pairs.append((cid, run.strip()))
    return pairs


def _alive(run_id: str) -> bool:
    """True when the bench process that owns ``run_id`` (``<pid>-<hex>``) still runs."""
    pid_text = run_id.partition("-")[0]
    if not pid_text.isdigit():
        return True  # not ours to judge
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
