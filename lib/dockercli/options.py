"""Option classes: each field declares its docker flag once; ``_argv.render`` walks them.

All classes are frozen and keyword-only. Values are validated at construction and a bad
value raises :class:`~dockercli.errors.InvalidOptionError` naming the field. Env and
build-arg *values* never render into argv (see ``_argv``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, ClassVar, Union

import attrs

from dockercli import _validate as v
from dockercli._argv import secret_refusal
from dockercli._flags import flag, nested, pairs, positional, repeat, secret_env, switch, unrendered
from dockercli._lazy_re import LazyPattern
from dockercli.errors import InvalidOptionError
from dockercli.specs import Mount, Publish, TLSConfig, Ulimit

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
_PROGRESS = ("auto", "plain", "tty", "quiet", "rawjson")


def _names_only(env: Mapping[str, str]) -> str:
    # Secret values must not show in repr(), tracebacks or logs.
    return "{" + ", ".join(f"{k!r}: '***'" for k in env) + "}"


def _safe_secrets(flag: str) -> Any:
    # What render would refuse, refused when the object is made (no value in the message).
    def check(_inst: object, _attribute: Any, value: Mapping[str, str]) -> None:
        for name, secret in value.items():
            refused = secret_refusal(flag, name, secret)
            if refused:
                raise InvalidOptionError(refused)

    return check


def _filters(value: Filters) -> Iterable[str]:
    for key, val in value.items():
        for item in [val] if isinstance(val, str) else val:
            yield f"{key}={item}"


def _check_filters(_inst: object, attribute: Any, value: Filters) -> None:
    for key, val in value.items():
        v.plain(attribute.name, key)
        for item in [val] if isinstance(val, str) else val:
            if not isinstance(item, str) or "\x00" in item or "\n" in item:
                raise v.fail(attribute.name, "values must be str without NUL or newlines", item)


def _check_restart(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _RESTART.fullmatch(value)):
        raise v.fail(attribute.name, "must be no, always, unless-stopped or on-failure[:N]", value)


def _check_platform(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _PLATFORM.fullmatch(value)):
        raise v.fail(attribute.name, "must be 'os/arch[/variant]'", value)


def _check_link(field: str, value: str) -> str:
    name, _, alias = value.partition(":")
    v.container_name(field, name)
    if alias:
        v.container_ref(field, alias)  # docker accepts one-character aliases
    return value


def _check_volumes_from(field: str, value: str) -> str:
    name, _, mode = value.partition(":")
    v.container_name(field, name)
    if mode not in ("", "ro", "rw"):
        raise v.fail(field, "must be 'container[:ro|rw]'", value)
    return value


def _check_extra_host(field: str, value: str) -> str:
    host, sep, address = value.partition(":")
    if not sep:
        raise v.fail(field, "must be 'host:ip'", value)
    v.hostname(field, host)
    if address != "host-gateway":
        v.ip_address(field, address)
    return value


def _check_tail(_inst: object, attribute: Any, value: int | str | None) -> None:
    if value is None or value == "all":
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise v.fail(attribute.name, "must be a line count >= 0 or 'all'", value)


def _check_time(_inst: object, attribute: Any, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise v.fail(attribute.name, "must be whole seconds >= 0", value)


def _check_signal(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None and not re.fullmatch(r"(SIG)?[A-Z0-9+-]+|[0-9]+", str(value)):
        raise v.fail(attribute.name, "must be a signal name like SIGTERM or a number", value)


def _port_spec(field: str, value: str) -> str:
    number, _, proto = value.partition("/")
    if not number.isdigit():
        raise v.fail(field, "must be 'PORT[/PROTO]'", value)
    v.port(field, int(number))
    if proto:
        v.protocol(field, proto)
    return value


def _duration(value: Duration) -> list[str]:
    return [v.seconds(value)]


def _default_binary() -> str:
    return os.environ.get("DOCKERCLI_BINARY") or "docker"


def _check_endpoint(inst: ClientOptions, _attribute: Any, value: str | None) -> None:
    if value is not None and inst.host is not None:
        raise v.fail("context", "cannot be combined with 'host' (docker refuses both)", value)


@attrs.frozen(kw_only=True)
class ClientOptions:
    """How to reach docker: the binary, the endpoint, TLS, config dir and default timeout.

    ``DOCKER_HOST``, ``DOCKER_CONTEXT``, ``DOCKER_TLS_VERIFY`` and ``DOCKER_CERT_PATH`` in the
    environment reach the CLI unchanged and are read by the CLI itself; set fields here only
    to override them.
    """

    binary: str = unrendered(factory=_default_binary)
    host: str | None = flag("--host", validator=v.optional(v.plain))
    context: str | None = flag("--context", validator=[v.optional(v.plain), _check_endpoint])
    tls: TLSConfig | None = nested()
    config: str | None = flag("--config", validator=v.optional(v.plain))
    timeout: float | None = unrendered(default=60.0)


@attrs.frozen(kw_only=True)
class BuildOptions:
    """``docker build``: the context last, every flag once.

    ``force_rm`` defaults to True (unlike docker) so a failed step leaves no container.
    ``build_args`` values travel in the CLI's environment, never in argv.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("build",)

    dockerfile: str | None = flag("--file", short="-f", validator=v.optional(v.plain))
    tags: Strings = repeat(
        "--tag", short="-t", validator=v.each(lambda f, x: v.image_ref(f, x, digest=False))
    )
    build_args: EnvSpec = secret_env(
        "--build-arg",
        converter=v.env_mapping,
        validator=_safe_secrets("--build-arg"),
        repr=_names_only,
    )
    labels: EnvSpec = pairs("--label", converter=v.str_mapping("labels"))
    target: str | None = flag("--target", validator=v.optional(v.plain))
    no_cache: bool = switch("--no-cache")
    rm: bool = switch("--rm", default=True, docker_default=True)
    force_rm: bool = switch("--force-rm", default=True)
    pull: bool = switch("--pull")
    platform: str | None = flag("--platform", validator=_check_platform)
    network: str | None = flag("--network", validator=v.optional(v.plain))
    iidfile: str | None = flag("--iidfile", validator=v.optional(v.plain))
    progress: str | None = flag("--progress", validator=v.one_of(*_PROGRESS))
    quiet: bool = switch("--quiet")
    context: str = positional(converter=v.context_path, default=".")


