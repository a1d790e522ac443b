"""The container tools on the fake and the engine alike: pause and unpause, top, stats,
diff, commit, export and update, and the refusals a user meets first."""

from __future__ import annotations

import tarfile
import uuid
from pathlib import Path

import pytest

from dockercli import (
    ConflictError,
    InvalidOptionError,
    NoSuchContainerError,
    NotFoundError,
    RunOptions,
)
from tests.contract.conftest import Backend

CONFIG = b"[app]\nmode = test\n"


def _name(what: str) -> str:
    return f"dcli-contract-tools-{what}-{uuid.uuid4().hex[:8]}"


def test_a_paused_container_refuses_exec_until_unpaused(backend: Backend, busybox_ref: str) -> None:
    """pause() freezes it (inspect says paused, exec is a ConflictError, a second pause
    too), unpause() lets exec run again, and a paused container still stops."""
    docker = backend.docker
    with docker.run(RunOptions(image=busybox_ref, command=["sleep", "300"])) as box:
        box.pause()
        assert box.inspect(refresh=True).status == "paused"
        with pytest.raises(ConflictError):
            box.exec(["true"])
        with pytest.raises(ConflictError):
            box.pause()
        box.unpause()
        assert box.inspect(refresh=True).status == "running"
        with pytest.raises(ConflictError):
            box.unpause()
        box.pause()
        box.stop(grace=0)
        assert box.inspect(refresh=True).status == "exited"


def test_top_and_stats_see_the_running_command(backend: Backend, busybox_ref: str) -> None:
    """top() lists the container's command with its PID; stats() names the container, with
    its one process and its memory limit; a created container has neither."""
    docker = backend.docker
    name = _name("top")
    opts = RunOptions(image=busybox_ref, name=name, command=["sleep", "300"], memory="48m")
    with docker.run(opts) as box:
        (process,) = box.top()
        assert process.command.strip() == "sleep 300"
        assert process.pid is not None
        stats = box.stats()
        assert (stats.name, stats.pids) == (name, 1)
        assert abs(stats.memory_limit - 48 * 2**20) < 2**20
    with docker.create(RunOptions(image=busybox_ref, command=["true"])) as created:
        with pytest.raises(ConflictError):
            created.top()
        assert created.stats().pids == 0


def test_a_file_copied_in_shows_in_diff_commit_and_export(
    backend: Backend, busybox_ref: str, tmp_path: Path
) -> None:
    """A file copied into a created container is an added path in diff(), is in the image
    commit() makes (whose new CMD prints it), and in the tar export() writes; the image's
    with block removes it and its tag."""
    docker = backend.docker
    with docker.create(RunOptions(image=busybox_ref, command=["true"])) as box:
        assert box.diff() == []
        box.copy_to(CONFIG, "/etc/app.conf")
        assert ("added", "/etc/app.conf") in [(c.kind, c.path) for c in box.diff()]
        tag = f"dcli-contract/committed:{uuid.uuid4().hex[:8]}"
        changes = ["ENV APP_MODE=test", 'CMD ["cat", "/etc/app.conf"]']
        with box.commit(tag, message="contract", author="dcli", changes=changes) as image:
            info = image.inspect()
            assert "APP_MODE=test" in (info.raw.get("Config") or {}).get("Env", [])
            assert docker.run(RunOptions(image=tag), input=b"").stdout == CONFIG.decode()
        assert docker.images(filters={"reference": tag}) == []
        with tarfile.open(box.export(tmp_path / "fs.tar")) as tar:
            member = tar.extractfile("etc/app.conf")
            assert member is not None
            assert member.read() == CONFIG


def test_update_changes_the_limits_inspect_shows(backend: Backend, busybox_ref: str) -> None:
    """update() of a container with a memory limit moves it, with its swap and CPUs, in
    what inspect shows (docker's clients; podman 4.3 keeps inspect's old values)."""
    docker = backend.docker
    opts = RunOptions(image=busybox_ref, command=["sleep", "300"], memory="32m")
    with docker.run(opts) as box:
        box.update(memory="64m", memory_swap="128m", cpus=0.5)
        host = box.inspect(refresh=True).raw["HostConfig"]
        assert (host["Memory"], host["MemorySwap"], host["NanoCpus"]) == (
            64 * 2**20,
            128 * 2**20,
            500_000_000,
        )


def test_the_tools_refuse_what_cannot_be(
    backend: Backend, busybox_ref: str, tmp_path: Path
) -> None:
    """A missing container is NoSuchContainerError for each tool; an export into a missing
    directory is NotFoundError before docker runs; an update with nothing to change and a
    commit with an instruction commit cannot apply never reach docker."""
    docker = backend.docker
    with docker.run(RunOptions(image=busybox_ref, command=["sleep", "300"])) as box:
        with pytest.raises(NotFoundError):
            box.export(tmp_path / "no-such-dir" / "fs.tar")
        with pytest.raises(InvalidOptionError):
            box.update()
        with pytest.raises(InvalidOptionError):
            box.commit(changes=["RUN true"])
        with pytest.raises(InvalidOptionError):
            box.commit("Bad:Tag")
        box.remove(force=True)
        for tool in (box.pause, box.top, box.stats, box.diff):
            with pytest.raises(NoSuchContainerError):
                tool()
