"""What one finished CLI call produced."""

from __future__ import annotations

from collections.abc import Iterable

import attrs


def _as_tuple(argv: Iterable[str]) -> tuple[str, ...]:
    return tuple(argv)


@attrs.frozen
class Completed:
    """One finished docker invocation.

    Attributes:
        argv: The exact argument list that was executed (never holds a secret value:
            env and build-arg values travel in the child's environment).
        returncode: The process exit status.
        stdout: Standard output, decoded as UTF-8 with replacement ("" for a call that
            asked for its output as bytes).
        stderr: Standard error, kept apart from stdout so errors can be classified.
        stdout_bytes: Standard output as it came, for a call that asked for bytes (a tar
            stream of ``docker cp``); else empty.
    """

    argv: tuple[str, ...] = attrs.field(converter=_as_tuple)
    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = attrs.field(default=b"", repr=False, eq=False)

    @property
    def ok(self) -> bool:
        """True when the command exited with status 0."""
        return self.returncode == 0
