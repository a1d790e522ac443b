"""Driving the fake docker binary from Python: a state dir, a call log, teardown.

``FakeDocker`` owns one fake "engine": its state directory, its call log and a
``docker`` launcher on a directory you can put first on PATH. ``close()`` ends the
port-helper processes that fake containers keep (one per published port), then, as
bats-mock does, fails when a configured fault rule never fired: one given as ``faults=``,
or any ``FAKE_DOCKER_FAULTS`` a command on this state ran with (a client's ``env``, or
``monkeypatch.setenv``). A rule that may legitimately stay unfired says ``optional=1``;
``faults_must_fire=False`` turns the check off.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import attrs

from dockercli.docker import Docker
from dockercli.fake import faults, ports
from dockercli.fake.__main__ import install
from dockercli.fake.clients import DIALECTS
from dockercli.testing._proc import is_running

_RAN_SHOWN = 10

__all__ = [
    "DIALECTS",
    "FakeDocker",
    "UnfiredFaultError",
    "end_helpers",
    "helper_alive",
    "helper_pids",
]


class UnfiredFaultError(AssertionError):
    """A configured FAKE_DOCKER_FAULTS rule never fired: the test did not test the fault."""


@attrs.define
class FakeDocker:
    """One fake engine under ``root``.

    Attributes:
        root: Directory holding ``state/``, ``calls.jsonl`` and ``bin/docker``.
        dialect: ``docker-28`` (default), ``docker-20.10`` or ``podman``.
        faults: A ``FAKE_DOCKER_FAULTS`` spec, or None (see the README section
            "Faults: `FAKE_DOCKER_FAULTS`").
        faults_must_fire: When true (the default), ``close()`` raises UnfiredFaultError
            for each fault rule that never fired and is not ``optional=1``.
    """

    root: Path
    dialect: str = attrs.field(default="docker-28", validator=attrs.validators.in_(DIALECTS))
    faults: str | None = None
    faults_must_fire: bool = True
    binary: str = attrs.field(init=False, default="")

    def __attrs_post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.binary = install(str(self.root / "bin"))

    @property
    def state_dir(self) -> Path:
        """``FAKE_DOCKER_STATE``."""
        return self.root / "state"

    @property
    def call_log(self) -> Path:
        """``FAKE_DOCKER_CALL_LOG``: one JSON object per invocation."""
        return self.root / "calls.jsonl"

    @property
    def bin_dir(self) -> Path:
        """A directory whose ``docker`` is the fake: put it first on PATH."""
        return self.root / "bin"

    def env(self) -> dict[str, str]:
        """The variables that point a ``docker`` launcher at this fake engine."""
        env = {
            "FAKE_DOCKER_STATE": str(self.state_dir),
            "FAKE_DOCKER_CALL_LOG": str(self.call_log),
            "FAKE_DOCKER_DIALECT": self.dialect,
        }
        if self.faults:
            env["FAKE_DOCKER_FAULTS"] = self.faults
        return env

    def client(self, **kwargs: Any) -> Docker:
        """A :class:`Docker` bound to this fake."""
        return Docker(binary=self.binary, env=self.env(), **kwargs)

    def calls(self) -> list[dict[str, Any]]:
        """Every invocation so far, as dicts of ``argv``, ``env_names`` and ``exit_code``."""
        try:
            lines = self.call_log.read_text().splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def helper_pids(self) -> list[int]:
        """Port-helper processes of this fake's containers that still run."""
        return helper_pids(self.state_dir)

    def unfired_faults(self) -> list[str]:
        """One line per fault rule that never fired (``optional=1`` rules left out)."""
        return faults.unfired(str(self.state_dir), self.faults, shown=_RAN_SHOWN)

    def close(self) -> None:
        """End every port helper (SIGTERM, then SIGKILL); then fail for unfired fault rules."""
        end_helpers(self.state_dir)
        unfired = self.unfired_faults() if self.faults_must_fire else []
        if unfired:
            raise UnfiredFaultError(
                "fault rules that never fired (fix their cmd or match, or mark a rule that "
                "may stay unfired optional=1):\n  " + "\n  ".join(unfired)
            )


def helper_pids(state_dir: Path) -> list[int]:
    """Running port helpers of the fake engine in ``state_dir`` (recorded there, or in /proc)."""
    return [p for p in ports.helpers_of(str(state_dir)) if helper_alive(p)]


def helper_alive(pid: int) -> bool:
    """True while ``pid`` is a running port helper (a zombie nobody here may reap is dead)."""
    return ports.runs_helper(pid) and is_running(pid)


def end_helpers(state_dir: Path) -> list[int]:
    """SIGTERM, then SIGKILL after 3 s, every port helper of ``state_dir``; the pids found."""
    pids = helper_pids(state_dir)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(helper_alive(p) for p in pids):
        time.sleep(0.02)
    for pid in pids:
        if helper_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return pids
