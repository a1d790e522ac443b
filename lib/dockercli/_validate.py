"""Validators and converters for option fields.

Every check raises :class:`InvalidOptionError` naming the field and the bad value, before
any process starts. The rule that matters most: no value may start with ``-``, where
docker could read it as a flag.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import attrs

from dockercli._lazy_re import LazyPattern
from dockercli.errors import InvalidOptionError

# docker/distribution reference grammar (lowercase repository, optional registry[:port],
# tag up to 128 chars, digest), anchored; plain image IDs also match it.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_REFERENCE = LazyPattern(
    rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::{_TAG})?(?:@{_DIGEST})?", re.ASCII
)
_NAME = LazyPattern(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+", re.ASCII)
_REF = LazyPattern(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]*", re.ASCII)
REF_LIKE = _REF
_ENV_NAME = LazyPattern(r"[^=\x00\n]+")
_CONTEXT_NAME = LazyPattern(r"[a-zA-Z0-9][a-zA-Z0-9_.+-]*", re.ASCII)
_VOLUME_NAME = LazyPattern(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", re.ASCII)
_CAPABILITY = LazyPattern(r"(CAP_)?[A-Z_]+|ALL", re.ASCII)
_CPUS = LazyPattern(
    r"\+?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)/[1-9][0-9]*)"
)
_SIZE = LazyPattern(r"[0-9]+(\.[0-9]+)?[bkmgBKMG]?")
_HOSTNAME = LazyPattern(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*",
    re.ASCII,
)
_MAX_NAME = 255
PROTOCOLS = ("tcp", "udp", "sctp")


def fail(field: str, message: str, value: object) -> InvalidOptionError:
    """The error for one rejected value: names the field, says why, shows the value."""
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return InvalidOptionError(f"{field!r} {message} (got {shown})")


def plain(field: str, value: str) -> str:
    """Any free-form value: a str, non-empty, no NUL or newline, and not flag-like."""
    if not isinstance(value, str):
        raise fail(field, "must be a str", value)
    if not value:
        raise fail(field, "must not be empty", value)
    if "\x00" in value or "\n" in value or "\r" in value:
        raise fail(field, "must not contain NUL or line breaks", value)
    if value.startswith("-"):
        raise fail(field, "must not start with '-' (docker would read it as a flag)", value)
    return value


def image_ref(field: str, value: str, *, digest: bool = True) -> str:
    """An image reference by docker's grammar, or an image ID."""
    plain(field, value)
    if len(value) > _MAX_NAME + 140 or not _REFERENCE.fullmatch(value):
        raise fail(
            field,
            "must be an image reference like 'name', 'name:tag', 'registry:5000/name:tag' "
            "or 'name@sha256:<hex>' (lowercase repository)",
            value,
        )
    if not digest and "@" in value:
        raise fail(field, "must not carry a digest", value)
    return value


def container_name(field: str, value: str) -> str:
    """A container name or ID by docker's rule ``[a-zA-Z0-9][a-zA-Z0-9_.-]+``."""
    plain(field, value)
    if not _NAME.fullmatch(value):
        raise fail(field, "must match [a-zA-Z0-9][a-zA-Z0-9_.-]+ (docker's name rule)", value)
    return value


def volume_name(field: str, value: str) -> str:
    """A name for a new volume by docker's rule ``[a-zA-Z0-9][a-zA-Z0-9_.-]+`` (podman
    takes one character too; docker refuses it)."""
    plain(field, value)
    if not _NAME.fullmatch(value):
        raise fail(
            field, "must match [a-zA-Z0-9][a-zA-Z0-9_.-]+ (docker's volume name rule)", value
        )
    return value


def container_ref(field: str, value: str) -> str:
    """A container's (or network's) name or ID (prefix) to look up: docker's name
    characters, any length."""
    plain(field, value)
    if not _REF.fullmatch(value):
        raise fail(field, "must be a name or ID ([a-zA-Z0-9][a-zA-Z0-9_.-]*)", value)
    return value


def context_name(field: str, value: str) -> str:
    """A docker context name by the CLI's rule ``[a-zA-Z0-9][a-zA-Z0-9_.+-]*``."""
    plain(field, value)
    if not _CONTEXT_NAME.fullmatch(value):
        raise fail(field, "must be a context name ([a-zA-Z0-9][a-zA-Z0-9_.+-]*)", value)
    return value


