"""The typed reads the client and its objects share: inspect many containers or images in
one call, one image, and the image list. Each takes the :class:`~dockercli.session.Session`
to run through, so ``Container``, ``Image`` and the cleaner need no ``Docker``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from dockercli import parsers
from dockercli.errors import (
    DockerError,
    NoSuchImageError,
    NoSuchNetworkError,
    NoSuchVolumeError,
    NotFoundError,
)
from dockercli.models import ContainerInfo, ImageInfo, ImageSummary, NetworkInfo, VolumeInfo
from dockercli.options import (
    ContainerInspectOptions,
    ImageInspectOptions,
    ImagesOptions,
    NetworkInspectOptions,
    PsOptions,
    VolumeInspectOptions,
    VolumeLsOptions,
)

if TYPE_CHECKING:
    from dockercli.session import Session

# Exit statuses of a partial inspect (some objects found): docker 1, podman 125.
_PARTIAL = (0, 1, 125)


def inspect_containers(
    session: Session, refs: Iterable[str], *, missing_ok: bool = False
) -> list[ContainerInfo]:
    """Inspect many containers in one CLI call (missing ones raise unless ``missing_ok``)."""
    found = _inspect_many(session, ContainerInspectOptions, refs, missing_ok=missing_ok)
    return [ContainerInfo.from_inspect(d) for d in found]


def inspect_images(
    session: Session, refs: Iterable[str], *, missing_ok: bool = False
) -> list[ImageInfo]:
    """Inspect many images in one CLI call (missing ones raise unless ``missing_ok``)."""
    found = _inspect_many(session, ImageInspectOptions, refs, missing_ok=missing_ok)
    return [ImageInfo.from_inspect(d) for d in found]


def inspect_image(session: Session, ref: str) -> ImageInfo:
    """``docker image inspect`` of one image; :class:`NoSuchImageError` when absent."""
    missing = f"no such image: {ref}"
    try:
        done = session.call(ImageInspectOptions(refs=(ref,)))
    except DockerError as error:
        # exit 1 with no other failure in the table: every client's "not found"
        if error.returncode == 1 and (
            isinstance(error, NoSuchImageError) or type(error) is DockerError
        ):
            raise NoSuchImageError.told_as(error, missing) from None
        raise
    found = parsers.inspect_list(done.stdout) if done.stdout.strip() else []
    if not found:
        raise NoSuchImageError.from_completed(done, missing)
    return ImageInfo.from_inspect(found[0])


def network_info(session: Session, ref: str) -> NetworkInfo:
    """``docker network inspect`` of one network, its members as the network lists them
    (docker: without aliases; podman: none); :class:`NoSuchNetworkError` when absent."""
    found = parsers.inspect_list(session.call(NetworkInspectOptions(refs=(ref,))).stdout)
    if not found:  # a client that exits 0 with nothing printed found nothing
        raise NoSuchNetworkError(f"no such network: {ref}")
    return NetworkInfo.from_inspect(found[0])


def network_containers(session: Session, info: NetworkInfo) -> list[ContainerInfo]:
    """The containers attached to a network, inspected: docker's network inspect lists
    the running ones (the only ones that keep docker from removing it); podman's lists
    none, and there ``ps --all --filter network=`` finds every one, since a stopped
    container keeps podman from removing the network too."""
    if "Containers" in info.raw:
        ids = [m.container_id for m in info.containers]
    else:
        opts = PsOptions(all=True, filters={"network": info.name}, quiet=True, no_trunc=True)
        ids = session.call(opts).stdout.split()
    return inspect_containers(session, ids, missing_ok=True)


def inspect_network(session: Session, ref: str) -> NetworkInfo:
    """One network with its attached containers read from their own inspect data, so
    each member carries its aliases (two calls; three on podman). Members are the running
    containers on both, as docker lists them."""
    info = network_info(session, ref)
    return info.with_members([c for c in network_containers(session, info) if c.running])


def volume_info(session: Session, name: str) -> VolumeInfo:
    """``docker volume inspect`` of one volume; :class:`NoSuchVolumeError` when absent."""
    found = parsers.inspect_list(session.call(VolumeInspectOptions(refs=(name,))).stdout)
    if not found:  # a client that exits 0 with nothing printed found nothing
        raise NoSuchVolumeError(f"no such volume: {name}")
    return VolumeInfo.from_inspect(found[0])


def volumes(session: Session, filters: Mapping[str, Any] | None = None) -> list[VolumeInfo]:
    """The volumes ``filters`` select, inspected: ``volume ls --quiet``, then one
    ``volume inspect`` of them all (podman's ``ls`` JSON is another shape than docker's;
    inspect's is the same). One removed between the two calls is left out."""
    names = session.call(VolumeLsOptions(filters=dict(filters or {}), quiet=True)).stdout.split()
    found = _inspect_many(session, VolumeInspectOptions, names, missing_ok=True)
    return [VolumeInfo.from_inspect(d) for d in found]


def images(
    session: Session,
    *,
    all: bool = False,
    filters: Mapping[str, Any] | None = None,
    reference: str | None = None,
) -> list[ImageSummary]:
    """``docker images`` as summaries."""
    opts = ImagesOptions(
        all=all,
        filters=dict(filters or {}),
        format="{{json .}}",
        no_trunc=True,
        reference=reference,
    )
    return parsers.image_entries(session.call(opts).stdout)


def _inspect_many(
    session: Session,
    kind: type[ContainerInspectOptions | ImageInspectOptions | VolumeInspectOptions],
    refs: Iterable[str],
    *,
    missing_ok: bool,
) -> list[Any]:
    """One inspect call for many refs: the objects found; a missing one raises unless
    ``missing_ok`` (any other failure always raises)."""
    refs = tuple(refs)
    if not refs:
        return []
    try:
        stdout = session.call(kind(refs=refs)).stdout
    except NotFoundError as error:
        # Partial success: docker prints the objects it found and fails for the rest.
        if not missing_ok or error.returncode not in _PARTIAL:
            raise
        stdout = error.stdout
    return parsers.inspect_list(stdout or "[]")
