"""pause, top, stats, diff, commit, export and update through every client (docker 28,
docker 20.10, podman): each does what it says on the container, and the failures a user
meets first come back as their classes."""

from __future__ import annotations

import tarfile
import uuid
from pathlib import Path

import pytest

from dockercli import ConflictError, Container, Docker, RunOptions, UsageError

CONFIG = b"greeting = hello\n"


_CGROUP_MEMORY = (
    "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max"
)


def _memory_limit(box: Container) -> int:
    """The container's memory limit as its own cgroup shows it (v1 or v2)."""
    return int(box.exec(["sh", "-c", _CGROUP_MEMORY]).stdout.split()[0])


def test_the_container_tools_work_on_a_running_container(
    client: tuple[str, Docker, str], tmp_path: Path
) -> None:
    """top and stats see the one process, a paused container refuses exec and still stops,
    diff names a copied file, commit keeps it and the new CMD, export holds it, and update
    moves the memory limit the container's cgroup enforces."""
    _, docker, image = client
    name = f"dcli-test-tools-{uuid.uuid4().hex[:8]}"
    opts = RunOptions(image=image, name=name, command=["sleep", "300"], memory="32m")
    with docker.run(opts) as box:
        (process,) = box.top()
        assert process.command.strip() == "sleep 300"
        stats = box.stats()
        assert (stats.name, stats.pids) == (name, 1)
        assert abs(stats.memory_limit - 32 * 2**20) < 2**20

        box.pause()
        assert box.inspect(refresh=True).status == "paused"
        with pytest.raises(ConflictError):
            box.exec(["true"])
        box.unpause()
        assert box.exec(["true"]).returncode == 0

        box.copy_to(CONFIG, "/etc/dcli.conf")
        assert ("added", "/etc/dcli.conf") in [(c.kind, c.path) for c in box.diff()]

        tag = f"dcli-test/committed:{uuid.uuid4().hex[:8]}"
        with box.commit(
            tag, message="tools test", changes=['CMD ["cat", "/etc/dcli.conf"]']
        ) as img:
            assert img.inspect().raw.get("Comment") == "tools test"
            assert docker.run(RunOptions(image=tag), input=b"").stdout == CONFIG.decode()

        with tarfile.open(box.export(tmp_path / "fs.tar")) as tar:
            member = tar.extractfile("etc/dcli.conf")
            assert member is not None
            assert member.read() == CONFIG

        box.update(memory="64m", memory_swap="128m", cpus=0.5)
        assert _memory_limit(box) == 64 * 2**20

        box.pause()
        box.stop(grace=0)  # podman refuses to stop a paused container: stop() thaws it
        assert box.inspect(refresh=True).status == "exited"


def test_update_refuses_what_the_client_cannot_do(client: tuple[str, Docker, str]) -> None:
    """docker's first memory limit without a swap limit, and podman's missing --restart,
    are UsageErrors that say what to do; the container runs on unchanged."""
    kind, docker, image = client
    with docker.run(RunOptions(image=image, command=["sleep", "300"])) as box:
        if kind == "podman":
            with pytest.raises(UsageError):
                box.update(restart="on-failure:3")
        else:
            with pytest.raises(UsageError) as caught:
                box.update(memory="64m")
            assert "memory_swap" in caught.value.hint
            box.update(restart="on-failure:3")
            assert box.inspect(refresh=True).raw["HostConfig"]["RestartPolicy"]["Name"] == (
                "on-failure"
            )
        assert box.inspect(refresh=True).running
