"""The pytest plugin on a real engine: docker_network, and the end-of-session report of what
a session left there (run as a separate pytest process, as a user's suite would be)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dockercli import Docker

INNER = """
from dockercli import Docker, RunOptions


def test_leaves_one_container(docker_engine, docker_network):
    kept = Docker(host=docker_engine.options.host, remove_at_exit=False)
    box = RunOptions(image={image!r}, name={name!r}, network=docker_network.name, command=["true"])
    kept.create(box)


def test_leaves_nothing(docker_engine):
    docker_engine.create(RunOptions(image={image!r}, command=["true"]))
"""


@pytest.mark.parametrize("workers", [0, 2])
def test_the_session_report_names_what_a_session_left(
    engine_host: str, busybox_image: str, tmp_path: Path, workers: int
) -> None:
    """A session whose test left a container gets a report naming it, with two xdist
    workers too (each its own client and labels); what the fixtures and tracked clients
    made (the docker_network, a created container) is gone."""
    name = f"dcli-left-{uuid.uuid4().hex[:8]}"
    (tmp_path / "test_inner.py").write_text(INNER.format(image=busybox_image, name=name))
    env = {**os.environ, "DOCKER_HOST": engine_host, "PYTHONPATH": str(Path(__file__).parents[2])}
    argv = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*argv, "-n", str(workers), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    docker = Docker(host=engine_host)
    try:
        assert done.returncode == 0, done.stdout + done.stderr
        report = [ln for ln in done.stdout.splitlines() if ln.startswith("dockercli: ")]
        where = r"gw[01]: " if workers else ""
        said = r"dockercli: 1 object\(s\) this session made are still on the engine: "
        assert len(report) == 1
        assert re.fullmatch(said + where + f"container {name}", report[0]), report
        assert [n.name for n in docker.networks() if n.name.startswith("dcli-gw")] == []
        assert [n.name for n in docker.networks() if n.name.startswith("dcli-main-")] == []
    finally:
        docker.command("rm", "-f", name, ok_codes=range(256))
