"""``make demo``: the main job, end to end, through ``python -m dockercli run``.

Builds examples/hello (busybox httpd serving one page), runs it with port 8080 published
on 127.0.0.1, waits for the ``ready:`` line, fetches the page, then interrupts the command
(as Ctrl-C would) and checks that it removed the container.

It uses the engine at ``DOCKER_HOST``, else the one ``make engine`` started, else the
local socket. With none answering, it runs the same flow on the fake docker binary and
says so in its first line.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dockercli import Docker, DockerError
from dockercli.endpoint import LOCAL_DEFAULT
from dockercli.testing import engine
from dockercli.testing.fake import FakeDocker

HERE = Path(__file__).resolve().parent
READY_WITHIN = 120.0  # seconds for build + start; the fake takes well under one
TAG = "dockercli-demo/hello:latest"


def find_engine() -> str | None:
    """The first engine host that answers, or None."""
    candidates = (os.environ.get("DOCKER_HOST"), engine.Engine(engine.DEFAULT_ROOT).host)
    for host in (*candidates, LOCAL_DEFAULT):
        if host and engine.answers(host):
            return host
    return None


@contextmanager
def backend() -> Iterator[tuple[dict[str, str], Docker]]:
    """The environment for ``python -m dockercli`` and a client on the same backend."""
    host = find_engine()
    if host is not None:
        print(f"demo: using the Docker engine at {host}")
        yield {**os.environ, "DOCKER_HOST": host}, Docker(host=host)
        return
    where = os.environ.get("DOCKER_HOST") or f"{LOCAL_DEFAULT} (DOCKER_HOST is unset)"
    print(
        f"demo: no Docker engine answers at {where}, so this runs on the FAKE docker binary "
        "(fakes/docker); `make engine` starts a real one."
    )
    with tempfile.TemporaryDirectory(prefix="dcli-demo-fake-") as root:
        fake = FakeDocker(Path(root))
        try:
            env = {**os.environ, **fake.env()}
            env["PATH"] = f"{fake.bin_dir}{os.pathsep}{env.get('PATH', '')}"
            env.pop("DOCKER_HOST", None)
            yield env, fake.client()
        finally:
            fake.close()


def hello_context(into: Path, *, real_engine: bool) -> Path:
    """examples/hello plus the static busybox its Dockerfile copies in."""
    shutil.copytree(HERE / "hello", into, dirs_exist_ok=True)
    busybox = shutil.which("busybox")
    if busybox is not None:
        shutil.copy(busybox, into / "busybox")
    elif real_engine:
        raise SystemExit("demo: the image needs a static busybox: apt-get install busybox-static")
    else:
        (into / "busybox").write_text("")  # the fake never executes it
    return into


def run_hello(env: dict[str, str], context: Path) -> int:
    """``python -m dockercli run``: wait for ``ready:``, GET the page, interrupt, check."""
    command = [sys.executable, "-m", "dockercli", "run", str(context), "-t", TAG]
    command += ["-p", "127.0.0.1::8080"]
    print("demo: $ python " + " ".join(command[1:]))
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        return _serve_and_interrupt(child)
    finally:
        # However the demo ends (its own output cut short by `| head`, an exception, a
        # timeout), `dockercli run` must not outlive it: it would keep its container.
        _stop(child)


def _serve_and_interrupt(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    timer = _interrupt_after(child, READY_WITHIN)
    address = None
    for line in child.stdout:
        print(f"  {line.rstrip()}")
        if line.startswith("ready: "):
            address = line.split(" ", 1)[1].strip()
            break
    timer.cancel()
    if address is None:
        child.wait()
        print(f"demo: `dockercli run` exited {child.returncode} before its port answered")
        return 1
    assert address.startswith("http://"), address
    with urllib.request.urlopen(address, timeout=10) as reply:  # noqa: S310 (checked above)
        body = reply.read().decode(errors="replace").strip().splitlines()
    print(f"demo: GET {address} -> {reply.status}: {body[-1] if body else ''}")
    child.send_signal(signal.SIGINT)  # what Ctrl-C does: stop and remove the container
    rest, _ = child.communicate(timeout=60)
    for line in rest.splitlines():
        print(f"  {line}")
    removed = any(line.startswith("removed ") for line in rest.splitlines())
    print("demo: done, container removed" if removed else "demo: the container was NOT removed")
    return 0 if removed and child.returncode == 0 else 1


def _stop(child: subprocess.Popen[str]) -> None:
    """End ``dockercli run`` if it still runs: SIGINT first, so it removes its container."""
    if child.poll() is None:
        child.send_signal(signal.SIGINT)
        try:
            child.communicate(timeout=60)  # reading on, so a full pipe cannot block its exit
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
    if child.stdout is not None:
        child.stdout.close()


def _interrupt_after(child: subprocess.Popen[str], seconds: float) -> threading.Timer:
    """Interrupt a child that hangs (no engine output at all) instead of hanging the demo."""
    timer = threading.Timer(seconds, child.send_signal, (signal.SIGINT,))
    timer.daemon = True
    timer.start()
    return timer


def main() -> int:
    """Run the demo; 0 on success."""
    if isinstance(sys.stdout, io.TextIOWrapper):  # show progress as it happens, even in a pipe
        sys.stdout.reconfigure(line_buffering=True)
    with backend() as (env, docker), tempfile.TemporaryDirectory(prefix="dcli-demo-") as ctx:
        context = hello_context(Path(ctx), real_engine="FAKE_DOCKER_STATE" not in env)
        try:
            return run_hello(env, context)
        finally:
            try:  # `dockercli run` keeps the image it built, as a cache: the demo does not
                docker.remove_image(TAG)
                print(f"demo: removed the image {TAG}")
            except DockerError:
                pass


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output closed early (`make demo | head`); cleanup has run
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit
        sys.exit(1)
