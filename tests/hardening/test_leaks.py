"""Leaks: killed processes, exceptions in `with` blocks and interpreter exit leave no container."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dockercli import Docker, RunOptions

RUNS = 20
PER_RUN = 5


def _child_script(client: str, host: str, image: str) -> str:
    return textwrap.dedent(
        f"""
        import sys
        from dockercli import Docker, RunOptions
        docker = Docker(binary={client!r}, host={host!r})
        print(docker.session_id, flush=True)
        for i in range({PER_RUN}):
            box = docker.run(RunOptions(image={image!r}, command=["sleep", "300"]))
            box.stop(grace=0) if i % 2 else None
        sys.stdin.read()
        """
    )


def _session_cli_running(session: str) -> bool:
    """True while a docker CLI call of that session is still in flight (it outlives its parent)."""
    needle = f"dockercli.session={session}".encode()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if needle in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
            except OSError:
                continue
    return False


def _count(docker: Docker, session: str) -> int:
    return len(docker.containers(all=True, filters={"label": f"dockercli.session={session}"}))


def test_sigkill_at_random_points_leaks_nothing_after_cleanup(
    engine_host: str, busybox_image: str, tmp_path: Path
) -> None:
    """20 children killed with SIGKILL mid-lifecycle leave 0 containers after cleanup by session."""
    client = "/usr/local/bin/docker" if Path("/usr/local/bin/docker").exists() else "docker"
    docker = Docker(binary=client, host=engine_host)
    rng = random.Random(20261127)
    leaked = left_by_kill = 0
    for _ in range(RUNS):
        proc = subprocess.Popen(
            [sys.executable, "-c", _child_script(client, engine_host, busybox_image)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # A SIGKILL can land between creating and deleting a temporary cidfile
            # directory; keep those under tmp_path rather than in /tmp.
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )
        assert proc.stdout is not None
        session = proc.stdout.readline().strip()
        time.sleep(rng.uniform(0.0, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 60
        while _session_cli_running(session) and time.monotonic() < deadline:
            time.sleep(0.05)
        left_by_kill += _count(docker, session)
        docker.cleanup(labels={"dockercli.session": session}, running=True, images=False)
        leaked += _count(docker, session)
    print(
        f"\nleaks: {RUNS} killed runs left {left_by_kill} containers; after cleanup {leaked} "
        f"({leaked * 100 / RUNS:g} per 100 killed runs)"
    )
    assert leaked == 0


def test_with_blocks_leave_nothing_on_success_or_error(docker: Docker, busybox_image: str) -> None:
    """Leaving a container's `with` block normally or by an exception removes the container."""
    opts = RunOptions(image=busybox_image, command=["sleep", "300"])
    with docker.run(opts) as first:
        pass
    with pytest.raises(RuntimeError), docker.run(opts) as second:
        raise RuntimeError("boom")
    session = {"label": f"dockercli.session={docker.session_id}"}
    assert {c.id for c in docker.containers(all=True, filters=session)} & {
        first.id,
        second.id,
    } == set()


def test_exit_hook_removes_what_the_process_left(
    engine_host: str, client_path: str, busybox_image: str
) -> None:
    """A process that exits without removing its containers has them removed by the atexit hook."""
    script = textwrap.dedent(
        f"""
        from dockercli import Docker, RunOptions
        docker = Docker(binary={client_path!r}, host={engine_host!r})
        print(docker.session_id, flush=True)
        for _ in range(3):
            docker.run(RunOptions(image={busybox_image!r}, command=["sleep", "300"]))
        kept = Docker(binary={client_path!r}, host={engine_host!r}, remove_at_exit=False)
        box = kept.run(RunOptions(image={busybox_image!r}, command=["sleep", "300"]))
        print(box.id, flush=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    session, kept_id = done.stdout.split()
    docker = Docker(binary=client_path, host=engine_host)
    remaining = docker.containers(all=True, filters={"label": f"dockercli.session={session}"})
    try:
        assert [c.id for c in remaining] == [kept_id]  # opted out of the hook
    finally:
        docker.cleanup(labels={"dockercli.session": session}, running=True, images=False)
