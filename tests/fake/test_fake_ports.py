"""Published ports: per-dialect bindings, the HTTP answer, helper lifetime, concurrency."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from dockercli.testing.fake import helper_alive as alive, helper_pids

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

BASE = "dcli-rec-base:latest"


def _get(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as reply:
        assert reply.status == 200
        return str(reply.read().decode())


def test_default_engine_binds_ipv4_and_ipv6(any_fake: Fake) -> None:
    """``-p 8080`` shows 0.0.0.0 and :: bindings in docker dialects, 0.0.0.0 only in podman."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "web", "-p", "8080", BASE)
    out = any_fake.ok("port", "web").splitlines()
    port = out[0].rsplit(":", 1)[1]
    want = {
        "docker-28": [f"8080/tcp -> 0.0.0.0:{port}", f"8080/tcp -> [::]:{port}"],
        "docker-20.10": [f"8080/tcp -> :::{port}", f"8080/tcp -> 0.0.0.0:{port}"],
        "podman": [f"8080/tcp -> 0.0.0.0:{port}"],
    }[any_fake.dialect]
    assert out == want
    assert int(port) >= 32768


def test_port_query_and_unpublished(fake: Fake) -> None:
    """``port C 8080`` prints addresses only; an unpublished port is an error in docker."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", "-p", "127.0.0.1::8080", BASE)
    assert fake.ok("port", "web", "8080/tcp").startswith("127.0.0.1:")
    done = fake.run("port", "web", "9090")
    assert (done.returncode, done.stderr) == (
        1,
        b"Error: No public port '9090' published for web\n",
    )


def test_fixed_host_port_and_conflict(fake: Fake) -> None:
    """A fixed host port is used as given; a second container cannot take it."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "one", "-p", "127.0.0.1:18181:80", BASE)
    assert fake.ok("port", "one") == "80/tcp -> 127.0.0.1:18181\n"
    done = fake.run("run", "-d", "--name", "two", "-p", "127.0.0.1:18181:80", BASE)
    assert done.returncode == 125
    assert b"Bind for 127.0.0.1:18181 failed: port is already allocated" in done.stderr


def test_published_port_answers_http(fake: Fake) -> None:
    """While the container runs, its published port answers HTTP with ``fake-docker <name>``."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", "-p", "8080", "-p", "9090/udp", BASE)
    port = int(fake.ok("port", "web", "8080").splitlines()[0].rsplit(":", 1)[1])
    assert _get(port) == "fake-docker web\n"
    assert _get(port) == "fake-docker web\n"


def test_stop_ends_the_helper(fake: Fake) -> None:
    """stop ends the port helper: the port no longer answers as this container and the pid
    is gone."""
    # Every fake state hands out ports from 32768, so a fake in a suite running beside this
    # one may bind the freed port at once: only this container's answer counts.
    name = f"web-{os.getpid()}-{time.monotonic_ns()}"
    fake.base_image()
    fake.ok("run", "-d", "--name", name, "-p", "8080", BASE)
    port = int(fake.ok("port", name, "8080").splitlines()[0].rsplit(":", 1)[1])
    assert _get(port) == f"fake-docker {name}\n"
    pid = fake.state()["containers"][next(iter(fake.state()["containers"]))]["helper"]
    assert pid
    fake.ok("stop", name)
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(pid)
    assert fake.ok("port", name) == ""
    try:
        answer = _get(port)
    except OSError:
        return
    assert answer != f"fake-docker {name}\n", "the port still answers after stop"


def test_helper_binds_loopback_only(fake: Fake) -> None:
    """The helper listens on 127.0.0.1 even when the binding shows 0.0.0.0."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", "-p", "8080", BASE)
    port = int(fake.ok("port", "web", "8080").splitlines()[0].rsplit(":", 1)[1])
    with open("/proc/net/tcp") as fh:
        listening = [
            line.split()[1] for line in fh.read().splitlines()[1:] if line.split()[3] == "0A"
        ]
    assert f"0100007F:{port:04X}" in listening
    assert f"00000000:{port:04X}" not in listening


def test_scripted_exit_ends_the_helper(fake: Fake) -> None:
    """A container that exits by script (``fake.exit_after``) stops serving by itself."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "brief", "-p", "8080", "-l", "fake.exit_after=0.5", BASE)
    port = int(fake.ok("port", "brief", "8080").splitlines()[0].rsplit(":", 1)[1])
    assert _get(port) == "fake-docker brief\n"
    assert fake.ok("wait", "brief") == "0\n"
    deadline = time.monotonic() + 3
    while any(alive(p) for p in helper_pids(fake.state_dir)) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(alive(p) for p in helper_pids(fake.state_dir))


def test_publish_all_uses_exposed_ports(fake: Fake) -> None:
    """``-P`` publishes every exposed port on a random host port."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", "-P", "--expose", "9000", BASE)
    keys = sorted(
        json.loads(fake.ok("inspect", "--format", "{{json .NetworkSettings.Ports}}", "web"))
    )
    assert keys == ["8080/tcp", "9000/tcp"]


def test_parallel_runs_get_distinct_containers_and_ports(fake: Fake) -> None:
    """20 concurrent ``run -d -p`` give 20 containers with 20 different host ports."""
    fake.base_image()

    def start(i: int) -> str:
        done = subprocess.run(
            [str(FAKE), "run", "-d", "--name", f"c{i}", "-p", "8080", BASE],
            capture_output=True,
            env=fake.env,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.decode().strip()

    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(start, range(20)))
    assert len(set(ids)) == 20
    state = fake.state()["containers"]
    assert len(state) == 20
    ports = {b["HostPort"] for c in state.values() for b in c["ports"]["8080/tcp"]}
    assert len(ports) == 20
    assert len(helper_pids(fake.state_dir)) == 20
