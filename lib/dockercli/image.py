"""``Image``: a built or found image, bound to its client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockercli.models import ImageInfo
from dockercli.options import RmiOptions

if TYPE_CHECKING:
    from dockercli.docker import Docker


class Image:
    """An image on the engine.

    Attributes:
        id: The full ID, 64 hex without ``sha256:``.
        tags: The tags this image was built or found with.

    As a context manager it removes the image on exit (``force``, so tags go too).
    """

    def __init__(
        self,
        docker: Docker,
        image_id: str,
        *,
        tags: Sequence[str] = (),
        info: ImageInfo | None = None,
    ) -> None:
        self.docker = docker
        self.id = image_id.removeprefix("sha256:")
        self.tags = tuple(tags)
        self._info = info

    def __repr__(self) -> str:
        return f"Image({self.short_id!r}, tags={list(self.tags)!r})"

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
            self._info = self.docker.inspect_image(self.id)
        return self._info

    def remove(self, *, force: bool = True) -> None:
        """Remove the image (and, with ``force``, all its tags)."""
        self.docker.call(("rmi",), RmiOptions(refs=(self.id,), force=force))

    def __enter__(self) -> Image:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()
