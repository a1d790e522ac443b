"""Fixtures for the legacy facade: each scenario runs on the engine (both clients) and the fake.

A scenario sees only what an old script saw: ``DOCKER_HOST`` and the docker binary
(``DOCKERCLI_BINARY``) in the environment, then ``containers.NewDockerClient(...)``. The
:class:`Backend` also holds a new-API client for checking the engine's state and for
teardown, which removes every container and image the test created, even on failure.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, RmOptions, legacy as containers
from dockercli.docker import Docker
from dockercli.errors import DockerError
from tests.conftest import BUSYBOX_IMAGE, CLIENTS

REPO = Path(__file__).resolve().parents[2]
FAKE = REPO / "fakes" / "docker"

APP_DOCKERFILE = """\
FROM {base}
LABEL dcli.legacy.test="{label}"
RUN mkdir -p /www && echo hello-legacy > /www/index.html
EXPOSE 8080
CMD ["sh", "-c", "echo ready api=$API_PORT module=$GAE_MODULE; \
echo started > /var/log/app_engine/started; exec httpd -f -v -p 8080 -h /www"]
"""


def _backends() -> list[object]:
    params: list[object] = [
        pytest.param(path, id=f"client={path}", marks=pytest.mark.engine) for path in CLIENTS
    ]
    if FAKE.exists():
        params.append(pytest.param("fake", id="fake"))
    return params


class Backend:
    """Where a scenario runs, and what it created there.

    Attributes:
        name: ``fake`` or the docker client's path.
        docker: A new-API client on the same engine, for checks and teardown.
        base: A tag of an image FROM scratch with busybox installed.
        ns: A name unique to this test: every container name and image tag contains it.
        prefix: A container-name prefix for this test's cleanable containers.
    """

    def __init__(self, name: str, docker: Docker, base: str, root: Path) -> None:
        self.name = name
        self.docker = docker
        self.base = base
        self.root = root
        self.ns = f"dcli-legacy-{secrets.token_hex(4)}"
        self.prefix = f"google.appengine.{self.ns}"

    @property
    def is_fake(self) -> bool:
        """True when the fake docker plays the engine."""
        return self.name == "fake"

    def tag(self, name: str) -> str:
        """An image tag in this test's namespace."""
        return f"{self.ns}/{name}:v1"

    def context(self, name: str, dockerfile: str = APP_DOCKERFILE) -> str:
        """A Dockerfile directory FROM the busybox base; each one builds a distinct image."""
        ctx = self.root / f"ctx-{name}"
        ctx.mkdir(parents=True, exist_ok=True)
        (ctx / "Dockerfile").write_text(
            dockerfile.format(base=self.base, label=f"{self.ns}-{name}")
        )
        return str(ctx)

    def page(self, container_name: str) -> str:
        """The body the app image serves on 8080 (the fake answers with its own line)."""
        return f"fake-docker {container_name}\n" if self.is_fake else "hello-legacy\n"

    def status(self, ref: str) -> str:
        """The container's status on the engine (``running``, ``exited``, ...)."""
        return self.docker.container(ref).status

    def exists(self, ref: str, *, image: bool = False) -> bool:
        """True when a container (or an image) of that name, tag or ID exists."""
        try:
            if image:
                self.docker.inspect_image(ref)
            else:
                self.docker.container(ref)
        except DockerError:
            return False
        return True

    def remove_all(self) -> None:
        """Force-remove every container and image whose name or tag holds :attr:`ns`."""
        found = self.docker.containers(all=True, filters={"name": self.ns})
        if found:
            self.docker.call(RmOptions(refs=[c.id for c in found], force=True, volumes=True))
        images = {i.id for i in self.docker.images(filters={"reference": f"{self.ns}/*"})}
        for image_id in images:
            self.docker.command("rmi", "--force", image_id, ok_codes=(0, 1))


# For a test that only one side can stage: it runs there and is not even collected on the
# other (CI requires engine tests to run, never skip).
ON_FAKE_ONLY = pytest.mark.parametrize("backend", [pytest.param("fake", id="fake")], indirect=True)
ON_ENGINE_ONLY = pytest.mark.parametrize(
    "backend",
    [pytest.param(path, id=f"client={path}", marks=pytest.mark.engine) for path in CLIENTS],
    indirect=True,
)


@pytest.fixture(params=_backends())
def backend(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Backend]:
    """The engine through each docker client, then the fake; leaves nothing behind."""
    name = str(request.param)
    if name == "fake":
        monkeypatch.setenv("DOCKERCLI_BINARY", str(FAKE))
        monkeypatch.setenv("FAKE_DOCKER_STATE", str(tmp_path / "fake-state"))
        monkeypatch.setenv("DOCKER_HOST", "unix:///var/run/docker.sock")
        docker = Docker(binary=str(FAKE), timeout=60)
        base = _fake_base(docker, tmp_path)
    else:
        host = str(request.getfixturevalue("engine_host"))
        base = str(request.getfixturevalue("busybox_image"))
        monkeypatch.setenv("DOCKERCLI_BINARY", name)
        monkeypatch.setenv("DOCKER_HOST", host)
        docker = Docker(binary=name, host=host, timeout=120)
    monkeypatch.delenv("DOCKER_TLS_VERIFY", raising=False)
    monkeypatch.delenv("DOCKER_CERT_PATH", raising=False)
    instance = Backend(name, docker, base, tmp_path)
    try:
        yield instance
    finally:
        instance.remove_all()


def _fake_base(docker: Docker, tmp_path: Path) -> str:
    busybox = shutil.which("busybox")
    assert busybox is not None, "busybox is needed for the base image"
    ctx = tmp_path / "fake-base"
    ctx.mkdir()
    shutil.copy(busybox, ctx / "busybox")
    (ctx / "Dockerfile").write_text(
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
    )
    docker.build(BuildOptions(context=str(ctx), tags=[BUSYBOX_IMAGE]))
    return BUSYBOX_IMAGE


@pytest.fixture
def client(backend: Backend) -> containers._Client:
    """What old scripts got from ``containers.NewDockerClient(version='1.9', timeout=60)``."""
    return containers.NewDockerClient(version="1.9", timeout=60)


@pytest.fixture(autouse=True)
def _no_pending_cleanup() -> Iterator[None]:
    """No delayed cleanup outlives its test (the slot is one per process)."""
    _cancel_pending()
    yield
    _cancel_pending()


def _cancel_pending() -> None:
    with containers._cleanup_scheduled_lock:
        timer, containers._cleanup_scheduled = containers._cleanup_scheduled, None
    if timer is not None:
        timer.cancel()


@pytest.fixture
def legacy_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """caplog recording dockercli's records (the facade's and the runner's) from DEBUG up."""
    caplog.set_level(logging.DEBUG, logger="dockercli")
    return caplog


def messages(caplog: pytest.LogCaptureFixture, level: int | None = None) -> list[str]:
    """The facade's log messages (optionally of one level), in order."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "dockercli.legacy" and (level is None or r.levelno == level)
    ]


def id_of(thing: containers.Container | containers.BaseImage) -> str | None:
    """The ``id`` property read through a call, so a type checker re-reads it after a change."""
    return thing.id


def wait_for(what: str, check: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll ``check`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(0.1)


def http_get(addr: str, timeout: float = 30.0) -> str:
    """GET http://addr/ (only ever a 127.0.0.1-published port), retrying until it answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://{addr}/", timeout=5) as reply:
                return str(reply.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