@attrs.frozen(kw_only=True)
class RunOptions:
    """``docker run`` / ``docker create``: flags, then the image, then the command.

    ``publish`` takes ints (container port, random host port), docker's
    ``[ip:][hostport:]port[/proto]`` strings or :class:`Publish`; ``volumes`` takes
    ``source:target[:ro|rw][,z|Z]`` strings (a source starting with '.' is made absolute
    against the cwd) or :class:`Mount`. Healthcheck durations take seconds, a timedelta
    or a Go duration (``"1m30s"``); ``cpus`` a number or docker's text (``"0.5"``).
    ``env`` values never reach argv.
    """

    # ``docker create`` takes the same options: ``Docker.call(opts, subcommand=("create",))``.
    subcommand: ClassVar[tuple[str, ...]] = ("run",)

    name: str | None = flag("--name", validator=v.optional(v.container_name))
    entrypoint: str | None = flag("--entrypoint", validator=v.optional(v.plain))
    publish: Sequence[PublishSpec] = repeat(
        "--publish", short="-p", converter=lambda xs: tuple(map(Publish.parse, _seq(xs)))
    )
    publish_all: bool = switch("--publish-all")
    env: EnvSpec = secret_env(
        "--env",
        short="-e",
        converter=v.env_mapping,
        validator=_safe_secrets("--env"),
        repr=_names_only,
    )
    env_files: Strings = repeat("--env-file", validator=v.each(v.plain))
    volumes: Sequence[MountSpec] = repeat(
        "--volume", short="-v", converter=lambda xs: tuple(map(Mount.parse, _seq(xs)))
    )
    tmpfs: Strings = repeat("--tmpfs", validator=v.each(v.absolute_path))
    volumes_from: Strings = repeat("--volumes-from", validator=v.each(_check_volumes_from))
    links: Strings = repeat("--link", validator=v.each(_check_link))
    labels: EnvSpec = pairs("--label", short="-l", converter=v.str_mapping("labels"))
    network: str | None = flag("--network", validator=v.optional(v.plain))
    network_aliases: Strings = repeat("--network-alias", validator=v.each(v.hostname))
    hostname: str | None = flag("--hostname", validator=v.optional(v.hostname))
    user: str | None = flag("--user", short="-u", validator=v.optional(v.plain))
    workdir: str | None = flag("--workdir", short="-w", validator=v.optional(v.absolute_path))
    restart: str | None = flag("--restart", validator=_check_restart)
    init: bool = switch("--init")
    ulimits: Sequence[UlimitSpec] = repeat(
        "--ulimit", converter=lambda xs: tuple(map(Ulimit.parse, _seq(xs)))
    )
    memory: int | str | None = flag(
        "--memory", converter=attrs.converters.optional(lambda x: v.size("memory", x))
    )
    cpus: float | str | None = flag("--cpus", validator=v.optional(v.cpus))
    health_cmd: str | None = flag("--health-cmd", validator=v.optional(v.plain))
    health_interval: Duration | None = flag(
        "--health-interval", fmt=_duration, validator=v.duration
    )
    health_timeout: Duration | None = flag("--health-timeout", fmt=_duration, validator=v.duration)
    health_start_period: Duration | None = flag(
        "--health-start-period", fmt=_duration, validator=v.duration
    )
    health_retries: int | None = flag("--health-retries", validator=_check_time)
    no_healthcheck: bool = switch("--no-healthcheck")
    read_only: bool = switch("--read-only")
    cap_add: Strings = repeat("--cap-add", validator=v.each(v.capability))
    cap_drop: Strings = repeat("--cap-drop", validator=v.each(v.capability))
    extra_hosts: Strings = repeat("--add-host", validator=v.each(_check_extra_host))
    platform: str | None = flag("--platform", validator=_check_platform)
    pull: str | None = flag("--pull", validator=v.one_of("always", "missing", "never"))
    remove: bool = switch("--rm")
    cidfile: str | None = flag("--cidfile", validator=v.optional(v.plain))
    detach: bool = switch("--detach")
    image: str = positional(validator=v.required(v.image_ref))
    command: CommandSpec = positional(converter=v.command, factory=tuple, fmt=lambda xs: xs)