def port(field: str, value: object) -> int:
    """A TCP/UDP port number 1-65535 (bools and strings of digits rejected)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise fail(field, "must be a port number 1-65535", value)
    return value


def protocol(field: str, value: str) -> str:
    """One of docker's port protocols."""
    if value not in PROTOCOLS:
        raise fail(field, f"must be one of {', '.join(PROTOCOLS)}", value)
    return value


def ip_address(field: str, value: str) -> str:
    """An IPv4 or IPv6 address (IPv6 without brackets), as text."""
    import ipaddress  # noqa: PLC0415 - loaded on first use (import cost)

    if not isinstance(value, str):  # ipaddress takes ints too; docker takes text only
        raise fail(field, "must be an IP address as a str", value)
    try:
        ipaddress.ip_address(value)
    except (ValueError, TypeError):
        raise fail(field, "must be an IP address", value) from None
    return value


def ip_network(field: str, value: str) -> str:
    """A subnet in CIDR notation (``10.1.0.0/24``, ``fd00::/64``); docker checks the rest."""
    import ipaddress  # noqa: PLC0415 - loaded on first use (import cost)

    plain(field, value)
    try:
        ipaddress.ip_network(value, strict=False)
    except (ValueError, TypeError):
        raise fail(field, "must be a subnet in CIDR notation, like '10.1.0.0/24'", value) from None
    if "/" not in value:
        raise fail(field, "must give its prefix length, like '10.1.0.0/24'", value)
    return value


def env_name(field: str, value: str) -> str:
    """An environment variable name: non-empty, no '=', no NUL, not flag-like."""
    plain(field, value)
    if not _ENV_NAME.fullmatch(value):
        raise fail(field, "names must not contain '=' or NUL", value)
    return value


def absolute_path(field: str, value: str) -> str:
    """An absolute path with no '..' component (traversal is resolved by the caller)."""
    plain(field, value)
    if not value.startswith("/"):
        raise fail(field, "must be an absolute path", value)
    if ".." in value.split("/"):
        raise fail(field, "must not contain '..' components; resolve the path first", value)
    if ":" in value or "," in value:
        raise fail(field, "must not contain ':' or ',' (docker's separators)", value)
    return value


def bind_source(value: Any) -> Any:
    """A converter: a bind source starting with '.' is a path under the cwd; make it absolute.

    docker >= 23 reads ``./data:/data`` so (a source starting with '.' is a path, not a
    volume name); docker 20.10 refuses it. Resolving here gives every client the same
    absolute path. '..' components stay refused, as in absolute paths.
    """
    if not isinstance(value, str) or not value.startswith("."):
        return value
    plain("source", value)
    if ".." in value.split("/"):
        raise fail("source", "must not contain '..' components; resolve the path first", value)
    return os.path.abspath(value)


def mount_target(field: str, value: str) -> str:
    """A path inside the container: absolute, and not '/' itself (docker refuses it)."""
    absolute_path(field, value)
    if not value.strip("/"):
        raise fail(field, "must not be '/' (docker cannot mount over the root)", value)
    return value


_RW_MODES = ("ro", "rw")
RELABEL_MODES = ("z", "Z")  # SELinux: z shared between containers, Z private to one


def is_mount_modes(text: str) -> bool:
    """True when ``text`` is made only of mode words (so ``/c:ro`` is a target and a mode)."""
    return all(m in _RW_MODES + RELABEL_MODES for m in text.split(","))


def mount_modes(field: str, text: str) -> tuple[bool, str | None]:
    """``-v``'s comma-separated modes: ``(read_only, relabel)``.

    At most one of ro/rw and one of z/Z, in any order, no empty item, as the daemon
    checks them. Propagation, consistency and nocopy modes are not modelled (refused).
    """
    items = text.split(",")
    rw = [m for m in items if m in _RW_MODES]
    labels = [m for m in items if m in RELABEL_MODES]
    if len(rw) + len(labels) != len(items) or len(rw) > 1 or len(labels) > 1:
        raise fail(field, "modes must be at most one of ro/rw and one of z/Z, like 'ro,z'", text)
    return rw == ["ro"], (labels[0] if labels else None)


def mount_source(field: str, value: str) -> str:
    """A bind source (absolute path) or a named volume."""
    plain(field, value)
    if value.startswith("/"):
        return absolute_path(field, value)
    if not _VOLUME_NAME.fullmatch(value):
        raise fail(field, "must be an absolute host path or a volume name", value)
    return value


