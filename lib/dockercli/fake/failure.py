"""How a command of the fake stops: the bottom of its imports, below store and dialect."""

from __future__ import annotations


class FakeError(Exception):
    """Stop the command: print ``stderr``, exit with ``code`` (stdout printed so far stays)."""

    def __init__(self, stderr: str, code: int = 1) -> None:
        super().__init__(stderr)
        self.stderr = stderr
        self.code = code


class NotModelled(FakeError):
    """The fake cannot do what was asked (exit 125): not an error docker would report."""


def not_modelled(what: str) -> NotModelled:
    """A real docker command or option that the fake does not implement: exit 125."""
    return NotModelled(
        f"fake docker: {what} is not modelled by the fake"
        ' (see dockercli\'s README section "The fake docker binary and its fixtures")\n',
        125,
    )
