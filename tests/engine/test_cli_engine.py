"""The command line on a real engine: doctor, cleanup and the run flow."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from dockercli import Docker, RunOptions
from dockercli.cli import main
from tests.demo_runs import DEMO, demo_env, run_demo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hello"


def test_doctor_reports_ok(
    engine_host: str, client_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """doctor against a live engine prints only OK lines and exits 0."""
    status = main(["--binary", client_path, "-H", engine_host, "doctor"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "FAIL" not in out
    assert "OK   engine:" in out
    assert "fake" not in out
    assert "reached at localhost" in out


def test_cleanup_table(
    docker: Docker, busybox_image: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """cleanup --dry-run lists what it would remove; the real run removes it."""
    prefix = f"dcli-cli-{os.getpid()}-"
    box = docker.run(RunOptions(image=busybox_image, name=f"{prefix}a", command=["true"]))
    box.wait(timeout=30)
    common = [
        "--binary",
        docker.options.binary,
        "-H",
        str(docker.options.host),
        "cleanup",
        "--prefix",
        prefix,
    ]
    assert main([*common, "--dry-run", "--no-images"]) == 0
    out = capsys.readouterr().out
    assert f"would remove  container  {box.id[:12]}  {prefix}a" in out
    assert main([*common, "--no-images"]) == 0
    assert f"removed  container  {box.id[:12]}" in capsys.readouterr().out
    assert docker.containers(all=True, filters={"name": prefix}) == []


def test_run_builds_serves_and_cleans_up(
    engine_host: str, client_path: str, tmp_path: Path
) -> None:
    """`run DIR -p 8080` prints a ready address that serves, and removes its container on SIGINT."""
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copytree(EXAMPLE, tmp_path / "hello")
    shutil.copy(busybox, tmp_path / "hello" / "busybox")
    argv = [sys.executable, "-m", "dockercli", "--binary", client_path, "-H", engine_host]
    proc = subprocess.Popen(
        [*argv, "run", str(tmp_path / "hello"), "-p", "8080", "-t", "dcli-test/cli-run:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    docker = Docker(binary=client_path, host=engine_host)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("ready: "):
                address = line.split("ready: ", 1)[1].strip()
                break
        else:
            pytest.fail("run never printed a ready line")
        with urllib.request.urlopen(address, timeout=10) as reply:
            assert b"hello from dockercli" in reply.read()
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[0]
        assert proc.returncode == 0
        assert "removed " in rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        docker.remove_image("dcli-test/cli-run:1", force=True)


def test_demo_runs_on_the_engine(engine_host: str) -> None:
    """`make demo`'s script uses the engine at DOCKER_HOST, serves the page and leaves nothing."""
    done = run_demo(engine_host, timeout=300)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0] == f"demo: using the Docker engine at {engine_host}"
    assert any("hello from dockercli" in line for line in lines if " -> 200: " in line)
    assert "demo: done, container removed" in lines
    assert Docker(host=engine_host).images(reference="dockercli-demo/hello") == []


def test_demo_cut_short_leaves_nothing_on_the_engine(engine_host: str) -> None:
    """Output closed while its container serves: the demo still removes the container and image."""
    docker = Docker(host=engine_host)
    before = {c.id for c in docker.containers(all=True)}
    proc = subprocess.Popen(
        [sys.executable, str(DEMO)],
        env=demo_env(engine_host),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        # read up to the address, as `make demo | head -N` would, then stop reading
        assert any(line.lstrip().startswith("ready: ") for line in proc.stdout)
        proc.stdout.close()  # the demo's next line meets a closed pipe
        assert proc.wait(timeout=300) == 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert {c.id for c in docker.containers(all=True)} - before == set()
    assert docker.images(reference="dockercli-demo/hello") == []
