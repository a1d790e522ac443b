"""errors.failure: the one place a finished command becomes an error, rules by command path."""

from __future__ import annotations

import ast
from pathlib import Path

from dockercli import errors
from dockercli.result import Completed

LIB = Path(__file__).resolve().parents[2] / "lib" / "dockercli"
EXEC_FAILED = 'OCI runtime exec failed: exec failed: exec: "x": executable file not found in $PATH'


def _done(argv: tuple[str, ...], code: int, stdout: str = "", stderr: str = "") -> Completed:
    return Completed(("docker", *argv), code, stdout, stderr)


def test_a_status_outside_ok_codes_is_classified() -> None:
    """An exit outside ok_codes gives what classify gives; inside, with no rule, nothing."""
    done = _done(("rm", "c"), 1, stderr="Error: No such container: c\n")
    assert type(errors.failure(("rm",), done, (0,))) is errors.NoSuchContainerError
    assert errors.failure(("rm",), done, (0, 1)) is None
    assert errors.failure((), _done(("x",), 0), (0,)) is None


def test_exec_raises_dockers_own_failure_whatever_the_ok_codes() -> None:
    """exec's 126 with docker's text (on stdout) raises even when every status is accepted."""
    done = _done(("exec", "c", "x"), 126, stdout=EXEC_FAILED + "\n")
    error = errors.failure(("exec",), done, range(256))
    assert type(error) is errors.ContainerStartError
    assert error.message == EXEC_FAILED


def test_execs_own_status_is_the_commands() -> None:
    """An exec status that no wording explains is the command's own: no error when accepted."""
    done = _done(("exec", "c", "sh"), 127, stderr="sh: x: not found\n")
    assert errors.failure(("exec",), done, range(256)) is None
    assert type(errors.failure(("exec",), done, (0,))) is errors.DockerError


def test_an_exec_the_fake_refuses_raises_instead_of_passing_for_its_status() -> None:
    """The fake's own refusal of an exec (125, "fake docker: ...") is a NotModelledError
    with a hint, even where the command's own statuses are accepted."""
    said = "fake docker: cannot exec 'cat /x': the fake does not read files but those cp put in\n"
    done = _done(("exec", "c", "cat", "/x"), 125, stderr=said)
    error = errors.failure(("exec",), done, range(256))
    assert type(error) is errors.NotModelledError
    assert "fake.exec" in error.hint
    imitated = _done(("exec", "c", "x"), 125, stderr="Error: the program's own 125\n")
    assert errors.failure(("exec",), imitated, range(256)) is None


def test_an_attached_start_reads_dockers_last_lines() -> None:
    """start --attach raises when docker's last lines say the container could not start."""
    said = (
        "Error response from daemon: driver failed programming external connectivity on "
        "endpoint x: Bind for 127.0.0.1:8080 failed: port is already allocated\n"
    )
    failed = _done(("start", "--attach", "c"), 1, stderr="app: starting\n" + said)
    assert type(errors.failure(("start",), failed, range(256))) is errors.PortInUseError
    own = _done(("start", "--attach", "c"), 3, stderr="Error: the app's own words\n")
    assert errors.failure(("start",), own, range(256)) is None


def test_info_without_server_errors_is_fine() -> None:
    """info's rule passes a zero exit whose JSON has no (or empty) ServerErrors."""
    for stdout in ('{"ServerVersion": "28"}', '{"ServerErrors": []}', "not json"):
        assert errors.failure(("info",), _done(("info",), 0, stdout), (0,)) is None


def test_classify_is_called_only_from_errors() -> None:
    """No module of the library (the fake aside) calls classify: the runner raises what
    errors.failure makes of a finished command, so there is one failure path."""
    callers = []
    for path in sorted(LIB.rglob("*.py")):
        if "fake" in path.relative_to(LIB).parts or path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "classify":
                    callers.append(f"{path.name}:{node.lineno}")
    assert callers == []
