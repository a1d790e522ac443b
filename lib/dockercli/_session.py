"""This process's session: the labels on what it makes, and the exit hook.

A process killed with SIGKILL runs no hook; its containers keep the ``dockercli.session``
label so the next ``cleanup(labels={"dockercli.session": ID})`` or
``cleanup(older_than=...)`` finds them.
"""

from __future__ import annotations

import atexit
import os
import threading
import weakref
from datetime import datetime, timezone
from typing import Protocol


class _Owner(Protocol):
    """What the exit hook calls back: a session that tracks the containers it made."""

    remove_at_exit: bool

    def remove_tracked(self) -> None: ...


SESSION_LABEL = "dockercli.session"
CREATED_LABEL = "dockercli.created"
# "run" or "create": a cleanup must not remove a run's container between its create and start.
VIA_LABEL = "dockercli.via"
SESSION_ID = f"{os.getpid()}-{os.urandom(6).hex()}"


def session_labels(via: str) -> dict[str, str]:
    """The labels that mark a container as made by this process, now, through ``via``."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return {SESSION_LABEL: SESSION_ID, CREATED_LABEL: now, VIA_LABEL: via}


class _Tracker:
    """The containers and networks each session made and has not removed, by kind; at
    exit, each session's ``remove_tracked`` is called back (unless its ``remove_at_exit``
    is off)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: weakref.WeakKeyDictionary[_Owner, dict[str, list[str]]] = (
            weakref.WeakKeyDictionary()
        )
        self._hooked = False

    def add(self, owner: _Owner, object_id: str, kind: str = "container") -> None:
        with self._lock:
            self._ids.setdefault(owner, {}).setdefault(kind, []).append(object_id)
            if not self._hooked:
                atexit.register(self.remove_all)
                self._hooked = True

    def discard(self, owner: _Owner, object_id: str, kind: str = "container") -> None:
        with self._lock:
            ids = self._ids.get(owner, {}).get(kind)
            if ids and object_id in ids:
                ids.remove(object_id)

    def pop_all(self, owner: _Owner, kind: str = "container") -> list[str]:
        with self._lock:
            return self._ids.get(owner, {}).pop(kind, [])

    def remove_all(self) -> None:
        with self._lock:
            owners = list(self._ids.keys())
        for owner in owners:
            if owner.remove_at_exit:
                owner.remove_tracked()


tracker = _Tracker()
