"""Fault injection with FAKE_DOCKER_FAULTS: unreachable daemon, exits, hangs, mangled output."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import Fake, recorded
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import Fake, recorded

BASE = "dcli-rec-base:latest"


@pytest.mark.parametrize("dialect", ["docker-28", "docker-20.10", "podman"])
def test_daemon_down_matches_the_recording(fake: Fake, dialect: str) -> None:
    """``down`` prints the client's exact unreachable message (docker exit 1, podman 125)."""
    fake = fake.with_dialect(dialect)
    rec = recorded(dialect, "err-daemon-down")
    done = fake.run(*rec["argv"], env={**rec["env"], "FAKE_DOCKER_FAULTS": "down"})
    assert (done.returncode, done.stderr.decode()) == (rec["exit_code"], rec["stderr"])


def test_daemon_down_for_one_command(fake: Fake) -> None:
    """A rule can target one command; the others keep working."""
    env = {"FAKE_DOCKER_FAULTS": "ps:down", "DOCKER_HOST": "tcp://10.0.0.9:2375"}
    done = fake.run("ps", env=env)
    assert done.returncode == 1
    assert (
        done.stderr == b"Cannot connect to the Docker daemon at tcp://10.0.0.9:2375. "
        b"Is the docker daemon running?\n"
    )
    assert fake.run("images", env=env).returncode == 0


def test_version_when_down_still_prints_the_client(fake: Fake) -> None:
    """``version`` with the daemon down prints the client part, ``"Server":null`` and exits 1."""
    done = fake.run("version", "--format", "{{json .}}", env={"FAKE_DOCKER_FAULTS": "down"})
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc["Server"] is None
    assert doc["Client"]["Version"] == "28.2.2"


def test_info_when_down_in_docker_20(fake: Fake) -> None:
    """docker 20.10's ``info --format json`` reports ServerErrors and exits 0 when down."""
    done = fake.with_dialect("docker-20.10").run(
        "info", "--format", "{{json .}}", env={"FAKE_DOCKER_FAULTS": "down"}
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["ServerErrors"][0].startswith(
        "Cannot connect to the Docker daemon"
    )


def test_exit_fault(fake: Fake) -> None:
    """``exit`` replaces the command with the given code, stdout and stderr."""
    faults = json.dumps(
        [{"cmd": "run", "action": "exit", "code": 125, "stderr": "boom\n", "stdout": "x"}]
    )
    done = fake.run("run", "-d", BASE, env={"FAKE_DOCKER_FAULTS": faults})
    assert (done.returncode, done.stdout, done.stderr) == (125, b"x", b"boom\n")


def test_exit_fault_text_form_with_match_and_times(fake: Fake) -> None:
    """Text rules: ``match`` narrows by argument, ``times`` limits to the first N calls."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "a", BASE)
    faults = r"cmd=inspect,match=a,action=exit,code=1,stderr=Error: flaky\n,times=2"
    env = {"FAKE_DOCKER_FAULTS": faults}
    codes = [fake.run("inspect", "a", env=env).returncode for _ in range(3)]
    assert codes == [1, 1, 0]
    assert fake.run("inspect", BASE, env=env).returncode == 0


def test_hang_then_continue_or_exit(fake: Fake) -> None:
    """``hang`` sleeps, then runs the command or exits with the given code."""
    started = time.monotonic()
    done = fake.run("ps", "-q", env={"FAKE_DOCKER_FAULTS": "cmd=ps,action=hang,seconds=0.4"})
    assert done.returncode == 0
    assert time.monotonic() - started >= 0.4
    done = fake.run(
        "ps", env={"FAKE_DOCKER_FAULTS": "cmd=ps,action=hang,seconds=0.1,then=exit,code=124"}
    )
    assert done.returncode == 124


def test_hang_until_killed(fake: Fake) -> None:
    """A long hang is ended by the caller's timeout (the runner must kill it)."""
    import subprocess

    with pytest.raises(subprocess.TimeoutExpired):
        fake.run("version", env={"FAKE_DOCKER_FAULTS": "version:hang"}, timeout=0.5)


def test_garbage_output(fake: Fake) -> None:
    """``garbage`` replaces stdout with something that is not JSON."""
    done = fake.run("version", "--format", "{{json .}}", env={"FAKE_DOCKER_FAULTS": "garbage"})
    assert done.returncode == 0
    with pytest.raises(ValueError, match="Expecting value"):
        json.loads(done.stdout)


def test_truncated_json(fake: Fake) -> None:
    """``truncate`` cuts stdout (half by default, or ``bytes``)."""
    full = fake.ok("version", "--format", "{{json .}}")
    half = fake.run(
        "version", "--format", "{{json .}}", env={"FAKE_DOCKER_FAULTS": "truncate"}
    ).stdout
    assert half == full.encode()[: len(full) // 2]
    ten = fake.run(
        "version",
        "--format",
        "{{json .}}",
        env={"FAKE_DOCKER_FAULTS": "cmd=*,action=truncate,bytes=10"},
    )
    assert ten.stdout == full.encode()[:10]


def test_bad_utf8(fake: Fake) -> None:
    """``bad-utf8`` puts bytes into stdout that do not decode as UTF-8."""
    done = fake.run(
        "version", "--format", "{{.Client.Version}}", env={"FAKE_DOCKER_FAULTS": "bad-utf8"}
    )
    with pytest.raises(UnicodeDecodeError):
        done.stdout.decode()


def test_slow_output(fake: Fake) -> None:
    """``slow`` delays every output line."""
    fake.base_image()
    for name in ("a", "b", "c"):
        fake.ok("create", "--name", name, BASE)
    started = time.monotonic()
    done = fake.run("ps", "-aq", env={"FAKE_DOCKER_FAULTS": "cmd=ps,action=slow,seconds=0.2"})
    assert len(done.stdout.splitlines()) == 3
    assert time.monotonic() - started >= 0.6


def test_malformed_faults_are_rejected(fake: Fake) -> None:
    """An unknown action in FAKE_DOCKER_FAULTS fails loudly (exit 125)."""
    done = fake.run("ps", env={"FAKE_DOCKER_FAULTS": "ps:explode"})
    assert done.returncode == 125
    assert b"unknown action 'explode'" in done.stderr
