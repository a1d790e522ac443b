"""dockercli's forced removals cost the same on podman as on docker: podman's ``rm -f``
waits 10 s for a stop before it kills, so dockercli tells it not to wait."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dockercli import Docker
from dockercli._argv import render

FAKE = Path(__file__).resolve().parents[2] / "fakes" / "docker"


@pytest.fixture
def podman(tmp_path: Path) -> Docker:
    """A client whose binary is named podman (a copy of the fake: nothing runs)."""
    binary = tmp_path / "podman"
    shutil.copy(FAKE, binary)
    return Docker(binary=str(binary))


def test_a_forced_removal_on_podman_kills_at_once(podman: Docker) -> None:
    """A forced rm through podman carries --time=0, so a PID 1 that ignores SIGTERM is not
    waited for; an unforced one leaves podman's own stop alone."""
    assert render(podman.session.rm(["c1"], force=True, volumes=True)).args == (
        "--force",
        "--volumes",
        "--time=0",
        "c1",
    )
    assert render(podman.session.rm(["c1"], force=False)).args == ("c1",)


def test_a_forced_removal_on_docker_has_no_time(tmp_path: Path) -> None:
    """docker's rm -f kills at once and has no --time flag: none is passed."""
    link = tmp_path / "docker"
    link.symlink_to(FAKE)
    assert render(Docker(binary=str(link)).session.rm(["c1"], force=True)).args == (
        "--force",
        "c1",
    )
