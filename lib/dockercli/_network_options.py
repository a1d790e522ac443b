"""Option classes of the network commands: ls, create, inspect, connect, disconnect, rm."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, pairs, positional, repeat, switch
from dockercli._option_rules import (
    EnvSpec,
    Filters,
    Strings,
    check_filters,
    filter_args,
    ref_list,
)


@attrs.frozen(kw_only=True)
class NetworkLsOptions:
    """``docker network ls``."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "ls")

    filters: Filters = flag(
        "--filter", fmt=filter_args, takes="pairs", factory=dict, validator=check_filters
    )
    format: str | None = flag("--format", validator=v.optional(v.plain))
    no_trunc: bool = switch("--no-trunc")
    quiet: bool = switch("--quiet")


def _needs_subnet(inst: NetworkOptions, attribute: Any, value: str | None) -> None:
    # docker: "every ip-range or gateway must have a corresponding subnet"
    if value is not None and inst.subnet is None:
        raise v.fail(attribute.name, "needs 'subnet' too (docker refuses it alone)", value)


@attrs.frozen(kw_only=True)
class NetworkOptions:
    """``docker network create``: a user network (``bridge`` unless ``driver`` says).

    ``subnet`` and ``ip_range`` are CIDR (``10.1.0.0/24``); ``gateway`` an address in the
    subnet. ``options`` are the driver's ``--opt`` settings. dockercli adds its session
    labels, so ``cleanup`` can find the network later.
    """

    subcommand: ClassVar[tuple[str, ...]] = ("network", "create")

    driver: str | None = flag("--driver", validator=v.optional(v.plain))
    internal: bool = switch("--internal")
    attachable: bool = switch("--attachable")
    labels: EnvSpec = pairs("--label", converter=v.str_mapping("labels"))
    subnet: str | None = flag("--subnet", validator=v.optional(v.ip_network))
    gateway: str | None = flag("--gateway", validator=[v.optional(v.ip_address), _needs_subnet])
    ip_range: str | None = flag("--ip-range", validator=[v.optional(v.ip_network), _needs_subnet])
    ipv6: bool = switch("--ipv6")
    options: EnvSpec = pairs("--opt", converter=v.str_mapping("options"))
    name: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class NetworkInspectOptions:
    """``docker network inspect``: many networks in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    refs: Strings = ref_list()


@attrs.frozen(kw_only=True)
class NetworkConnectOptions:
    """``docker network connect NETWORK CONTAINER``: ``aliases`` are the names other
    containers on the network reach it by; ``ip`` a fixed address in the network's subnet."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "connect")

    aliases: Strings = repeat("--alias", validator=v.each(v.hostname))
    ip: str | None = flag("--ip", validator=v.optional(v.ip_address))
    network: str = positional(validator=v.required(v.container_ref))
    container: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class NetworkDisconnectOptions:
    """``docker network disconnect NETWORK CONTAINER``."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "disconnect")

    force: bool = switch("--force")
    network: str = positional(validator=v.required(v.container_ref))
    container: str = positional(validator=v.required(v.container_ref))


@attrs.frozen(kw_only=True)
class NetworkRmOptions:
    """``docker network rm``: many networks in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "rm")

    refs: Strings = ref_list()
