"""Reading the CLI's decoded JSON and its texts: typed access, times, ports and sizes.

What the model constructors in :mod:`dockercli.models` and the parsers in
:mod:`dockercli.parsers` share. Each function returns a value or raises
:class:`~dockercli.errors.ParseError` naming where the bad value was (``where``).
"""

from __future__ import annotations

import ipaddress
import math
import re
import reprlib
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from dockercli.errors import ParseError

_T = TypeVar("_T")
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, 120, 60
_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?"
    r" ?(Z|[+-]\d\d:?\d\d)?(?: [A-Z]{1,5})?(?: m=[+-][0-9.]+)?",
    re.ASCII | re.IGNORECASE,
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
ANY_IPV4 = "0.0.0.0"  # noqa: S104 - an address read from the CLI; nothing binds to it
_NEVER = ("0001-", "0000-")  # the years that mean "never" (Go's zero time is 0001-01-01)
_GO_ZERO_EPOCH = -62135596800  # 0001-01-01T00:00:00Z, Go's zero time, as Unix seconds
_HUMAN_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?) ?([kKMGTP]?i?B)")
_UNITS = {"B": 1, "kB": 1000, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4}
_UNITS.update({"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4, "PB": 1000**5})


def short(value: object) -> str:
    """``repr(value)`` cut to a readable length, for a ParseError's text."""
    return _SHORT.repr(value)


# -- typed access to decoded JSON ------------------------------------------------------------


def bad(where: str, expected: str, value: object) -> ParseError:
    """The error for a value of the wrong type at ``where`` (returned, for ``raise``)."""
    return ParseError(f"{where} must be {expected}, not {type(value).__name__}", short(value))


def obj(value: object, where: str) -> Mapping[str, Any]:
    """An object (None is an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise bad(where, "an object", value)
    return value


def _typed(d: Mapping[str, Any], key: str, kind: type[_T], where: str) -> _T | None:
    value = d.get(key)
    if value is None:
        return None
    # bool is an int in Python, never in JSON: keep the two apart.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad(f"{where}.{key}", "a " + kind.__name__, value)
    return value


def str_at(d: Mapping[str, Any], key: str, where: str) -> str | None:
    """``d[key]`` when it is text, None when missing or null."""
    return _typed(d, key, str, where)


def int_at(d: Mapping[str, Any], key: str, where: str) -> int | None:
    """``d[key]`` when it is an integer (not a bool), None when missing or null."""
    return _typed(d, key, int, where)


def required_id(d: Mapping[str, Any], where: str, *keys: str) -> str:
    """The first non-empty ID among ``keys``, without ``sha256:``."""
    for key in keys:
        value = str_at(d, key, where)
        if value:
            return strip_digest(value)
    raise ParseError(f"{where} has no {' or '.join(repr(k) for k in keys)}", short(d))


def str_list(value: object, where: str) -> tuple[str, ...]:
    """A list of strings (None is an empty one)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise bad(where, "a list of strings", value)
    return tuple(value)


def str_map(value: object, where: str) -> dict[str, str]:
    """An object of strings (None is an empty one)."""
    mapping = obj(value, where)
    if not all(isinstance(v, str) for v in mapping.values()):
        raise bad(where, "an object of strings", value)
    return dict(mapping)


def command(value: object, where: str) -> tuple[str, ...]:
    """An argv from ``Cmd``/``Entrypoint``: a list of strings, or podman's joined text."""
    # podman 4 prints Config.Entrypoint as one string, the argv joined by spaces; splitting
    # on single spaces restores it unless an argument itself held a space.
    if isinstance(value, str):
        return tuple(value.split(" ")) if value else ()
    return str_list(value, where)


def env_pairs(value: object, where: str) -> tuple[tuple[str, str], ...]:
    """``("K", "V")`` pairs from a ``Config.Env`` list of ``K=V`` strings."""
    return tuple(
        (name, val) for name, _, val in (item.partition("=") for item in str_list(value, where))
    )


def strip_digest(value: str) -> str:
    """An ID without its ``sha256:`` prefix."""
    return value[7:] if value.startswith("sha256:") else value


# -- times and sizes -------------------------------------------------------------------------


def parse_time(value: object, where: str = "time") -> datetime | None:
    """An aware datetime from RFC 3339 / Go ``time.String()`` text or Unix seconds.

    Go's zero time (``0001-01-01T00:00:00Z``, docker's "never") and text in a format not
    known here give None; a value that is neither text nor a number raises ParseError.
    Fractions finer than microseconds (Go prints nanoseconds) are truncated.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return _time_from_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise bad(where, "a time", value)
    if math.isnan(value) or value <= _GO_ZERO_EPOCH:
        return None
    try:
        return _EPOCH + timedelta(seconds=value)
    except OverflowError:
        return None


def _time_from_text(value: str) -> datetime | None:
    if value.startswith(_NEVER):  # Go's zero time, docker's "never" (year <= 1 below)
        return None
    match = _TIME.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    if int(year) <= 1:
        return None
    try:
        zone = timezone.utc
        if offset and offset.upper() != "Z":
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, zone
        )
    except ValueError:  # month 13, hour 25, offset of a day or more: not a time
        return None


def human_size(text: str) -> int | None:
    """Bytes from docker's rounded ``1.99MB``; None for text that is not a size."""
    match = _HUMAN_SIZE.fullmatch(text.strip())
    if match is None or match.group(2) not in _UNITS:
        return None
    return round(float(match.group(1)) * _UNITS[match.group(2)])


def bool_at(d: Mapping[str, Any], key: str, where: str) -> bool:
    """A flag that docker's list JSON prints as ``"true"``/``"false"`` and podman's as a
    JSON boolean; a missing key is False."""
    value: object = d.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    if value in ("true", "false"):
        return value == "true"
    raise bad(f"{where} {key}", "true or false", value)


def labels_text(text: str) -> dict[str, str]:
    """Labels from docker's ``k=v,k=v`` text."""
    # docker joins labels as k=v,k=v: a comma starts a new label only when a key and '='
    # follow it, so 'list=x,y' stays one label (a value holding ',k=' cannot be told apart).
    labels: dict[str, str] = {}
    for item in re.split(r",(?=[^,=]+=)", text) if text else ():
        key, _, value = item.partition("=")
        labels[key] = value
    return labels


# -- ports ---------------------------------------------------------------------------------


def port_key(key: object, where: str = "port") -> tuple[int, str]:
    """``(8080, "tcp")`` from ``"8080/tcp"`` (no protocol means tcp)."""
    if not isinstance(key, str):
        raise bad(where, "a 'PORT/PROTO' text", key)
    port, _, proto = key.partition("/")
    if not (port.isascii() and port.isdigit() and len(port) <= 5 and int(port) <= 65535):
        raise ParseError(f"{where} must be 'PORT/PROTO' with a port 0-65535", key)
    return int(port), proto or "tcp"


def host_port_number(value: object, where: str) -> int | None:
    """A host port from JSON (a string of digits, or a number); None when unassigned."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif value is None or value == "":
        return None
    else:
        raise bad(where, "a port number", value)
    if not 0 <= number <= 65535:
        raise ParseError(f"{where} must be a port 0-65535", str(number))
    return number or None


def normal_ip(value: str, where: str) -> str:
    """An IP address without brackets; ``""`` (all interfaces) becomes ``0.0.0.0``."""
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    if not value:
        return ANY_IPV4
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise ParseError(f"{where} is not an IP address", value) from None
    return value


def ps_ports_text(value: object) -> str:
    """``ps`` Ports as docker prints them, from docker's text or podman's list."""
    # podman's ps prints [{"host_ip", "container_port", "host_port", "range", "protocol"}];
    # render it the way docker's ps does: "127.0.0.1:36137->8080/tcp, ...".
    if value is None or isinstance(value, str):
        return value or ""
    if not isinstance(value, list):
        raise bad("ps Ports", "a list", value)
    parts = []
    for entry in value:
        item = obj(entry, "ps Ports[]")
        host_ip = str_at(item, "host_ip", "ps Ports[]") or ANY_IPV4
        inner = int_at(item, "container_port", "ps Ports[]") or 0
        outer = int_at(item, "host_port", "ps Ports[]") or 0
        count = int_at(item, "range", "ps Ports[]") or 1
        proto = str_at(item, "protocol", "ps Ports[]") or "tcp"
        host = f"[{host_ip}]" if ":" in host_ip else host_ip
        if count > 1:
            parts.append(f"{host}:{outer}-{outer + count - 1}->{inner}-{inner + count - 1}/{proto}")
        else:
            parts.append(f"{host}:{outer}->{inner}/{proto}")
    return ", ".join(parts)
