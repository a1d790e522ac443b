"""Shared fixtures: a real engine when one can be had, and the clients to drive it with.

The engine is ``DOCKER_HOST`` when it answers, else one this session starts (as root,
with dockerd installed), else the engine tests skip with the reason - unless
``DOCKERCLI_REQUIRE_ENGINE=1``, where a missing engine fails the run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from dockercli import BuildOptions, Docker, ownership
from dockercli._session import SESSION_ID, SESSION_LABEL
from dockercli.models import ImageInfo
from dockercli.testing import engine as engine_mod

REQUIRE = os.environ.get("DOCKERCLI_REQUIRE_ENGINE") == "1"
CLIENTS = tuple(
    path
    for path in os.environ.get(
        "DOCKERCLI_TEST_CLIENTS", "/usr/local/bin/docker:/usr/bin/docker"
    ).split(":")
    if path and os.access(path, os.X_OK)
)
TEST_LABEL = "dockercli.test"
# Tagged per session: concurrent test sessions on one engine must not remove each other's.
BUSYBOX_IMAGE = f"dcli-test/busybox:{SESSION_ID}"
# podman's defaults raise rlimits, which a rootful podman in an unprivileged sandbox may not
# do (`error setting rlimit type 7: operation not permitted`); the tests run it without.
# Its networks are kept in the test's own directory too, never in /etc/containers/networks.
PODMAN_CONF = '[containers]\ndefault_ulimits = []\n[network]\nnetwork_config_dir = "{networks}"\n'


def podman_env(directory: Path) -> dict[str, str]:
    """podman's environment in the tests: a private containers.conf written in ``directory``
    (and its network definitions there).

    ``CONTAINERS_CONF`` makes podman read that file alone, so no system file is needed or
    written; ``CONTAINERS_CONF_OVERRIDE`` (layered over the system files) is newer than 4.3.
    """
    conf = directory / "containers.conf"
    (directory / "networks").mkdir(exist_ok=True)
    conf.write_text(PODMAN_CONF.format(networks=directory / "networks"))
    return {"CONTAINERS_CONF": str(conf)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the real engine; skip the long runs unless ``-m slow``."""
    slow_selected = "slow" in (config.getoption("markexpr") or "")
    for item in items:
        if "/engine/" in str(item.path) or "engine_host" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engine)
        if item.get_closest_marker("slow") and not slow_selected:
            item.add_marker(pytest.mark.skip(reason="long run: select it with -m slow"))


