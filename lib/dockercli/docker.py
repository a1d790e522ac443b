"""``Docker``: the client. Every CLI call of the lifecycle API goes through ``Docker.call``."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, overload

import attrs

from dockercli import options as _opts
from dockercli._argv import Command, Invocation, render
from dockercli._session import CREATED_LABEL, SESSION_ID, SESSION_LABEL, session_labels
from dockercli._timeout import CLIENT_TIMEOUT as _DEFAULT, Timeout
from dockercli.errors import (
    BuildError,
    ConflictError,
    DockerError,
    ParseError,
)
from dockercli.options import ClientOptions, RunOptions
from dockercli.result import Completed
from dockercli.session import Session
from dockercli.specs import TLSConfig

if TYPE_CHECKING:
    # What the methods return or build; each is imported where it is first needed, so
    # that ``Docker()`` costs only the options and the session (issue 14, item 7).
    from dockercli import endpoint as _endpoint, runner
    from dockercli.cleanup import Cleaner, CleanupReport
    from dockercli.container import Container
    from dockercli.image import Image
    from dockercli.models import (
        ContainerInfo,
        ImageInfo,
        ImageSummary,
        NetworkSummary,
        VersionInfo,
        VolumeInfo,
    )
    from dockercli.network import Network
    from dockercli.options import (
        BuildOptions,
        NetworkOptions,
        VolumeOptions,
    )
    from dockercli.volume import Volume


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode() if isinstance(data, str) else data


_VOLUME_TAKEN = (
    "pick another name, or use that volume (docker.volume(NAME), whose `with` block never "
    "removes it)"
)


class Docker:
    """A docker CLI bound to one binary and endpoint.

    ``Docker()`` uses ``docker`` from PATH (or ``DOCKERCLI_BINARY``) and whatever endpoint
    the CLI itself would pick (``DOCKER_HOST``, ``DOCKER_CONTEXT``, the current context).
    Every call has a timeout: ``timeout`` seconds unless a method is given its own.
    Containers this client makes carry the labels ``dockercli.session``,
    ``dockercli.created`` and ``dockercli.via`` (``run`` or ``create``); those still
    present at interpreter exit are removed unless ``remove_at_exit=False``.

    A process killed with SIGKILL or SIGTERM runs no exit hook. With ``reaper=True``
    (default: on when ``DOCKERCLI_REAPER=1`` is set, else off; on in the pytest
    fixtures) the first container, network or volume this client creates starts a
    watchdog process that removes them when this process dies without its exit hook
    (:mod:`dockercli.reaper`); :meth:`stop_reaper` ends it.
    """

    def __init__(
        self,
        binary: str | None = None,
        host: str | None = None,
        context: str | None = None,
        tls: TLSConfig | None = None,
        timeout: float | None = 60.0,
        *,
        config: str | None = None,
        env: Mapping[str, str] | None = None,
        remove_at_exit: bool = True,
        reaper: bool | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {} if binary is None else {"binary": binary}
        options = ClientOptions(
            host=host, context=context, tls=tls, config=config, timeout=timeout, **kwargs
        )
        if reaper is None:  # off unless the environment asks (a CI job, every client)
            reaper = os.environ.get("DOCKERCLI_REAPER", "") not in ("", "0") and remove_at_exit
        self.session = Session(options, env, remove_at_exit=remove_at_exit, reaper=reaper)
        self._lock = threading.Lock()
        self._cleaner_made: Cleaner | None = None

    @property
    def _cleaner(self) -> Cleaner:
        if self._cleaner_made is None:
            from dockercli.cleanup import Cleaner  # noqa: PLC0415 - loaded on first use

            with self._lock:
                if self._cleaner_made is None:
                    self._cleaner_made = Cleaner(self.session)
        return self._cleaner_made

    def __repr__(self) -> str:
        opts = self.options
        return f"Docker(binary={opts.binary!r}, host={opts.host!r}, context={opts.context!r})"

    # -- plumbing ------------------------------------------------------------------

    @property
    def options(self) -> ClientOptions:
        """The global flags and the default timeout (the session's)."""
        return self.session.options

    @property
    def env(self) -> dict[str, str]:
        """Variables added to the CLI's environment (the session's, so changes apply)."""
        return self.session.env

    def stop_reaper(self) -> None:
        """End this client's reaper (it removes nothing): for a client whose work is done
        before the process exits (a fixture's teardown, after its cleanup)."""
        self.session.stop_reaper()

    @property
    def remove_at_exit(self) -> bool:
        """Whether the containers this client made are removed at interpreter exit."""
        return self.session.remove_at_exit

    @remove_at_exit.setter
    def remove_at_exit(self, value: bool) -> None:
        self.session.remove_at_exit = value

    @property
    def binary_path(self) -> str:
        """The absolute path of the docker binary (resolved once)."""
        return self.session.binary_path

    def invocation(
        self, options: Any = None, *, subcommand: Sequence[str] | None = None
    ) -> Invocation:
        """What a call would run, nothing run (see :meth:`Session.invocation`)."""
        return self.session.invocation(options, subcommand=subcommand)

    def argv(self, command: Sequence[str], options: Any = None) -> tuple[list[str], Command]:
        """Deprecated: use :meth:`invocation` (its ``argv``, ``env`` and ``env_file``)."""
        _deprecated("Docker.argv(command, options)", "Docker.invocation(options)", stacklevel=3)
        made = self.invocation(options, subcommand=command)
        return list(made.argv), render(options)

    def timeout_for(self, timeout: Timeout) -> float | None:
        """A call's timeout: its own, or the client's default."""
        return self.session.timeout_for(timeout)

    def call(
        self,
        what: Any = None,
        _old_options: Any = None,
        /,
        *,
        options: Any = None,
        subcommand: Sequence[str] | None = None,
        command: Sequence[str] | None = None,
        timeout: Timeout = _DEFAULT,
        ok_codes: Sequence[int] = (0,),
        input: bytes | None = None,
        merge_stderr: bool = False,
    ) -> Completed:
        """Run ``docker <global flags> <subcommand> <options>``; what it printed.

        ``call(PortOptions(ref=c))`` runs the options' own command; ``subcommand=`` picks
        another (``call(run_options, subcommand=("create",))``) or names a command that
        has no options class. The old form ``call(("port",), PortOptions(...))`` still
        works, with a DeprecationWarning.
        """
        options, subcommand = _old_form(
            "call", what, _old_options, options=options, command=command, subcommand=subcommand
        )
        return self.session.call(
            options,
            subcommand=subcommand,
            timeout=timeout,
            ok_codes=ok_codes,
            input=input,
            merge_stderr=merge_stderr,
        )

    def stream(
        self,
        what: Any = None,
        _old_options: Any = None,
        /,
        *,
        options: Any = None,
        subcommand: Sequence[str] | None = None,
        command: Sequence[str] | None = None,
        timeout: float | None = None,
        stall_timeout: float | None = None,
        keep: bool = False,
        ok_codes: Sequence[int] = (0,),
        merge_stderr: bool = False,
    ) -> runner.LineStream:
        """Start a command and iterate over its output lines as they arrive (the
        arguments of :meth:`call`; the old ``stream(("logs",), opts)`` form still works)."""
        options, subcommand = _old_form(
            "stream", what, _old_options, options=options, command=command, subcommand=subcommand
        )
        return self.session.stream(
            options,
            subcommand=subcommand,
            timeout=timeout,
            stall_timeout=stall_timeout,
            keep=keep,
            ok_codes=ok_codes,
            merge_stderr=merge_stderr,
        )

    def command(
        self,
        *args: str,
        timeout: Timeout = _DEFAULT,
        ok_codes: Sequence[int] = (0,),
        input: bytes | str | None = None,
    ) -> Completed:
        """Run any docker command given as plain arguments (an escape hatch); ``input``
        (bytes, or text sent as UTF-8) is its stdin."""
        data = None if input is None else _as_bytes(input)
        return self.call(subcommand=args, timeout=timeout, ok_codes=ok_codes, input=data)

    @property
    def endpoint(self) -> _endpoint.Endpoint:
        """Where the CLI reaches the engine (a named context is asked of the CLI)."""
        return self.session.endpoint

    @property
    def is_podman_binary(self) -> bool:
        """True when the binary is podman (see :attr:`Session.is_podman_binary`)."""
        return self.session.is_podman_binary

    @property
    def published_host(self) -> str:
        """The host where published ports are reached (``DOCKERCLI_HOST`` overrides)."""
        return self.session.published_host

    # -- engine --------------------------------------------------------------------

    def version(self, *, require_server: bool = True) -> VersionInfo:
        """Client and server versions.

        When the engine cannot be reached this raises (e.g. DaemonUnreachableError), or
        with ``require_server=False`` returns the client's version with the server None.
        """
        from dockercli import parsers  # noqa: PLC0415 - loaded on first use

        try:
            done = self.call(_opts.VersionOptions(format="{{json .}}"))
        except DockerError as error:
            # exit 1: the client's half is printed all the same
            if require_server or error.returncode != 1:
                raise
            try:
                return attrs.evolve(parsers.version_info(error.stdout), server_version=None)
            except ParseError:
                raise error from None
        return parsers.version_info(done.stdout)

    def info(self) -> dict[str, Any]:
        """``docker info`` as a dict.

        Docker 20.10 exits 0 when the engine is unreachable and reports the failure in
        the JSON's ``ServerErrors``; those are raised as the error they describe.
        """
        from dockercli import parsers  # noqa: PLC0415 - loaded on first use

        # The runner raises ServerErrors (errors.failure's rule for info).
        return parsers.json_object(self.call(_opts.InfoOptions(format="{{json .}}")).stdout)

    def ping(self) -> bool:
        """True when the engine answers."""
        try:
            self.call(
                _opts.VersionOptions(format="{{.Server.Version}}"),
                timeout=min(10.0, self.timeout_for(_DEFAULT) or 10.0),
            )
        except DockerError:
            return False
        return True

    # -- images --------------------------------------------------------------------

    def build(
        self,
        options: BuildOptions,
        on_line: Callable[[str], None] | None = None,
        *,
        timeout: Timeout = _DEFAULT,
        stall_timeout: float | None = None,
    ) -> Image:
        """Build an image; stream each output line to ``on_line``; return the built Image.

        The ID comes from ``--iidfile`` and is cross-checked against the build output.
        A failed build raises :class:`BuildError` whose ``log`` holds the whole output.
        For long builds, ``timeout=None, stall_timeout=S`` bounds silence instead of the
        whole build: :class:`StreamStalledError` when no line arrives for ``S`` seconds.
        """
        import tempfile  # noqa: PLC0415 - loaded on first use (import time)
        from pathlib import Path  # noqa: PLC0415 - loaded on first use

        from dockercli import ownership, parsers  # noqa: PLC0415 - loaded on first use
        from dockercli.image import Image  # noqa: PLC0415 - loaded on first use

        listed = self.images()
        # What the build's tags named before it: leaving the Image gives them back.
        named = {
            f"{i.repository}:{i.tag}": i.id for i in listed if i.repository not in ("", "<none>")
        }
        replaced = {
            tag: next(iid for ref, iid in named.items() if ownership.same_ref(tag, ref))
            for tag in options.tags
            if any(ownership.same_ref(tag, ref) for ref in named)
        }
        with tempfile.TemporaryDirectory(prefix="dockercli-build-") as tmp:
            iidfile = options.iidfile or str(Path(tmp) / "iid")
            opts = attrs.evolve(options, iidfile=iidfile, labels=self._build_labels(options))
            lines: list[str] = []
            stream = self.stream(
                opts, timeout=self.timeout_for(timeout), stall_timeout=stall_timeout, keep=True
            )
            try:
                with stream:
                    for line in stream:
                        lines.append(line.text)
                        if on_line is not None:
                            on_line(line.text)
            except BuildError as error:
                error.log = "\n".join(lines)  # in the order the lines came, both streams
                raise
            done = stream.completed()
            from_file = _read_iid(iidfile)
        from_output = parsers.build_image_id(done.stdout, done.stderr)
        image_id = from_file or from_output
        if image_id is None:
            raise ParseError("the build succeeded but printed no image ID", done.stdout[-500:])
        if from_file and from_output and not from_file.startswith(from_output):
            import logging  # noqa: PLC0415 - loaded on first use

            logging.getLogger("dockercli").warning(
                "iidfile says %s but the build output says %s", from_file, from_output
            )
        return Image(self.session, image_id, tags=options.tags, replaced=replaced)

    def _build_labels(self, options: BuildOptions) -> dict[str, str]:
        # What marks the image as dockercli's (see ownership): a digest of the build as
        # asked (no temporary iidfile path, the context made absolute), and its tags.
        from dockercli import ownership  # noqa: PLC0415 - loaded on first use

        asked = attrs.evolve(options, iidfile=None)
        context = options.context
        if context != "-" and "://" not in context and not context.startswith("git@"):
            context = os.path.abspath(context)
        argv = [*render(asked).args[:-1], context]
        labels = {str(k): str(v) for k, v in options.labels.items()}  # type: ignore[union-attr]
        labels.pop(ownership.BUILT_LABEL, None)
        mark = ownership.build_label(argv, options.tags, labels)
        return {**labels, ownership.BUILT_LABEL: mark}

    def image(self, ref: str) -> Image:
        """Look up an image by reference or ID; :class:`NoSuchImageError` if absent.

        The Image stands for ``ref``: its :meth:`Image.remove` removes that tag (or, for
        an ID, the image only when no tag names it), never the image's other tags.
        """
        from dockercli.image import Image  # noqa: PLC0415 - loaded on first use

        info = self.inspect_image(ref)
        by_id = info.id.startswith(ref.removeprefix("sha256:").lower())
        return Image(self.session, info.id, tags=() if by_id else (ref,), info=info)

    def inspect_image(self, ref: str) -> ImageInfo:
        """``docker image inspect`` of one image."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use

        return _reads.inspect_image(self.session, ref)

    def inspect_images(self, refs: Iterable[str], *, missing_ok: bool = False) -> list[ImageInfo]:
        """Inspect many images in one CLI call (missing ones raise unless ``missing_ok``)."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use

        return _reads.inspect_images(self.session, refs, missing_ok=missing_ok)

    def images(
        self,
        *,
        all: bool = False,
        filters: Mapping[str, Any] | None = None,
        reference: str | None = None,
    ) -> list[ImageSummary]:
        """``docker images`` as summaries."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use

        return _reads.images(self.session, all=all, filters=filters, reference=reference)

    # -- networks ------------------------------------------------------------------

    def networks(self, *, filters: Mapping[str, Any] | None = None) -> list[NetworkSummary]:
        """``docker network ls`` as summaries (``filters``: docker's ``--filter`` keys,
        e.g. ``{"label": "team=a", "driver": "bridge"}``)."""
        from dockercli import parsers  # noqa: PLC0415 - loaded on first use

        opts = _opts.NetworkLsOptions(
            filters=dict(filters or {}), format="{{json .}}", no_trunc=True
        )
        return parsers.network_entries(self.call(opts).stdout)

    def create_network(self, options: NetworkOptions, *, timeout: Timeout = _DEFAULT) -> Network:
        """``docker network create``: a network this client owns (it carries the session
        labels; the exit hook and the ``with`` block remove it)."""
        from dockercli.network import Network  # noqa: PLC0415 - loaded on first use

        labels = options.labels
        assert isinstance(labels, Mapping)  # the converter made it a dict
        reaped = self.session.reaper_labels()
        labelled = attrs.evolve(options, labels={**session_labels("network"), **reaped, **labels})
        printed = self.call(labelled, timeout=timeout).stdout.strip()
        # docker prints the new ID, podman the name: the ID is what a network is known by
        network_id = printed if printed != options.name else self.network(printed).id
        self.session.track_network(network_id, options.name)
        return Network(self.session, network_id, name=options.name, created=True)

    def network(self, ref: str) -> Network:
        """Look up a network by name or ID; :class:`NoSuchNetworkError` if absent. Its
        ``with`` block disconnects what it connected and never removes it."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use
        from dockercli.network import Network  # noqa: PLC0415 - loaded on first use

        info = _reads.network_info(self.session, ref)
        return Network(self.session, info.id, name=info.name)

    def create_volume(
        self, options: VolumeOptions | None = None, *, timeout: Timeout = _DEFAULT
    ) -> Volume:
        """``docker volume create``: a volume this client owns (it carries the session
        labels; the exit hook and the ``with`` block remove it).

        docker answers a create of a name already taken with that volume, as it is; the
        volume is then read back, and one that is not this call's (its labels say so) is
        a :class:`ConflictError`, never a volume dockercli would later remove.
        """
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use
        from dockercli.volume import Volume  # noqa: PLC0415 - loaded on first use

        options = options if options is not None else _opts.VolumeOptions()
        labels = options.labels
        assert isinstance(labels, Mapping)  # the converter made it a dict
        ours = session_labels("volume")
        reaped = self.session.reaper_labels()
        labelled = attrs.evolve(options, labels={**ours, **reaped, **labels})
        done = self.call(labelled, timeout=timeout)
        name, stamp = done.stdout.strip(), ours[CREATED_LABEL]
        if options.name is not None:
            found = _reads.volume_info(self.session, name).labels
            if (found.get(SESSION_LABEL), found.get(CREATED_LABEL)) != (SESSION_ID, stamp):
                error = ConflictError.from_completed(
                    done, f"volume name {name!r} is in use (docker returned that volume)"
                )
                error.hint = _VOLUME_TAKEN
                raise error
        self.session.track_volume(name, stamp)
        return Volume(self.session, name, created=True, stamp=stamp)

    def volume(self, name: str) -> Volume:
        """Look up a volume by name; :class:`NoSuchVolumeError` if absent. Its ``with``
        block never removes it."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use
        from dockercli.volume import Volume  # noqa: PLC0415 - loaded on first use

        return Volume(self.session, _reads.volume_info(self.session, name).name)

    def volumes(self, filters: Mapping[str, Any] | None = None) -> list[VolumeInfo]:
        """``docker volume ls`` with ``filters`` (``{"label": "k=v", "name": ...,
        "dangling": "true"}``), each volume inspected (two calls)."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use

        return _reads.volumes(self.session, filters)

    def remove_image(self, *refs: str, force: bool = False) -> None:
        """``docker rmi``."""
        self.call(_opts.RmiOptions(refs=refs, force=force))

    def tag(self, source: str, target: str) -> None:
        """``docker tag SOURCE TARGET``."""
        self.call(_opts.TagOptions(source=source, target=target))

    def pull(self, ref: str, *, platform: str | None = None, timeout: Timeout = _DEFAULT) -> Image:
        """``docker pull``, then the pulled image."""
        self.call(_opts.PullOptions(ref=ref, platform=platform, quiet=True), timeout=timeout)
        return self.image(ref)

    # -- containers ----------------------------------------------------------------

    def _labelled(self, options: RunOptions, via: str, reuse: str | None = None) -> RunOptions:
        from dockercli._session import REUSE_LABEL  # noqa: PLC0415 - beside its peers

        labels = options.labels
        assert isinstance(labels, Mapping)  # the converter made it a dict
        # A reused container outlives its maker: no reaper's label, the reuse key instead.
        kept = {REUSE_LABEL: reuse} if reuse else self.session.reaper_labels()
        return attrs.evolve(options, labels={**session_labels(via), **kept, **labels})

    def create(self, options: RunOptions, *, timeout: Timeout = _DEFAULT) -> Container:
        """``docker create``: a container that is not started yet."""
        return self._start(("create",), options, timeout)

    @overload
    def run(
        self, options: RunOptions, *, reuse: bool = False, timeout: Timeout = _DEFAULT
    ) -> Container: ...

    @overload
    def run(
        self,
        options: RunOptions,
        *,
        input: bytes | str,
        check: bool = False,
        timeout: Timeout = _DEFAULT,
    ) -> Completed: ...

    def run(
        self,
        options: RunOptions,
        *,
        input: bytes | str | None = None,
        check: bool = False,
        reuse: bool = False,
        timeout: Timeout = _DEFAULT,
    ) -> Container | Completed:
        """``docker run --detach``: start a container and return at once.

        When the container is created but cannot start (a missing command, a port in
        use), it is removed before the error is raised: a failed run leaves nothing.

        With ``input`` (bytes, or text sent as UTF-8) the container is a one-shot: it runs
        attached with ``--interactive --rm``, reads ``input`` on its stdin (then EOF), and
        what it printed comes back as a :class:`Completed` whose ``returncode`` is the
        container's exit status (``check=True`` raises a non-zero one; docker's own
        failures always raise). Past ``timeout`` the container is removed too.

        With ``reuse=True`` a running container that an earlier ``run(reuse=True)`` of the
        same options made (on this machine, any process: see :mod:`dockercli._reuse`) is
        returned instead of a new one; either way the container is the caller's to keep:
        not removed at exit, by its ``with`` block, a reaper, or a cleanup without
        ``reused=True`` (``remove()`` it when done). A stopped one made for the same
        options is replaced.
        """
        if input is not None:
            if reuse:
                from dockercli.errors import InvalidOptionError  # noqa: PLC0415 - a refusal

                raise InvalidOptionError("a one-shot run(input=...) cannot be reused")
            return self._run_once(options, _as_bytes(input), check=check, timeout=timeout)
        detached = attrs.evolve(options, detach=True)
        if reuse:
            return self._reuse(detached, timeout)
        container = self._start(("run",), detached, timeout)
        container._started = True
        return container

    def _reuse(self, options: RunOptions, timeout: Timeout) -> Container:
        from dockercli._reuse import REUSE_LABEL, reuse_key  # noqa: PLC0415 - first use
        from dockercli.container import Container  # noqa: PLC0415

        prefix = len(self.session.invocation(subcommand=()).argv)
        key = reuse_key(self.session.invocation(options), prefix, self.session.env)
        found = self.containers(all=True, filters={"label": f"{REUSE_LABEL}={key}"})
        infos = self.inspect_containers([c.id for c in found], missing_ok=True) if found else []
        for info in infos:
            if info.running:
                return Container(self.session, info.id, name=info.name, info=info, reused=True)
        if infos:  # stopped ones made for these options: dockercli's, replaced
            rm = self.session.rm([i.id for i in infos], force=True, volumes=True)
            self.call(rm, ok_codes=(0, 1))
        container = self._start(("run",), options, timeout, reuse=key)
        container._started = True
        return container

    def _run_once(
        self, options: RunOptions, data: bytes, *, check: bool, timeout: Timeout
    ) -> Completed:
        import tempfile  # noqa: PLC0415 - loaded on first use (import time)
        from pathlib import Path  # noqa: PLC0415 - loaded on first use

        from dockercli.errors import DockerTimeoutError, InvalidOptionError  # noqa: PLC0415

        if options.tty or options.detach:
            raise InvalidOptionError(
                "run(input=...) reads stdin through a pipe: leave 'tty' and 'detach' off "
                "(docker refuses a terminal on a pipe)"
            )
        with tempfile.TemporaryDirectory(prefix="dockercli-run-") as tmp:
            cidfile = Path(tmp) / "cid"
            once = attrs.evolve(
                self._labelled(options, "run"), interactive=True, remove=True, cidfile=str(cidfile)
            )
            codes = (0,) if check else range(256)
            try:
                return self.call(once, input=data, ok_codes=codes, timeout=timeout)
            except DockerTimeoutError:
                # killing `docker run` leaves its container running: it goes too
                cid = cidfile.read_text().strip() if cidfile.exists() else ""
                if cid:
                    rm = self.session.rm([cid], force=True, volumes=True)
                    with contextlib.suppress(DockerError):
                        self.call(rm, ok_codes=(0, 1))
                raise

    def _start(
        self,
        command: tuple[str, ...],
        options: RunOptions,
        timeout: Timeout,
        *,
        reuse: str | None = None,
    ) -> Container:
        import tempfile  # noqa: PLC0415 - loaded on first use (import time)
        from pathlib import Path  # noqa: PLC0415 - loaded on first use

        with tempfile.TemporaryDirectory(prefix="dockercli-run-") as tmp:
            cidfile = options.cidfile or str(Path(tmp) / "cid")
            opts = attrs.evolve(self._labelled(options, command[0], reuse), cidfile=cidfile)
            try:
                done = self.call(opts, subcommand=command, timeout=timeout)
            except DockerError:
                created = _read_iid(cidfile)
                if created is not None and options.cidfile is None:
                    rm = self.session.rm((created,), force=True, volumes=True)
                    with contextlib.suppress(DockerError):
                        self.call(rm)
                raise
        return self._adopt(done, options, reused=reuse is not None)

    def _adopt(self, done: Completed, options: RunOptions, *, reused: bool = False) -> Container:
        from dockercli import parsers  # noqa: PLC0415 - loaded on first use
        from dockercli.container import Container  # noqa: PLC0415 - loaded on first use

        container_id = parsers.container_id(done.stdout)
        if not reused:  # a reused one is kept for the next run
            self.session.track(container_id)
        return Container(self.session, container_id, name=options.name, reused=reused)

    def container(self, ref: str) -> Container:
        """Look up a container by name or ID; :class:`NoSuchContainerError` if absent."""
        from dockercli.container import Container  # noqa: PLC0415 - loaded on first use

        info = self.inspect_containers([ref])[0]
        return Container(self.session, info.id, name=info.name, info=info)

    def inspect_containers(
        self, refs: Iterable[str], *, missing_ok: bool = False
    ) -> list[ContainerInfo]:
        """Inspect many containers in one CLI call (missing ones raise unless ``missing_ok``)."""
        from dockercli import _reads  # noqa: PLC0415 - loaded on first use

        return _reads.inspect_containers(self.session, refs, missing_ok=missing_ok)

    def containers(
        self,
        *,
        all: bool = False,
        filters: Mapping[str, Any] | None = None,
    ) -> list[Container]:
        """``docker ps`` (``all=True`` includes stopped ones) as Container objects."""
        from dockercli import parsers  # noqa: PLC0415 - loaded on first use
        from dockercli.container import Container  # noqa: PLC0415 - loaded on first use

        opts = _opts.PsOptions(
            all=all, filters=dict(filters or {}), format="{{json .}}", no_trunc=True
        )
        entries = parsers.ps_entries(self.call(opts).stdout)
        return [Container(self.session, e.id, name=e.name) for e in entries]

    # -- cleanup -------------------------------------------------------------------

    def cleanup(
        self,
        *,
        prefix: str | None = None,
        labels: Mapping[str, str] | None = None,
        session: str | None = None,
        keep: int = 0,
        older_than: timedelta | float | str | None = None,
        images: bool = True,
        networks: bool = True,
        volumes: bool = True,
        dry_run: bool = False,
        running: bool = False,
        reused: bool = False,
    ) -> CleanupReport:
        """Remove dockercli's stopped matching containers but the ``keep`` newest, then the
        images dockercli built that they ran, when nothing else needs them, then the
        networks dockercli created that match (by name ``prefix``, labels, session, age)
        and nothing is attached to (``report.networks_left`` names the others), then the
        volumes dockercli created that match and no container uses, stopped ones included
        (``report.volumes_left``).

        Only containers dockercli made (label ``dockercli.session``) are candidates, and a
        selection is required: a name ``prefix``, ``labels``, and/or a ``session`` ID
        (``"*"``: every session's). ``older_than`` (seconds, a timedelta, or '2h') and
        ``keep`` only narrow it. ``running=True`` force-removes running matches too (for a
        session known to be dead). Containers ``run(reuse=True)`` made are spared unless
        ``reused=True``. Images are never forced: a tag someone else gave one, a
        container or a child image keeps it (``report.images_left`` says why). Costs at
        most eight CLI calls, three without images, plus two for networks and three for
        volumes (and a listing more after each refusal: podman stops at the first).
        """
        return self._cleaner.run(
            prefix=prefix,
            labels=labels,
            session=session,
            keep=keep,
            older_than=older_than,
            images=images,
            networks=networks,
            volumes=volumes,
            dry_run=dry_run,
            running=running,
            reused=reused,
        )

    def schedule_cleanup(self, delay: float, **kwargs: Any) -> bool:
        """Run :meth:`cleanup` once after ``delay`` seconds on a daemon timer.

        Returns False (and schedules nothing) while an earlier one is still pending.
        """
        return self._cleaner.schedule(delay, **kwargs)

    def cancel_scheduled_cleanup(self) -> None:
        """Cancel a pending :meth:`schedule_cleanup`, if any."""
        self._cleaner.cancel()

    @property
    def session_id(self) -> str:
        """The ``dockercli.session`` label value of containers this process starts."""
        return SESSION_ID

    def remove_tracked(self) -> None:
        """Force-remove every container this client started and did not remove yet."""
        self.session.remove_tracked()


def _read_iid(path: str) -> str | None:
    from pathlib import Path  # noqa: PLC0415 - loaded on first use

    try:
        text = Path(path).read_text().strip()
    except OSError:
        return None
    return text.removeprefix("sha256:") or None


def _old_form(
    method: str,
    first: Any,
    second: Any,
    *,
    options: Any,
    command: Sequence[str] | None,
    subcommand: Sequence[str] | None,
) -> tuple[Any, Sequence[str] | None]:
    """``(options, subcommand)`` from the new form or the old path-first one.

    New: ``call(opts)``, ``call(options=opts)``, ``call(subcommand=path)``. Old, before
    options knew their command: ``call(path, opts)``, ``call(path, options=opts)``,
    ``call(command=path, options=opts)``; those warn.
    """
    if isinstance(first, (tuple, list)) and all(isinstance(x, str) for x in first):
        if command is not None:
            raise TypeError(f"Docker.{method}(): the path is given twice")
        command, first = tuple(first), None
    given = [x for x in (first, second, options) if x is not None]
    if len(given) > 1:
        raise TypeError(f"Docker.{method}() takes one options object; pass subcommand= for a path")
    if command is not None:
        if subcommand is not None:
            raise TypeError(f"Docker.{method}(): give subcommand= alone, not a path as well")
        _deprecated(f"Docker.{method}(path, options)", f"Docker.{method}(options)")
        return (given[0] if given else None), tuple(command)
    return (given[0] if given else None), subcommand


def _deprecated(old: str, new: str, *, stacklevel: int = 4) -> None:
    # stacklevel: the caller of the public method (4 through _old_form, 3 directly).
    import warnings  # noqa: PLC0415 - loaded on first use

    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=stacklevel)
