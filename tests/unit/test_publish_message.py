"""A refused ``publish`` value is shown once, with the part that is wrong."""

from __future__ import annotations

import pytest

from dockercli import InvalidOptionError, RunOptions
from dockercli.cli import main


@pytest.mark.parametrize(
    ("spec", "part"),
    [
        ("70000", "'container_port'"),
        ("8080:70000", "'container_port'"),
        ("127.0.0.1:70000:80", "'host_port'"),
        ("8080/bogus", "'protocol'"),
    ],
)
def test_a_bad_publish_part_is_named_and_the_value_shown_once(spec: str, part: str) -> None:
    """The error names the bad part of the spec and ends with the spec, given once."""
    with pytest.raises(InvalidOptionError) as caught:
        RunOptions(image="busybox", publish=[spec])
    message = str(caught.value)
    assert message.startswith(f"'publish' is invalid: {part} must be ")
    assert message.count("(got ") == 1
    assert message.endswith(f"(got {spec!r})")


def test_the_command_line_shows_the_port_once(capsys: pytest.CaptureFixture[str]) -> None:
    """``dockercli argv run -p 70000`` exits 2 with one "(got '70000')"."""
    assert main(["argv", "run", "-p", "70000", "busybox"]) == 2
    assert capsys.readouterr().err == (
        "dockercli: 'publish' is invalid: 'container_port' must be a port number 1-65535"
        " (got '70000')\n"
    )