def _seq(value: Any) -> Sequence[Any]:
    if value is None:
        return ()
    if isinstance(value, (str, int, Publish, Mount, Ulimit)):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class ExecOptions:
    """``docker exec``: run a command in a running container."""

    subcommand: ClassVar[tuple[str, ...]] = ("exec",)

    env: EnvSpec = secret_env(
        "--env", converter=v.env_mapping, validator=_safe_secrets("--env"), repr=_names_only
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


_REFS = {"converter": lambda xs: tuple(_seq(xs)), "fmt": lambda xs: xs}


def _refs(check: Any = v.container_ref) -> Any:
    return positional(validator=[v.each(check), _non_empty], **_REFS)


def _non_empty(_inst: object, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise v.fail(attribute.name, "must name at least one object", value)


def _object_ref(field: str, value: str) -> str:
    # inspect takes containers, images, networks or volumes: accept any of their names.
    v.plain(field, value)
    if value.count("/") == 0 and v.REF_LIKE.fullmatch(value):
        return value
    return v.image_ref(field, value)


@attrs.frozen(kw_only=True)
class InspectOptions:
    """``docker inspect``: one call for many objects."""

    subcommand: ClassVar[tuple[str, ...]] = ("inspect",)

    type: str | None = flag("--type", validator=v.one_of("container", "image", "network", "volume"))
    format: str | None = flag("--format", validator=v.optional(v.plain))
    size: bool = switch("--size")
    refs: Strings = _refs(_object_ref)


@attrs.frozen(kw_only=True)
class ContainerInspectOptions:
    """``docker container inspect``: containers only, many in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("container", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    size: bool = switch("--size")
    refs: Strings = _refs(_object_ref)  # as lenient as plain inspect: a miss is NotFound


@attrs.frozen(kw_only=True)
class ImageInspectOptions:
    """``docker image inspect``: images only, many in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("image", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    refs: Strings = _refs(_object_ref)


@attrs.frozen(kw_only=True)
class VersionOptions:
    """``docker version``."""

    subcommand: ClassVar[tuple[str, ...]] = ("version",)

    format: str | None = flag("--format", validator=v.optional(v.plain))


@attrs.frozen(kw_only=True)
class InfoOptions:
    """``docker info``."""

    subcommand: ClassVar[tuple[str, ...]] = ("info",)

    format: str | None = flag("--format", validator=v.optional(v.plain))


@attrs.frozen(kw_only=True)
class ContextInspectOptions:
    """``docker context inspect NAME...``."""

    subcommand: ClassVar[tuple[str, ...]] = ("context", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    names: Strings = positional(validator=[v.each(v.context_name), _non_empty], **_REFS)


@attrs.frozen(kw_only=True)
class StopOptions:
    """``docker stop``: SIGTERM, then SIGKILL after ``time`` seconds."""

    subcommand: ClassVar[tuple[str, ...]] = ("stop",)

    time: int | None = flag("--time", validator=_check_time)
    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class RestartOptions:
    """``docker restart``."""

    subcommand: ClassVar[tuple[str, ...]] = ("restart",)

    time: int | None = flag("--time", validator=_check_time)
    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class KillOptions:
    """``docker kill``."""

    subcommand: ClassVar[tuple[str, ...]] = ("kill",)

    signal: str | None = flag("--signal", validator=_check_signal)
    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class StartOptions:
    """``docker start``."""

    subcommand: ClassVar[tuple[str, ...]] = ("start",)

    attach: bool = switch("--attach")
    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class WaitOptions:
    """``docker wait``."""

    subcommand: ClassVar[tuple[str, ...]] = ("wait",)

    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class RmOptions:
    """``docker rm``."""

    subcommand: ClassVar[tuple[str, ...]] = ("rm",)

    force: bool = switch("--force")
    volumes: bool = switch("--volumes")
    refs: Strings = _refs()


@attrs.frozen(kw_only=True)
class LogsOptions:
    """``docker logs``."""

    subcommand: ClassVar[tuple[str, ...]] = ("logs",)

    follow: bool = switch("--follow")
    timestamps: bool = switch("--timestamps")
    since: str | None = flag("--since", validator=v.optional(v.plain))
    until: str | None = flag("--until", validator=v.optional(v.plain))
    tail: int | str | None = flag("--tail", validator=_check_tail)
    ref: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class PortOptions:
    """``docker port CONTAINER [PORT[/PROTO]]``."""

    subcommand: ClassVar[tuple[str, ...]] = ("port",)

    ref: str = positional(validator=v.required(v.container_ref))
    port: str | None = positional(default=None, validator=v.optional(_port_spec))


@attrs.frozen(kw_only=True)
class PsOptions:
    """``docker ps``; filters render as one ``--filter=key=value`` per value."""

    subcommand: ClassVar[tuple[str, ...]] = ("ps",)

    all: bool = switch("--all")
    filters: Filters = flag(
        "--filter", fmt=_filters, takes="pairs", factory=dict, validator=_check_filters
    )
    format: str | None = flag("--format", validator=v.optional(v.plain))
    no_trunc: bool = switch("--no-trunc")
    quiet: bool = switch("--quiet")


@attrs.frozen(kw_only=True)
class ImagesOptions:
    """``docker images [REFERENCE]``."""

    subcommand: ClassVar[tuple[str, ...]] = ("images",)

    all: bool = switch("--all")
    filters: Filters = flag(
        "--filter", fmt=_filters, takes="pairs", factory=dict, validator=_check_filters
    )
    format: str | None = flag("--format", validator=v.optional(v.plain))
    no_trunc: bool = switch("--no-trunc")
    quiet: bool = switch("--quiet")
    reference: str | None = positional(default=None, validator=v.optional(v.plain))


@attrs.frozen(kw_only=True)
class RmiOptions:
    """``docker rmi``."""

    subcommand: ClassVar[tuple[str, ...]] = ("rmi",)

    force: bool = switch("--force")
    no_prune: bool = switch("--no-prune")
    refs: Strings = _refs(v.image_ref)


@attrs.frozen(kw_only=True)
class TagOptions:
    """``docker tag SOURCE TARGET``."""

    subcommand: ClassVar[tuple[str, ...]] = ("tag",)

    source: str = positional(validator=v.required(v.image_ref))
    target: str = positional(validator=v.required(lambda f, x: v.image_ref(f, x, digest=False)))


@attrs.frozen(kw_only=True)
class PullOptions:
    """``docker pull``."""

    subcommand: ClassVar[tuple[str, ...]] = ("pull",)

    platform: str | None = flag("--platform", validator=_check_platform)
    quiet: bool = switch("--quiet")
    ref: str = positional(validator=v.required(v.image_ref))
