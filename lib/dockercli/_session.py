"""This process's session: the labels on what it makes, and the exit hook.

A process killed with SIGKILL or SIGTERM runs no hook; its containers keep the
``dockercli.session`` label so the next ``cleanup(session=ID)`` or
``cleanup(older_than=...)`` finds them, and a client with a reaper (:mod:`dockercli.reaper`)
labels what it makes ``dockercli.reaper`` for the watchdog that removes it then.
"""

from __future__ import annotations

import atexit
import os
import threading
from datetime import datetime, timezone
from typing import Callable, Protocol


class _Owner(Protocol):
    """What the exit hook calls back: a session that tracks the containers it made."""

    remove_at_exit: bool

    def remove_tracked(self) -> None: ...


SESSION_LABEL = "dockercli.session"
CREATED_LABEL = "dockercli.created"
# "run" or "create": a cleanup must not remove a run's container between its create and start.
VIA_LABEL = "dockercli.via"
# What a client with a reaper puts on what it makes: the ID its watchdog removes by.
REAPER_LABEL = "dockercli.reaper"
# What run(reuse=True) puts on its container: a digest of what made it (see _reuse).
REUSE_LABEL = "dockercli.reuse"
SESSION_ID = f"{os.getpid()}-{os.urandom(6).hex()}"


def session_labels(via: str) -> dict[str, str]:
    """The labels that mark a container as made by this process, now, through ``via``."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return {SESSION_LABEL: SESSION_ID, CREATED_LABEL: now, VIA_LABEL: via}


class _Tracker:
    """The containers and networks each session made and has not removed, by kind; at
    exit, each session's ``remove_tracked`` is called back (unless its ``remove_at_exit``
    is off), and then the farewells (a reaper told that its client exited normally)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Held strongly: a client dropped before exit (made in a function, its containers
        # not kept) still has its containers removed at exit. An owner whose lists are all
        # empty again is let go.
        self._ids: dict[_Owner, dict[str, list[str]]] = {}
        self._farewells: list[Callable[[], None]] = []
        self._hooked = False
        self._pid = os.getpid()

    def _hook(self) -> None:
        # (under the lock)
        if not self._hooked:
            atexit.register(self.remove_all)
            self._hooked = True

    def add(self, owner: _Owner, object_id: str, kind: str = "container") -> None:
        with self._lock:
            self._ids.setdefault(owner, {}).setdefault(kind, []).append(object_id)
            self._hook()

    def after_removal(self, farewell: Callable[[], None]) -> None:
        """Call ``farewell`` at exit after every session's removal: a reaper must hear that
        its client exited only once the client's own cleanup is done."""
        with self._lock:
            self._farewells.append(farewell)
            self._hook()

    def discard(self, owner: _Owner, object_id: str, kind: str = "container") -> None:
        with self._lock:
            kinds = self._ids.get(owner, {})
            ids = kinds.get(kind)
            if ids and object_id in ids:
                ids.remove(object_id)
            if not any(kinds.values()):
                self._ids.pop(owner, None)

    def pop_all(self, owner: _Owner, kind: str = "container") -> list[str]:
        with self._lock:
            kinds = self._ids.get(owner, {})
            ids = kinds.pop(kind, [])
            if not any(kinds.values()):
                self._ids.pop(owner, None)
            return ids

    def remove_all(self) -> None:
        if os.getpid() != self._pid:
            return  # a forked child's exit: what it inherited is its parent's to remove
        with self._lock:
            owners = list(self._ids.keys())
        for owner in owners:
            if owner.remove_at_exit:
                owner.remove_tracked()
        # Not reached when a removal raised: the reapers then see their pipes close
        # without a farewell, and remove what is left.
        with self._lock:
            farewells, self._farewells = self._farewells, []
        for farewell in farewells:
            farewell()


tracker = _Tracker()
