"""The old module's names, option tuples, errors and client factory (mostly without an engine)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dockercli import TLSConfig, legacy as containers
from dockercli.docker import Docker
from tests.conftest import CLIENTS
from tests.legacy.conftest import FAKE, Backend

PUBLIC = {
    "BaseImage", "CleanableContainerName", "Container", "ContainerError", "ContainerOptions",
    "CreateImage", "DockerDaemonConnectionError", "Error", "GetDockerHost", "Image", "ImageError",
    "ImageOptions", "NewDockerClient", "NewDockerClientNoCheck", "PrebuiltImage",
    "StartDelayedCleanup",
}  # fmt: skip


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No docker variables and an empty CLI config: only what a test sets is seen."""
    for name in ("DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_CONTEXT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    return monkeypatch


@pytest.fixture
def offline(isolated: pytest.MonkeyPatch, tmp_path: Path) -> containers._Client:
    """A client for an engine that is not there (fine: nothing here contacts it)."""
    isolated.setenv("DOCKER_HOST", f"unix://{tmp_path}/nothing.sock")
    return containers.NewDockerClientNoCheck()


def test_public_names_are_the_old_ones() -> None:
    """__all__ lists exactly the old module's public names, and each exists."""
    assert set(containers.__all__) == PUBLIC
    assert all(hasattr(containers, name) for name in PUBLIC)


def test_image_options_is_the_old_namedtuple() -> None:
    """ImageOptions keeps its typename, field order, defaults, positional use and tuple API."""
    opts = containers.ImageOptions("/ctx", "app:v1")
    assert type(opts).__bases__[0].__name__ == "ImageOptionsT"
    assert opts._fields == ("dockerfile_dir", "tag", "nocache", "rm")
    assert tuple(containers.ImageOptions()) == (None, None, False, True)
    assert opts == containers.ImageOptions(dockerfile_dir="/ctx", tag="app:v1")
    assert opts._replace(nocache=True) == ("/ctx", "app:v1", True, True)
    assert opts._asdict() == {
        "dockerfile_dir": "/ctx",
        "tag": "app:v1",
        "nocache": False,
        "rm": True,
    }
    with pytest.raises(AttributeError):
        opts.tag = "other"  # type: ignore[misc]


def test_container_options_is_the_old_namedtuple() -> None:
    """ContainerOptions keeps its typename, field order and defaults; image_opts goes first."""
    image = containers.ImageOptions(tag="app:v1")
    opts = containers.ContainerOptions(image, 8080)
    assert type(opts).__bases__[0].__name__ == "ContainerOptionsT"
    assert opts._fields == (
        "image_opts", "port", "port_bindings", "environment", "volumes", "volumes_from",
        "links", "name", "command",
    )  # fmt: skip
    assert tuple(opts) == (image, 8080, None, None, None, None, None, None, None)
    assert opts._replace(name="web").name == "web"
    assert containers.ContainerOptions() == (None,) * 9


def test_error_classes() -> None:
    """ImageError, ContainerError and DockerDaemonConnectionError are containers.Error's."""
    for cls in (
        containers.ImageError,
        containers.ContainerError,
        containers.DockerDaemonConnectionError,
    ):
        assert issubclass(cls, containers.Error)
    assert issubclass(containers.Error, Exception)


def test_cleanable_container_name() -> None:
    """The name is prefix.base.timestamp with a UTC '%Y-%m-%dT%H%M%S.%fZ' stamp."""
    stamp = datetime(2014, 10, 21, 9, 8, 7, 654321)
    assert (
        containers.CleanableContainerName("google.appengine", "app.default", stamp)
        == "google.appengine.app.default.2014-10-21T090807.654321Z"
    )
    paris = datetime(2014, 10, 21, 11, 8, 7, 654321, tzinfo=timezone(timedelta(hours=2)))
    assert containers.CleanableContainerName("p", "b", paris) == "p.b.2014-10-21T090807.654321Z"
    now = containers.CleanableContainerName("p", "b")
    parsed = datetime.strptime(now, "p.b.%Y-%m-%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
    assert abs(datetime.now(timezone.utc) - parsed) < timedelta(minutes=1)


def test_image_constructor_errors(offline: containers._Client) -> None:
    """The image classes refuse options they cannot use, with the old messages."""
    with pytest.raises(
        containers.ImageError,
        match=r"^dockerfile_dir for images that require building must be set\.$",
    ):
        containers.Image(offline, containers.ImageOptions(tag="app:v1"))
    with pytest.raises(
        containers.ImageError, match=r"^dockerfile_dir for PrebuiltImage must not be set\.$"
    ):
        containers.PrebuiltImage(offline, containers.ImageOptions("/ctx", "app:v1"))
    with pytest.raises(
        containers.ImageError, match=r"^PrebuiltImage must have tag specified to find image id\.$"
    ):
        containers.PrebuiltImage(offline, containers.ImageOptions())


def test_create_image_picks_the_class(offline: containers._Client) -> None:
    """CreateImage gives an Image with a dockerfile_dir and a PrebuiltImage without one."""
    built = containers.CreateImage(offline, containers.ImageOptions("/ctx", "app:v1"))
    found = containers.CreateImage(offline, containers.ImageOptions(tag="app:v1"))
    assert type(built) is containers.Image
    assert type(found) is containers.PrebuiltImage
    assert (built.id, built.tag, found.id, found.tag) == (None, "app:v1", None, "app:v1")


def test_container_constructor_errors_propagate(offline: containers._Client) -> None:
    """Container() creates its image object at once, so image errors come from the constructor."""
    with pytest.raises(containers.ImageError, match="must have tag specified"):
        containers.Container(offline, containers.ContainerOptions(containers.ImageOptions()))


def test_container_host_is_known_before_start(offline: containers._Client) -> None:
    """host is computed by the constructor; id is None and PortBinding None before Start."""
    container = containers.Container(
        offline, containers.ContainerOptions(containers.ImageOptions(tag="app:v1"), name="web")
    )
    assert (container.host, container.id, container.name) == ("localhost", None, "web")
    assert container.PortBinding(8080) is None
    container.Stop()  # stopping a container that never started does nothing


@pytest.mark.parametrize(
    ("env", "base_url", "host"),
    [
        (
            {"DOCKER_HOST": "unix:///tmp/x/docker.sock"},
            "http+unix://tmp/x/docker.sock",
            "localhost",
        ),
        ({}, "http+unix://var/run/docker.sock", "localhost"),
        (
            {"DOCKER_HOST": "tcp://docker.example:2375"},
            "http://docker.example:2375",
            "docker.example",
        ),
        (
            {
                "DOCKER_HOST": "tcp://docker.example:2376",
                "DOCKER_TLS_VERIFY": "1",
                "DOCKER_CERT_PATH": "/certs",
            },
            "https://docker.example:2376",
            "docker.example",
        ),
        (
            {"DOCKER_HOST": "ssh://deploy@build.example"},
            "ssh://deploy@build.example",
            "build.example",
        ),
    ],
    ids=["unix", "unset", "tcp", "tls", "ssh"],
)
def test_client_from_environment(
    isolated: pytest.MonkeyPatch, env: dict[str, str], base_url: str, host: str
) -> None:
    """The client reads DOCKER_HOST (else the local socket) and the TLS variables."""
    for name, value in env.items():
        isolated.setenv(name, value)
    client = containers.NewDockerClientNoCheck()
    assert client.base_url == base_url
    assert containers.GetDockerHost(client) == host
    assert client.docker.options.host == env.get("DOCKER_HOST")
    expected_tls = TLSConfig.from_cert_path("/certs") if "DOCKER_CERT_PATH" in env else None
    assert client.docker.options.tls == expected_tls


def test_client_keyword_overrides(isolated: pytest.MonkeyPatch) -> None:
    """base_url, tls and timeout override the environment; version is accepted and ignored."""
    isolated.setenv("DOCKER_HOST", "tcp://docker.example:2375")
    client = containers.NewDockerClientNoCheck(
        base_url="http+unix://var/run/other.sock", version="1.9", timeout=5
    )
    assert client.docker.options.host == "unix:///var/run/other.sock"
    assert client.base_url == "http+unix://var/run/other.sock"
    assert client.docker.options.timeout == 5
    secure = containers.NewDockerClientNoCheck(base_url="https://secure.example:2376", tls=True)
    assert secure.docker.options.host == "tcp://secure.example:2376"
    assert secure.docker.options.tls == TLSConfig()
    assert secure.base_url == "https://secure.example:2376"
    assert containers.NewDockerClientNoCheck(base_url=None).base_url == (
        "http+unix://var/run/docker.sock"
    )
    with pytest.raises(TypeError, match="unexpected keyword arguments: tls_verify"):
        containers.NewDockerClientNoCheck(tls_verify=True)


def test_get_docker_host_takes_a_dockercli_client() -> None:
    """GetDockerHost also accepts a dockercli Docker, and refuses anything else."""
    assert containers.GetDockerHost(Docker(host="tcp://engine.example:2375")) == "engine.example"
    with pytest.raises(TypeError, match="NewDockerClient"):
        containers.GetDockerHost(object())  # type: ignore[arg-type]


@pytest.mark.parametrize("binary", [*CLIENTS, *([str(FAKE)] if FAKE.exists() else [])])
def test_unreachable_engine_raises(
    isolated: pytest.MonkeyPatch, tmp_path: Path, binary: str
) -> None:
    """NewDockerClient raises DockerDaemonConnectionError naming the variables to check."""
    isolated.setenv("DOCKERCLI_BINARY", binary)
    isolated.setenv("DOCKER_HOST", f"unix://{tmp_path}/nothing.sock")
    if binary == str(FAKE):
        isolated.setenv("FAKE_DOCKER_STATE", str(tmp_path / "fake-state"))
        isolated.setenv("FAKE_DOCKER_FAULTS", "down")
    with pytest.raises(containers.DockerDaemonConnectionError) as caught:
        containers.NewDockerClient(version="1.9", timeout=60)
    message = str(caught.value)
    for name in ("DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"):
        assert name in message
    assert f"unix://{tmp_path}/nothing.sock" in message
    assert containers.NewDockerClientNoCheck().base_url == f"http+unix:/{tmp_path}/nothing.sock"


def test_new_docker_client_on_a_live_engine(backend: Backend) -> None:
    """NewDockerClient as devappserver called it answers, with the engine's address."""
    client = containers.NewDockerClient(version="1.9", timeout=60)
    host = client.docker.options.host
    assert host is not None
    assert re.fullmatch(r"http\+unix://[^/].*", client.base_url)
    assert client.base_url.removeprefix("http+unix://") == host.removeprefix("unix:///")
    assert client.docker.options.timeout == 60
    assert containers.GetDockerHost(client) == "localhost"
