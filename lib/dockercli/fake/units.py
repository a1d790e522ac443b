"""Go's value parsers the flags share: durations (``time.ParseDuration``) and sizes (go-units)."""

from __future__ import annotations

from dockercli.fake import flags

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx


_DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


def duration_ns(c: Ctx, flag: str, text: str) -> int:
    """Go's time.ParseDuration (``1s``, ``1m30s``, ``500ms``); a flag error otherwise."""
    total = 0.0
    rest = text
    if rest in ("0", ""):
        return 0
    while rest:
        i = 0
        while i < len(rest) and (rest[i].isdigit() or rest[i] == "."):
            i += 1
        j = i
        while j < len(rest) and not (rest[j].isdigit() or rest[j] == "."):
            j += 1
        unit = rest[i:j]
        if i == 0 or unit not in _DURATION_UNITS:
            raise flags.bad_value(c.d, c.typed, flag, text, f'time: invalid duration "{text}"')
        total += float(rest[:i]) * _DURATION_UNITS[unit]
        rest = rest[j:]
    return int(total)


def size_bytes(c: Ctx, flag: str, text: str) -> int:
    """go-units RAMInBytes: ``512m``, ``1g``, ``1024``."""
    units = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
    body = (
        text.lower().removesuffix("b") if len(text) > 1 and text[-2:-1].isalpha() else text.lower()
    )
    i = 0
    while i < len(body) and (body[i].isdigit() or body[i] == "."):
        i += 1
    unit = body[i:]
    if i == 0 or unit not in units:
        raise flags.bad_value(c.d, c.typed, flag, text, f"invalid size: '{text}'")
    return int(float(body[:i]) * units[unit])
