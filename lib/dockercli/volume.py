"""``Volume``: a named volume, bound to its client."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from dockercli import _reads
from dockercli.errors import ConflictError, NoSuchVolumeError

if TYPE_CHECKING:
    from dockercli.models import VolumeInfo
    from dockercli.session import Client, Session

log = logging.getLogger("dockercli")


class Volume:
    """A volume on the engine.

    Attributes:
        name: Its name (the engine's 64 hex digits for one created without a name).
        session: The :class:`~dockercli.session.Session` its commands run through.
        created: True for a volume this client created (:meth:`Docker.create_volume`).

    As a context manager, a volume this client created is removed on exit, unless a
    container still uses it (docker counts stopped containers too): then it is left in
    place and the reason logged; the exit hook tries again after removing the session's
    containers. A volume looked up with :meth:`Docker.volume` is never removed.
    """

    def __init__(
        self, client: Client, name: str, *, created: bool = False, stamp: str = ""
    ) -> None:
        from dockercli.session import session_of  # noqa: PLC0415 - a type-only import above

        self.session: Session = session_of(client)
        self.name = name
        self.created = created
        self._stamp = stamp  # the creation label that tells this volume from a namesake

    def __repr__(self) -> str:
        return f"Volume({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Volume) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def inspect(self) -> VolumeInfo:
        """``docker volume inspect``: its driver, mountpoint, labels and options."""
        return _reads.volume_info(self.session, self.name)

    def remove(self, *, missing_ok: bool = False) -> None:
        """``docker volume rm`` (never ``--force``: on podman it removes the containers
        that use the volume).

        A container that uses it, running or stopped, makes the engine refuse:
        :class:`ConflictError`. With ``missing_ok`` a volume already gone is not an error.
        A volume this client created is removed only while it is still the one it created
        (a namesake made since is someone else's).
        """
        gone = not self.session.remove_volume(self.name, self._stamp)
        self.session.untrack_volume(self.name, self._stamp)
        if gone and not missing_ok:
            raise NoSuchVolumeError(f"no such volume: {self.name}")

    def __enter__(self) -> Volume:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.created:
            return
        try:
            self.remove(missing_ok=True)
        except ConflictError as error:  # still tracked: the exit hook tries again
            log.info("volume %s left in place: %s", self.name, error.message)
