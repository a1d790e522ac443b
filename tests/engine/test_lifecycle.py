"""The lifecycle API on a real engine, with both docker clients."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import urllib.request
import uuid
from pathlib import Path

import pytest

from dockercli import (
    BuildError,
    BuildOptions,
    ContainerExitedError,
    DockerTimeoutError,
    NoSuchContainerError,
    NoSuchImageError,
    PsOptions,
    RunOptions,
    parsers,
)
from dockercli.docker import Docker


def _get(address: str) -> str:
    with urllib.request.urlopen(f"http://{address}/", timeout=10) as reply:
        return str(reply.read().decode())


def test_build_run_talk_stop_remove(docker: Docker, busybox_image: str, tmp_path: Path) -> None:
    """Build, run with a published port, GET it, match a log line, exec, spawn, stop, remove."""
    (tmp_path / "Dockerfile").write_text(
        f"FROM {busybox_image}\nRUN mkdir /www && echo lifecycle-ok > /www/index.html\n"
        'CMD ["sh", "-c", "echo listening; exec httpd -f -p 8080 -h /www"]\n'
    )
    lines: list[str] = []
    image = docker.build(
        BuildOptions(context=str(tmp_path), tags=["dcli-test/lifecycle:1"]), on_line=lines.append
    )
    assert len(image.id) == 64
    assert lines
    with image:
        container = docker.run(RunOptions(image=image.id, publish=[8080]))
        try:
            container.expect_log("listening", timeout=30)
            address = container.wait_for_port(8080, timeout=30)
            assert address.startswith("localhost:")
            assert _get(address) == "lifecycle-ok\n"
            assert container.exec(["cat", "/www/index.html"]).stdout == "lifecycle-ok\n"
            shell = container.spawn(["sh"])
            shell.sendline("echo $((6 * 7))")
            shell.expect("42")
            shell.sendline("exit")
            container.stop(1)
            assert container.status == "exited"
        finally:
            container.remove(force=True)
        with pytest.raises(NoSuchContainerError):
            container.inspect(refresh=True)


def test_failed_build_raises_with_log_and_leaves_no_container(
    docker: Docker, busybox_image: str, tmp_path: Path
) -> None:
    """A failing RUN step raises BuildError with the log and leaves no intermediate container."""
    marker = f"about-to-fail-{uuid.uuid4().hex[:8]}"
    (tmp_path / "Dockerfile").write_text(f"FROM {busybox_image}\nRUN echo {marker} && exit 7\n")
    with pytest.raises(BuildError) as caught:
        docker.build(BuildOptions(context=str(tmp_path)))
    assert marker in caught.value.log
    listed = docker.call(PsOptions(all=True, format="{{json .}}", no_trunc=True))
    assert [c for c in parsers.ps_entries(listed.stdout) if marker in c.command] == []


def test_missing_image_raises_no_such_image(docker: Docker) -> None:
    """Looking up or running an image that is not there raises NoSuchImageError."""
    with pytest.raises(NoSuchImageError):
        docker.image("dcli-test/absent:1")
    with pytest.raises(NoSuchImageError):
        docker.run(RunOptions(image="dcli-test/absent:1", pull="never"))


def test_follow_logs_merges_streams_in_order_and_ends(docker: Docker, busybox_image: str) -> None:
    """follow_logs yields stdout and stderr lines in order and stops when the container exits."""
    # The engine copies a container's stdout and stderr concurrently, so lines written in
    # the same instant have no defined order; a short pause between them gives them one.
    script = "for i in 1 2 3; do echo out$i; sleep 0.1; echo err$i >&2; sleep 0.1; done"
    with docker.run(RunOptions(image=busybox_image, command=["sh", "-c", script])) as container:
        lines = list(container.follow_logs(stall_timeout=30))
        assert lines == ["out1", "err1", "out2", "err2", "out3", "err3"]
        assert container.wait(timeout=30) == 0


def test_wait_returns_the_exit_code(docker: Docker, busybox_image: str) -> None:
    """wait() blocks until the container stops and returns its exit code."""
    with docker.run(RunOptions(image=busybox_image, command=["sh", "-c", "exit 5"])) as container:
        assert container.wait(timeout=30) == 5


def test_readiness_fails_fast_when_the_container_exits(docker: Docker, busybox_image: str) -> None:
    """Waiting on a container that exits raises ContainerExitedError with its last lines."""
    opts = RunOptions(
        image=busybox_image, command=["sh", "-c", "echo dying-words; exit 1"], publish=[8080]
    )
    with docker.run(opts) as container:
        with pytest.raises(ContainerExitedError) as caught:
            container.wait_for_port(8080, timeout=60)
        assert "dying-words" in str(caught.value)
        with pytest.raises(ContainerExitedError):
            container.expect_log("never-printed", timeout=60)


def test_expect_log_times_out_with_last_lines(docker: Docker, busybox_image: str) -> None:
    """expect_log raises DockerTimeoutError naming what it saw when the pattern never shows."""
    opts = RunOptions(image=busybox_image, command=["sh", "-c", "echo something-else; sleep 300"])
    with docker.run(opts) as container, pytest.raises(DockerTimeoutError) as caught:
        container.expect_log("never-printed", timeout=2)
    assert "something-else" in str(caught.value)


def test_wait_for_healthy(docker: Docker, busybox_image: str) -> None:
    """wait_for_healthy returns once the engine's healthcheck passes."""
    opts = RunOptions(
        image=busybox_image, command=["sleep", "300"], health_cmd="true", health_interval=0.5
    )
    with docker.run(opts) as container:
        container.wait_for_healthy(timeout=60)
        assert container.inspect(refresh=True).health == "healthy"


