"""Scripted containers: logs, logs -f, wait, exec and health, via labels or env vars."""

from __future__ import annotations

import subprocess
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

BASE = "dcli-rec-base:latest"


def test_logs_from_label(any_fake: Fake) -> None:
    r"""``logs`` prints ``fake.logs`` (``\n`` escapes allowed); ``fake.stderr`` goes to stderr."""
    any_fake.base_image()
    any_fake.ok(
        "run",
        "-d",
        "--name",
        "app",
        "-l",
        r"fake.logs=ready\nserving",
        "-l",
        "fake.stderr=warn",
        BASE,
    )
    done = any_fake.run("logs", "app")
    assert (done.stdout, done.stderr) == (b"ready\nserving", b"warn")


def test_logs_from_env_and_command(fake: Fake) -> None:
    """``FAKE_LOGS`` in the container env works like the label; else the command's own output."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "env", "-e", r"FAKE_LOGS=one\ntwo\n", BASE)
    assert fake.ok("logs", "env") == "one\ntwo\n"
    fake.ok("run", "--name", "cmd", BASE, "sh", "-c", "echo from command")
    assert fake.ok("logs", "cmd") == "from command\n"


def test_logs_tail_and_timestamps(fake: Fake) -> None:
    """``--tail`` keeps the last lines; ``--timestamps`` prefixes RFC3339 times."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "app", "-l", r"fake.logs=a\nb\nc\n", BASE)
    assert fake.ok("logs", "--tail", "2", "app") == "b\nc\n"
    assert fake.ok("logs", "-n", "0", "app") == ""
    stamped = fake.ok("logs", "--timestamps", "--tail=1", "app")
    assert stamped.endswith("Z c\n")
    assert stamped[:4].isdigit()


def test_log_interval_paces_lines(fake: Fake) -> None:
    """With ``fake.log_interval`` lines appear over time; logs shows only those due."""
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        "--name",
        "slow",
        "-l",
        r"fake.logs=1\n2\n3\n",
        "-l",
        "fake.log_interval=0.4",
        BASE,
    )
    assert fake.ok("logs", "slow") == "1\n"
    time.sleep(0.5)
    assert fake.ok("logs", "slow") == "1\n2\n"


def test_logs_follow_ends_when_the_container_exits(fake: Fake) -> None:
    """``logs -f`` streams lines as they come and ends when the scripted exit is reached."""
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        "--name",
        "job",
        "-l",
        r"fake.logs=start\nmiddle\nend\n",
        "-l",
        "fake.log_interval=0.3",
        "-l",
        "fake.exit_after=1",
        "-l",
        "fake.exit_code=2",
        BASE,
    )
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(FAKE), "logs", "--follow", "job"], stdout=subprocess.PIPE, env=fake.env
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first == b"start\n"
    rest = proc.stdout.read()
    assert proc.wait(timeout=10) == 0
    assert rest == b"middle\nend\n"
    assert 0.8 < time.monotonic() - started < 5


def test_logs_follow_ends_on_stop(fake: Fake) -> None:
    """``logs -f`` of a long-running container returns once someone stops it."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "srv", "-l", "fake.logs=up", BASE)
    proc = subprocess.Popen([str(FAKE), "logs", "-f", "srv"], stdout=subprocess.PIPE, env=fake.env)
    time.sleep(0.3)
    assert proc.poll() is None
    fake.ok("stop", "srv")
    assert proc.wait(timeout=5) == 0


def test_wait_returns_the_scripted_code(any_fake: Fake) -> None:
    """``wait`` blocks until ``fake.exit_after`` and prints ``fake.exit_code``."""
    any_fake.base_image()
    any_fake.ok(
        "run", "-d", "--name", "j", "-l", "fake.exit_after=0.5", "-l", "fake.exit_code=7", BASE
    )
    started = time.monotonic()
    assert any_fake.ok("wait", "j") == "7\n"
    assert time.monotonic() - started > 0.3
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "j") == "exited\n"


def test_detached_finite_command_exits_by_itself(fake: Fake) -> None:
    """A detached ``sh -c 'sleep 0.3; exit 5'`` exits on its own after 0.3 s with 5."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "s", BASE, "sh", "-c", "sleep 0.3; exit 5")
    assert fake.ok("inspect", "--format", "{{.State.Running}}", "s") == "true\n"
    assert fake.ok("wait", "s") == "5\n"


