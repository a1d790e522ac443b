"""pytest plugin (entry point ``pytest11``): fixtures ``fake_docker``, ``fake_docker_engine``,
``docker_engine``, ``docker_network`` and ``fake_docker_network``, and a report at the end of
a session that used the engine of anything it left there.

``fake_docker`` is a :class:`~dockercli.Docker` bound to the fake binary with a fresh
state dir and call log; ``docker`` on PATH is the fake too (for code that runs it
itself), and everything is torn down after the test. ``fake_docker_engine`` gives the
:class:`~dockercli.testing.fake.FakeDocker` behind it (call log, dialect, faults). A
``FAKE_DOCKER_FAULTS`` rule the test set (``monkeypatch.setenv``, a client's ``env``) that
never fired fails the test at teardown, naming the rule; ``optional=1`` exempts a rule.
``docker_engine`` is a Docker on a real engine when one answers, else the test skips.
Both clients have a reaper (:mod:`dockercli.reaper`): a test process killed with SIGKILL
or SIGTERM leaves nothing they made behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from dockercli._session import SESSION_ID, SESSION_LABEL, tracker
from dockercli.docker import Docker
from dockercli.errors import DockerError
from dockercli.network import Network
from dockercli.options import NetworkOptions
from dockercli.testing import engine
from dockercli.testing.fake import FakeDocker

# Variables that would point the CLI, or dockercli's idea of the endpoint and of where
# published ports are reached, somewhere other than the fake.
ENDPOINT_VARS = (
    "DOCKER_HOST",
    "DOCKER_CONTEXT",
    "DOCKER_TLS_VERIFY",
    "DOCKER_CERT_PATH",
    "DOCKERCLI_HOST",
    "DOCKERCLI_BINARY",
    "CONTAINER_HOST",
)


@pytest.fixture
def fake_docker_engine(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeDocker]:
    """A fresh fake engine, its ``docker`` first on PATH and its variables set.

    The caller's endpoint variables are unset and ``DOCKER_CONFIG`` is an empty directory
    (no current context): the fake's ports listen on 127.0.0.1, whatever engine the
    developer's shell points at.
    """
    root = tmp_path_factory.mktemp("fake-docker")
    fake = FakeDocker(root)
    for name in ENDPOINT_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(root / "docker-config"))
    monkeypatch.setenv("PATH", f"{fake.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    for name, value in fake.env().items():
        monkeypatch.setenv(name, value)
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def fake_docker(fake_docker_engine: FakeDocker) -> Iterator[Docker]:
    """A Docker client bound to the fake binary, with a reaper; what it made is removed
    after the test (and by the reaper if the test process is killed)."""
    client = fake_docker_engine.client(reaper=True)
    try:
        yield client
    finally:
        client.remove_tracked()
        client.stop_reaper()


# The engine clients the fixtures made in this process: the end-of-session report reads
# what this session left on their engines.
_ENGINE_CLIENTS: list[Docker] = []


def _worker() -> str:
    """This pytest-xdist worker's name (``gw0``...), or ``main`` without workers."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def docker_engine() -> Iterator[Docker]:
    """A Docker client on a real engine (DOCKER_HOST or the local socket), with a reaper,
    else skip. Each pytest-xdist worker is a process of its own, so it has its own
    client, session labels and reaper; the engine is shared as it is."""
    for host in (os.environ.get("DOCKER_HOST"), "unix:///var/run/docker.sock"):
        if host and engine.answers(host):
            client = Docker(host=host, reaper=True)
            _ENGINE_CLIENTS.append(client)
            try:
                yield client
            finally:
                client.remove_tracked()
                client.stop_reaper()
            return
    pytest.skip("no Docker engine answers (set DOCKER_HOST)")


@pytest.fixture
def docker_network(docker_engine: Docker) -> Iterator[Network]:
    """A user network on the engine for one test (its name unique to the test and the
    xdist worker), removed after it with what dockercli attached."""
    name = f"dcli-{_worker()}-{uuid.uuid4().hex[:12]}"
    with docker_engine.create_network(NetworkOptions(name=name)) as network:
        yield network


@pytest.fixture
def fake_docker_network(fake_docker: Docker) -> Iterator[Network]:
    """The same on the fake (``fake_docker``'s engine)."""
    with fake_docker.create_network(NetworkOptions(name="dcli-net")) as network:
        yield network


def leftovers(docker: Docker) -> list[str]:
    """``kind name`` of each container, network and volume on ``docker``'s engine that
    this process made (its ``dockercli.session`` label) and that is still there."""
    label = {"label": f"{SESSION_LABEL}={SESSION_ID}"}
    found = [f"container {c.name}" for c in docker.containers(all=True, filters=label)]
    found += [f"network {n.name}" for n in docker.networks(filters=label)]
    found += [f"volume {v.name}" for v in docker.volumes(filters=label)]
    return found


def _left_by_this_process() -> list[str]:
    # What the exit hook would remove goes now, so the report says what stays after it.
    tracker.remove_all()
    left: list[str] = []
    for client in _ENGINE_CLIENTS:
        try:
            left += leftovers(client)
        except DockerError as error:
            left.append(f"(engine {client.options.host}: not listed: {error.message})")
    return left


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker, hand what it left to the controller's report."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None and _ENGINE_CLIENTS:
        output["dockercli_left"] = [f"{_worker()}: {x}" for x in _left_by_this_process()]


_FROM_WORKERS: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """(pytest-xdist, on the controller) collect a worker's leftovers."""
    _FROM_WORKERS.extend(getattr(node, "workeroutput", {}).get("dockercli_left", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name anything this test session made that is still on the engine."""
    mine = _left_by_this_process() if _ENGINE_CLIENTS else []
    left = mine + _FROM_WORKERS
    if not _ENGINE_CLIENTS and not _FROM_WORKERS:
        return
    if left:
        terminalreporter.write_line(
            f"dockercli: {len(left)} object(s) this session made are still on the engine: "
            + ", ".join(left),
            yellow=True,
        )
    else:
        terminalreporter.write_line("dockercli: nothing this session made is left on the engine")
