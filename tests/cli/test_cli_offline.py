"""The command line without an engine: argv printing, doctor on a dead endpoint, bad input."""

from __future__ import annotations

import argparse
import json
import shutil
from typing import Any

import attrs
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
    "volumes": "/src:/dst:ro,z",
    "labels": "team=a",
    "name": "web-1",
    "network": "host",
    "user": "1000",
    "workdir": "/srv",
    "entrypoint": "sh",
    "env_files": "app.env",
    "tmpfs": "/run",
    "volumes_from": "data:ro",
    "links": "db:database",
    "network_aliases": "web",
    "hostname": "box",
    "restart": "on-failure:3",
    "ulimits": "nofile=1024:2048",
    "memory": "512m",
    "cpus": "0.5",
    "health_cmd": "true",
    "health_interval": "30s",
    "health_timeout": "5s",
    "health_start_period": "1m",
    "health_retries": "3",
    "cap_add": "NET_ADMIN",
    "cap_drop": "MKNOD",
    "extra_hosts": "db.local:10.0.0.2",
    "pull": "never",
    "cidfile": "/tmp/cid",
    "tags": "app:1",
    "dockerfile": "Dockerfile.dev",
    "build_args": "V=2",
    "target": "prod",
    "platform": "linux/amd64",
    "memory_swap": "-1",
    "memory_reservation": "256m",
    "shm_size": "128m",
    "cpu_shares": "512",
    "cpuset_cpus": "0-1",
    "blkio_weight": "300",
    "pids_limit": "100",
    "oom_score_adj": "-500",
    "security_opt": "no-new-privileges",
    "devices": "/dev/fuse",
    "gpus": "all",
    "sysctls": "net.core.somaxconn=1024",
    "group_add": "audio",
    "pid": "host",
    "ipc": "shareable",
    "userns": "host",
    "cgroupns": "private",
    "runtime": "runc",
    "isolation": "default",
    "storage_opt": "size=1G",
    "log_driver": "local",
    "log_opts": "max-size=10m",
    "stop_signal": "SIGINT",
    "stop_timeout": "30",
    "ip": "10.1.0.5",
    "mac_address": "02:42:ac:11:00:02",
    "dns": "1.1.1.1",
    "dns_search": "example.com",
    "dns_options": "ndots:2",
    "expose": "9000",
}
_INTS = ("health_retries", "cpu_shares", "blkio_weight", "pids_limit", "oom_score_adj")
# what the option field gets from the sample (the command line converts these to int)
_VALUES: dict[str, Any] = {
    name: int(_SAMPLES[name]) for name in (*_INTS, "stop_timeout")
}  # what the option field gets from the sample


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
    """``argv run`` offers every RunOptions field with a flag but --detach, --interactive,
    --tty (the command line's runs detach and follow logs) and --mount (typed objects),
    and docker's shorts."""
    offered = {what: {s for w, _, s in _flag_cases() if w == what} for what in ("run", "build")}
    assert {f for w, f, _ in _flag_cases() if w == "run"} == {
        field.name
        for field in attrs.fields(RunOptions)
        if field.name not in ("image", "command", "detach", "interactive", "tty", "mounts")
    }
    assert {"-p", "-e", "-v", "-l", "-u", "-w", "--rm", "--cpus", "--health-interval"} <= offered[
        "run"
    ]
    assert not {"--detach", "--interactive", "--tty"} & offered["run"]
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
    value: Any = True if takes == "switch" else _VALUES.get(field, sample)
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


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """``parser`` and every subcommand's parser under it."""
    found = [parser]
    for action in parser._actions:  # argparse keeps subparsers there, nowhere public
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _parsers(child)
    return found


def test_help_is_plain_text() -> None:
    """No --help page shows reStructuredText markup (double backticks, :class: roles)."""
    pages = [p.format_help() for p in _parsers(cli.parser())]
    assert len(pages) >= 7
    for page in pages:
        assert "``" not in page
        assert ":class:" not in page


def test_run_offers_the_container_flags_and_the_build_flags() -> None:
    """`run DIR` takes every container flag (but --pull, which is the build's) and --ready-port."""
    run = next(
        p
        for p in _parsers(cli.parser())
        if p.prog.endswith(" run") and "dir" in {a.dest for a in p._actions}
    )
    dests = {a.dest for a in run._actions}
    assert set(cli._RUN_FIELDS) - {"pull"} <= dests
    assert {"tags", "dockerfile", "build_args", "pull", "platform", "ready_port"} <= dests
    pull = next(a for a in run._actions if a.dest == "pull")
    assert pull.nargs == 0  # the build's --pull switch, not the container's --pull=POLICY


def test_every_offered_flag_has_help() -> None:
    """Each option flag of run, argv run and argv build has a help text."""
    pages = [p for p in _parsers(cli.parser()) if p.prog.split()[1:2] in (["run"], ["argv"])]
    assert len(pages) == 4
    for page in pages:
        for action in page._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, (page.prog, action.option_strings)
