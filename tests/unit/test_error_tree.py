"""The exception tree: one root, DockerError, with each class still the builtin it refines."""

from __future__ import annotations

import pytest

import dockercli
from dockercli import cli, parsers
from dockercli.errors import (
    DockerError,
    InvalidOptionError,
    NoPortMappingError,
    ParseError,
)
from dockercli.models import PortMapping

EXPORTED_ERRORS = [
    value
    for name in dockercli.__all__
    if isinstance(value := getattr(dockercli, name), type) and issubclass(value, BaseException)
]


def test_the_package_exports_its_exceptions() -> None:
    """The exported exception classes include the three that once had roots of their own."""
    assert {InvalidOptionError, ParseError, NoPortMappingError} <= set(EXPORTED_ERRORS)


@pytest.mark.parametrize("error", EXPORTED_ERRORS, ids=lambda cls: cls.__name__)
def test_every_exported_exception_is_a_docker_error(error: type[BaseException]) -> None:
    """Every exception class ``dockercli`` exports is a subclass of DockerError."""
    assert issubclass(error, DockerError)


def test_each_keeps_the_builtin_it_refines() -> None:
    """InvalidOptionError and ParseError are still ValueErrors, NoPortMappingError a LookupError."""
    assert issubclass(InvalidOptionError, ValueError)
    assert issubclass(ParseError, ValueError)
    assert issubclass(NoPortMappingError, LookupError)


def test_no_port_mapping_error_is_one_class_wherever_imported() -> None:
    """``dockercli.parsers.NoPortMappingError`` and ``dockercli.NoPortMappingError`` are it."""
    assert parsers.NoPortMappingError is NoPortMappingError
    assert dockercli.NoPortMappingError is NoPortMappingError


def test_errors_of_no_command_carry_empty_command_fields() -> None:
    """Raised without a command, they have an empty argv, output and hint, and str() is the
    message alone, as before they were DockerErrors."""
    mapping = PortMapping(80, "tcp", "0.0.0.0", 32768)
    errors = [
        (InvalidOptionError("'x' must be 1 (got 2)"), "'x' must be 1 (got 2)"),
        (InvalidOptionError(), ""),
        (ParseError("bad output", "{]"), "bad output: '{]'"),
        (ParseError("bad output"), "bad output"),
        (
            NoPortMappingError(8080, "tcp", "any", [mapping]),
            "no host port is published for port 8080/tcp; published: 80/tcp -> 0.0.0.0:32768",
        ),
    ]
    for error, text in errors:
        assert str(error) == error.message == text
        assert (error.argv, error.returncode, error.stdout, error.stderr) == ((), None, "", "")
        assert error.hint == ""


def test_cli_keeps_its_exit_codes_for_the_new_docker_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI still exits 2 on an InvalidOptionError and lets a ParseError or a
    NoPortMappingError out with its traceback, though all three are DockerErrors now."""

    def failing(error: Exception) -> object:
        def make(**_: object) -> object:
            raise error

        return make

    monkeypatch.setattr(cli, "Docker", failing(InvalidOptionError("'x' is bad (got 1)")))
    assert cli.main(["doctor"]) == 2
    assert capsys.readouterr().err == "dockercli: 'x' is bad (got 1)\n"
    for error in (ParseError("bad output", "{]"), NoPortMappingError(80, None, "any", [])):
        monkeypatch.setattr(cli, "Docker", failing(error))
        with pytest.raises(type(error)):
            cli.main(["doctor"])
    monkeypatch.setattr(cli, "Docker", failing(DockerError("docker failed")))
    assert cli.main(["doctor"]) == 1
    assert capsys.readouterr().err == "dockercli: docker failed\n"
