"""Shell-quoted, secret-free rendering of an argv for logs and messages."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from dockercli._lazy_re import LazyPattern

# dockercli never puts a value after these flags (it passes names only), but users can
# hand raw argv to Docker.command(); redact KEY=VALUE there too, as defence in depth.
_VALUED = LazyPattern(r"^(--env|-e|--build-arg|--secret)(=|$)")


def _redact(args: Sequence[str]) -> list[str]:
    out: list[str] = []
    pending = False
    for arg in args:
        if pending:
            out.append(_mask(arg))
            pending = False
            continue
        match = _VALUED.match(arg)
        if match and match.group(2) == "=":
            flag, _, value = arg.partition("=")
            out.append(f"{flag}={_mask(value)}")
        else:
            out.append(arg)
            pending = bool(match)
    return out


def _mask(assignment: str) -> str:
    name, eq, _ = assignment.partition("=")
    return f"{name}=***" if eq else assignment


def shell_line(argv: Sequence[str]) -> str:
    """The command as one shell-quoted line, with any KEY=VALUE secret masked."""
    return shlex.join(_redact(argv))