def hostname(field: str, value: str) -> str:
    """An RFC 1123 host name."""
    plain(field, value)
    if len(value) > 253 or not _HOSTNAME.fullmatch(value):
        raise fail(field, "must be a valid host name", value)
    return value


def capability(field: str, value: str) -> str:
    """A Linux capability name such as NET_ADMIN (or ALL)."""
    plain(field, value)
    if not _CAPABILITY.fullmatch(value):
        raise fail(field, "must be a capability name like NET_ADMIN", value)
    return value


def size(field: str, value: int | str) -> str:
    """A byte size: an int of bytes or docker's '512m' form."""
    if isinstance(value, bool):
        raise fail(field, "must be a byte count or a size like '512m'", value)
    if isinstance(value, int):
        if value <= 0:
            raise fail(field, "must be positive", value)
        return str(value)
    if not isinstance(value, str) or not _SIZE.fullmatch(value):
        raise fail(field, "must be a byte count or a size like '512m'", value)
    return value


def cpus(field: str, value: float | str) -> float | str:
    """A CPU count as docker's ``--cpus`` reads it: a number >= 0, whole nanocpus.

    docker parses the text as a rational (``0.5``, ``.5``, ``5e-1``, ``1/2``) and refuses
    more precision than 1e-9 ("value is too precise"); 0 means no limit. The upper bound
    (the engine host's CPU count) only the engine knows.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise fail(field, "must be a number or a string like '0.5'", value)
    text = value if isinstance(value, str) else str(value)
    if not _CPUS.fullmatch(text):
        raise fail(field, "must be a number >= 0 like 1.5, '0.5' or '1/2'", value)
    from fractions import Fraction  # noqa: PLC0415 - loaded on first use (import cost)

    if (Fraction(text.lstrip("+")) * 10**9).denominator != 1:
        raise fail(field, "must be a whole number of nanocpus (docker: too precise)", value)
    return value


# Go's time.ParseDuration units, in nanoseconds (µ and μ are both micro).
_GO_UNITS = {"ns": 1, "us": 10**3, "\u00b5s": 10**3, "\u03bcs": 10**3, "ms": 10**6}
_GO_UNITS.update({"s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9})
_GO_PART = LazyPattern(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")
_MAX_NS = 2**63 - 1  # a Go time.Duration is an int64 of nanoseconds
_MIN_HEALTH_NS = 10**6  # the daemon: healthcheck durations "cannot be less than 1ms"


def go_duration_ns(text: str) -> int | None:
    """Nanoseconds in a Go duration (``1h30m``, ``1.5s``, ``0``); None where Go refuses it."""
    body = text[1:] if text[:1] == "+" else text
    if body == "0":
        return 0
    total, pos = 0, 0
    while pos < len(body):
        match = _GO_PART.match(body, pos)
        assert match is not None  # every group may be empty
        whole, fraction, unit = match[1], match[2], match[3]
        if not (whole or fraction) or unit not in _GO_UNITS or match.end() == pos:
            return None
        scale = _GO_UNITS[unit]
        total += int(whole or "0") * scale
        if fraction:
            total += int(fraction) * scale // 10 ** len(fraction)
        if total > _MAX_NS:
            return None
        pos = match.end()
    return total if body else None


def _duration_ns(value: Any) -> int | None:
    """Nanoseconds of a duration field's value (str, seconds or timedelta); None if malformed."""
    if isinstance(value, str):
        if value.startswith("-"):
            return None  # never a flag-like value; docker refuses negatives anyway
        return go_duration_ns(value)
    if isinstance(value, timedelta):
        return value // timedelta(microseconds=1) * 10**3
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    from decimal import Decimal  # noqa: PLC0415 - loaded on first use (import cost)

    return int(Decimal(repr(value)) * 10**9)


