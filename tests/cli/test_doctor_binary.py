"""doctor on a binary it cannot run: the advice names the setting that chose it and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockercli.cli import main


def _binary_check(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr().out
    assert out.startswith("FAIL binary")
    return out


def test_a_missing_path_in_dockercli_binary_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOCKERCLI_BINARY naming a missing path: doctor says that path does not exist."""
    missing = str(tmp_path / "no-such" / "docker")
    monkeypatch.setenv("DOCKERCLI_BINARY", missing)
    assert main(["doctor"]) == 1
    out = _binary_check(capsys)
    assert f"-> DOCKERCLI_BINARY={missing} does not exist: fix or unset DOCKERCLI_BINARY" in out
    assert "or set DOCKERCLI_BINARY" not in out


def test_a_file_that_is_not_executable_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOCKERCLI_BINARY naming a file without the execute bit: doctor says it is not executable."""
    plain = tmp_path / "docker"
    plain.write_text("#!/bin/sh\n")
    monkeypatch.setenv("DOCKERCLI_BINARY", str(plain))
    assert main(["doctor"]) == 1
    assert f"-> DOCKERCLI_BINARY={plain} is not an executable file" in _binary_check(capsys)


def test_a_name_not_on_path_in_dockercli_binary_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOCKERCLI_BINARY naming a command PATH lacks: doctor says it is not on PATH."""
    monkeypatch.setenv("DOCKERCLI_BINARY", "no-such-docker-xyz")
    assert main(["doctor"]) == 1
    out = _binary_check(capsys)
    assert "-> DOCKERCLI_BINARY=no-such-docker-xyz is not on PATH" in out


def test_a_missing_binary_flag_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--binary naming a missing path: doctor names that path, not DOCKERCLI_BINARY."""
    monkeypatch.delenv("DOCKERCLI_BINARY", raising=False)
    missing = str(tmp_path / "docker")
    assert main(["--binary", missing, "doctor"]) == 1
    out = _binary_check(capsys)
    assert f"-> {missing} does not exist" in out
    assert "DOCKERCLI_BINARY" not in out.partition("->")[2]


def test_no_docker_on_path_advises_installing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With nothing chosen and no docker on PATH, doctor says to install one or choose one."""
    monkeypatch.delenv("DOCKERCLI_BINARY", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["doctor"]) == 1
    assert "-> install the docker CLI or set DOCKERCLI_BINARY" in _binary_check(capsys)
