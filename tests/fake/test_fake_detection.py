"""The fake names itself in ``docker version``; real clients never do, and dockercli can tell."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import podman_env

from dockercli import Docker, parsers
from dockercli.testing.fake import DIALECTS, FakeDocker

DATA = Path(__file__).resolve().parents[1] / "data"
VERSION_RECORDINGS = sorted(DATA.glob("*/version/stdout"))
MARKER = "dockercli fake docker"


@pytest.mark.parametrize("path", VERSION_RECORDINGS, ids=lambda p: p.parent.parent.name)
def test_recorded_real_clients_are_not_the_fake(path: Path) -> None:
    """Every ``version`` recorded from a real client parses with is_fake False."""
    assert parsers.version_info(path.read_text()).is_fake is False


def test_a_stranger_platform_name_is_not_the_fake() -> None:
    """A packager's Platform.Name (Docker Desktop, Docker Engine - Community) is not the marker."""
    for name in ("Docker Engine - Community", "Docker Desktop 4.41.2 (191736)", ""):
        text = json.dumps(
            {"Client": {"Platform": {"Name": name}, "Version": "28.2.2"}, "Server": None}
        )
        assert parsers.version_info(text).is_fake is False


@pytest.mark.parametrize("dialect", DIALECTS)
def test_docker_version_on_the_fake_is_fake(tmp_path: Path, dialect: str) -> None:
    """Docker.version() on the fake reports is_fake, with the dialect's versions otherwise."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    try:
        version = fake.client().version()
        assert version.is_fake is True
        assert version.is_podman is (dialect == "podman")
        assert version.client_version == {"docker-28": "28.2.2", "podman": "4.3.1"}.get(
            dialect, "20.10.24+dfsg1"
        )
    finally:
        fake.close()


# podman, like the fake's podman dialect, prints no client block when its service is down
@pytest.mark.parametrize("dialect", ["docker-28", "docker-20.10"])
def test_the_fake_is_known_even_when_it_plays_a_dead_daemon(tmp_path: Path, dialect: str) -> None:
    """Under the ``down`` fault docker's version(require_server=False) still says is_fake."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect, faults="down")
    try:
        version = fake.client().version(require_server=False)
        assert version.is_fake is True
        assert version.server_version is None
    finally:
        fake.close()


@pytest.mark.parametrize("dialect", ["docker-28", "docker-20.10"])
def test_templates_over_the_server_still_render(tmp_path: Path, dialect: str) -> None:
    """``{{.Server.Version}}`` renders as before; ``{{.Server.Platform.Name}}`` names the fake."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    try:
        docker = fake.client()
        fmt = "{{.Server.Version}}|{{.Server.Platform.Name}}|{{.Client.Platform.Name}}"
        out = docker.command("version", "--format", fmt).stdout
        assert out == f"20.10.24+dfsg1|{MARKER}|{MARKER}\n"
        text = docker.command("version").stdout
        assert text.startswith(f"Client: {MARKER}\n Version:")
        assert f"\nServer: {MARKER}\n Engine:\n" in text
    finally:
        fake.close()


def test_real_clients_on_the_engine_are_not_fake(engine_host: str, client_path: str) -> None:
    """docker 28 and docker 20.10 against the engine report is_fake False."""
    version = Docker(binary=client_path, host=engine_host).version()
    assert version.is_fake is False
    assert version.server_version


@pytest.mark.skipif(shutil.which("podman") is None, reason="podman is not installed")
def test_real_podman_is_not_fake(tmp_path: Path) -> None:
    """A real podman's version reports is_fake False."""
    podman = str(shutil.which("podman"))
    done = subprocess.run(
        [podman, "version", "--format", "{{json .}}"],
        capture_output=True,
        text=True,
        env={**os.environ, **podman_env(tmp_path)},
        check=True,
    )
    info = parsers.version_info(done.stdout)
    assert (info.is_podman, info.is_fake) == (True, False)
