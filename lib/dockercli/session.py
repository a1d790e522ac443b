"""``Session``: the transport under the client.

One docker binary with its global options, environment, timeout policy and endpoint;
every CLI process dockercli starts goes through :meth:`Session.call`,
:meth:`Session.stream` or :meth:`Session.spawn`. :class:`~dockercli.docker.Docker`
composes one and keeps the user's verbs; :class:`~dockercli.container.Container`,
:class:`~dockercli.image.Image` and the cleaner hold only the session, so nothing below
the façade imports it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, Union

from dockercli._argv import Invocation, invocation, render
from dockercli._session import tracker
from dockercli._timeout import CLIENT_TIMEOUT, Timeout
from dockercli.errors import DockerError, NoSuchNetworkError, NoSuchVolumeError
from dockercli.options import ClientOptions
from dockercli.result import Completed

if TYPE_CHECKING:
    import pexpect

    from dockercli import endpoint as _endpoint, runner
    from dockercli._watchdog import Watchdog
    from dockercli.options import RmOptions


class Session:
    """How dockercli reaches docker: the binary, client options and environment, the
    default timeout, the endpoint, and the containers to remove at exit.

    Attributes:
        options: The global flags and the default timeout (:class:`ClientOptions`).
        env: Variables added to the CLI's environment.
        remove_at_exit: Whether containers it tracks are removed at interpreter exit.
        reaper: Whether a watchdog process removes what it made if this process dies
            without running its exit hook (:mod:`dockercli.reaper`).
    """

    def __init__(
        self,
        options: ClientOptions | None = None,
        env: Mapping[str, str] | None = None,
        *,
        remove_at_exit: bool = True,
        reaper: bool = False,
    ) -> None:
        from dockercli.errors import InvalidOptionError  # noqa: PLC0415 - a rare refusal

        if reaper and not remove_at_exit:
            raise InvalidOptionError(
                "reaper=True removes what a killed client made, remove_at_exit=False keeps "
                "it after the client exits: choose one"
            )
        self.options = options if options is not None else ClientOptions()
        self.env: dict[str, str] = dict(env or {})
        self.remove_at_exit = remove_at_exit
        self.reaper = reaper
        self._path: str | None = None
        self._endpoint: _endpoint.Endpoint | None = None
        self._watchdog: Watchdog | None = None

    def __repr__(self) -> str:
        opts = self.options
        return f"Session(binary={opts.binary!r}, host={opts.host!r}, context={opts.context!r})"

    # -- the binary and its environment ----------------------------------------------

    @property
    def binary_path(self) -> str:
        """The absolute path of the docker binary (resolved once)."""
        from dockercli import runner  # noqa: PLC0415 - loaded on first use

        if self._path is None:
            self._path = runner.resolve(self.options.binary, self._env_or_none())
        return self._path

    def _env_or_none(self) -> Mapping[str, str] | None:
        if not self.env:
            return None
        return {**os.environ, **self.env}

    @property
    def is_podman_binary(self) -> bool:
        """True when the binary is podman (its endpoint settings differ from docker's).

        Decided from the file's name after following symlinks (a ``docker`` link to podman
        counts), without running it; ``version().is_podman`` asks the CLI. A wrapper script
        named ``docker`` is not seen through: set ``DOCKERCLI_HOST`` for one of those.
        """
        from pathlib import Path  # noqa: PLC0415 - loaded on first use

        try:
            path = os.path.realpath(self.binary_path)
        except DockerError:  # not installed: judge by the name we were given
            path = self.options.binary
        return Path(path).name.lower().startswith("podman")

    # -- where the engine is ---------------------------------------------------------

    @property
    def endpoint(self) -> _endpoint.Endpoint:
        """Where the CLI reaches the engine (a named context is asked of the CLI)."""
        from dockercli import endpoint as _endpoint  # noqa: PLC0415 - loaded on first use

        if self._endpoint is None:
            self._endpoint = _endpoint.resolve(
                host=self.options.host,
                context=self.options.context,
                config_dir=self.options.config,
                env={**os.environ, **self.env},
                lookup_context=self._context_host,
                podman=self.is_podman_binary,
            )
        return self._endpoint

    def _context_host(self, name: str) -> str:
        from dockercli.options import ContextInspectOptions  # noqa: PLC0415 - first use

        done = self.call(ContextInspectOptions(format="{{.Endpoints.docker.Host}}", names=(name,)))
        return done.stdout.strip()

    @property
    def published_host(self) -> str:
        """The host where published ports are reached (``DOCKERCLI_HOST`` overrides)."""
        from dockercli import endpoint as _endpoint  # noqa: PLC0415 - loaded on first use

        return _endpoint.published_host(self.endpoint, {**os.environ, **self.env})

    # -- running the CLI -------------------------------------------------------------

    def invocation(
        self, options: Any = None, *, subcommand: Sequence[str] | None = None
    ) -> Invocation:
        """What a call would run, nothing run: argv (binary, global flags, the command
        path, rendered options), this session's environment and the options' secrets.

        The path is the options class's ``subcommand`` unless ``subcommand`` is given
        (``("create",)`` for :class:`RunOptions`, or the path of a call with no options).
        """
        prefix = (self.binary_path, *render(self.options).args)
        path = None if subcommand is None else tuple(subcommand)
        return invocation(prefix, options, subcommand=path, env=self.env)

    def timeout_for(self, timeout: Timeout) -> float | None:
        """A call's timeout: its own, or the session's default."""
        return self.options.timeout if timeout is CLIENT_TIMEOUT else timeout

    def call(
        self,
        options: Any = None,
        *,
        subcommand: Sequence[str] | None = None,
        timeout: Timeout = CLIENT_TIMEOUT,
        ok_codes: Sequence[int] = (0,),
        input: bytes | None = None,
        merge_stderr: bool = False,
        binary: bool = False,
    ) -> Completed:
        """Run ``docker <global flags> <subcommand> <options>`` to completion; what it
        printed (a failed one raises its :class:`~dockercli.errors.DockerError`; with
        ``binary``, stdout is kept as bytes in ``stdout_bytes``)."""
        from dockercli import runner  # noqa: PLC0415 - loaded on first use

        return runner.run(
            self.invocation(options, subcommand=subcommand),
            timeout=self.timeout_for(timeout),
            ok_codes=ok_codes,
            input=input,
            merge_stderr=merge_stderr,
            binary=binary,
        )

    def stream(
        self,
        options: Any = None,
        *,
        subcommand: Sequence[str] | None = None,
        timeout: float | None = None,
        stall_timeout: float | None = None,
        keep: bool = False,
        ok_codes: Sequence[int] = (0,),
        merge_stderr: bool = False,
    ) -> runner.LineStream:
        """Start a command and iterate over its output lines as they arrive."""
        from dockercli import runner  # noqa: PLC0415 - loaded on first use

        return runner.stream(
            self.invocation(options, subcommand=subcommand),
            timeout=timeout,
            stall_timeout=stall_timeout,
            keep=keep,
            ok_codes=ok_codes,
            merge_stderr=merge_stderr,
        )

    def spawn(
        self,
        options: Any = None,
        *,
        subcommand: Sequence[str] | None = None,
        timeout: float | None = 30.0,
    ) -> pexpect.spawn[str]:
        """A pexpect child on a pseudo-terminal running the command (see ``runner.spawn``)."""
        from dockercli import runner  # noqa: PLC0415 - loaded on first use

        return runner.spawn(self.invocation(options, subcommand=subcommand), timeout=timeout)

    # -- the reaper -------------------------------------------------------------------

    def reaper_labels(self) -> dict[str, str]:
        """The label that puts an object in the reaper's care (starting the reaper the
        first time); none without one."""
        if not self.reaper:
            return {}
        if self._watchdog is None or not self._watchdog.alive:
            from dockercli._watchdog import Watchdog  # noqa: PLC0415 - first creation

            self._watchdog = Watchdog(self)
        from dockercli._session import REAPER_LABEL  # noqa: PLC0415

        return {REAPER_LABEL: self._watchdog.label}

    @property
    def watchdog(self) -> Watchdog | None:
        """This session's reaper once it started (None before its first creation)."""
        return self._watchdog

    def stop_reaper(self) -> None:
        """Tell the reaper this client is done: it exits removing nothing (what the client
        made stays in its own care: remove it first)."""
        if self._watchdog is not None:
            self._watchdog.farewell()
            self._watchdog = None

    # -- containers to remove at exit -------------------------------------------------

    def track(self, container_id: str) -> None:
        """Remember a container this session made, to remove it at exit."""
        if self.remove_at_exit:
            tracker.add(self, container_id)

    def untrack(self, container_id: str) -> None:
        """Forget a container: it was removed."""
        tracker.discard(self, container_id)

    def track_network(self, network_id: str, name: str) -> None:
        """Remember a network this session made, to remove it at exit."""
        if self.remove_at_exit:  # "ID NAME": it is removed by name (see remove_network)
            tracker.add(self, f"{network_id} {name}", "network")

    def untrack_network(self, network_id: str, name: str) -> None:
        """Forget a network: it was removed."""
        tracker.discard(self, f"{network_id} {name}", "network")

    def remove_network(self, network_id: str, name: str) -> bool:
        """``docker network rm NAME`` of this network; False when it is gone already.

        By name, once the name is seen to still be this ID: podman 4.3 removes a network
        given by its ID even while containers are on it (by name it refuses, as docker
        does), and a name alone could by now be someone else's newer network.
        """
        from dockercli import parsers  # noqa: PLC0415 - first use
        from dockercli.models import NetworkInfo  # noqa: PLC0415
        from dockercli.options import NetworkInspectOptions, NetworkRmOptions  # noqa: PLC0415

        try:
            found = parsers.inspect_list(self.call(NetworkInspectOptions(refs=(name,))).stdout)
        except NoSuchNetworkError:
            return False
        # (``_reads.network_info`` reads the same, but _reads builds on this module)
        if not found or NetworkInfo.from_inspect(found[0]).id != network_id:
            return False
        self.call(NetworkRmOptions(refs=(name,)))
        return True

    def track_volume(self, name: str, stamp: str) -> None:
        """Remember a volume this session made (``stamp``: its creation label), to remove
        it at exit."""
        if self.remove_at_exit:
            tracker.add(self, f"{name} {stamp}", "volume")

    def untrack_volume(self, name: str, stamp: str) -> None:
        """Forget a volume: it was removed."""
        tracker.discard(self, f"{name} {stamp}", "volume")

    def remove_volume(self, name: str, stamp: str) -> bool:
        """``docker volume rm NAME`` of this session's volume; False when it is gone.

        A volume is known by its name alone, so the name is first seen to still carry
        this session's labels and ``stamp`` (its creation time): one removed and made
        again since, by anyone, is not ours. Never ``--force``: podman's removes the
        containers that use the volume.
        """
        from dockercli import parsers  # noqa: PLC0415 - first use
        from dockercli._session import CREATED_LABEL, SESSION_ID, SESSION_LABEL  # noqa: PLC0415
        from dockercli.models import VolumeInfo  # noqa: PLC0415
        from dockercli.options import VolumeInspectOptions, VolumeRmOptions  # noqa: PLC0415

        try:
            found = parsers.inspect_list(self.call(VolumeInspectOptions(refs=(name,))).stdout)
        except NoSuchVolumeError:
            return False
        labels = VolumeInfo.from_inspect(found[0]).labels if found else {}
        if stamp and (labels.get(SESSION_LABEL), labels.get(CREATED_LABEL)) != (SESSION_ID, stamp):
            return False
        self.call(VolumeRmOptions(refs=(name,)))
        return True

    def rm(self, refs: Sequence[str], *, force: bool, volumes: bool = False) -> RmOptions:
        """``docker rm`` of ``refs``. A forced one kills a running container at once on
        podman too (``--time 0``): podman's ``rm -f`` otherwise waits 10 s for a stop
        that a PID 1 ignoring SIGTERM never makes."""
        from dockercli.options import RmOptions  # noqa: PLC0415 - first use

        time = 0 if force and self.is_podman_binary else None
        return RmOptions(refs=refs, force=force, volumes=volumes, time=time)

    def remove_tracked(self) -> None:
        """Force-remove every container this session made and did not remove yet, then
        the networks and volumes it made (one still used by someone else's container
        stays)."""
        ids = tracker.pop_all(self)
        if ids:
            rm = self.rm(ids, force=True, volumes=True)
            with contextlib.suppress(DockerError):
                self.call(rm, ok_codes=(0, 1))
        for network in tracker.pop_all(self, "network"):
            network_id, _, name = network.partition(" ")
            with contextlib.suppress(DockerError):  # in use by another's container
                self.remove_network(network_id, name)
        for volume in tracker.pop_all(self, "volume"):
            name, _, stamp = volume.partition(" ")
            with contextlib.suppress(DockerError):  # in use by another's container
                self.remove_volume(name, stamp)


class HasSession(Protocol):
    """Anything that runs its commands through a :class:`Session` (a ``Docker``)."""

    @property
    def session(self) -> Session: ...


Client = Union[Session, HasSession]


def session_of(client: Client) -> Session:
    """The session of a ``Docker`` (or the session itself)."""
    return client if isinstance(client, Session) else client.session


def deprecated_docker(kind: str) -> None:
    """Warn that ``Container.docker`` / ``Image.docker`` gave way to ``.session``."""
    import warnings  # noqa: PLC0415 - loaded on first use

    warnings.warn(
        f"{kind}.docker is deprecated: use {kind}.session (the Session its commands run through)",
        DeprecationWarning,
        stacklevel=3,
    )
