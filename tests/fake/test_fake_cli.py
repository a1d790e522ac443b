"""The fake as a program: call log, secrets masking, flag spellings, launcher, --install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, REPO, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, REPO, Fake

BASE = "dcli-rec-base:latest"


def test_call_log_records_every_invocation(fake: Fake) -> None:
    """Each call appends argv, referenced env names and the exit code to calls.jsonl."""
    fake.run("ps", "-q")
    fake.run("inspect", "nosuch")
    calls = fake.calls()
    assert calls == [
        {"argv": ["docker", "ps", "-q"], "env_names": [], "exit_code": 0},
        {"argv": ["docker", "inspect", "nosuch"], "env_names": [], "exit_code": 1},
    ]


def test_call_log_never_holds_env_values(fake: Fake) -> None:
    """``--env``/``-e``/``--build-arg`` values are masked; value-less names are listed."""
    fake.base_image()
    fake.run(
        "run",
        "-d",
        "--env=PASSWORD=hunter2",
        "-e",
        "TOKEN=abc",
        "-eKEY=xyz",
        "--env",
        "FROM_ENV",
        BASE,
        env={"FROM_ENV": "also-secret"},
    )
    fake.run("build", "-q", "--build-arg", "ARG1=v1", "--build-arg=ARG2", str(fake.context()))
    text = (fake.state_dir / "calls.jsonl").read_text()
    for secret in ("hunter2", "abc", "xyz", "also-secret", "v1"):
        assert secret not in text
    run, build = [c for c in fake.calls() if c["argv"][1] in ("run", "build")][-2:]
    assert run["argv"][3:7] == ["--env=PASSWORD=***", "-e", "TOKEN=***", "-eKEY=***"]
    assert run["env_names"] == ["FROM_ENV"]
    assert build["env_names"] == ["ARG2"]
    assert "ARG1=***" in build["argv"]


def test_call_log_path_from_env(fake: Fake) -> None:
    """FAKE_DOCKER_CALL_LOG moves the log; failures (unknown flag) are logged too."""
    log = fake.root / "elsewhere" / "calls.jsonl"
    fake.run("ps", "--nope", env={"FAKE_DOCKER_CALL_LOG": str(log)})
    assert json.loads(log.read_text()) == {
        "argv": ["docker", "ps", "--nope"],
        "env_names": [],
        "exit_code": 125,
    }


def test_both_flag_spellings_are_equivalent(fake: Fake) -> None:
    """``--name value`` and ``--name=value``, ``-p 80`` and ``-p80``, clusters like ``-dit``."""
    fake.base_image()
    fake.ok("run", "--detach", "--name", "one", "--label", "k=v", "--publish", "8080", BASE)
    fake.ok("run", "--detach=true", "--name=two", "--label=k=v", "--publish=8080", BASE)
    fake.ok("run", "-dit", "--name", "three", "-lk=v", "-p8080", BASE)
    docs = json.loads(fake.ok("inspect", "one", "two", "three"))
    assert {d["Config"]["Labels"]["k"] for d in docs} == {"v"}
    assert all(
        d["HostConfig"]["PortBindings"] == {"8080/tcp": [{"HostIp": "", "HostPort": ""}]}
        for d in docs
    )
    assert docs[2]["Config"]["Tty"]
    assert docs[2]["Config"]["OpenStdin"]


def test_double_dash_and_command_flags_after_the_image(fake: Fake) -> None:
    """Flags after the image belong to the container command, as in docker."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "c", BASE, "sh", "-c", "sleep 5", "--rm")
    assert json.loads(fake.ok("inspect", "--format", "{{json .Args}}", "c")) == [
        "-c",
        "sleep 5",
        "--rm",
    ]
    assert fake.ok("rm", "-f", "--", "c") == "c\n"


def test_launcher_honours_fake_docker_python(fake: Fake) -> None:
    """``$FAKE_DOCKER_PYTHON`` chooses the interpreter that runs the fake."""
    done = fake.run(
        "version", "--format", "{{.Client.Version}}", env={"FAKE_DOCKER_PYTHON": sys.executable}
    )
    assert done.stdout == b"28.2.2\n"
    done = fake.run("ps", env={"FAKE_DOCKER_PYTHON": "/nonexistent/python"})
    assert done.returncode != 0


def test_runs_from_a_relative_path(fake: Fake) -> None:
    """The launcher finds the packaged code when invoked by a relative path."""
    done = subprocess.run(
        ["fakes/docker", "version", "--format", "{{.Client.Version}}"],
        cwd=REPO,
        capture_output=True,
        env=fake.env,
        check=False,
    )
    assert done.stdout == b"28.2.2\n"


def test_install_writes_a_working_launcher(fake: Fake, tmp_path: Path) -> None:
    """``python -m dockercli.fake --install DIR`` writes an executable ``docker`` into DIR."""
    target = tmp_path / "bin"
    done = subprocess.run(
        [sys.executable, "-m", "dockercli.fake", "--install", str(target)],
        capture_output=True,
        check=True,
        text=True,
    )
    launcher = target / "docker"
    assert done.stdout.strip() == str(launcher)
    assert os.access(launcher, os.X_OK)
    text = launcher.read_text()
    assert sys.executable in text
    assert str(REPO / "lib" / "dockercli" / "fake" / "cli.py") in text
    out = subprocess.run(
        ["docker", "version", "--format", "{{.Client.Version}}"],
        capture_output=True,
        env={**fake.env, "PATH": f"{target}:/usr/bin:/bin"},
        cwd="/",
        check=True,
    )
    assert out.stdout == b"28.2.2\n"


def test_state_survives_between_calls_and_defaults_per_user(tmp_path: Path) -> None:
    """Without FAKE_DOCKER_STATE the state lives in $XDG_RUNTIME_DIR/fake-docker-$UID."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKE_DOCKER_", "DOCKER_"))}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    subprocess.run([str(FAKE), "ps"], env=env, check=True, capture_output=True)
    assert (tmp_path / f"fake-docker-{os.getuid()}" / "calls.jsonl").exists()


def test_one_invocation_is_fast(fake: Fake) -> None:
    """A read-only call costs tens of milliseconds (a real ``docker inspect`` costs ~20 ms)."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", BASE)
    times = []
    for _ in range(15):
        started = time.perf_counter()
        fake.run("inspect", "web")
        times.append(time.perf_counter() - started)
    assert sorted(times)[len(times) // 2] < 0.15
