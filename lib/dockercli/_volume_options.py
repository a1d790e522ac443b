"""Option classes of the volume commands: ls, create, inspect, rm."""

from __future__ import annotations

from typing import ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, pairs, positional, switch
from dockercli._option_rules import EnvSpec, Filters, Strings, check_filters, filter_args, ref_list


@attrs.frozen(kw_only=True)
class VolumeLsOptions:
    """``docker volume ls``."""

    subcommand: ClassVar[tuple[str, ...]] = ("volume", "ls")

    filters: Filters = flag(
        "--filter", fmt=filter_args, takes="pairs", factory=dict, validator=check_filters
    )
    format: str | None = flag("--format", validator=v.optional(v.plain))
    quiet: bool = switch("--quiet")


@attrs.frozen(kw_only=True)
class VolumeOptions:
    """``docker volume create``: a named volume, or one the engine names (``name=None``).

    ``driver_opts`` are the driver's ``--opt`` settings (for ``local``: ``type``,
    ``device``, ``o``, as ``mount`` takes them). dockercli adds its session labels, so
    ``cleanup`` can find the volume later.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("volume", "create")

    driver: str | None = flag("--driver", validator=v.optional(v.plain))
    labels: EnvSpec = pairs("--label", converter=v.str_mapping("labels"))
    driver_opts: EnvSpec = pairs("--opt", converter=v.str_mapping("driver_opts"))
    name: str | None = positional(default=None, validator=v.optional(v.volume_name))


@attrs.frozen(kw_only=True)
class VolumeInspectOptions:
    """``docker volume inspect``: many volumes in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("volume", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class VolumeRmOptions:
    """``docker volume rm``: many volumes in one call.

    ``force`` differs by client: docker's only makes a missing volume no error; podman's
    removes the containers that use the volume first. dockercli's own removals never
    pass it.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("volume", "rm")

    force: bool = switch("--force")
    refs: Strings = ref_list()
