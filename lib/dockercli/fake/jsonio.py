"""JSON in and out without the ``json`` package (it imports ``re``: ~10 ms per start).

``loads`` uses the C scanner from ``_json``; ``dumps`` writes JSON the way Go's
``encoding/json`` does, because that is what docker and podman print: ``<``, ``>``
and ``&`` escaped as ``\\u003c``..., non-ASCII kept, ``MarshalIndent`` layout.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, ClassVar

_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update(
    {
        ord('"'): '\\"',
        ord("\\"): "\\\\",
        ord("\n"): "\\n",
        ord("\r"): "\\r",
        ord("\t"): "\\t",
        ord("<"): "\\u003c",
        ord(">"): "\\u003e",
        ord("&"): "\\u0026",
        0x2028: "\\u2028",
        0x2029: "\\u2029",
    }
)


class EmptyStruct:
    """A Go struct whose fields are all omitted: podman prints it as ``{`` blank line ``}``."""


EMPTY_STRUCT = EmptyStruct()


def quote(text: str) -> str:
    """A JSON string literal, escaped like Go's encoder."""
    return '"' + text.translate(_ESCAPES) + '"'


def dumps(value: Any, indent: str = "") -> str:
    """Go-style JSON: compact when ``indent`` is empty, else ``MarshalIndent`` layout."""
    parts: list[str] = []
    _write(value, indent, "\n", parts)
    return "".join(parts)


def _write(value: Any, indent: str, newline: str, out: list[str]) -> None:  # noqa: PLR0912 - one branch per case keeps the mapping readable
    if isinstance(value, str):
        out.append(quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, (int, float)):
        out.append(repr(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + indent if indent else ""
        out.append("{")
        first = True
        for key, item in value.items():
            out.append(inner if first else "," + inner)
            first = False
            out.append(quote(str(key)) + (": " if indent else ":"))
            _write(item, indent, inner, out)
        out.append(newline if indent else "")
        out.append("}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + indent if indent else ""
        out.append("[")
        for i, item in enumerate(value):
            out.append(inner if i == 0 else "," + inner)
            _write(item, indent, inner, out)
        out.append(newline if indent else "")
        out.append("]")
    elif isinstance(value, EmptyStruct):
        out.append("{" + newline + indent + newline + "}" if indent else "{}")
    else:
        raise TypeError(f"cannot encode {type(value).__name__}")


class _Context:
    """The attributes ``_json.make_scanner`` reads from a ``JSONDecoder``."""

    strict = False
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo: ClassVar[dict[str, str]] = {}  # the C scanner only reads it

    @staticmethod
    def parse_constant(name: str) -> float:
        return float(name.replace("Infinity", "inf"))


def _c_scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    try:
        from _json import make_scanner
    except ImportError:
        return None
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(_Context())  # type: ignore[arg-type]  # duck-typed decoder
    return scan


_SCAN = _c_scanner()
_BLANK = " \t\r\n"


def loads(text: str) -> Any:
    """Parse one JSON document; ValueError when it is not one."""
    if _SCAN is None:
        import json

        return json.loads(text)
    start = len(text) - len(text.lstrip(_BLANK))
    try:
        value, end = _SCAN(text, start)
    except StopIteration as exc:
        raise ValueError(f"invalid JSON at offset {exc.value}") from None
    if text[end:].strip(_BLANK):
        raise ValueError(f"extra data at offset {end}")
    return value
