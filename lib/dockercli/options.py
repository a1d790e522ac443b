"""Option classes: each field declares its docker flag once; ``_argv.render`` walks them.

All classes are frozen and keyword-only. Values are validated at construction and a bad
value raises :class:`~dockercli.errors.InvalidOptionError` naming the field. Env and
build-arg *values* never render into argv (see ``_argv``).

This module defines the client's options and ``run``'s, which a first call needs; every
other class lives with its command family (``_container_options``, ``_image_options``,
``_engine_options``, ``_network_options``) and is loaded the first time it is looked up
here, so that ``Docker()`` does not pay for building classes it may never use. Import them
from here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, ClassVar

import attrs

from dockercli import _run_rules as rr, _validate as v
from dockercli._flags import flag, nested, pairs, positional, repeat, secret_env, switch, unrendered
from dockercli._option_rules import (
    CommandSpec,
    Duration,
    EnvSpec,
    MountSpec,
    PublishSpec,
    Strings,
    UlimitSpec,
    as_items,
    check_extra_host,
    check_link,
    check_platform,
    check_restart,
    check_signal,
    check_time,
    check_volumes_from,
    duration_args,
    names_only,
    safe_secrets,
    size_flag,
)
from dockercli.specs import (
    BindMount,
    Mount,
    Publish,
    TLSConfig,
    TmpfsMount,
    TypedMount,
    Ulimit,
    VolumeMount,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING would cost an import
if TYPE_CHECKING:
    # <generated family-imports>
    from dockercli._container_options import (
        ContainerInspectOptions,
        CpOptions,
        ExecOptions,
        InspectOptions,
        KillOptions,
        LogsOptions,
        PortOptions,
        PsOptions,
        RenameOptions,
        RestartOptions,
        RmOptions,
        StartOptions,
        StopOptions,
        WaitOptions,
    )
    from dockercli._engine_options import (
        ContextInspectOptions,
        InfoOptions,
        VersionOptions,
    )
    from dockercli._image_options import (
        BuildOptions,
        ImageInspectOptions,
        ImagesOptions,
        PullOptions,
        RmiOptions,
        TagOptions,
    )
    from dockercli._network_options import (
        NetworkConnectOptions,
        NetworkDisconnectOptions,
        NetworkInspectOptions,
        NetworkLsOptions,
        NetworkOptions,
        NetworkRmOptions,
    )
    from dockercli._tools_options import (
        CommitOptions,
        DiffOptions,
        ExportOptions,
        PauseOptions,
        StatsOptions,
        TopOptions,
        UnpauseOptions,
        UpdateOptions,
    )
    from dockercli._volume_options import (
        VolumeInspectOptions,
        VolumeLsOptions,
        VolumeOptions,
        VolumeRmOptions,
    )
    # </generated>


def _typed_mount(field: str, value: object) -> object:
    if not isinstance(value, (BindMount, VolumeMount, TmpfsMount)):
        raise v.fail(field, "must be a BindMount, VolumeMount or TmpfsMount", value)
    return value


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
class RunOptions:
    """``docker run`` / ``docker create``: flags, then the image, then the command.

    ``publish`` takes ints (container port, random host port), docker's
    ``[ip:][hostport:]port[/proto]`` strings or :class:`Publish`; ``volumes`` takes
    ``source:target[:ro|rw][,z|Z]`` strings (a source starting with '.' is made absolute
    against the cwd) or :class:`Mount`; ``mounts`` takes :class:`BindMount` (the host
    path must exist), :class:`VolumeMount` and :class:`TmpfsMount` (``--mount``).
    Healthcheck durations take seconds, a timedelta or a Go duration (``"1m30s"``);
    ``cpus`` a number or docker's text (``"0.5"``); sizes (``memory``, ``shm_size``...)
    bytes or docker's ``"512m"``, ``memory_swap`` also -1 (unlimited swap). Checked here,
    before docker sees them: a swap limit below ``memory``, an ``oom_score_adj`` outside
    -1000..1000, a sysctl docker does not let containers set, a namespace mode no client
    takes. ``gpus`` and ``isolation`` are docker's alone (podman 4.3 ignores ``--gpus``
    and refuses ``--isolation``); ``ip`` needs a user network on docker 28; ``mac_address``
    needs an engine of API 1.44 or later with a docker 28 client.
    ``env`` values never reach argv.
    """

    # ``docker create`` takes the same options: ``Docker.call(opts, subcommand=("create",))``.
    subcommand: ClassVar[tuple[str, ...]] = ("run",)

    name: str | None = flag("--name", validator=v.optional(v.container_name))
    entrypoint: str | None = flag("--entrypoint", validator=v.optional(v.plain))
    publish: Sequence[PublishSpec] = repeat(
        "--publish", short="-p", converter=lambda xs: tuple(map(Publish.parse, as_items(xs)))
    )
    publish_all: bool = switch("--publish-all")
    env: EnvSpec = secret_env(
        "--env",
        short="-e",
        converter=v.env_mapping,
        validator=safe_secrets("--env"),
        repr=names_only,
    )
    env_files: Strings = repeat("--env-file", validator=v.each(v.plain))
    volumes: Sequence[MountSpec] = repeat(
        "--volume", short="-v", converter=lambda xs: tuple(map(Mount.parse, as_items(xs)))
    )
    mounts: Sequence[TypedMount] = repeat(
        "--mount", converter=tuple, validator=v.each(_typed_mount)
    )
    tmpfs: Strings = repeat("--tmpfs", validator=v.each(v.absolute_path))
    volumes_from: Strings = repeat("--volumes-from", validator=v.each(check_volumes_from))
    links: Strings = repeat("--link", validator=v.each(check_link))
    labels: EnvSpec = pairs("--label", short="-l", converter=v.str_mapping("labels"))
    network: str | None = flag("--network", validator=v.optional(v.plain))
    network_aliases: Strings = repeat("--network-alias", validator=v.each(v.hostname))
    ip: str | None = flag("--ip", validator=rr.ipv4)
    mac_address: str | None = flag("--mac-address", validator=rr.mac_address)
    dns: Strings = repeat("--dns", validator=v.each(v.ip_address))
    dns_search: Strings = repeat("--dns-search", validator=v.each(rr.dns_search))
    dns_options: Strings = repeat("--dns-option", validator=v.each(rr.dns_option))
    expose: Sequence[int | str] = repeat(
        "--expose", converter=rr.expose_items, validator=v.each(rr.expose)
    )
    hostname: str | None = flag("--hostname", validator=v.optional(v.hostname))
    user: str | None = flag("--user", short="-u", validator=v.optional(v.plain))
    workdir: str | None = flag("--workdir", short="-w", validator=v.optional(v.absolute_path))
    restart: str | None = flag("--restart", validator=check_restart)
    init: bool = switch("--init")
    ulimits: Sequence[UlimitSpec] = repeat(
        "--ulimit", converter=lambda xs: tuple(map(Ulimit.parse, as_items(xs)))
    )
    memory: int | str | None = size_flag("--memory", "memory")
    cpus: float | str | None = flag("--cpus", validator=v.optional(v.cpus))
    memory_swap: int | str | None = flag(
        "--memory-swap", converter=rr.memory_swap, validator=rr.swap_above_memory
    )
    memory_reservation: int | str | None = size_flag(
        "--memory-reservation", "memory_reservation", validator=rr.reservation_below_memory
    )
    shm_size: int | str | None = size_flag("--shm-size", "shm_size")
    cpu_shares: int | None = flag("--cpu-shares", validator=rr.int_range(0, 262144))
    cpuset_cpus: str | None = flag("--cpuset-cpus", validator=rr.cpuset)
    blkio_weight: int | None = flag("--blkio-weight", validator=rr.blkio_weight)
    pids_limit: int | None = flag(
        "--pids-limit", validator=rr.int_range(-1, 2**62, "must be -1 (no limit) or more")
    )
    oom_score_adj: int | None = flag("--oom-score-adj", validator=rr.int_range(-1000, 1000))
    health_cmd: str | None = flag("--health-cmd", validator=v.optional(v.plain))
    health_interval: Duration | None = flag(
        "--health-interval", fmt=duration_args, validator=v.duration
    )
    health_timeout: Duration | None = flag(
        "--health-timeout", fmt=duration_args, validator=v.duration
    )
    health_start_period: Duration | None = flag(
        "--health-start-period", fmt=duration_args, validator=v.duration
    )
    health_retries: int | None = flag("--health-retries", validator=check_time)
    no_healthcheck: bool = switch("--no-healthcheck")
    read_only: bool = switch("--read-only")
    cap_add: Strings = repeat("--cap-add", validator=v.each(v.capability))
    cap_drop: Strings = repeat("--cap-drop", validator=v.each(v.capability))
    privileged: bool = switch("--privileged")
    security_opt: Strings = repeat("--security-opt", validator=v.each(rr.security_opt))
    devices: Strings = repeat("--device", validator=v.each(rr.device))
    gpus: int | str | None = flag("--gpus", validator=rr.gpus)
    sysctls: EnvSpec = pairs("--sysctl", converter=v.str_mapping("sysctls"), validator=rr.sysctls)
    group_add: Sequence[int | str] = repeat(
        "--group-add", converter=rr.text_items, validator=v.each(v.plain)
    )
    pid: str | None = flag("--pid", validator=rr.pid_mode)
    ipc: str | None = flag("--ipc", validator=rr.ipc_mode)
    userns: str | None = flag("--userns", validator=rr.userns_mode)
    cgroupns: str | None = flag("--cgroupns", validator=v.one_of("host", "private"))
    runtime: str | None = flag("--runtime", validator=v.optional(v.plain))
    isolation: str | None = flag("--isolation", validator=v.one_of("default", "process", "hyperv"))
    storage_opt: EnvSpec = pairs("--storage-opt", converter=v.str_mapping("storage_opt"))
    log_driver: str | None = flag("--log-driver", validator=v.optional(v.plain))
    log_opts: EnvSpec = pairs("--log-opt", converter=v.str_mapping("log_opts"))
    stop_signal: str | None = flag("--stop-signal", validator=check_signal)
    stop_timeout: int | None = flag("--stop-timeout", validator=check_time)
    extra_hosts: Strings = repeat("--add-host", validator=v.each(check_extra_host))
    platform: str | None = flag("--platform", validator=check_platform)
    pull: str | None = flag("--pull", validator=v.one_of("always", "missing", "never"))
    remove: bool = switch("--rm")
    cidfile: str | None = flag("--cidfile", validator=v.optional(v.plain))
    interactive: bool = switch("--interactive")
    tty: bool = switch("--tty")
    detach: bool = switch("--detach")
    image: str = positional(validator=v.required(v.image_ref))
    command: CommandSpec = positional(converter=v.command, factory=tuple, fmt=lambda xs: xs)


# Class name -> the module that defines it (loaded on first lookup, PEP 562).
_FAMILIES = {
    # <generated families>
    "BuildOptions": "_image_options",
    "CommitOptions": "_tools_options",
    "ContainerInspectOptions": "_container_options",
    "ContextInspectOptions": "_engine_options",
    "CpOptions": "_container_options",
    "DiffOptions": "_tools_options",
    "ExecOptions": "_container_options",
    "ExportOptions": "_tools_options",
    "ImageInspectOptions": "_image_options",
    "ImagesOptions": "_image_options",
    "InfoOptions": "_engine_options",
    "InspectOptions": "_container_options",
    "KillOptions": "_container_options",
    "LogsOptions": "_container_options",
    "NetworkConnectOptions": "_network_options",
    "NetworkDisconnectOptions": "_network_options",
    "NetworkInspectOptions": "_network_options",
    "NetworkLsOptions": "_network_options",
    "NetworkOptions": "_network_options",
    "NetworkRmOptions": "_network_options",
    "PauseOptions": "_tools_options",
    "PortOptions": "_container_options",
    "PsOptions": "_container_options",
    "PullOptions": "_image_options",
    "RenameOptions": "_container_options",
    "RestartOptions": "_container_options",
    "RmOptions": "_container_options",
    "RmiOptions": "_image_options",
    "StartOptions": "_container_options",
    "StatsOptions": "_tools_options",
    "StopOptions": "_container_options",
    "TagOptions": "_image_options",
    "TopOptions": "_tools_options",
    "UnpauseOptions": "_tools_options",
    "UpdateOptions": "_tools_options",
    "VersionOptions": "_engine_options",
    "VolumeInspectOptions": "_volume_options",
    "VolumeLsOptions": "_volume_options",
    "VolumeOptions": "_volume_options",
    "VolumeRmOptions": "_volume_options",
    "WaitOptions": "_container_options",
    # </generated>
}


def __getattr__(name: str) -> object:
    module = _FAMILIES.get(name)
    if module is None:
        raise AttributeError(f"module 'dockercli.options' has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - only a lookup of a lazily loaded class needs it

    value = getattr(importlib.import_module(f"dockercli.{module}"), name)
    globals()[name] = value  # looked up once; later lookups never reach __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FAMILIES})


__all__ = [
    # <generated options-all>
    "BuildOptions",
    "ClientOptions",
    "CommitOptions",
    "ContainerInspectOptions",
    "ContextInspectOptions",
    "CpOptions",
    "DiffOptions",
    "ExecOptions",
    "ExportOptions",
    "ImageInspectOptions",
    "ImagesOptions",
    "InfoOptions",
    "InspectOptions",
    "KillOptions",
    "LogsOptions",
    "NetworkConnectOptions",
    "NetworkDisconnectOptions",
    "NetworkInspectOptions",
    "NetworkLsOptions",
    "NetworkOptions",
    "NetworkRmOptions",
    "PauseOptions",
    "PortOptions",
    "PsOptions",
    "PullOptions",
    "RenameOptions",
    "RestartOptions",
    "RmOptions",
    "RmiOptions",
    "RunOptions",
    "StartOptions",
    "StatsOptions",
    "StopOptions",
    "TagOptions",
    "TopOptions",
    "UnpauseOptions",
    "UpdateOptions",
    "VersionOptions",
    "VolumeInspectOptions",
    "VolumeLsOptions",
    "VolumeOptions",
    "VolumeRmOptions",
    "WaitOptions",
    # </generated>
]
