"""dockercli's own API driven against the fake: what CI without an engine relies on."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

from dockercli import (
    BuildError,
    BuildOptions,
    ConflictError,
    ContainerInspectOptions,
    DaemonUnreachableError,
    Docker,
    NoSuchContainerError,
    PsOptions,
    RmOptions,
    RunOptions,
    VersionOptions,
    VolumeOptions,
)


@pytest.fixture
def docker(any_fake: Fake) -> Iterator[Docker]:
    """A dockercli client whose binary is the fake, in each dialect."""
    env = {"FAKE_DOCKER_STATE": str(any_fake.state_dir), "FAKE_DOCKER_DIALECT": any_fake.dialect}
    client = Docker(binary=str(FAKE), env=env, timeout=30, remove_at_exit=False)
    yield client
    client.remove_tracked()


def test_build_run_and_reach_a_port(docker: Docker, any_fake: Fake) -> None:
    """Build, run with a published port, wait for it and get the helper's HTTP answer."""
    image = docker.build(BuildOptions(context=str(any_fake.context()), tags=("web:1",)))
    again = BuildOptions(context=str(any_fake.context()), tags=("web:1",))
    assert docker.build(again).id == image.id  # the same build hits the cache
    container = docker.run(RunOptions(image="web:1", name="web", publish=(8080,)))
    address = container.wait_for_port(8080, timeout=10)
    with urllib.request.urlopen(f"http://{address}/", timeout=5) as reply:
        assert reply.read() == b"fake-docker web\n"
    assert container.inspect().running


def test_logs_wait_and_exit_code(docker: Docker, any_fake: Fake) -> None:
    """A scripted container's logs, readiness line and exit code reach dockercli."""
    any_fake.base_image("base:1")
    labels = {
        "fake.logs": r"booting\nready on 8080\n",
        "fake.exit_after": "1",
        "fake.exit_code": "3",
    }
    container = docker.run(RunOptions(image="base:1", labels=labels))
    container.wait_for_log("ready on", timeout=10)
    assert container.wait(timeout=10) == 3
    assert "booting" in container.logs()


def test_errors_are_classified(docker: Docker, any_fake: Fake) -> None:
    """The fake's error wordings map to dockercli's exception classes."""
    any_fake.base_image("base:1")
    with pytest.raises(NoSuchContainerError):
        docker.container("nosuch").inspect()
    docker.run(RunOptions(image="base:1", name="taken"))
    with pytest.raises(ConflictError):
        docker.run(RunOptions(image="base:1", name="taken"))
    ctx = any_fake.context("bad", "FROM scratch\nRUN exit 3\n")
    with pytest.raises(BuildError):
        docker.build(BuildOptions(context=str(ctx)))


def test_daemon_down_is_unreachable(any_fake: Fake) -> None:
    """With the ``down`` fault, dockercli reports the daemon as unreachable."""
    env = {
        "FAKE_DOCKER_STATE": str(any_fake.state_dir),
        "FAKE_DOCKER_DIALECT": any_fake.dialect,
        "FAKE_DOCKER_FAULTS": "down",
    }
    client = Docker(binary=str(FAKE), env=env, timeout=10, remove_at_exit=False)
    assert client.ping() is False
    with pytest.raises(DaemonUnreachableError):
        client.containers()


def test_a_call_is_one_options_object(docker: Docker, any_fake: Fake) -> None:
    """call(options) runs the options' own command; subcommand= picks create for RunOptions."""
    image = docker.build(BuildOptions(context=str(any_fake.context()), tags=("calls:1",)))
    created = docker.call(RunOptions(image="calls:1"), subcommand=("create",)).stdout.strip()
    try:
        inspected = docker.call(
            ContainerInspectOptions(refs=(created,), format="{{.State.Status}}")
        )
        assert inspected.stdout.strip() == "created"
        by_path = docker.call(subcommand=("image", "inspect", "--format={{.Id}}", image.id))
        assert by_path.stdout.strip().removeprefix("sha256:") == image.id
    finally:
        docker.call(RmOptions(refs=(created,)))


