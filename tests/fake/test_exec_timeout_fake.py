"""Container.exec(timeout=) on the fake, in each dialect: the second exec that stops the
command runs as the same user, and the error says what became of the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dockercli import BuildOptions, Container, DockerTimeoutError, RunOptions
from dockercli.testing.fake import DIALECTS, FakeDocker

HANG = {"cmd": "exec", "match": "317", "action": "hang", "seconds": 30}  # the command


def _stopper(**action: Any) -> dict[str, Any]:
    """A rule for the stopping exec alone: its script is the only argument naming /proc."""
    return {"cmd": "exec", "match": "/proc", **action}


@pytest.fixture(params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> str:
    """Each dialect of the fake in turn."""
    return str(request.param)


def _timed_out(
    tmp_path: Path,
    dialect: str,
    rules: list[dict[str, Any]],
    user: str | None = None,
    stop_timeout: float = 20.0,
) -> tuple[str, list[str]]:
    """Run ``exec(["sleep", "317"], timeout=1)`` on a fake with ``rules``; the error's
    message and the exec commands the fake saw. The stopping exec gets ``stop_timeout``
    (long: a loaded machine may take a while to start one fake exec)."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect, faults=json.dumps(rules))
    docker = fake.client(timeout=60)
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["sleep", "300"]\n')
    try:
        docker.build(BuildOptions(context=str(context), tags=["exec-timeout:1"]))
        box: Container = docker.run(RunOptions(image="exec-timeout:1"))
        with pytest.raises(DockerTimeoutError) as caught:
            box.exec(["sleep", "317"], user=user, timeout=1, stop_timeout=stop_timeout)
        record = json.loads((fake.state_dir / "faults.json").read_text())
        ran = [cmd for spec in record["specs"].values() for cmd in spec["ran"]]
        return caught.value.message, [cmd for cmd in ran if " exec " in f" {cmd} "]
    finally:
        docker.remove_tracked()
        fake.close()


@pytest.fixture
def stopped(tmp_path: Path, dialect: str) -> tuple[str, list[str]]:
    """A timed-out exec (as user nobody) whose stopper reports two processes killed."""
    return _timed_out(
        tmp_path,
        dialect,
        [_stopper(action="exit", code=0, stdout="dockercli-exec-stopped 2\n"), HANG],
        user="nobody",
    )


def test_a_confirmed_stop_says_the_command_was_stopped(stopped: tuple[str, list[str]]) -> None:
    """When the stopping exec reports its kills, the message says the command was stopped."""
    message, _ = stopped
    assert message.startswith("timed out after 1s; ")
    assert "the command was stopped in the container (2 process(es)" in message
    assert "children were killed" not in message


def test_the_stop_finds_the_command_by_its_mark_as_its_user(stopped: tuple[str, list[str]]) -> None:
    """The command carries the DOCKERCLI_EXEC mark; the stopping exec runs as the same user
    and is given that mark."""
    _, execs = stopped
    command = next(cmd for cmd in execs if cmd.endswith("sleep 317"))
    stopper = next(cmd for cmd in execs if "/proc" in cmd)
    assert "--env=DOCKERCLI_EXEC" in command
    assert "--user=nobody" in command
    assert "--user=nobody" in stopper
    assert " DOCKERCLI_EXEC=" in stopper  # the mark it looks for, as an argument


@pytest.mark.parametrize("code", [126, 127])
def test_without_a_shell_it_may_still_run(tmp_path: Path, dialect: str, code: int) -> None:
    """When the stopping exec cannot start (no sh: 126 docker, 127 podman), the message
    says the command may still be running, and why."""
    said = 'exec: "sh": executable file not found in $PATH\n'
    rules = [_stopper(action="exit", code=code, stdout=said), HANG]
    message, _ = _timed_out(tmp_path, dialect, rules)
    assert "may still be running in the container" in message
    assert "needs `sh` in the image" in message


def test_a_stop_that_hangs_says_it_may_still_run(tmp_path: Path, dialect: str) -> None:
    """When the stopping exec itself times out, the message says so."""
    rules = [_stopper(action="hang", seconds=30), HANG]
    message, _ = _timed_out(tmp_path, dialect, rules, stop_timeout=0.5)
    assert "may still be running in the container" in message
    assert "stopping it took longer than 0.5s" in message


def test_an_unconfirmed_stop_is_not_reported_as_one(tmp_path: Path, dialect: str) -> None:
    """The fake does not run the stopping script; with no confirmation printed, the
    message does not claim the command was stopped."""
    message, _ = _timed_out(tmp_path, dialect, [HANG])
    assert "may still be running in the container" in message
    assert "was stopped" not in message
