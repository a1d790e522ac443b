"""Volumes on the fake and the engine alike: created and owned by dockercli, mounted by
containers, and never taken or removed when they are the user's: a taken name, a volume a
hand-made container uses, and one made by hand beside dockercli's in a cleanup."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from dockercli import (
    BindMount,
    ConflictError,
    NoSuchVolumeError,
    NotFoundError,
    RunOptions,
    TmpfsMount,
    VolumeMount,
    VolumeOptions,
)
from dockercli._session import SESSION_ID, SESSION_LABEL
from dockercli.specs import TypedMount
from tests.contract.conftest import Backend


def _name(what: str) -> str:
    return f"dcli-contract-vol-{what}-{uuid.uuid4().hex[:8]}"


def test_a_created_volume_is_mounted_listed_and_removed_by_its_block(
    backend: Backend, busybox_ref: str
) -> None:
    """A volume dockercli created carries its labels and the session's, is listed by label,
    is the mount a container lists for its path, and its with block removes it after the
    container's."""
    docker = backend.docker
    name = _name("owned")
    with docker.create_volume(VolumeOptions(name=name, labels={"tier": "db"})) as vol:
        info = vol.inspect()
        assert (info.name, info.driver, info.labels["tier"]) == (name, "local", "db")
        assert info.labels[SESSION_LABEL] == SESSION_ID
        assert [v.name for v in docker.volumes(filters={"label": "tier=db"})] == [name]
        run = RunOptions(image=busybox_ref, command=["sleep", "300"], volumes=[f"{name}:/data"])
        with docker.run(run) as box:
            (mount,) = box.inspect().mounts
            assert (mount.type, mount.name, mount.destination, mount.read_only) == (
                "volume",
                name,
                "/data",
                False,
            )
    with pytest.raises(NoSuchVolumeError):
        docker.volume(name)


def test_a_volume_created_without_a_name_gets_one_and_goes(backend: Backend) -> None:
    """create_volume() with no name gives the engine's 64-hex-digit name; remove() removes
    it, and a second remove() is a NoSuchVolumeError."""
    vol = backend.docker.create_volume()
    assert re.fullmatch("[0-9a-f]{64}", vol.name)
    vol.remove()
    with pytest.raises(NoSuchVolumeError):
        vol.remove()


def test_a_taken_name_is_a_conflict_and_the_volume_stays_the_users(backend: Backend) -> None:
    """create_volume() of a name the user's volume has is a ConflictError (docker would
    hand back that volume as if new); the session's exit removal leaves it, labels intact."""
    docker = backend.docker
    name = _name("taken")
    docker.command("volume", "create", "--label", "owner=user", name)
    try:
        with pytest.raises(ConflictError, match="in use"):
            docker.create_volume(VolumeOptions(name=name))
        docker.remove_tracked()
        assert docker.volume(name).inspect().labels == {"owner": "user"}
    finally:
        docker.command("volume", "rm", name, ok_codes=range(256))


def test_a_volume_a_hand_made_container_uses_is_left_in_place(
    backend: Backend, busybox_ref: str
) -> None:
    """remove() of dockercli's volume that a container made by hand uses (stopped, even)
    is a ConflictError; the with block and cleanup leave it, cleanup saying why."""
    docker = backend.docker
    name = _name("held")
    hand = f"{name}-hand"
    try:
        with docker.create_volume(VolumeOptions(name=name)) as vol:
            docker.command("create", "--name", hand, "-v", f"{name}:/data", busybox_ref, "true")
            with pytest.raises(ConflictError):
                vol.remove()
        assert docker.volume(name).name == name
        report = docker.cleanup(prefix=name, images=False, running=True)
        assert (report.volumes, [n for n, _ in report.volumes_left]) == ((), [name])
    finally:
        docker.command("rm", "-f", hand, ok_codes=range(256))
        docker.command("volume", "rm", name, ok_codes=range(256))


def test_cleanup_removes_dockercli_volumes_and_not_one_made_by_hand(backend: Backend) -> None:
    """cleanup(prefix=...) removes the unused volumes dockercli created with that prefix
    and leaves the user's volume of the same prefix."""
    docker = backend.docker
    prefix = _name("sweep")
    ours = [docker.create_volume(VolumeOptions(name=f"{prefix}-{n}")).name for n in "ab"]
    theirs = f"{prefix}-hand"
    docker.command("volume", "create", theirs)
    try:
        report = docker.cleanup(prefix=prefix, images=False, running=True)
        assert sorted(report.volumes) == ours
        left = [v.name for v in docker.volumes(filters={"name": prefix})]
        assert left == [theirs]
    finally:
        docker.command("volume", "rm", theirs, *ours, ok_codes=range(256))


def test_typed_mounts_are_the_containers_mounts(
    backend: Backend, busybox_ref: str, tmp_path: Path
) -> None:
    """A read-only bind, dockercli's volume and a tmpfs given as typed --mounts are the
    container's mounts, by type, name and mode; a bind of a missing host path is a
    NotFoundError (docker does not create it, unlike -v)."""
    docker = backend.docker
    with docker.create_volume(VolumeOptions(name=_name("mounted"))) as vol:
        mounts: list[TypedMount] = [
            BindMount(source=str(tmp_path), target="/conf", read_only=True),
            VolumeMount(source=vol.name, target="/data"),
            TmpfsMount(target="/scratch", size="1m"),
        ]
        run = RunOptions(image=busybox_ref, command=["sleep", "300"], mounts=mounts)
        with docker.run(run) as box:
            got = sorted((m.destination, m.type, m.name, m.read_only) for m in box.inspect().mounts)
        assert got == [
            ("/conf", "bind", None, True),
            ("/data", "volume", vol.name, False),
            ("/scratch", "tmpfs", None, False),
        ]
        missing = BindMount(source=str(tmp_path / "not-there"), target="/conf")
        with pytest.raises(NotFoundError):
            docker.run(RunOptions(image=busybox_ref, command=["true"], mounts=[missing]))
