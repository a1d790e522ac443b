"""``render(options)``: the one place option objects become arguments. Pure; no I/O.

Every value renders as ``--flag=value`` (one argument), so docker can never read a value
as a flag of its own, and positionals come after every flag. Secret values (env,
build args) never render: the flag carries only the name and the value travels in the
CLI's environment, which docker reads for ``--env NAME`` / ``--build-arg NAME``. Names
the CLI itself reads (PATH, HOME, DOCKER_*...) cannot travel that way: for ``--env`` they
go to a 0600 env file that the runner writes and removes (``ENV_FILE_ARG`` marks where).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from dockercli._flags import Kind, flag_of
from dockercli._lazy_re import LazyPattern
from dockercli.errors import InvalidOptionError

# NUL never survives validation, so no real argument can equal this marker.
ENV_FILE_ARG = "--env-file=\x00dockercli-secret-env-file\x00"

# Variables the docker CLI (a Go program that may spawn ssh or credential helpers)
# reads from its own environment: setting them for the container must not change
# how the CLI itself behaves.
_RESERVED_EXACT = frozenset(
    {"PATH", "HOME", "USER", "TMPDIR", "TERM", "NO_COLOR", "SSL_CERT_FILE", "SSL_CERT_DIR"}
)
_RESERVED_PATTERN = LazyPattern(
    r"(DOCKER_|BUILDKIT_|BUILDX_|SSH_|XDG_|LD_|GO[A-Z]+$|.*_PROXY$)", re.IGNORECASE
)


def is_reserved(name: str) -> bool:
    """True for environment names that the docker CLI reads for itself."""
    return name in _RESERVED_EXACT or bool(_RESERVED_PATTERN.match(name))


@attrs.frozen
class Command:
    """Rendered arguments plus what must not appear in them.

    Attributes:
        args: The argument list (after the binary and subcommand).
        env: Secret values to place in the CLI's environment, by name.
        env_file: Secret ``(name, value)`` pairs for a temporary env file; when set,
            ``args`` holds ``ENV_FILE_ARG`` where its ``--env-file`` belongs.
    """

    args: tuple[str, ...]
    env: Mapping[str, str] = attrs.field(factory=dict, repr=lambda e: f"<{len(e)} names>")
    env_file: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=lambda e: f"<{len(e)}>")


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Invocation:
    """One CLI call, ready to run: what the runner spawns and the secrets it carries aside.

    Attributes:
        argv: The whole command line: binary, global flags, command path, options.
        path: The command path (``("container", "inspect")``); empty for a plain argv.
        env: Variables added to the CLI's environment: the client's own and the secret
            values the options carry (see :class:`Command`).
        env_file: Secret ``(name, value)`` pairs for a 0600 env file that the runner
            writes for the call's lifetime; ``argv`` holds ``ENV_FILE_ARG`` where it goes.
    """

    argv: tuple[str, ...] = attrs.field(converter=_strings)
    path: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    env: Mapping[str, str] = attrs.field(factory=dict, repr=lambda e: f"<{len(e)} names>")
    env_file: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=lambda e: f"<{len(e)}>")


def invocation(
    prefix: tuple[str, ...],
    options: Any = None,
    *,
    subcommand: tuple[str, ...] | None = None,
    env: Mapping[str, str] | None = None,
) -> Invocation:
    """``prefix`` (binary and global flags), the command path, then ``options`` rendered.

    The path is ``subcommand`` when given (``("create",)`` for :class:`RunOptions`, or
    any path for a call with no options class), else the options class's own.
    """
    if subcommand is None:
        subcommand = getattr(type(options), "subcommand", None)
        if subcommand is None:
            what = "no options" if options is None else f"{type(options).__name__} (no subcommand)"
            raise TypeError(f"{what}: say which docker command, e.g. subcommand=('ps',)")
    if isinstance(subcommand, str) or not all(isinstance(w, str) for w in subcommand):
        raise TypeError(f"subcommand must be a tuple of words, like ('ps',): got {subcommand!r}")
    rendered = render(options)
    return Invocation(
        (*prefix, *subcommand, *rendered.args),
        subcommand,
        {**(env or {}), **rendered.env},
        rendered.env_file,
    )


def render(options: Any) -> Command:
    """Render an option object (or None) into a :class:`Command`."""
    flags: list[str] = []
    tail: list[str] = []
    env: dict[str, str] = {}
    env_file: list[tuple[str, str]] = []
    _walk(options, flags, tail, env, env_file)
    if env_file:
        flags.append(ENV_FILE_ARG)
    return Command(tuple(flags + tail), env, tuple(env_file))


def _walk(
    options: Any,
    flags: list[str],
    tail: list[str],
    env: dict[str, str],
    env_file: list[tuple[str, str]],
) -> None:
    if options is None:
        return
    for field in attrs.fields(type(options)):
        rule = flag_of(field)
        value = getattr(options, field.name)
        if rule is None or value is None:
            continue
        if rule.kind is Kind.NESTED:
            _walk(value, flags, tail, env, env_file)
        elif rule.kind is Kind.SWITCH:
            if value != rule.docker_default:
                flags.append(rule.name if value else f"{rule.name}=false")
        elif rule.kind is Kind.POSITIONAL:
            assert rule.fmt is not None
            tail.extend(rule.fmt(value))
        elif rule.kind is Kind.SECRET_ENV:
            _secret(rule.name, value, flags, env, env_file)
        else:
            assert rule.fmt is not None
            flags.extend(f"{rule.name}={item}" for item in rule.fmt(value))


def _secret(
    flag: str,
    values: Mapping[str, str],
    flags: list[str],
    env: dict[str, str],
    env_file: list[tuple[str, str]],
) -> None:
    for name, value in values.items():
        refused = secret_refusal(flag, name, value)
        if refused:
            raise InvalidOptionError(refused)  # checked at construction too (options.py)
        if not is_reserved(name):
            flags.append(f"{flag}={name}")
            env[name] = value
        else:
            env_file.append((name, value))


def secret_refusal(flag: str, name: str, value: str) -> str | None:
    """Why a secret value cannot travel safely under this name, or None (never the value)."""
    if not is_reserved(name):
        return None
    if flag != "--env":
        return (
            f"build arg {name!r} is a variable the docker CLI reads for itself; "
            "dockercli passes build-arg values through the CLI's environment to keep "
            "them out of argv, so this name cannot be passed safely - rename it"
        )
    if "\n" in value or "\r" in value:
        return (
            f"env {name!r} is read by the docker CLI itself, so its value must go "
            "through an env file, and env files cannot hold line breaks"
        )
    return None
