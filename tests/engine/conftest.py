"""The engine tests' clients: each one (docker 28, docker 20.10, podman) with a small
image of its own, built FROM scratch with static busybox."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, Docker
from tests.conftest import CLIENTS, REQUIRE, podman_env

# The image serves /www/index.html ("by-alias") on 8080 by default; any command runs too.
SERVE = (
    "RUN mkdir /www && echo by-alias > /www/index.html\n"
    'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n'
)


@pytest.fixture(params=["docker", "docker-20.10", "podman"])
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Docker, str]]:
    """(kind, client, web image) for one client; the image is removed afterwards."""
    kind = str(request.param)
    if kind == "podman":
        if shutil.which("podman") is None:
            if REQUIRE:
                pytest.fail("DOCKERCLI_REQUIRE_ENGINE=1 but podman is not installed")
            pytest.skip("podman is not installed")
        docker = Docker(binary="podman", env=podman_env(tmp_path_factory.mktemp("podman")))
    else:
        binary = CLIENTS[0] if kind == "docker" else "/usr/bin/docker"
        if not Path(binary).exists():
            pytest.skip(f"no client {binary}")
        docker = Docker(binary=binary, host=str(request.getfixturevalue("engine_host")))
    context = tmp_path_factory.mktemp("web")
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copy(busybox, context / "busybox")
    (context / "Dockerfile").write_text(
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
        + SERVE
    )
    tag = f"dcli-test/engine-web:{uuid.uuid4().hex[:8]}"
    docker.build(BuildOptions(context=str(context), tags=[tag]))
    try:
        yield kind, docker, tag
    finally:
        docker.remove_tracked()
        docker.command("rmi", tag, ok_codes=range(256))
