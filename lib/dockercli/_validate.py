"""Validators and converters for option fields.

Every check raises :class:`InvalidOptionError` naming the field and the bad value, before
any process starts. The rule that matters most: no value may start with ``-``, where
docker could read it as a flag.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from dockercli.errors import InvalidOptionError

# docker/distribution reference grammar (lowercase repository, optional registry[:port],
# tag up to 128 chars, digest), anchored; plain image IDs also match it.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_REFERENCE = re.compile(
    rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::{_TAG})?(?:@{_DIGEST})?", re.ASCII
)
_NAME = re.compile(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+", re.ASCII)
_REF = re.compile(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]*", re.ASCII)
REF_LIKE = _REF
_ENV_NAME = re.compile(r"[^=\x00\n]+")
_VOLUME_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", re.ASCII)
_CAPABILITY = re.compile(r"(CAP_)?[A-Z_]+|ALL", re.ASCII)
_SIZE = re.compile(r"[0-9]+(\.[0-9]+)?[bkmgBKMG]?")
_HOSTNAME = re.compile(
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


def container_ref(field: str, value: str) -> str:
    """A container name or ID (prefix) to look up: docker's name characters, any length."""
    plain(field, value)
    if not _REF.fullmatch(value):
        raise fail(field, "must be a container name or ID ([a-zA-Z0-9][a-zA-Z0-9_.-]*)", value)
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
    """An IPv4 or IPv6 address (IPv6 without brackets)."""
    try:
        ipaddress.ip_address(value)
    except (ValueError, TypeError):
        raise fail(field, "must be an IP address", value) from None
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


def positive_number(field: str, value: float) -> float:
    """A number greater than zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise fail(field, "must be a number greater than 0", value)
    return value


def seconds(value: Any) -> str:
    """Render a duration (seconds, or a timedelta) in Go's duration syntax."""
    total = value.total_seconds() if hasattr(value, "total_seconds") else float(value)
    return f"{total:g}s"


def duration(_inst: object, attribute: Any, value: Any) -> None:
    """An attrs validator: None, seconds >= 0, or a non-negative timedelta."""
    if value is None:
        return
    total = value.total_seconds() if hasattr(value, "total_seconds") else value
    if isinstance(total, bool) or not isinstance(total, (int, float)) or total < 0:
        raise fail(attribute.name, "must be seconds >= 0 or a timedelta", value)


def command(value: Any) -> tuple[str, ...]:
    """A command as argv: a str is split like a shell would, a sequence is kept."""
    if value is None:
        return ()
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
