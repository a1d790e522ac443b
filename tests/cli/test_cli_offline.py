"""The command line without an engine: argv printing, doctor on a dead endpoint, bad input."""

from __future__ import annotations

import json
import shutil

import pytest

from dockercli.cli import main

DEAD = "unix:///tmp/dockercli-no-such-engine.sock"
needs_docker = pytest.mark.skipif(
    shutil.which("docker") is None, reason="no docker client installed"
)


def test_argv_run_prints_the_exact_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`argv run` prints the shell-quoted docker command with secret values left out."""
    status = main(
        [
            "argv",
            "run",
            "-p",
            "8080",
            "-e",
            "TOKEN=s3cr3t",
            "--name",
            "web",
            "busybox",
            "sh",
            "-c",
            "echo hi",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    first = out.splitlines()[0]
    assert (
        first
        == "docker run --detach --name=web --publish=8080/tcp --env=TOKEN busybox sh -c 'echo hi'"
    )
    assert "s3cr3t" not in out
    assert "# TOKEN: value passed through the docker CLI's environment, not argv" in out


def test_argv_build_marks_the_env_file(capsys: pytest.CaptureFixture[str]) -> None:
    """`argv build` shows build args by name and the global flags first."""
    status = main(
        ["-H", "tcp://10.0.0.1:2376", "argv", "build", "-t", "app:1", "--build-arg", "V=1", "ctx"]
    )
    assert status == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "docker --host=tcp://10.0.0.1:2376 build --tag=app:1 --build-arg=V --force-rm ctx"
    )


def test_argv_rejects_a_flag_like_image(capsys: pytest.CaptureFixture[str]) -> None:
    """A value docker would read as a flag is refused with exit 2 and the field named."""
    status = main(["argv", "run", "--name=-rm", "busybox"])
    assert status == 2
    assert "'name'" in capsys.readouterr().err


@needs_docker
def test_doctor_on_a_dead_host_fails_naming_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """doctor with a dead DOCKER_HOST prints a FAIL line naming DOCKER_HOST and exits 1."""
    monkeypatch.setenv("DOCKER_HOST", DEAD)
    monkeypatch.delenv("DOCKER_CONTEXT", raising=False)
    status = main(["doctor"])
    out = capsys.readouterr().out
    assert status == 1
    fail = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert fail
    assert "engine" in fail[0]
    assert f"DOCKER_HOST={DEAD}" in out


@needs_docker
def test_doctor_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """doctor --json prints the checks as a list of objects with ok flags."""
    monkeypatch.setenv("DOCKER_HOST", DEAD)
    assert main(["doctor", "--json"]) == 1
    checks = json.loads(capsys.readouterr().out)
    assert {c["name"] for c in checks} >= {"binary", "endpoint", "engine"}
    assert [c["ok"] for c in checks if c["name"] == "engine"] == [False]


def test_doctor_without_a_binary(capsys: pytest.CaptureFixture[str]) -> None:
    """doctor with a binary that does not exist says so and exits 1."""
    assert main(["--binary", "no-such-docker-xyz", "doctor"]) == 1
    assert "FAIL binary" in capsys.readouterr().out


def test_cleanup_refuses_to_match_everything(capsys: pytest.CaptureFixture[str]) -> None:
    """cleanup without --prefix, --label or --older-than refuses with exit 2."""
    assert main(["cleanup"]) == 2
    assert "refusing" in capsys.readouterr().err
