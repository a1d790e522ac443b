"""Renaming a container on the fake and the engine alike: the ID and dockercli's hold on
it stay, a taken name is refused and the container keeps its own."""

from __future__ import annotations

import uuid

import pytest

from dockercli import ConflictError, InvalidOptionError, NoSuchContainerError, RunOptions
from tests.contract.conftest import Backend


def _name(what: str) -> str:
    return f"dcli-contract-ren-{what}-{uuid.uuid4().hex[:8]}"


def test_a_renamed_container_is_found_by_its_new_name_and_still_removed(
    backend: Backend, busybox_ref: str
) -> None:
    """After rename() the container answers to the new name only, with the same ID, and
    its with block still removes it."""
    docker = backend.docker
    old, new = _name("old"), _name("new")
    with docker.run(RunOptions(image=busybox_ref, name=old, command=["sleep", "300"])) as box:
        box.rename(new)
        assert box.name == new
        assert box.inspect().name == new
        assert docker.container(new).id == box.id
        with pytest.raises(NoSuchContainerError):
            docker.container(old)
    assert docker.containers(all=True, filters={"name": new}) == []


def test_a_taken_name_is_refused_and_both_keep_theirs(backend: Backend, busybox_ref: str) -> None:
    """Renaming to another container's name is a ConflictError; neither container's name
    changes. A name docker would refuse never reaches it."""
    docker = backend.docker
    first, second = _name("a"), _name("b")
    sleep = ["sleep", "300"]
    with (
        docker.run(RunOptions(image=busybox_ref, name=first, command=sleep)) as a,
        docker.run(RunOptions(image=busybox_ref, name=second, command=sleep)) as b,
    ):
        with pytest.raises(ConflictError):
            a.rename(second)
        assert (a.inspect().name, b.inspect().name) == (first, second)
        with pytest.raises(InvalidOptionError):
            a.rename("bad name")
