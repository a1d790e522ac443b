"""The command line without an engine: argv printing, doctor on a dead endpoint, bad input."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from dockercli import cli
from dockercli._argv import ENV_FILE_ARG, render
from dockercli._flags import Flag
from dockercli._shell import shell_line
from dockercli.cli import main
from dockercli.options import BuildOptions, RunOptions

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


# Sample values for each option field the command line offers, as a user would type them.
_SAMPLES = {
    "publish": "127.0.0.1::8080",
    "env": "A=1",
    "volumes": "/src:/dst:ro",
    "labels": "team=a",
    "name": "web-1",
    "network": "host",
    "user": "1000",
    "workdir": "/srv",
    "entrypoint": "sh",
    "tags": "app:1",
    "dockerfile": "Dockerfile.dev",
    "build_args": "V=2",
    "target": "prod",
    "platform": "linux/amd64",
}


def _flag_cases() -> list[tuple[str, str, str]]:
    """(subcommand, field, spelling) for every flag spelling ``argv run/build`` offer."""
    cases = []
    for what, names in (("run", cli._RUN_FIELDS), ("build", cli._BUILD_FIELDS)):
        for name in names:
            rule = _rule(what, name)
            cases += [(what, name, s) for s in (rule.short, rule.name) if s]
    return cases


def _rule(what: str, field: str) -> Flag:
    return cli._rule(RunOptions if what == "run" else BuildOptions, field)


def test_cli_offers_docker_spellings_of_its_flags() -> None:
    """``run`` and ``build`` accept exactly these docker flag spellings, short forms included."""
    offered = {what: {s for w, _, s in _flag_cases() if w == what} for what in ("run", "build")}
    assert offered["run"] == {
        *("-p", "--publish", "-e", "--env", "-v", "--volume", "-l", "--label", "--name"),
        *("--network", "-u", "--user", "-w", "--workdir", "--entrypoint", "--rm"),
    }
    assert offered["build"] == {
        *("-t", "--tag", "-f", "--file", "--build-arg", "--label", "--target", "--no-cache"),
        *("--pull", "--platform"),
    }


@pytest.mark.parametrize(("what", "field", "spelling"), _flag_cases())
def test_each_cli_flag_renders_its_options_field(
    capsys: pytest.CaptureFixture[str], what: str, field: str, spelling: str
) -> None:
    """Each command-line flag (long or docker's short form) renders what its option field does."""
    takes = _rule(what, field).takes
    sample = _SAMPLES.get(field, "")
    value: Any = True if takes == "switch" else sample
    if takes == "many":
        value = [sample]
    elif takes == "pairs":
        value = dict([sample.split("=", 1)])
    given = [spelling] if takes == "switch" else [spelling, sample]
    if what == "run":
        assert main(["argv", "run", *given, "img"]) == 0
        expected = ("run", "--detach", *render(RunOptions(image="img", **{field: value})).args)
    else:
        assert main(["argv", "build", *given, "ctx"]) == 0
        expected = ("build", *render(BuildOptions(context="ctx", **{field: value})).args)
    shown = ["--env-file=<temporary 0600 file>" if a == ENV_FILE_ARG else a for a in expected]
    assert capsys.readouterr().out.splitlines()[0] == shell_line(["docker", *shown])