def test_inspect_many_in_one_call(docker: Docker, busybox_image: str) -> None:
    """inspect_containers reads several containers at once, in order."""
    opts = RunOptions(image=busybox_image, command=["sleep", "300"])
    with docker.run(opts) as a, docker.run(opts) as b:
        infos = docker.inspect_containers([a.id, b.id])
        assert [i.id for i in infos] == [a.id, b.id]
        assert all(i.running for i in infos)


def test_ports_and_ip_come_from_one_inspect(docker: Docker, web_image: str, tmp_path: Path) -> None:
    """A lifecycle of run, address, stop and remove spawns at most four CLI processes."""
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "docker"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {docker.binary_path} "$@"\n')
    wrapper.chmod(0o755)
    counted = Docker(binary=str(wrapper), host=docker.options.host, timeout=120)
    container = counted.run(RunOptions(image=web_image, publish=[8080]))
    address = container.address(8080)
    assert container.host_port(8080) == int(address.rsplit(":", 1)[1])
    assert container.ip is not None
    container.stop(1)
    container.remove()
    assert len(log.read_text().splitlines()) <= 4


def test_cleanup_keeps_newest_and_removes_unused_images(
    docker: Docker, busybox_image: str, tmp_path: Path
) -> None:
    """cleanup removes stopped containers but the newest `keep`, then its images nothing uses."""
    (tmp_path / "Dockerfile").write_text(f"FROM {busybox_image}\nLABEL dcli.cleanup.test=1\n")
    image = docker.build(BuildOptions(context=str(tmp_path)))
    prefix = f"dcli-clean-{os.getpid()}-"
    made = [
        docker.run(RunOptions(image=image.id, name=f"{prefix}{i}", command=["true"]))
        for i in range(3)
    ]
    for container in made:
        container.wait(timeout=30)
    dry = docker.cleanup(prefix=prefix, keep=1, dry_run=True)
    assert {r.name for r in dry.containers} == {f"{prefix}0", f"{prefix}1"}
    report = docker.cleanup(prefix=prefix, keep=1)
    assert {r.name for r in report.containers} == {f"{prefix}0", f"{prefix}1"}
    assert [r.name for r in report.kept] == [f"{prefix}2"]
    assert report.images == ()
    assert [i for i, _ in report.images_left] == [image.id]  # the kept container uses it
    assert report.failures == ()
    final = docker.cleanup(prefix=prefix)
    assert [r.name for r in final.containers] == [f"{prefix}2"]
    assert final.images == (image.id,)
    with pytest.raises(NoSuchImageError):
        docker.image(image.id)


def test_killed_process_leaves_containers_the_next_cleanup_removes(
    engine_host: str, client_path: str, busybox_image: str
) -> None:
    """A process killed with SIGKILL leaves labelled containers that cleanup by session removes."""
    child = textwrap.dedent(
        f"""
        import os, signal
        from dockercli import RunOptions
        from dockercli.docker import Docker
        docker = Docker(binary={client_path!r}, host={engine_host!r})
        for _ in range(2):
            docker.run(RunOptions(image={busybox_image!r}, command=["sleep", "300"]))
        print(docker.session_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == -signal.SIGKILL
    session = proc.stdout.strip()
    docker = Docker(binary=client_path, host=engine_host)
    labels = {"dockercli.session": session}
    assert len(docker.containers(all=True, filters={"label": f"dockercli.session={session}"})) == 2
    report = docker.cleanup(labels=labels, running=True, images=False)  # the image is shared
    assert len(report.containers) == 2
    assert docker.containers(all=True, filters={"label": f"dockercli.session={session}"}) == []


def test_schedule_cleanup_allows_one_pending(docker: Docker) -> None:
    """A second schedule_cleanup while one is pending does nothing."""
    assert docker.schedule_cleanup(3600, prefix="dcli-never-") is True
    try:
        assert docker.schedule_cleanup(3600, prefix="dcli-never-") is False
    finally:
        docker.cancel_scheduled_cleanup()
    assert docker.schedule_cleanup(3600, prefix="dcli-never-") is True
    docker.cancel_scheduled_cleanup()