def test_attached_run_waits_for_exit_after(fake: Fake) -> None:
    """A non-detached run with ``fake.exit_after`` takes that long and returns the code."""
    fake.base_image()
    started = time.monotonic()
    done = fake.run(
        "run", "-l", "fake.exit_after=0.5", "-l", "fake.exit_code=3", "-l", "fake.logs=x\n", BASE
    )
    assert done.returncode == 3
    assert done.stdout == b"x\n"
    assert time.monotonic() - started >= 0.45


def test_exec_outputs(any_fake: Fake) -> None:
    """exec: ``fake.exec.<program>`` first, then known shell commands, then ``fake.exec_output``."""
    any_fake.base_image()
    any_fake.ok(
        "run",
        "-d",
        "--name",
        "e",
        "-l",
        r"fake.exec.cat=file body\n",
        "-l",
        "fake.exec_output=generic",
        "-l",
        "fake.exec_exit_code=0",
        BASE,
    )
    assert any_fake.ok("exec", "e", "cat", "/etc/hostname") == "file body\n"
    assert any_fake.ok("exec", "e", "sh", "-c", "echo $GREETING there", "--") == "there\n"
    assert any_fake.ok("exec", "-e", "GREETING=hi", "e", "sh", "-c", "echo $GREETING") == "hi\n"
    assert any_fake.ok("exec", "e", "ls", "/") == "generic"
    assert any_fake.run("exec", "e", "sh", "-c", "exit 3").returncode == 3
    assert any_fake.ok("exec", "-d", "e", "sleep", "10") == ""


def test_exec_scripting_via_env(fake: Fake) -> None:
    """``FAKE_EXEC_<PROGRAM>`` in the container env scripts exec like the label."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "e", "-e", "FAKE_EXEC_PG_ISREADY=accepting connections", BASE)
    assert fake.ok("exec", "e", "pg_isready") == "accepting connections"


@pytest.mark.parametrize(
    ("script", "status"), [([], "healthy"), (["-l", "fake.health=unhealthy"], "unhealthy")]
)
def test_health_after_interval(fake: Fake, script: list[str], status: str) -> None:
    """A health cmd reports ``starting`` until its interval passes, then the scripted status."""
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        "--name",
        "h",
        "--health-cmd",
        "true",
        "--health-interval",
        "300ms",
        "--health-retries",
        "1",
        *script,
        BASE,
    )
    assert fake.ok("inspect", "--format", "{{.State.Health.Status}}", "h") == "starting\n"
    assert "(health: starting)" in fake.ok("ps", "--format", "{{.Status}}")
    time.sleep(0.4)
    assert fake.ok("inspect", "--format", "{{.State.Health.Status}}", "h") == status + "\n"
    assert f"({status})" in fake.ok("ps", "--format", "{{.Status}}")


def test_failing_health_cmd_is_unhealthy(fake: Fake) -> None:
    """A health cmd the fake can interpret (``exit 1``) decides the status."""
    fake.base_image()
    fake.ok(
        "run",
        "-d",
        "--name",
        "h",
        "--health-cmd",
        "exit 1",
        "--health-interval",
        "100ms",
        "--health-retries",
        "2",
        BASE,
    )
    time.sleep(0.35)
    status, streak = fake.ok(
        "inspect", "--format", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", "h"
    ).split()
    assert status == "unhealthy"
    assert int(streak) >= 2


def test_start_error_scripting(any_fake: Fake) -> None:
    """``fake.start_error=not-found`` makes run fail like a missing binary (exit 127)."""
    any_fake.base_image()
    done = any_fake.run("run", "-l", "fake.start_error=not-found", BASE)
    assert done.returncode == 127
    assert b'exec: "httpd": stat httpd: no such file or directory' in done.stderr
