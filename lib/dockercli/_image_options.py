"""Option classes of the image commands: build, image inspect, images, rmi, tag, pull."""

from __future__ import annotations

from typing import ClassVar

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, pairs, positional, repeat, secret_env, switch
from dockercli._option_rules import (
    PROGRESS,
    EnvSpec,
    Filters,
    Strings,
    check_filters,
    check_platform,
    filter_args,
    names_only,
    object_ref,
    ref_list,
    safe_secrets,
)


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
        validator=safe_secrets("--build-arg"),
        repr=names_only,
    )
    labels: EnvSpec = pairs("--label", converter=v.str_mapping("labels"))
    target: str | None = flag("--target", validator=v.optional(v.plain))
    no_cache: bool = switch("--no-cache")
    rm: bool = switch("--rm", default=True, docker_default=True)
    force_rm: bool = switch("--force-rm", default=True)
    pull: bool = switch("--pull")
    platform: str | None = flag("--platform", validator=check_platform)
    network: str | None = flag("--network", validator=v.optional(v.plain))
    iidfile: str | None = flag("--iidfile", validator=v.optional(v.plain))
    progress: str | None = flag("--progress", validator=v.one_of(*PROGRESS))
    quiet: bool = switch("--quiet")
    context: str = positional(converter=v.context_path, default=".")


@attrs.frozen(kw_only=True)
class ImageInspectOptions:
    """``docker image inspect``: images only, many in one call."""

    subcommand: ClassVar[tuple[str, ...]] = ("image", "inspect")

    format: str | None = flag("--format", validator=v.optional(v.plain))
    refs: Strings = ref_list(object_ref)


@attrs.frozen(kw_only=True)
class ImagesOptions:
    """``docker images [REFERENCE]``."""

    subcommand: ClassVar[tuple[str, ...]] = ("images",)

    all: bool = switch("--all")
    filters: Filters = flag(
        "--filter", fmt=filter_args, takes="pairs", factory=dict, validator=check_filters
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
    refs: Strings = ref_list(v.image_ref)


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

    platform: str | None = flag("--platform", validator=check_platform)
    quiet: bool = switch("--quiet")
    ref: str = positional(validator=v.required(v.image_ref))
