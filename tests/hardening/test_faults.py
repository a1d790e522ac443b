"""Faults: each of the fake's fault modes maps to the right exception, never a bare internal one."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dockercli import (
    BuildOptions,
    ConflictError,
    Container,
    DaemonUnreachableError,
    Docker,
    DockerError,
    NoSuchContainerError,
    NoSuchImageError,
    ParseError,
    RunOptions,
    UsageError,
)
from dockercli.testing.fake import DIALECTS, FakeDocker


@pytest.fixture(params=DIALECTS)
def fake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FakeDocker]:
    """A fake engine of each dialect with one image, one running and one exited container."""
    fake = FakeDocker(tmp_path / "fake", dialect=str(request.param))
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["sleep", "300"]\n')
    docker = fake.client()
    docker.build(BuildOptions(context=str(context), tags=["f:1"]))
    docker.run(RunOptions(image="f:1", name="victim"))
    docker.run(RunOptions(image="f:1", name="finished", command=["true"]))
    try:
        yield fake
    finally:
        docker.remove_tracked()
        fake.close()


def _faulty(fake: FakeDocker, **rule: Any) -> Docker:
    return Docker(
        binary=fake.binary, env={**fake.env(), "FAKE_DOCKER_FAULTS": json.dumps(rule)}, timeout=20
    )


CALLS: dict[str, tuple[str, Callable[[Docker], Any]]] = {
    "version": ("version", lambda d: d.version()),
    "image": ("image inspect", lambda d: d.image("f:1")),
    "images": ("images", lambda d: d.images()),
    "containers": ("ps", lambda d: d.containers(all=True)),
    "inspect": ("container inspect", lambda d: d.inspect_containers(["victim"])),
    "run": ("run", lambda d: d.run(RunOptions(image="f:1"))),
    "port": ("container inspect", lambda d: Container(d, "victim").host_port(8080)),
    "wait": ("wait", lambda d: Container(d, "finished").wait()),
    "info": ("info", lambda d: d.info()),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_daemon_down(fake: FakeDocker, name: str) -> None:
    """The dialect's daemon-down message raises DaemonUnreachableError from every call."""
    command, call = CALLS[name]
    with pytest.raises(DaemonUnreachableError):
        call(_faulty(fake, cmd=command, action="down"))


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("action", ["garbage", "truncate", "bad-utf8"])
def test_damaged_output_is_a_parse_error_or_a_value(
    fake: FakeDocker, name: str, action: str
) -> None:
    """Garbage, truncated or non-UTF-8 output raises ParseError (or parses), never a bare error."""
    command, call = CALLS[name]
    # ParseError, another DockerError, or NoPortMappingError: all ours, all documented.
    with contextlib.suppress(ParseError, DockerError, LookupError):
        call(_faulty(fake, cmd=command, action=action))


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [
        ("Error response from daemon: No such container: victim", NoSuchContainerError),
        (
            'Error: no container with name or ID "victim" found: no such container',
            NoSuchContainerError,
        ),
        ("Error response from daemon: No such image: f:1", NoSuchImageError),
        (
            'Error response from daemon: Conflict. The container name "/victim" is already in use',
            ConflictError,
        ),
        ("docker: invalid reference format.\nSee 'docker run --help'.", UsageError),
        (
            "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?",
            DaemonUnreachableError,
        ),
    ],
)
def test_error_texts_raise_their_class(fake: FakeDocker, stderr: str, expected: type) -> None:
    """A non-zero exit with each error text raises that error's class."""
    docker = _faulty(fake, cmd="container inspect", action="exit", code=1, stderr=stderr)
    with pytest.raises(expected):
        docker.container("victim")


def test_slow_output_still_parses(fake: FakeDocker) -> None:
    """Output that arrives slowly, line by line, parses the same."""
    docker = _faulty(fake, cmd="ps", action="slow", seconds=0.05)
    assert [c.name for c in docker.containers()] == ["victim"]
