"""Field constructors that declare, once, which docker flag an option field renders to.

Each option class field is made by one of these; the renderer in ``_argv`` walks
``attrs.fields()`` and reads the :class:`Flag` stored in the field metadata. Nothing else
in the package spells a flag name.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

METADATA_KEY = "dockercli"

Formatter = Callable[[Any], Iterable[str]]


class Kind(enum.Enum):
    """How a field's value turns into arguments."""

    VALUE = "value"  # --name=<v> for each formatted value
    SWITCH = "switch"  # --name when the value differs from docker's default
    POSITIONAL = "positional"  # bare arguments after all flags
    SECRET_ENV = "secret_env"  # noqa: S105 - a kind name, not a password  # --name=KEY; the value travels in the child's environment
    NESTED = "nested"  # an attrs instance rendered by its own fields


@attrs.frozen
class Flag:
    """The rendering rule for one field.

    ``short`` is docker's one-letter alias (``-p``); the renderer always writes the long
    name, and only ``python -m dockercli`` offers the alias, as docker does.
    """

    name: str
    kind: Kind
    fmt: Formatter | None = None
    docker_default: bool = False
    short: str = ""
    # How a command line gives the value: "switch", "one", "many", "pairs", or "" for a
    # field no command line offers (positional, nested). Set by the constructors below.
    takes: str = ""


def _single(value: Any) -> Iterable[str]:
    return (str(value),)


def _each(value: Any) -> Iterable[str]:
    return (str(v) for v in value)


def _pairs(value: Any) -> Iterable[str]:
    return (f"{k}={v}" for k, v in value.items())


def _field(meta: Flag, **kwargs: Any) -> Any:
    return attrs.field(metadata={METADATA_KEY: meta}, **kwargs)


def flag(
    name: str, *, fmt: Formatter = _single, short: str = "", takes: str = "one", **kwargs: Any
) -> Any:
    """A field rendered as ``--name=<value>`` (skipped when the value is None).

    A custom ``fmt`` may render several arguments; ``takes`` then says how a command line
    gives the value (``many`` or ``pairs``).
    """
    if "factory" not in kwargs:
        kwargs.setdefault("default", None)
    return _field(Flag(name, Kind.VALUE, fmt, short=short, takes=takes), **kwargs)


def repeat(name: str, *, fmt: Formatter = _each, short: str = "", **kwargs: Any) -> Any:
    """A sequence field rendered as one ``--name=<item>`` per item."""
    kwargs.setdefault("factory", tuple)
    kwargs.setdefault("converter", _to_tuple)
    return _field(Flag(name, Kind.VALUE, fmt, short=short, takes="many"), **kwargs)


def pairs(name: str, *, short: str = "", **kwargs: Any) -> Any:
    """A mapping field rendered as one ``--name=<key>=<value>`` per entry."""
    kwargs.setdefault("factory", dict)
    return _field(Flag(name, Kind.VALUE, _pairs, short=short, takes="pairs"), **kwargs)


def switch(name: str, *, default: bool = False, docker_default: bool = False) -> Any:
    """A boolean rendered as ``--name`` (or ``--name=false`` when docker's default is on)."""
    rule = Flag(name, Kind.SWITCH, docker_default=docker_default, takes="switch")
    return _field(rule, default=default)


def positional(*, fmt: Formatter = _single, **kwargs: Any) -> Any:
    """A field rendered as bare arguments after every flag."""
    return _field(Flag("", Kind.POSITIONAL, fmt), **kwargs)


def secret_env(name: str, *, short: str = "", **kwargs: Any) -> Any:
    """A name-to-value mapping whose values never reach argv (``--env NAME``)."""
    kwargs.setdefault("factory", dict)
    return _field(Flag(name, Kind.SECRET_ENV, short=short, takes="pairs"), **kwargs)


def nested(**kwargs: Any) -> Any:
    """An attrs instance (or None) whose own fields render in place."""
    kwargs.setdefault("default", None)
    return _field(Flag("", Kind.NESTED), **kwargs)


def unrendered(**kwargs: Any) -> Any:
    """A field that configures dockercli itself and renders to nothing."""
    return attrs.field(**kwargs)


def _to_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)):
        return (value,)
    return tuple(value)


def flag_of(field: attrs.Attribute) -> Flag | None:  # type: ignore[type-arg]
    """The rendering rule of a field, or None for fields that render nothing."""
    meta = field.metadata.get(METADATA_KEY)
    return meta if isinstance(meta, Flag) else None