def _no_engine(reason: str) -> NoReturn:
    if REQUIRE:
        pytest.fail(f"DOCKERCLI_REQUIRE_ENGINE=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def engine_host() -> Iterator[str]:
    """A DOCKER_HOST URL that answers: the caller's, or a private dockerd for this session."""
    if os.environ.get("DOCKERCLI_TEST_NO_ENGINE") == "1":
        # The compat runs (.ci/compat) run beside the main suite: one that reached for the
        # engine would start a second dockerd on the same bridge.
        pytest.fail("DOCKERCLI_TEST_NO_ENGINE=1, but this test needs the engine: mark it engine")
    if not CLIENTS:
        _no_engine(
            "no docker client found (looked for "
            + os.environ.get("DOCKERCLI_TEST_CLIENTS", "/usr/local/bin/docker, /usr/bin/docker")
            + ")"
        )
    for host in (os.environ.get("DOCKER_HOST"), "unix:///var/run/docker.sock"):
        if host and engine_mod.answers(host, CLIENTS[0]):
            yield host
            return
    if not engine_mod.can_start():
        _no_engine(
            "no engine answers at DOCKER_HOST and this user cannot start dockerd "
            "(needs root and docker.io)"
        )
    root = Path(
        os.environ.get("DOCKERCLI_TEST_ENGINE_ROOT")
        or tempfile.mkdtemp(prefix="dcli-t-", dir="/tmp")
    )
    engine = engine_mod.start(root, binary=CLIENTS[0])
    try:
        yield engine.host
        _assert_engine_empty(Docker(binary=CLIENTS[0], host=engine.host))
    finally:
        engine_mod.remove(engine)


def _assert_engine_empty(docker: Docker) -> None:
    """The suite's own engine holds no container and no image once every fixture is done.

    Untagged images that are no build's result (the legacy builder's step images, which
    dockercli's ``--no-prune`` removals leave as build cache by design) are swept first; an
    untagged build result, or anything tagged, is a leak, named with the tags its build gave.
    """
    _remove_untagged(docker, lambda i: not ownership.is_build_result(i))
    containers = [c.name for c in docker.containers(all=True)]
    left = docker.inspect_images([i.id for i in docker.images(all=True)], missing_ok=True)
    images = [f"{i.id[:12]} {i.tags} {i.labels.get(ownership.BUILT_LABEL, '')}" for i in left]
    assert (containers, images) == ([], []), "the test suite left these behind on its engine"


@pytest.fixture(scope="session")
def busybox_image(engine_host: str) -> Iterator[str]:
    """A tiny image FROM scratch with static busybox installed (no registry needed)."""
    busybox = shutil.which("busybox")
    if busybox is None:
        _no_engine("busybox is not installed (apt-get install busybox-static)")
    docker = Docker(binary=CLIENTS[0], host=engine_host, timeout=300)
    with tempfile.TemporaryDirectory(prefix="dcli-ctx-") as ctx:
        shutil.copy(busybox, Path(ctx) / "busybox")
        (Path(ctx) / "Dockerfile").write_text(
            "FROM scratch\n"
            "COPY busybox /bin/busybox\n"
            'RUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
            "LABEL dockercli.test=1\n"
        )

        docker.build(BuildOptions(context=ctx, tags=[BUSYBOX_IMAGE]))
    try:
        yield BUSYBOX_IMAGE
    finally:
        try:
            leftovers = _remove_leftovers(docker)
        finally:  # the base goes even when a leftover would not: one leak, not three
            _remove_build_cache_on(docker, BUSYBOX_IMAGE)
            docker.remove_image(BUSYBOX_IMAGE)  # by tag: another session may share the ID
    assert leftovers == [], "tests left these containers of this session behind"


def _remove_build_cache_on(docker: Docker, base: str) -> None:
    """Remove the untagged images built on ``base``: step images of builds that failed.

    A legacy build that fails or is interrupted keeps its finished steps as untagged
    images (docker's cache for a retry; they inherit ``base``'s labels). Left in place
    they hold ``base`` on the engine once its tag is gone.
    """
    info = docker.inspect_image(base)
    _remove_untagged(docker, lambda i: ownership.descends(i, info))


def _remove_untagged(docker: Docker, chosen: Callable[[ImageInfo], bool]) -> None:
    """``rmi --no-prune`` the untagged images ``chosen`` picks, leaves first, until none go."""
    tried: set[str] = set()
    while True:  # a step image's parent may be one too: it goes in a later round
        untagged = [i.id for i in docker.images(all=True) if not i.repository]
        picked = {i.id for i in docker.inspect_images(untagged, missing_ok=True) if chosen(i)}
        if not picked or picked == tried:  # nothing left, or nothing more would go
            return
        tried = picked
        docker.command("rmi", "--no-prune", *sorted(picked), ok_codes=range(256))


def _remove_leftovers(docker: Docker) -> list[str]:
    """Remove this session's containers that are still there; each one's name and state.

    A removal the engine refuses (a container it is still removing, a busy root
    filesystem) is named with the engine's words instead of raising, so the images
    after it are still removed and the report says which container, and why.
    """
    leftovers = docker.containers(all=True, filters={"label": f"{SESSION_LABEL}={SESSION_ID}"})
    if not leftovers:
        return []
    removal = docker.command("rm", "-f", "-v", *[c.id for c in leftovers], ok_codes=range(256))
    refused = f" (rm -f: {removal.stderr.strip()})" if removal.returncode else ""
    return [f"{c.name} ({c.status}){refused}" for c in leftovers]


@pytest.fixture(params=CLIENTS or ["docker"], ids=lambda p: f"client={p}")
def client_path(request: pytest.FixtureRequest) -> str:
    """Each installed docker client in turn (docker 28 and docker 20.10 here)."""
    return str(request.param)


@pytest.fixture
def docker(engine_host: str, client_path: str) -> Iterator[Docker]:
    """A Docker client on the test engine; containers it leaves are force-removed after."""
    client = Docker(binary=client_path, host=engine_host, timeout=120)
    yield client
    client.remove_tracked()


WEB_IMAGE = f"dcli-test/web:{SESSION_ID}"
WEB_DOCKERFILE = """\
FROM {base}
RUN mkdir -p /www && echo 'hello from the engine' > /www/index.html
EXPOSE 8080
CMD ["sh", "-c", "echo ready; echo warming >&2; exec httpd -f -v -p 8080 -h /www"]
"""


@pytest.fixture(scope="session")
def web_image(engine_host: str, busybox_image: str) -> Iterator[str]:
    """An image whose container prints 'ready' and serves HTTP on 8080."""
    docker = Docker(binary=CLIENTS[0], host=engine_host, timeout=300)
    with tempfile.TemporaryDirectory(prefix="dcli-web-") as ctx:
        (Path(ctx) / "Dockerfile").write_text(WEB_DOCKERFILE.format(base=busybox_image))
        docker.build(BuildOptions(context=ctx, tags=[WEB_IMAGE]))
    try:
        yield WEB_IMAGE
    finally:
        docker.remove_image(WEB_IMAGE)  # by tag: another session may share the ID
