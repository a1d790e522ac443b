"""Docker.build and the lifecycle with BuildKit (docker 20.10) and with podman's CLI."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildError, BuildOptions, Docker, NoSuchContainerError, RunOptions
from tests.conftest import REQUIRE, podman_env

BUILDKIT_CLIENT = "/usr/bin/docker"  # the 20.10 client has BuildKit built in; 28 here has no buildx


def _context(tmp_path: Path, dockerfile: str) -> str:
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copy(busybox, tmp_path / "busybox")
    (tmp_path / "Dockerfile").write_text(dockerfile)
    return str(tmp_path)


BASE = 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'


@pytest.fixture
def buildkit(engine_host: str) -> Docker:
    """A 20.10 client with DOCKER_BUILDKIT=1."""
    if not Path(BUILDKIT_CLIENT).exists():
        pytest.skip("no docker 20.10 client with BuildKit")
    return Docker(
        binary=BUILDKIT_CLIENT, host=engine_host, env={"DOCKER_BUILDKIT": "1"}, timeout=300
    )


def test_buildkit_build_returns_the_image(buildkit: Docker, tmp_path: Path) -> None:
    """A BuildKit build streams its #N lines and returns the image its iidfile names."""
    lines: list[str] = []
    context = _context(tmp_path, BASE + "RUN echo built-by-buildkit\n")
    with buildkit.build(BuildOptions(context=context), on_line=lines.append) as image:
        assert any(line.startswith("#") for line in lines)
        assert any("writing image sha256:" + image.id in line for line in lines)
        assert image.inspect().id == image.id


def test_buildkit_failure_raises_build_error(buildkit: Docker, tmp_path: Path) -> None:
    """A failing BuildKit step raises BuildError whose log shows the step."""
    context = _context(tmp_path, BASE + "RUN echo buildkit-fails && false\n")
    with pytest.raises(BuildError) as caught:
        buildkit.build(BuildOptions(context=context))
    assert "buildkit-fails" in caught.value.log


@pytest.fixture
def podman(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Docker]:
    """podman's docker-compatible CLI, with what its tests leave removed."""
    if shutil.which("podman") is None:
        if REQUIRE:
            pytest.fail("DOCKERCLI_REQUIRE_ENGINE=1 but podman is not installed")
        pytest.skip("podman is not installed")
    client = Docker(binary="podman", env=podman_env(tmp_path_factory.mktemp("podman")), timeout=300)
    yield client
    client.remove_tracked()


def test_podman_lifecycle(podman: Docker, tmp_path: Path) -> None:
    """Build, run, reach the published port, exec and remove work through podman's CLI."""
    context = _context(
        tmp_path,
        BASE + "RUN mkdir /www && echo via-podman > /www/index.html\n"
        'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n',
    )
    with podman.build(BuildOptions(context=context, tags=["dcli-test/podman:1"])) as image:
        assert len(image.id) == 64
        with podman.run(RunOptions(image=image.id, publish=["127.0.0.1::8080"])) as web:
            address = web.wait_for_port(8080, timeout=60)
            with urllib.request.urlopen(f"http://{address}/", timeout=10) as reply:
                assert reply.read() == b"via-podman\n"
            assert web.exec(["echo", "in-podman"]).stdout == "in-podman\n"
        with pytest.raises(NoSuchContainerError):
            podman.container(web.id)
