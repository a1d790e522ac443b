"""``make demo``: build examples/hello, run it, print where it listens, fetch its page, clean up.

It uses the engine at DOCKER_HOST, else the one ``make engine`` started, else (as root
with docker.io installed) a private engine it starts and stops itself.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

from dockercli import BuildOptions, DockerError, RunOptions
from dockercli.docker import Docker
from dockercli.testing import engine

HERE = Path(__file__).resolve().parent
TAG = "dockercli-demo/hello:latest"


def find_engine() -> tuple[str | None, engine.Engine | None]:
    """An engine host that answers, and the engine we started (to stop) if any."""
    for host in (os.environ.get("DOCKER_HOST"), engine.Engine(engine.DEFAULT_ROOT).host):
        if host and engine.answers(host):
            return host, None
    if engine.can_start():
        print("no engine answers; starting a private dockerd for the demo...")
        started = engine.start(Path(tempfile.mkdtemp(prefix="dcli-demo-", dir="/tmp")))
        return started.host, started
    return None, None


def main() -> int:
    """Run the demo; 0 on success."""
    host, started = find_engine()
    if host is None:
        print(
            "No Docker engine is reachable: DOCKER_HOST is "
            f"{os.environ.get('DOCKER_HOST') or 'unset'} and the local socket does not answer.\n"
            "Get one with `sudo make engine` (needs docker.io) and export the DOCKER_HOST it "
            "prints, or point DOCKER_HOST at a running engine, then run `make demo` again."
        )
        return 1
    busybox = shutil.which("busybox")
    if busybox is None:
        print("The demo image needs a static busybox: apt-get install busybox-static")
        return 1
    try:
        return run_demo(Docker(host=host, timeout=120), busybox)
    finally:
        if started is not None:
            engine.remove(started)


def run_demo(docker: Docker, busybox: str) -> int:
    """Build, run, address, fetch, remove."""
    with tempfile.TemporaryDirectory(prefix="dcli-demo-ctx-") as ctx:
        shutil.copytree(HERE / "hello", ctx, dirs_exist_ok=True)
        shutil.copy(busybox, Path(ctx) / "busybox")
        print(f"building {TAG} ...")
        image = docker.build(
            BuildOptions(context=ctx, tags=[TAG]), on_line=lambda line: print(f"  | {line}")
        )
    print(f"built {image.short_id}")
    with image, docker.run(RunOptions(image=image.id, publish=["127.0.0.1::8080"])) as web:
        address = web.wait_for_port(8080, timeout=30)
        print(f"container {web.name} listens at http://{address}/")
        with urllib.request.urlopen(f"http://{address}/", timeout=10) as reply:
            body = reply.read().decode()
        print(f"GET / -> {reply.status}: {body.splitlines()[-1]}")
    print("removed the container and the image")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DockerError as error:
        print(f"demo failed: {error}", file=sys.stderr)
        sys.exit(1)