def seconds(value: Any) -> str:
    """Render a duration in Go's syntax: a Go duration string as given, else exact seconds."""
    if isinstance(value, str):
        return value
    from decimal import Decimal  # noqa: PLC0415 - loaded on first use (import cost)

    if isinstance(value, timedelta):
        total = Decimal(value // timedelta(microseconds=1)) / 10**6
    else:
        total = Decimal(repr(value))
    text = f"{total:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}s"


def duration(_inst: object, attribute: Any, value: Any) -> None:
    """An attrs validator for healthcheck durations, as docker and its daemon read them.

    None, seconds (int or float), a timedelta, or a Go duration string (``30s``,
    ``1h30m``); 0 (the default) or at least 1ms, and within Go's int64 nanoseconds.
    """
    if value is None:
        return
    if isinstance(value, str):
        plain(attribute.name, value)
    ns = _duration_ns(value)
    if ns is None or ns < 0:
        raise fail(
            attribute.name,
            "must be seconds >= 0, a timedelta or a Go duration like '30s' or '1m30s'",
            value,
        )
    if ns > _MAX_NS:
        raise fail(attribute.name, "is longer than docker can hold (about 292 years)", value)
    if 0 < ns < _MIN_HEALTH_NS:
        raise fail(attribute.name, "must be 0 or at least 1ms (the daemon refuses less)", value)


def command(value: Any) -> tuple[str, ...]:
    """A command as argv: a str is split like a shell would, a sequence is kept."""
    if value is None:
        return ()
    import shlex  # noqa: PLC0415 - loaded on first use (import cost)

    items = shlex.split(value) if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str) or "\x00" in item:
            raise fail("command", "items must be str without NUL", item)
    return tuple(items)


def env_mapping(value: Any) -> dict[str, str]:
    """Env/build-arg values: a mapping, or ``KEY=VALUE`` strings; values become str."""
    if value is None:
        return {}
    pairs: Iterable[tuple[Any, Any]]
    if isinstance(value, Mapping):
        pairs = value.items()
    elif isinstance(value, str):
        raise fail("env", "must be a mapping or a list of 'KEY=VALUE' strings", value)
    else:
        pairs = (_split_assignment(item) for item in value)
    result: dict[str, str] = {}
    for key, val in pairs:
        env_name("env", key)
        text = val if isinstance(val, str) else str(val)
        if "\x00" in text:
            raise InvalidOptionError(f"'env' value of {key!r} must not contain NUL")
        result[key] = text
    return result


def _split_assignment(item: Any) -> tuple[str, str]:
    if not isinstance(item, str) or "=" not in item:
        raise fail("env", "list items must be 'KEY=VALUE' strings", item)
    key, _, val = item.partition("=")
    return key, val


def str_mapping(field: str) -> Any:
    """A converter for label-like mappings (keys plain, values without NUL)."""

    def convert(value: Any) -> dict[str, str]:
        if value is None:
            return {}
        items = value.items() if isinstance(value, Mapping) else map(_split_assignment, value)
        result = {}
        for key, val in items:
            plain(field, key)
            if "=" in key:
                raise fail(field, "keys must not contain '='", key)
            text = str(val)
            if "\x00" in text:
                raise fail(field, "values must not contain NUL", val)
            result[key] = text
        return result

    return convert


def each(check: Any) -> Any:
    """An attrs validator applying ``check(field_name, item)`` to every item of a tuple."""

    def validate(_inst: object, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        for item in value:
            check(attribute.name, item)

    return validate


def optional(check: Any) -> Any:
    """An attrs validator applying ``check(field_name, value)`` unless the value is None."""

    def validate(_inst: object, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        if value is not None:
            check(attribute.name, value)

    return validate


def one_of(*choices: str) -> Any:
    """An attrs validator: None or one of ``choices``."""

    def validate(_inst: object, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        if value is not None and value not in choices:
            raise fail(attribute.name, f"must be one of {', '.join(choices)}", value)

    return validate


def matching(pattern: LazyPattern, words: str) -> Any:
    """An attrs validator: None or a str that ``pattern`` matches whole ("must be {words}")."""

    def validate(_inst: object, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        if value is not None and not (isinstance(value, str) and pattern.fullmatch(value)):
            raise fail(attribute.name, f"must be {words}", value)

    return validate


def required(check: Any) -> Any:
    """An attrs validator applying ``check(field_name, value)``."""

    def validate(_inst: object, attribute: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        check(attribute.name, value)

    return validate


def context_path(value: Any) -> str:
    """A build context: '-' (stdin), a URL, or a path (a leading '-' gets './')."""
    text = os.fspath(value)
    if not isinstance(text, str) or not text or "\x00" in text or "\n" in text:
        raise fail("context", "must be a non-empty path without NUL or line breaks", value)
    if text.startswith("-") and text != "-":
        return "./" + text
    return text
