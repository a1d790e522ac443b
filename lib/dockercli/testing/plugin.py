"""pytest plugin (entry point ``pytest11``): fixtures ``fake_docker``, ``fake_docker_engine``
and ``docker_engine``.

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
from collections.abc import Iterator

import pytest

from dockercli.docker import Docker
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


@pytest.fixture(scope="session")
def docker_engine() -> Docker:
    """A Docker client on a real engine (DOCKER_HOST or the local socket), with a reaper,
    else skip."""
    for host in (os.environ.get("DOCKER_HOST"), "unix:///var/run/docker.sock"):
        if host and engine.answers(host):
            return Docker(host=host, reaper=True)
    pytest.skip("no Docker engine answers (set DOCKER_HOST)")
