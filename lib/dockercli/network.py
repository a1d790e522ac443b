"""``Network``: a user network, bound to its client."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

from dockercli import _reads
from dockercli._session import SESSION_ID, SESSION_LABEL
from dockercli.errors import ConflictError, NoSuchContainerError, NoSuchNetworkError
from dockercli.options import NetworkConnectOptions, NetworkDisconnectOptions

if TYPE_CHECKING:
    from dockercli.container import Container
    from dockercli.models import NetworkInfo
    from dockercli.session import Client, Session

log = logging.getLogger("dockercli")

ContainerRef = Union["Container", str]


class Network:
    """A network on the engine.

    Attributes:
        id: The full ID.
        name: Its name.
        session: The :class:`~dockercli.session.Session` its commands run through.

    As a context manager it disconnects, on exit, the containers it connected; a network
    this client created (:meth:`Docker.create_network`) is then removed too, after its
    own containers (those with this session's label) are disconnected. A container
    someone else attached keeps it: the network is left in place and the reason logged.
    """

    def __init__(
        self, client: Client, network_id: str, *, name: str, created: bool = False
    ) -> None:
        from dockercli.session import session_of  # noqa: PLC0415 - a type-only import above

        self.session: Session = session_of(client)
        self.id = network_id
        self.name = name
        self.created = created
        self._attached: list[str] = []  # containers connect() attached, by ID or name

    def __repr__(self) -> str:
        return f"Network({self.id[:12]!r}, name={self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Network) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def short_id(self) -> str:
        """The first 12 hex digits of the ID, as ``docker network ls`` shows it."""
        return self.id[:12]

    def inspect(self) -> NetworkInfo:
        """The network's inspect data, with the containers attached now and their aliases
        (read fresh on every call: membership changes)."""
        return _reads.inspect_network(self.session, self.id)

    def connect(
        self, container: ContainerRef, *, aliases: Sequence[str] = (), ip: str | None = None
    ) -> None:
        """``docker network connect``: attach ``container`` (a :class:`Container`, name or
        ID), reachable on this network by its name and ``aliases``; ``ip`` fixes its
        address."""
        ref = _ref(container)
        opts = NetworkConnectOptions(network=self.id, container=ref, aliases=aliases, ip=ip)
        self.session.call(opts)
        self._attached.append(ref)
        _changed(container)

    def disconnect(self, container: ContainerRef, *, force: bool = False) -> None:
        """``docker network disconnect``: detach ``container`` from this network."""
        ref = _ref(container)
        self.session.call(NetworkDisconnectOptions(network=self.id, container=ref, force=force))
        if ref in self._attached:
            self._attached.remove(ref)
        _changed(container)

    def remove(self, *, missing_ok: bool = False) -> None:
        """``docker network rm``, after disconnecting what :meth:`connect` attached.

        A container still attached (one dockercli did not connect) makes the engine refuse:
        :class:`ConflictError`. With ``missing_ok`` a network already gone is not an error.
        """
        self._detach(self._attached)
        gone = not self.session.remove_network(self.id, self.name)
        self.session.untrack_network(self.id, self.name)
        if gone and not missing_ok:
            raise NoSuchNetworkError(f"no such network: {self.name} ({self.short_id})")

    def _detach(self, refs: Sequence[str]) -> None:
        for ref in list(refs):
            try:
                self.session.call(
                    NetworkDisconnectOptions(network=self.id, container=ref, force=True)
                )
            except (NoSuchContainerError, NoSuchNetworkError):
                pass  # gone already: nothing to detach
            except ConflictError as error:  # not attached any more
                log.info("container %s not disconnected from %s: %s", ref, self.name, error.message)
            if ref in self._attached:
                self._attached.remove(ref)

    def __enter__(self) -> Network:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.created:
            self._detach(self._attached)
            return
        try:
            info = _reads.network_info(self.session, self.id)
        except NoSuchNetworkError:
            self.session.untrack_network(self.id, self.name)
            return
        members = _reads.network_containers(self.session, info)
        ours = [c.id for c in members if c.labels.get(SESSION_LABEL) == SESSION_ID]
        self._detach([*self._attached, *ours])
        try:
            self.remove(missing_ok=True)
        except ConflictError as error:
            log.info("network %s left in place: %s", self.name, error.message)


def _ref(container: ContainerRef) -> str:
    return container if isinstance(container, str) else container.id


def _changed(container: ContainerRef) -> None:
    if not isinstance(container, str):
        container._changed()  # its cached inspect data no longer lists its networks
