"""Fault rules: ``cmd`` means what a user means, and a rule that never fired fails its test."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dockercli import BuildOptions, Docker, DockerError
from dockercli.testing.fake import DIALECTS, FakeDocker, UnfiredFaultError

if TYPE_CHECKING:
    from tests.fake.conftest import Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import Fake

INJECTED = 42

# (rule's cmd, the command run, whether the rule applies), on every client
EVERYWHERE = [
    ("inspect", "inspect x", True),
    ("inspect", "container inspect x", True),
    ("inspect", "image inspect x", True),
    ("inspect", "context inspect default", False),
    ("container inspect", "container inspect x", True),
    ("container inspect", "inspect x", False),
    ("container inspect", "image inspect x", False),
    ("image inspect", "image inspect x", True),
    ("image inspect", "inspect x", False),
    ("rm", "container rm x", True),
    ("rm", "rm x", True),
    ("rm", "image rm x", False),
    ("container rm", "rm x", True),
    ("rmi", "image rm x", True),
    ("image rm", "rmi x", True),
    ("image rm", "rm x", False),
    ("ps", "container ls", True),
    ("ps", "container list", True),
    ("container ls", "ps", True),
    ("ps", "images", False),
    ("images", "image ls", True),
    ("build", "image build .", True),
    ("info", "system info", True),
    ("run", "container run x", True),
    ("run", "create x", False),
    ("*", "image inspect x", True),
]


# Spellings one client has and others lack: (rule's cmd, the command run, who has it).
SOME_CLIENTS = [
    ("rm", "container remove x", ("docker-28",)),
    ("rmi", "image remove x", ("docker-28", "docker-20.10")),
]
# (rule's cmd, the command run, the clients on which the rule fires)
CASES = [(cmd, command, DIALECTS if applies else ()) for cmd, command, applies in EVERYWHERE] + [
    (cmd, command, has) for cmd, command, has in SOME_CLIENTS
]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("cmd", "command", "fires_on"), CASES)
def test_cmd_matches_every_spelling_of_the_command(
    fake: Fake, dialect: str, cmd: str, command: str, fires_on: tuple[str, ...]
) -> None:
    """A rule's cmd matches its command's typed spellings; a bare verb matches grouped forms."""
    fake = fake.with_dialect(dialect)
    rule = f"cmd={cmd},action=exit,code={INJECTED},stderr=injected"
    done = fake.run(*command.split(), env={"FAKE_DOCKER_FAULTS": rule})
    assert (done.returncode == INJECTED) is (dialect in fires_on), done.stderr


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("command", "clients"), [(c, has) for _, c, has in SOME_CLIENTS])
def test_a_spelling_the_client_lacks_is_refused_not_run(
    fake: Fake, dialect: str, command: str, clients: tuple[str, ...]
) -> None:
    """A spelling the imitated client lacks fails (podman's wording; 20.10: not modelled)."""
    done = fake.with_dialect(dialect).run(*command.split())
    stderr = done.stderr.decode()
    group, verb, _name = command.split()
    if dialect in clients:
        assert "No such" in stderr, stderr  # it ran, and found no such object
    elif dialect == "podman":
        assert (done.returncode, stderr) == (
            125,
            f"Error: unrecognized command `podman {group} {verb}`\n"
            f"Try 'podman {group} --help' for more information\n",
        )
    else:
        assert done.returncode == 125
        assert "is not modelled by the fake" in stderr


@pytest.mark.parametrize("cmd", ["inspcet", "volume prune", "container images"])
def test_a_cmd_the_fake_does_not_know_is_rejected(fake: Fake, cmd: str) -> None:
    """A rule for a command the fake does not model could never fire: every call exits 125."""
    done = fake.run("ps", env={"FAKE_DOCKER_FAULTS": f"cmd={cmd},action=exit"})
    assert done.returncode == 125
    assert f"FAKE_DOCKER_FAULTS: unknown cmd {cmd!r}" in done.stderr.decode()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_readme_rules_fire_on_dockercli_calls(tmp_path: Path, dialect: str) -> None:
    """``cmd=inspect`` fires on the ``image inspect`` and ``container inspect`` dockercli runs."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["sleep", "300"]\n')
    fake.client().build(BuildOptions(context=str(context), tags=["f:1"]))
    rule = r"cmd=inspect,action=exit,code=1,stderr=injected\n"
    docker = Docker(binary=fake.binary, env={**fake.env(), "FAKE_DOCKER_FAULTS": rule})
    try:
        with pytest.raises(DockerError, match="injected"):
            docker.image("f:1")
        with pytest.raises(DockerError, match="injected"):
            docker.inspect_containers(["f"])
        ran = [c["argv"][1:3] for c in fake.calls() if c["exit_code"] == 1]
        assert ran == [["image", "inspect"], ["container", "inspect"]]
    finally:
        fake.close()


# -- a rule that never fired fails the test that set it -----------------------------------


def test_an_unfired_rule_fails_close_naming_it_and_the_commands_run(tmp_path: Path) -> None:
    """close() raises UnfiredFaultError naming the rule that never fired and what did run."""
    fake = FakeDocker(tmp_path / "fake", faults="ps:slow;cmd=rmi,action=exit,code=1")
    fake.client().containers(all=True)
    with pytest.raises(UnfiredFaultError) as caught:
        fake.close()
    message = str(caught.value)
    assert "'cmd=rmi,action=exit,code=1' never fired" in message
    assert "ps:slow" not in message
    assert "the commands run with it: docker ps --all --format={{json .}} --no-trunc" in message
    assert "optional=1" in message


def test_a_rule_that_fired_passes_close(tmp_path: Path) -> None:
    """close() is quiet when every configured rule fired at least once."""
    fake = FakeDocker(tmp_path / "fake", faults="cmd=ps,action=exit,code=1,stderr=boom")
    with pytest.raises(DockerError, match="boom"):
        fake.client().containers()
    fake.close()


def test_a_rule_set_through_the_environment_is_checked_too(tmp_path: Path) -> None:
    """A FAKE_DOCKER_FAULTS given to one client's env is checked by the FakeDocker's close()."""
    fake = FakeDocker(tmp_path / "fake")
    env = {**fake.env(), "FAKE_DOCKER_FAULTS": json.dumps({"cmd": "kill", "action": "exit"})}
    Docker(binary=fake.binary, env=env).containers()
    with pytest.raises(UnfiredFaultError, match=r'\{"cmd":"kill","action":"exit"\}\' never fired'):
        fake.close()


def test_a_configured_spec_no_command_saw_fails(tmp_path: Path) -> None:
    """FakeDocker(faults=...) with no docker command run at all fails close()."""
    fake = FakeDocker(tmp_path / "fake", faults="cmd=rm,action=exit")
    with pytest.raises(UnfiredFaultError, match="no docker command ran with it"):
        fake.close()


def test_optional_rules_may_stay_unfired(tmp_path: Path) -> None:
    """``optional=1`` exempts one rule; the others are still checked."""
    spec = "cmd=rmi,action=exit,optional=1;cmd=kill,action=exit"
    fake = FakeDocker(tmp_path / "fake", faults=spec)
    fake.client().containers()
    with pytest.raises(UnfiredFaultError) as caught:
        fake.close()
    assert "'cmd=kill,action=exit' never fired" in str(caught.value)
    assert "rmi" not in str(caught.value)
    optional = FakeDocker(tmp_path / "optional", faults="cmd=rmi,action=exit,optional=1")
    optional.client().containers()
    optional.close()


def test_faults_must_fire_false_turns_the_check_off(tmp_path: Path) -> None:
    """FakeDocker(faults_must_fire=False) never fails close() for unfired rules."""
    fake = FakeDocker(tmp_path / "fake", faults="cmd=rmi,action=exit", faults_must_fire=False)
    fake.client().containers()
    fake.close()
    (unfired,) = fake.unfired_faults()
    assert unfired.startswith(
        "'cmd=rmi,action=exit' never fired; the commands run with it: docker ps"
    )


def test_the_plugin_fixture_fails_a_test_whose_fault_never_fired(tmp_path: Path) -> None:
    """A test that sets a fault rule through monkeypatch and never triggers it fails at teardown."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_inner.py").write_text(
        textwrap.dedent(
            """
            def test_sets_a_fault_it_never_triggers(fake_docker, monkeypatch):
                monkeypatch.setenv("FAKE_DOCKER_FAULTS", "cmd=inspect,action=truncate")
                fake_docker.containers()

            def test_triggers_its_fault(fake_docker, monkeypatch):
                monkeypatch.setenv("FAKE_DOCKER_FAULTS", "cmd=ps,action=exit,stderr=boom")
                try:
                    fake_docker.containers()
                except Exception:
                    pass
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "test_inner.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout
    assert "2 passed, 1 error" in done.stdout
    assert "ERROR at teardown of test_sets_a_fault_it_never_triggers" in done.stdout
    assert "'cmd=inspect,action=truncate' never fired" in done.stdout
