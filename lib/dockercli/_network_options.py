"""Option classes of the network commands: network ls."""

from __future__ import annotations

from typing import ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, switch
from dockercli._option_rules import Filters, check_filters, filter_args


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
