"""Endpoint resolution follows the CLI's precedence and says where published ports are reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dockercli import Docker, InvalidOptionError
from dockercli.endpoint import Endpoint, published_host, resolve


@pytest.mark.parametrize(
    ("url", "scheme", "published"),
    [
        ("unix:///var/run/docker.sock", "unix", "localhost"),
        ("tcp://10.1.2.3:2376", "tcp", "10.1.2.3"),
        ("tcp://docker.example.com:2375", "tcp", "docker.example.com"),
        ("ssh://deploy@build-box", "ssh", "build-box"),
        ("ssh://deploy@build-box:2222", "ssh", "build-box"),
        ("https://engine:2376", "tcp", "engine"),
        ("npipe:////./pipe/docker_engine", "npipe", "localhost"),
        ("fd://", "fd", "localhost"),
        ("tcp://[::1]:2376", "tcp", "::1"),
    ],
)
def test_endpoint_forms(url: str, scheme: str, published: str) -> None:
    """Each DOCKER_HOST form parses to its scheme and the host where ports are reached."""
    endpoint = Endpoint.parse(url)
    assert (endpoint.scheme, endpoint.published_host) == (scheme, published)


def test_unknown_scheme_is_rejected() -> None:
    """An address docker cannot read raises InvalidOptionError naming its source."""
    with pytest.raises(InvalidOptionError, match="DOCKER_HOST"):
        Endpoint.parse("ftp://x", "DOCKER_HOST")


def test_flag_beats_environment() -> None:
    """``host`` given to the client wins over DOCKER_HOST."""
    endpoint = resolve(host="tcp://a:1", env={"DOCKER_HOST": "tcp://b:1"})
    assert (endpoint.hostname, endpoint.source) == ("a", "--host")


def test_docker_host_beats_docker_context() -> None:
    """DOCKER_HOST wins over DOCKER_CONTEXT, as in the CLI."""
    endpoint = resolve(
        env={"DOCKER_HOST": "tcp://b:1", "DOCKER_CONTEXT": "remote"},
        lookup_context=lambda n: "tcp://c:1",
    )
    assert endpoint.hostname == "b"


def test_named_context_is_looked_up() -> None:
    """A named context (flag, env or config) is resolved through the lookup callback."""
    asked: list[str] = []

    def lookup(name: str) -> str:
        asked.append(name)
        return "ssh://me@remote-box"

    assert resolve(context="remote", env={}, lookup_context=lookup).hostname == "remote-box"
    assert resolve(env={"DOCKER_CONTEXT": "other"}, lookup_context=lookup).source == "context other"
    assert asked == ["remote", "other"]


def test_current_context_from_config(tmp_path: Path) -> None:
    """The config's currentContext is used when no flag or variable picks one."""
    (tmp_path / "config.json").write_text(json.dumps({"currentContext": "ci"}))
    endpoint = resolve(
        env={"DOCKER_CONFIG": str(tmp_path)}, lookup_context=lambda n: f"tcp://{n}-host:2376"
    )
    assert endpoint.hostname == "ci-host"


def test_default_is_the_local_socket(tmp_path: Path) -> None:
    """With nothing set, the endpoint is the local default socket."""
    endpoint = resolve(env={"HOME": str(tmp_path)})
    assert (endpoint.url, endpoint.source) == ("unix:///var/run/docker.sock", "default")


def test_dockercli_host_overrides_published_host() -> None:
    """DOCKERCLI_HOST overrides where published ports are reached."""
    endpoint = Endpoint.parse("unix:///var/run/docker.sock")
    assert published_host(endpoint, {"DOCKERCLI_HOST": "10.0.0.9"}) == "10.0.0.9"
    assert published_host(endpoint, {}) == "localhost"


def test_podman_reads_container_host_not_docker_host() -> None:
    """For podman, CONTAINER_HOST is the endpoint; DOCKER_HOST and DOCKER_CONTEXT are ignored."""
    env = {
        "CONTAINER_HOST": "ssh://core@vm.example.com:2222/run/podman/podman.sock",
        "DOCKER_HOST": "tcp://docker.example.com:2376",
        "DOCKER_CONTEXT": "elsewhere",
    }
    endpoint = resolve(env=env, podman=True)
    assert (endpoint.scheme, endpoint.source) == ("ssh", "CONTAINER_HOST")
    assert endpoint.published_host == "vm.example.com"


def test_podman_flag_beats_container_host_and_default_is_local() -> None:
    """For podman, --host (its --url) comes first; with nothing set it is the local socket."""
    env = {"CONTAINER_HOST": "tcp://vm.example.com:8888"}
    assert resolve(host="tcp://other:1", env=env, podman=True).hostname == "other"
    local = resolve(env={}, podman=True)
    assert (local.url, local.published_host) == ("unix:///run/podman/podman.sock", "localhost")


def test_docker_client_picks_the_podman_rules_by_binary_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A podman binary reaches ports on CONTAINER_HOST's host; a docker binary ignores it."""
    monkeypatch.setenv("CONTAINER_HOST", "ssh://core@vm.example.com/run/podman/podman.sock")
    monkeypatch.setenv("DOCKER_HOST", "tcp://docker.example.com:2376")
    monkeypatch.delenv("DOCKERCLI_HOST", raising=False)
    assert Docker(binary="/usr/bin/podman").published_host == "vm.example.com"
    assert Docker(binary="/usr/bin/docker").published_host == "docker.example.com"
