"""What the option classes share: field types, validators and converters.

The classes themselves, each field with its flag, are in ``options.py`` (the client's and
``run``'s) and in one module per command family (``_container_options.py``,
``_image_options.py``, ``_engine_options.py``), loaded when a class is first used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Union

from dockercli import _validate as v
from dockercli._argv import secret_refusal
from dockercli._flags import flag, positional
from dockercli._lazy_re import LazyPattern
from dockercli.errors import InvalidOptionError
from dockercli.specs import Mount, Publish, Ulimit

# Field annotations name what callers may pass; converters store the normal form
# (tuples of Publish/Mount/Ulimit, dicts of str), which the renderer reads.
Duration = Union[float, timedelta, str]  # seconds, a timedelta or a Go duration ("1m30s")
Strings = Sequence[str]
PublishSpec = Union[int, str, Publish]
MountSpec = Union[str, Mount]
UlimitSpec = Union[str, Ulimit]
CommandSpec = Union[str, Sequence[str]]
EnvSpec = Union[Mapping[str, object], Sequence[str]]
Filters = Mapping[str, Union[str, Sequence[str]]]
_RESTART = LazyPattern(r"no|always|unless-stopped|on-failure(:[0-9]+)?")
_PLATFORM = LazyPattern(r"[a-z0-9_]+/[a-z0-9_]+(/[a-z0-9_]+)?")
PROGRESS = ("auto", "plain", "tty", "quiet", "rawjson")


def names_only(env: Mapping[str, str]) -> str:
    # Secret values must not show in repr(), tracebacks or logs.
    return "{" + ", ".join(f"{k!r}: '***'" for k in env) + "}"


def safe_secrets(flag: str) -> Any:
    # What render would refuse, refused when the object is made (no value in the message).
    def check(_inst: object, _attribute: Any, value: Mapping[str, str]) -> None:
        for name, secret in value.items():
            refused = secret_refusal(flag, name, secret)
            if refused:
                raise InvalidOptionError(refused)

    return check


def filter_args(value: Filters) -> Iterable[str]:
    for key, val in value.items():
        for item in [val] if isinstance(val, str) else val:
            yield f"{key}={item}"


def check_filters(_inst: object, attribute: Any, value: Filters) -> None:
    for key, val in value.items():
        v.plain(attribute.name, key)
        for item in [val] if isinstance(val, str) else val:
            if not isinstance(item, str) or "\x00" in item or "\n" in item:
                raise v.fail(attribute.name, "values must be str without NUL or newlines", item)


check_restart = v.matching(_RESTART, "no, always, unless-stopped or on-failure[:N]")
check_platform = v.matching(_PLATFORM, "'os/arch[/variant]'")


def check_link(field: str, value: str) -> str:
    name, _, alias = value.partition(":")
    v.container_name(field, name)
    if alias:
        v.container_ref(field, alias)  # docker accepts one-character aliases
    return value


def check_volumes_from(field: str, value: str) -> str:
    name, _, mode = value.partition(":")
    v.container_name(field, name)
    if mode not in ("", "ro", "rw"):
        raise v.fail(field, "must be 'container[:ro|rw]'", value)
    return value


def check_extra_host(field: str, value: str) -> str:
    host, sep, address = value.partition(":")
    if not sep:
        raise v.fail(field, "must be 'host:ip'", value)
    v.hostname(field, host)
    if address != "host-gateway":
        v.ip_address(field, address)
    return value


def check_tail(_inst: object, attribute: Any, value: int | str | None) -> None:
    if value is None or value == "all":
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise v.fail(attribute.name, "must be a line count >= 0 or 'all'", value)


def check_time(_inst: object, attribute: Any, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise v.fail(attribute.name, "must be whole seconds >= 0", value)


def check_signal(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None and not re.fullmatch(r"(SIG)?[A-Z0-9+-]+|[0-9]+", str(value)):
        raise v.fail(attribute.name, "must be a signal name like SIGTERM or a number", value)


def port_spec(field: str, value: str) -> str:
    number, _, proto = value.partition("/")
    if not number.isdigit():
        raise v.fail(field, "must be 'PORT[/PROTO]'", value)
    v.port(field, int(number))
    if proto:
        v.protocol(field, proto)
    return value


def duration_args(value: Duration) -> list[str]:
    return [v.seconds(value)]


def as_items(value: Any) -> Sequence[Any]:
    if value is None:
        return ()
    if isinstance(value, (str, int, Publish, Mount, Ulimit)):
        return (value,)
    return tuple(value)


REFS = {"converter": lambda xs: tuple(as_items(xs)), "fmt": lambda xs: xs}


def ref_list(check: Any = v.container_ref) -> Any:
    return positional(validator=[v.each(check), non_empty], **REFS)


def non_empty(_inst: object, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise v.fail(attribute.name, "must name at least one object", value)


def object_ref(field: str, value: str) -> str:
    # inspect takes containers, images, networks or volumes: accept any of their names.
    v.plain(field, value)
    if value.count("/") == 0 and v.REF_LIKE.fullmatch(value):
        return value
    return v.image_ref(field, value)


def size_flag(name: str, field: str, **kwargs: Any) -> Any:
    """A size field rendered as ``name``: None, bytes, or docker's text (``"512m"``)."""

    def convert(value: Any) -> str | None:
        return None if value is None else v.size(field, value)

    return flag(name, converter=convert, **kwargs)
