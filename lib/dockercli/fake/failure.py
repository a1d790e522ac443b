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
