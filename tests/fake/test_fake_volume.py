"""Volumes on the fake beyond the recordings: what a run makes, what removing a container
takes with it, what keeps a volume, and what the fake refuses to pretend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, Fake

BASE = "dcli-rec-base:latest"


def _volumes(fake: Fake) -> list[str]:
    return fake.ok("volume", "ls", "-q").split()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_rm_v_takes_the_anonymous_volume_and_leaves_the_named_one(fake: Fake, dialect: str) -> None:
    """``rm -v`` of a container removes its anonymous volume (``-v /path``) but not the
    named one it mounted, which a run of a missing name made."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("create", "--name", "box", "-v", "kept:/data", "-v", "/scratch", BASE, "true")
    anonymous = [v for v in _volumes(fake) if v != "kept"]
    assert [len(v) for v in anonymous] == [64]
    fake.ok("rm", "-v", "box")
    assert _volumes(fake) == ["kept"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_rm_without_v_keeps_the_anonymous_volume(fake: Fake, dialect: str) -> None:
    """A plain ``rm`` leaves the container's anonymous volume behind, as docker does."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("create", "--name", "box", "-v", "/scratch", BASE, "true")
    fake.ok("rm", "box")
    assert len(_volumes(fake)) == 1


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_created_container_keeps_its_volume_and_dangling_says_so(
    fake: Fake, dialect: str
) -> None:
    """A container that was only created still keeps its volume from ``volume rm``, and
    ``--filter dangling=`` tells used from unused volumes."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("volume", "create", "used")
    fake.ok("volume", "create", "idle")
    fake.ok("create", "--name", "holder", "-v", "used:/data", BASE, "true")
    done = fake.run("volume", "rm", "used")
    assert (done.returncode, b"used" in done.stderr) == (1 if dialect != "podman" else 2, True)
    assert fake.ok("volume", "ls", "-q", "--filter", "dangling=true").split() == ["idle"]
    assert fake.ok("volume", "ls", "-q", "--filter", "dangling=false").split() == ["used"]
    fake.ok("rm", "holder")
    fake.ok("volume", "rm", "used")


def test_podman_rm_force_of_a_volume_in_use_is_refused(fake: Fake) -> None:
    """podman's ``volume rm --force`` would remove the containers using the volume: the
    fake refuses it (exit 125) and removes nothing."""
    fake = fake.with_dialect("podman")
    fake.base_image()
    fake.ok("volume", "create", "busy")
    fake.ok("run", "-d", "--name", "user", "-v", "busy:/data", BASE, "sleep", "300")
    done = fake.run("volume", "rm", "--force", "busy")
    assert (done.returncode, b"not modelled" in done.stderr) == (125, True)
    assert _volumes(fake) == ["busy"]
    assert fake.ok("ps", "-q", "--filter", "name=user").strip()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_write_into_a_volume_is_refused_not_pretended(fake: Fake, dialect: str) -> None:
    """The fake keeps no files: a container that writes into a volume fails with exit 125
    and a sentence saying so, never a success with nothing written."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    done = fake.run("run", "-v", "data:/data", BASE, "sh", "-c", "echo kept > /data/note")
    assert done.returncode == 125
    assert b"fake" in done.stderr


# docker 28.2.2 against the 20.10 engine, by hand (2026-12-07): HostConfig.Mounts of
# `create --mount type=bind,source=SRC,target=/b,readonly --mount type=volume,source=mv,
# target=/v --mount type=volume,target=/anon --mount type=tmpfs,target=/t,tmpfs-size=1m,
# tmpfs-mode=1770`
HOST_MOUNTS: list[dict[str, Any]] = [
    {"Type": "bind", "Source": "SRC", "Target": "/b", "ReadOnly": True},
    {"Type": "volume", "Source": "mv", "Target": "/v"},
    {"Type": "volume", "Target": "/anon"},
    {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1048576, "Mode": 1016}},
]


def test_mount_flags_are_kept_and_listed_as_the_engine_does(fake: Fake, tmp_path: Path) -> None:
    """--mount of a bind, a named and an anonymous volume and a tmpfs: HostConfig.Mounts
    is what docker's engine keeps, Mounts lists the four by type and destination, the
    volumes exist, and rm -v takes only the anonymous one."""
    fake.base_image()
    src = str(tmp_path)
    args = ["create", "--name", "m"]
    args += ["--mount", f"type=bind,source={src},target=/b,readonly"]
    args += ["--mount", "type=volume,source=mv,target=/v", "--mount", "type=volume,target=/anon"]
    args += ["--mount", "type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=1770", BASE, "true"]
    fake.ok(*args)
    (doc,) = json.loads(fake.ok("inspect", "m"))
    want = [dict(m, Source=src) if m.get("Source") == "SRC" else m for m in HOST_MOUNTS]
    assert doc["HostConfig"]["Mounts"] == want
    shown = [(m["Type"], m["Destination"], m["RW"]) for m in doc["Mounts"]]
    assert shown == [
        ("bind", "/b", False),
        ("volume", "/v", True),
        ("volume", "/anon", True),
        ("tmpfs", "/t", True),
    ]
    assert len(_volumes(fake)) == 2
    fake.ok("rm", "-v", "m")
    assert _volumes(fake) == ["mv"]
