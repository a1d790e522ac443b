"""Contract fixtures: every scenario runs on the fake always and on the real engine when present.

As fakeredis does, the ``backend`` fixture is parametrised over ``fake`` and ``engine``
(markers of the same names); the scenario code is the same for both, and the fake's
state and port helpers are torn down after each test.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs
import pytest

from dockercli import BuildOptions, Docker, ownership
from dockercli.models import ImageInfo
from dockercli.testing.fake import FakeDocker
from tests.conftest import _remove_untagged

RAN: dict[str, int] = {"fake": 0, "engine": 0}


@attrs.frozen
class Backend:
    """A Docker client and a build context that both the fake and the engine can build."""

    kind: str
    docker: Docker
    context: Path


def busybox_context(context: Path, dockerfile: str) -> Path:
    """A build context at ``context``: static busybox (when installed) and this Dockerfile."""
    busybox = shutil.which("busybox")
    context.mkdir()
    if busybox:
        shutil.copy(busybox, context / "busybox")
    else:  # the fake never executes it; the engine fixture needs the real one
        (context / "busybox").write_bytes(b"")
    (context / "Dockerfile").write_text(dockerfile)
    return context


def remove_by_hand(
    docker: Docker, containers: Sequence[str], tags: Iterable[str], images: Sequence[str]
) -> None:
    """Remove what a scenario made by hand or built: containers, tags, then images.

    An image goes once nothing depends on it: children before parents, and first the
    untagged step images built on it (dockercli leaves those as build cache, and the
    user's later build of the same Dockerfile may have answered with one of them).
    """
    if containers:
        docker.command("rm", "-f", *containers, ok_codes=range(256))
    for tag in tags:
        docker.command("rmi", "--no-prune", tag, ok_codes=range(256))
    pending = list(reversed(images))
    for _ in range(len(pending)):
        present = docker.inspect_images(pending, missing_ok=True)
        if not present:
            return
        _remove_untagged(docker, functools.partial(_built_on_any, present))
        for info in present:
            docker.command("rmi", "-f", info.id, ok_codes=range(256))
        pending = [i.id for i in present]


def _built_on_any(bases: Sequence[ImageInfo], image: ImageInfo) -> bool:
    return any(ownership.descends(image, base) for base in bases)


def _context(root: Path) -> Path:
    return busybox_context(
        root / "ctx",
        "FROM scratch\n"
        "COPY busybox /bin/busybox\n"
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
        "RUN mkdir -p /www && echo contract > /www/index.html\n"
        "LABEL contract.test=1\n"
        "EXPOSE 8080\n"
        'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n',
    )


@pytest.fixture(params=["fake", pytest.param("engine", marks=pytest.mark.engine)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """The same scenario against the fake binary and against the real engine."""
    kind = str(request.param)
    if kind == "fake":
        fake = FakeDocker(tmp_path / "fake")
        client = fake.client(timeout=60)
        try:
            yield Backend(kind, client, _context(tmp_path))
        finally:
            client.remove_tracked()
            fake.close()
    else:
        host = request.getfixturevalue("engine_host")
        client = Docker(host=host, timeout=120)
        try:
            yield Backend(kind, client, _context(tmp_path))
        finally:
            client.remove_tracked()
    RAN[kind] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many contract scenarios ran on each side, and the ownership machine's figure."""
    if any(RAN.values()):
        terminalreporter.write_line(
            f"contract scenarios: {RAN['fake']} on the fake, {RAN['engine']} on the engine"
        )
    from tests.contract.test_ownership_property import TOTALS

    if TOTALS["operations"]:
        terminalreporter.write_line(
            "ownership: {operations} operations, {user objects} objects made by hand, "
            "{lost} lost".format(**TOTALS)
        )


@pytest.fixture
def busybox_ref(backend: Backend, request: pytest.FixtureRequest) -> Iterator[str]:
    """A busybox image: the session's image on the engine, a fresh build on the fake."""
    if backend.kind == "engine":
        yield str(request.getfixturevalue("busybox_image"))
        return
    tag = "dcli-contract/busybox:1"
    base = backend.context.parent / "base"
    base.mkdir()
    shutil.copy(backend.context / "busybox", base / "busybox")
    (base / "Dockerfile").write_text(  # like the engine's session image: no CMD
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
    )
    backend.docker.build(BuildOptions(context=str(base), tags=[tag]))
    yield tag
