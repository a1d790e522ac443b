"""NewDockerClient without a docker binary says the binary is missing, not the daemon."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockercli import legacy as containers
from dockercli.errors import DockerNotFoundError


@pytest.fixture
def no_binary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """DOCKERCLI_BINARY names a path that does not exist; no other docker variable is set."""
    for name in ("DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_CONTEXT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    missing = str(tmp_path / "no-such" / "docker")
    monkeypatch.setenv("DOCKERCLI_BINARY", missing)
    return missing


def test_a_missing_binary_is_reported_as_missing(no_binary: str) -> None:
    """The error (still DockerDaemonConnectionError, as documented) names the missing binary."""
    with pytest.raises(containers.DockerDaemonConnectionError) as caught:
        containers.NewDockerClient(version="1.9", timeout=60)
    message = str(caught.value)
    assert "Couldn't connect to the docker daemon" not in message
    assert message.startswith("Couldn't run docker: ")
    assert f"{no_binary!r} does not exist" in message
    assert "DOCKERCLI_BINARY" in message
    assert isinstance(caught.value.__cause__, DockerNotFoundError)


def test_the_check_free_client_still_builds(no_binary: str) -> None:
    """NewDockerClientNoCheck runs nothing, so a missing binary does not stop it."""
    assert containers.NewDockerClientNoCheck().docker.options.binary == no_binary