def test_the_old_path_first_call_still_works_and_warns(docker: Docker) -> None:
    """call(("version",), options) and argv(path, options) still run, with a DeprecationWarning."""
    with pytest.warns(DeprecationWarning, match=r"Docker.call\(path, options\) is deprecated"):
        done = docker.call(("version",), VersionOptions(format="{{.Client.Version}}"))
    assert done.stdout.strip()
    with pytest.warns(DeprecationWarning, match=r"Docker.argv"):
        argv, _ = docker.argv(("ps",), PsOptions(all=True))
    assert argv[-2:] == ["ps", "--all"]
    with pytest.warns(DeprecationWarning, match="is deprecated"):
        by_keyword = docker.call(("ps",), options=PsOptions(all=True))
    assert by_keyword.argv[-2:] == ("ps", "--all")
    with pytest.warns(DeprecationWarning, match="is deprecated"):
        assert docker.call(command=("ps",), options=PsOptions()).ok
    assert docker.call(options=PsOptions()).ok
    with pytest.raises(TypeError, match="one options object"):
        docker.call(PsOptions(), PsOptions())
    with pytest.raises(TypeError, match="not a path as well"):
        docker.call(("ps",), PsOptions(), subcommand=("images",))


def test_stop_takes_its_grace_period_as_grace(docker: Docker, any_fake: Fake) -> None:
    """stop(grace=N) renders --time=N; the old stop(timeout=N) still does, and warns."""
    docker.build(BuildOptions(context=str(any_fake.context()), tags=("grace:1",)))
    box = docker.run(RunOptions(image="grace:1", command=["sleep", "30"]))
    box.stop(grace=0)
    box.start()
    with pytest.warns(DeprecationWarning, match=r"stop\(timeout=N\) is deprecated"):
        box.stop(timeout=1)
    with pytest.raises(TypeError, match="grace period once"):
        box.stop(2, timeout=2)
    stops = [c["argv"] for c in any_fake.calls() if "stop" in c["argv"]]
    assert [a[a.index("stop") + 1] for a in stops] == ["--time=0", "--time=1"]


def test_exec_env_values_reach_the_command(docker: Docker, any_fake: Fake) -> None:
    """exec's env values (through the CLI's environment and, for HOME, the env file) arrive."""
    docker.build(BuildOptions(context=str(any_fake.context()), tags=("envs:1",)))
    box = docker.run(RunOptions(image="envs:1", command=["sleep", "30"], env={"RUNVAR": "r"}))
    said = box.exec(["sh", "-c", "echo $TOKEN $HOME $RUNVAR"], env={"TOKEN": "t", "HOME": "/h"})
    assert said.stdout == "t /h r\n"


def test_inspect_of_a_missing_container_beside_a_present_one(
    docker: Docker, any_fake: Fake
) -> None:
    """inspect_containers(missing_ok=True) gives the ones found, in every dialect (podman: 125)."""
    docker.build(BuildOptions(context=str(any_fake.context()), tags=("found:1",)))
    box = docker.create(RunOptions(image="found:1"))
    found = docker.inspect_containers([box.id, "dcli-no-such-box"], missing_ok=True)
    assert [c.id for c in found] == [box.id]
    with pytest.raises(NoSuchContainerError, match="dcli-no-such-box"):
        docker.inspect_containers([box.id, "dcli-no-such-box"])


def test_a_cleanup_counts_every_call_it_makes(docker: Docker, any_fake: Fake) -> None:
    """report.calls is the number of CLI calls the cleanup made, a volume a container
    holds (one refusal, so one more listing of two calls on every dialect) included."""
    docker.build(BuildOptions(context=str(any_fake.context()), tags=("held:1",)))
    ours = [docker.create_volume(VolumeOptions(name=f"sweep-{n}")).name for n in "abc"]
    docker.command("create", "--name", "holder", "-v", "sweep-b:/data", "held:1", "true")
    before = len(any_fake.calls())
    report = docker.cleanup(prefix="sweep-", images=False, running=True)
    assert (sorted(report.volumes), [n for n, _ in report.volumes_left]) == (
        [ours[0], ours[2]],
        [ours[1]],
    )
    assert report.calls == len(any_fake.calls()) - before
