"""Option classes of the container commands: exec, inspect, stop ... ps (see ``options``)."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, positional, secret_env, switch
from dockercli._option_rules import (
    CommandSpec,
    EnvSpec,
    Filters,
    Strings,
    check_filters,
    check_signal,
    check_tail,
    check_time,
    filter_args,
    names_only,
    object_ref,
    port_spec,
    ref_list,
    safe_secrets,
)


@attrs.frozen(kw_only=True)
class ExecOptions:
    """``docker exec``: run a command in a running container."""

    subcommand: ClassVar[tuple[str, ...]] = ("exec",)

    env: EnvSpec = secret_env(
        "--env", converter=v.env_mapping, validator=safe_secrets("--env"), repr=names_only
    )
    user: str | None = flag("--user", validator=v.optional(v.plain))
    workdir: str | None = flag("--workdir", validator=v.optional(v.absolute_path))
    detach: bool = switch("--detach")
    interactive: bool = switch("--interactive")
    tty: bool = switch("--tty")
    container: str = positional(validator=v.required(v.container_ref))
    command: CommandSpec = positional(converter=v.command, fmt=lambda xs: xs)

    @command.validator
    def _not_empty(self, _attribute: Any, value: tuple[str, ...]) -> None:
        if not value:
            raise v.fail("command", "must name a program to run", value)


@attrs.frozen(kw_only=True)
class InspectOptions:
    """``docker inspect``: one call for many objects."""

    subcommand: ClassVar[tuple[str, ...]] = ("inspect",)

    type: str | None = flag("--type", validator=v.one_of("container", "image", "network", "volume"))
    format: str | None = flag("--format", validator=v.optional(v.plain))
    size: bool = switch("--size")
    refs: Strings = ref_list(object_ref)


@attrs.frozen(kw_only=True)
class ContainerInspectOptions:
    """``docker container inspect``: containers only, many in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("container", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    size: bool = switch("--size")
    refs: Strings = ref_list(object_ref)  # as lenient as plain inspect: a miss is NotFound


@attrs.frozen(kw_only=True)
class StopOptions:
    """``docker stop``: SIGTERM, then SIGKILL after ``time`` seconds."""

    subcommand: ClassVar[tuple[str, ...]] = ("stop",)

    time: int | None = flag("--time", validator=check_time)
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class RestartOptions:
    """``docker restart``."""

    subcommand: ClassVar[tuple[str, ...]] = ("restart",)

    time: int | None = flag("--time", validator=check_time)
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class KillOptions:
    """``docker kill``."""

    subcommand: ClassVar[tuple[str, ...]] = ("kill",)

    signal: str | None = flag("--signal", validator=check_signal)
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class StartOptions:
    """``docker start``."""

    subcommand: ClassVar[tuple[str, ...]] = ("start",)

    attach: bool = switch("--attach")
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class WaitOptions:
    """``docker wait``."""

    subcommand: ClassVar[tuple[str, ...]] = ("wait",)

    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class RmOptions:
    """``docker rm``.

    ``time`` is podman's alone: how long ``--force`` waits for a running container to
    stop before it kills it (podman's default is 10 s; docker's ``rm -f`` kills at once).
    dockercli's own forced removals pass 0 to podman, so they cost what docker's do.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("rm",)

    force: bool = switch("--force")
    volumes: bool = switch("--volumes")
    time: int | None = flag("--time", validator=check_time)
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class RenameOptions:
    """``docker rename``: the container, then its new name (the ID stays)."""

    subcommand: ClassVar[tuple[str, ...]] = ("rename",)

    container: str = positional(validator=v.required(v.container_ref))
    new_name: str = positional(validator=v.required(v.container_name))


@attrs.frozen(kw_only=True)
class LogsOptions:
    """``docker logs``."""

    subcommand: ClassVar[tuple[str, ...]] = ("logs",)

    follow: bool = switch("--follow")
    timestamps: bool = switch("--timestamps")
    since: str | None = flag("--since", validator=v.optional(v.plain))
    until: str | None = flag("--until", validator=v.optional(v.plain))
    tail: int | str | None = flag("--tail", validator=check_tail)
    ref: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class PortOptions:
    """``docker port CONTAINER [PORT[/PROTO]]``."""

    subcommand: ClassVar[tuple[str, ...]] = ("port",)

    ref: str = positional(validator=v.required(v.container_ref))
    port: str | None = positional(default=None, validator=v.optional(port_spec))


@attrs.frozen(kw_only=True)
class PsOptions:
    """``docker ps``; filters render as one ``--filter=key=value`` per value."""

    subcommand: ClassVar[tuple[str, ...]] = ("ps",)

    all: bool = switch("--all")
    filters: Filters = flag(
        "--filter", fmt=filter_args, takes="pairs", factory=dict, validator=check_filters
    )
    format: str | None = flag("--format", validator=v.optional(v.plain))
    no_trunc: bool = switch("--no-trunc")
    quiet: bool = switch("--quiet")


def _cp_end(field: str, value: str) -> str:
    """One end of ``docker cp``: ``-`` (a tar stream), ``CONTAINER:PATH`` or a host path."""
    if value == "-":
        return value
    v.plain(field, value)
    ref, colon, path = value.partition(":")
    if colon and not ref.startswith(("/", ".")):
        v.container_ref(field, ref)
        if not path:
            raise v.fail(field, "needs a path after 'CONTAINER:'", value)
    return value


@attrs.frozen(kw_only=True)
class CpOptions:
    """``docker cp SOURCE DEST``: one end is ``CONTAINER:PATH``, the other a host path or
    ``-`` (a tar stream on stdin, as DEST's source, or on stdout, as SOURCE's copy).

    ``Container.copy_to`` / ``copy_from`` build these; a host path that holds ':' must be
    given as ``./name:with:colons``.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("cp",)

    archive: bool = switch("--archive")
    follow_link: bool = switch("--follow-link")
    source: str = positional(validator=v.required(_cp_end))
    dest: str = positional(validator=v.required(_cp_end))

    @dest.validator
    def _one_container_end(self, _attribute: Any, value: str) -> None:
        ends = [_names_container(x) for x in (self.source, value)]
        if ends.count(True) != 1:
            raise v.fail("dest", "one end must be CONTAINER:PATH and the other not", value)


def _names_container(end: str) -> bool:
    ref, colon, _ = end.partition(":")
    return bool(colon) and end != "-" and not ref.startswith(("/", "."))
