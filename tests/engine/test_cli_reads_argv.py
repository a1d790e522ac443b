"""The real docker CLI reads what dockercli renders the way we mean it, on both clients."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dockercli import (
    BuildOptions,
    ConflictError,
    ContainerStartError,
    DockerError,
    NoSuchContainerError,
    NoSuchImageError,
    RunOptions,
    UsageError,
)
from dockercli.docker import Docker

SECRET = "s3cr3t-Value with spaces=and equals"


def test_run_options_reach_the_engine(docker: Docker, busybox_image: str, tmp_path: Path) -> None:
    """Every kind of run option arrives in the engine's container config as rendered."""
    (tmp_path / "data.txt").write_text("hello")
    opts = RunOptions(
        image=busybox_image,
        name=None,
        command=["sleep", "300"],
        publish=["127.0.0.1::8080", "9999/udp"],
        env={"APP_TOKEN": SECRET, "PATH": "/bin:/custom", "DOCKER_HOST": "tcp://inner:2375"},
        labels={"team": "core", "tricky": "--privileged"},
        hostname="box.local",
        workdir="/tmp",
        user="1000:1000",
        volumes=[f"{tmp_path}:/data:ro"],
        tmpfs=["/run/x"],
        ulimits=["nofile=1024:2048"],
        memory="64m",
        health_cmd="true",
        health_interval=2,
        health_retries=2,
        cap_add=["NET_ADMIN"],
        cap_drop=["MKNOD"],
        extra_hosts=["db.local:127.0.0.2"],
        restart="on-failure:2",
        init=True,
        read_only=True,
    )
    with docker.run(opts) as container:
        raw = container.inspect().raw
        env = raw["Config"]["Env"]
        assert f"APP_TOKEN={SECRET}" in env
        assert "PATH=/bin:/custom" in env
        assert "DOCKER_HOST=tcp://inner:2375" in env
        assert raw["Config"]["Labels"]["tricky"] == "--privileged"
        assert raw["Config"]["Hostname"] == "box.local"
        assert raw["Config"]["WorkingDir"] == "/tmp"
        assert raw["Config"]["User"] == "1000:1000"
        assert raw["Config"]["Cmd"] == ["sleep", "300"]
        host = raw["HostConfig"]
        assert host["Binds"] == [f"{tmp_path}:/data:ro"]
        assert host["Tmpfs"] == {"/run/x": ""}
        assert host["Ulimits"] == [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
        assert host["Memory"] == 64 * 1024 * 1024
        # docker 28 writes capabilities with their CAP_ prefix, 20.10 as given
        assert [c.removeprefix("CAP_") for c in host["CapAdd"]] == ["NET_ADMIN"]
        assert [c.removeprefix("CAP_") for c in host["CapDrop"]] == ["MKNOD"]
        assert host["ExtraHosts"] == ["db.local:127.0.0.2"]
        assert host["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 2}
        assert host["Init"] is True
        assert host["ReadonlyRootfs"] is True
        assert host["PortBindings"]["8080/tcp"] == [{"HostIp": "127.0.0.1", "HostPort": ""}]
        assert "9999/udp" in host["PortBindings"]
        assert raw["Config"]["Healthcheck"]["Test"] == ["CMD-SHELL", "true"]
        assert raw["Config"]["Healthcheck"]["Interval"] == 2_000_000_000
        # the bind source sits in a root-only temp dir, so read it as uid 0
        assert container.exec(["cat", "/data/data.txt"], user="0").stdout == "hello"
        with pytest.raises(ContainerStartError):  # no passwd file in the image
            container.exec(["true"], user="root")


def test_secret_values_stay_out_of_argv_errors_and_logs(
    docker: Docker, busybox_image: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Env values never appear in the argv run, in log records or in an error's text."""
    caplog.set_level(logging.DEBUG, logger="dockercli")
    opts = RunOptions(
        image=busybox_image, command=["sleep", "300"], env={"TOKEN": SECRET, "HOME": SECRET}
    )
    with docker.run(opts) as container:
        assert f"TOKEN={SECRET}" in container.inspect().raw["Config"]["Env"]
    missing = RunOptions(image="dcli-test/nosuch:1", env={"TOKEN": SECRET}, pull="never")
    with pytest.raises(NoSuchImageError) as caught:
        docker.run(missing)
    assert SECRET not in str(caught.value)
    assert all(SECRET not in arg for arg in caught.value.argv)
    assert SECRET not in repr(missing)
    assert SECRET not in caplog.text


def test_build_args_pass_by_name(docker: Docker, busybox_image: str, tmp_path: Path) -> None:
    """A build arg's value reaches the build through the CLI's environment, not argv."""
    (tmp_path / "Dockerfile").write_text(
        f'FROM {busybox_image}\nARG TOKEN\nRUN echo "$TOKEN" > /token\nCMD ["cat", "/token"]\n'
    )
    lines: list[str] = []
    image = docker.build(
        BuildOptions(context=str(tmp_path), build_args={"TOKEN": SECRET}), on_line=lines.append
    )
    with image:
        assert all(SECRET not in line for line in lines if "--build-arg" in line)
        with docker.run(RunOptions(image=image.id, command=["sleep", "300"])) as container:
            assert container.exec(["cat", "/token"]).stdout == SECRET + "\n"


def test_missing_container_is_no_such_container(docker: Docker) -> None:
    """Stopping a container that does not exist raises NoSuchContainerError."""
    with pytest.raises(NoSuchContainerError):
        docker.container("dcli-no-such-container")


def test_name_conflict_is_conflict_error(docker: Docker, busybox_image: str) -> None:
    """Running two containers with one name raises ConflictError."""
    opts = RunOptions(image=busybox_image, name="dcli-conflict-test", command=["sleep", "300"])
    with docker.run(opts), pytest.raises(ConflictError):
        docker.run(opts)


def test_unstartable_command_is_container_start_error(docker: Docker, busybox_image: str) -> None:
    """A command missing from the image raises ContainerStartError and leaves no container."""
    with pytest.raises(ContainerStartError):
        docker.run(RunOptions(image=busybox_image, command=["/no/such/binary"]))
    session = {"label": f"dockercli.session={docker.session_id}"}
    assert docker.containers(all=True, filters=session) == []


def test_cli_rejected_value_is_usage_error(docker: Docker, busybox_image: str) -> None:
    """A value the CLI itself rejects (raw command) raises UsageError."""
    with pytest.raises(UsageError):
        docker.command("run", "--publish=70000:80", busybox_image)


def test_errors_carry_the_command(docker: Docker) -> None:
    """A failed command's error carries argv, exit code and stderr."""
    with pytest.raises(DockerError) as caught:
        docker.command("stop", "dcli-no-such-container")
    assert caught.value.argv[-2:] == ("stop", "dcli-no-such-container")
    assert caught.value.returncode == 1
    assert "dcli-no-such-container" in caught.value.stderr
