"""Option classes of the container tools: pause, unpause, top, stats, diff, commit, export
and update (see ``options``)."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from dockercli import _run_rules as rr, _validate as v
from dockercli._flags import flag, positional, repeat, switch
from dockercli._option_rules import Strings, check_restart, ref_list, size_flag


@attrs.frozen(kw_only=True)
class PauseOptions:
    """``docker pause``: freeze every process of the containers (the cgroup freezer)."""

    subcommand: ClassVar[tuple[str, ...]] = ("pause",)

    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class UnpauseOptions:
    """``docker unpause``."""

    subcommand: ClassVar[tuple[str, ...]] = ("unpause",)

    refs: Strings = ref_list()


def _ps_args(_inst: object, attribute: Any, value: tuple[str, ...]) -> None:
    # ps options go after the container, where docker reads no flag of its own; one that
    # begins with '-' is still passed to ps, which is what the caller asked for.
    for arg in value:
        if not isinstance(arg, str) or not arg or "\x00" in arg or "\n" in arg:
            raise v.fail(attribute.name, "must be ps options, each a non-empty str", arg)


@attrs.frozen(kw_only=True)
class TopOptions:
    """``docker top CONTAINER [ps OPTIONS]``: the processes of a running container.

    ``ps_args`` are the client's: options of the engine host's ``ps`` (docker), or
    podman's own descriptors.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("top",)

    container: str = positional(validator=v.required(v.container_ref))
    ps_args: Strings = positional(
        factory=tuple, converter=tuple, validator=_ps_args, fmt=lambda xs: xs
    )


@attrs.frozen(kw_only=True)
class StatsOptions:
    """``docker stats --no-stream``: one snapshot of each container's resource use.

    ``format`` is ``"{{json .}}"`` for docker (a JSON object per line) and ``"json"`` for
    podman (one array); :meth:`Container.stats` chooses it for its client.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("stats",)

    no_stream: bool = switch("--no-stream", default=True)
    no_trunc: bool = switch("--no-trunc")
    format: str | None = flag("--format", validator=v.optional(v.plain))
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class DiffOptions:
    """``docker diff``: the paths added, changed or deleted in the container's layer."""

    subcommand: ClassVar[tuple[str, ...]] = ("diff",)

    container: str = positional(validator=v.required(v.container_ref))


def _tag(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None:
        v.image_ref(attribute.name, value, digest=False)


def _bool(_inst: object, attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise v.fail(attribute.name, "must be True, False or None", value)


# What commit --change applies: both clients take these; HEALTHCHECK docker's engine
# alone, STOPSIGNAL podman alone (the other refuses it: a UsageError). Others none.
_CHANGES = (
    *("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR"),
    *("HEALTHCHECK", "STOPSIGNAL"),
)


def _instruction(field: str, value: str) -> None:
    v.plain(field, value)
    word = value.split(None, 1)[0].upper() if value.strip() else ""
    if word not in _CHANGES:
        raise v.fail(field, f"must each start with one of {', '.join(_CHANGES)}", value)


@attrs.frozen(kw_only=True)
class CommitOptions:
    """``docker commit``: a new image from the container's filesystem and config.

    ``changes`` are Dockerfile instructions applied to the config (``"ENV A=1"``,
    ``'CMD ["app"]'``). ``pause`` None keeps the client's default (docker pauses the
    container while it commits; podman does not). ``format`` is podman's image format:
    ``"docker"`` keeps a ``message``, which podman's default (OCI) cannot hold.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("commit",)

    format: str | None = flag("--format", validator=v.one_of("docker", "oci"))
    message: str | None = flag("--message", validator=v.optional(v.plain))
    author: str | None = flag("--author", validator=v.optional(v.plain))
    changes: Strings = repeat("--change", validator=v.each(_instruction))
    pause: bool | None = flag("--pause", fmt=lambda b: ("true" if b else "false",), validator=_bool)
    container: str = positional(validator=v.required(v.container_ref))
    ref: str | None = positional(default=None, validator=_tag)


@attrs.frozen(kw_only=True)
class ExportOptions:
    """``docker export --output PATH CONTAINER``: the container's filesystem as a tar.

    The client writes the file, on this host (so a remote engine's container too).
    """

    subcommand: ClassVar[tuple[str, ...]] = ("export",)

    output: str = flag("--output", validator=v.required(v.plain))
    container: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class UpdateOptions:
    """``docker update``: change a container's limits, running or not.

    Sizes are bytes or docker's text (``"512m"``), ``memory_swap`` also -1 (unlimited).
    docker also changes the restart policy. A container created without a memory limit
    takes a first one only with a ``memory_swap`` beside it (the engine refuses
    otherwise). podman 4.3 has no ``restart`` and no ``pids_limit`` here.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("update",)

    cpus: float | str | None = flag("--cpus", validator=v.optional(v.cpus))
    memory: int | str | None = size_flag("--memory", "memory")
    memory_swap: int | str | None = flag(
        "--memory-swap", converter=rr.memory_swap, validator=rr.swap_not_below_memory
    )
    memory_reservation: int | str | None = size_flag(
        "--memory-reservation", "memory_reservation", validator=rr.reservation_below_memory
    )
    cpu_shares: int | None = flag("--cpu-shares", validator=rr.int_range(0, 262144))
    cpuset_cpus: str | None = flag("--cpuset-cpus", validator=rr.cpuset)
    cpuset_mems: str | None = flag("--cpuset-mems", validator=rr.cpuset)
    pids_limit: int | None = flag(
        "--pids-limit", validator=rr.int_range(-1, 2**62, "must be -1 (no limit) or more")
    )
    blkio_weight: int | None = flag("--blkio-weight", validator=rr.blkio_weight)
    restart: str | None = flag("--restart", validator=check_restart)
    refs: Strings = ref_list()

    def __attrs_post_init__(self) -> None:
        settings = attrs.asdict(self, filter=lambda a, value: a.name != "refs")
        if all(value is None for value in settings.values()):
            raise v.fail("UpdateOptions", "must change at least one setting", "nothing")
