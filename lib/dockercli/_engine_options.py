"""Option classes of the engine commands: version, info, context inspect (see ``options``)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, positional
from dockercli._option_rules import (
    REFS,
    Strings,
    non_empty,
)


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
    names: Strings = positional(validator=[v.each(v.context_name), non_empty], **REFS)
