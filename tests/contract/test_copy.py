"""Copying files, on the fake and the engine alike: bytes into a created container that
its command then reads, a host directory in and back out, and the failures a user meets
(a missing path on either side, a directory asked for as bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockercli import InvalidOptionError, NotFoundError, RunOptions
from tests.contract.conftest import Backend

CONFIG = b"[app]\nport = 8080\n"


def test_bytes_copied_into_a_created_container_are_read_by_its_command(
    backend: Backend, busybox_ref: str
) -> None:
    """copy_to(bytes) before the first start puts the file where the command reads it;
    copy_from gives the same bytes back after the container ran."""
    box = backend.docker.create(RunOptions(image=busybox_ref, command=["cat", "/etc/app.ini"]))
    box.copy_to(CONFIG, "/etc/app.ini", mode=0o600)
    with box:  # starts it
        assert box.wait() == 0
        assert box.logs() == CONFIG.decode()
        assert box.copy_from("/etc/app.ini") == CONFIG


def test_a_host_directory_copied_in_comes_back_out_the_same(
    backend: Backend, busybox_ref: str, tmp_path: Path
) -> None:
    """A host directory copied into a running container is there by its name (cat reads
    a file in it) and copies back out to a new host path with the same files."""
    conf = tmp_path / "conf"
    (conf / "sub").mkdir(parents=True)
    (conf / "a.txt").write_bytes(b"alpha\n")
    (conf / "sub" / "b.txt").write_bytes(b"beta\n")
    sleeper = RunOptions(image=busybox_ref, command=["sleep", "300"])
    with backend.docker.run(sleeper) as box:
        box.copy_to(conf, "/etc")
        assert box.exec(["cat", "/etc/conf/sub/b.txt"]).stdout == "beta\n"
        box.copy_from("/etc/conf", tmp_path / "back")
    assert (tmp_path / "back" / "a.txt").read_bytes() == b"alpha\n"
    assert (tmp_path / "back" / "sub" / "b.txt").read_bytes() == b"beta\n"


def test_copy_failures_say_what_is_missing(
    backend: Backend, busybox_ref: str, tmp_path: Path
) -> None:
    """A missing file in the container, a missing directory for bytes and a missing host
    path are NotFoundErrors; a directory asked for as bytes is an InvalidOptionError."""
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "a.txt").write_bytes(b"alpha\n")
    sleeper = RunOptions(image=busybox_ref, command=["sleep", "300"])
    with backend.docker.run(sleeper) as box:
        box.copy_to(conf, "/etc")
        with pytest.raises(NotFoundError):
            box.copy_from("/etc/conf/missing.txt")
        with pytest.raises(NotFoundError):
            box.copy_to(CONFIG, "/dcli-nosuch-dir/app.ini")
        with pytest.raises(NotFoundError, match="on this host"):
            box.copy_to(tmp_path / "not-there", "/etc")
        with pytest.raises(InvalidOptionError, match="give dest"):
            box.copy_from("/etc/conf")
