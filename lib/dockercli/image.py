"""``Image``: a built or found image, bound to its client."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dockercli import _reads, ownership
from dockercli.errors import ConflictError, NotFoundError
from dockercli.models import ImageInfo
from dockercli.options import RmiOptions, TagOptions

if TYPE_CHECKING:
    from dockercli.session import Client, Session

log = logging.getLogger("dockercli")


class Image:
    """An image on the engine.

    Attributes:
        id: The full ID, 64 hex without ``sha256:``.
        session: The :class:`~dockercli.session.Session` its commands run through.
        tags: The tags this image was built or found with (not every tag it has: a tag
            someone else gave the same image is theirs).

    As a context manager it calls :meth:`remove` on exit: it removes those tags, and the
    image only when nothing else names or uses it.
    """

    def __init__(
        self,
        client: Client,
        image_id: str,
        *,
        tags: Sequence[str] = (),
        info: ImageInfo | None = None,
        replaced: Mapping[str, str] | None = None,
    ) -> None:
        from dockercli.session import session_of  # noqa: PLC0415 - a type-only import above

        self.session: Session = session_of(client)
        self.id = image_id.removeprefix("sha256:")
        self.tags = tuple(tags)
        self._info = info
        # tag -> the image it named before this one was built: remove() gives it back.
        self._replaced = dict(replaced or {})

    def __repr__(self) -> str:
        return f"Image({self.short_id!r}, tags={list(self.tags)!r})"

    @property
    def docker(self) -> Session:
        """Deprecated: :attr:`session`."""
        from dockercli.session import deprecated_docker  # noqa: PLC0415 - first use

        deprecated_docker("Image")
        return self.session

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Image) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def short_id(self) -> str:
        """The first 12 hex digits of the ID, as ``docker images`` shows it."""
        return self.id[:12]

    def inspect(self, *, refresh: bool = False) -> ImageInfo:
        """The image's inspect data (fetched once, then cached)."""
        if self._info is None or refresh:
            self._info = _reads.inspect_image(self.session, self.id)
        return self._info

    def remove(self) -> bool:
        """Remove this image's :attr:`tags`, then the image if nothing else needs it.

        Never forced, and never pruning untagged parents the engine would take along
        (``--no-prune``: such a parent may be an untagged image the user built): a tag
        the image has besides :attr:`tags`, a container using it, or an image built on
        it keeps it (and a tag a container needs stays too). The legacy builder's step
        images stay too, as build cache: the user's own build of the same Dockerfile
        returns one of them as its result, and nothing on the engine tells the two
        apart. Returns True when the image is gone, False when it was left; the reason
        is logged at INFO.
        """
        try:
            info = _reads.inspect_image(self.session, self.id)
        except NotFoundError:
            return True
        # A tag that already named this very image before the build is not ours to take.
        had = [t for t, iid in self._replaced.items() if iid == self.id]
        mine = [t for t in ownership.ours_among(self.tags, info.tags) if not _among(t, had)]
        others = [t for t in info.tags if t not in mine]
        gone = False
        if mine:
            removed = self._rmi(mine)
            if removed is None:
                return False
            gone = self.id in removed  # the engine deleted it with its last tag
            self._give_back(mine)
        if not gone and others:
            log.info("image %s left in place: still tagged %s", self.short_id, ", ".join(others))
            return False
        return gone or self._rmi([self.id]) is not None

    def _give_back(self, removed: Sequence[str]) -> None:
        # The build moved these tags off the images they named; point them back.
        for tag, previous in self._replaced.items():
            if previous != self.id and _among(tag, removed):
                try:
                    self.session.call(TagOptions(source=previous, target=tag))
                except NotFoundError:
                    log.info("tag %s not given back: image %s is gone", tag, previous[:12])

    def _rmi(self, refs: Sequence[str]) -> str | None:
        """``rmi --no-prune``: what it printed, or None when the engine refused (in use)."""
        try:
            return self.session.call(RmiOptions(refs=tuple(refs), no_prune=True)).stdout
        except NotFoundError:
            return ""  # gone already (another cleanup, or by hand)
        except ConflictError as error:
            log.info("image %s left in place: %s", self.short_id, error.message)
            return None

    def __enter__(self) -> Image:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def _among(tag: str, listed: Sequence[str]) -> bool:
    return any(ownership.same_ref(tag, t) or ownership.same_ref(t, tag) for t in listed)
