"""``Container``: one container, bound to its client.

Port and IP reads come from one ``inspect`` after start, cached until a state change
(start, stop, kill, restart), so ``run → address → stop → remove`` costs four CLI calls.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from dockercli import _reads, parsers, runner, waits
from dockercli._timeout import CLIENT_TIMEOUT, Timeout
from dockercli.errors import (
    ConflictError,
    ContainerExitedError,
    DockerError,
    DockerTimeoutError,
    InvalidOptionError,
    NoSuchContainerError,
    NotFoundError,
    ParseError,
    RemovalInProgressError,
)
from dockercli.models import ContainerInfo, ContainerStats, FileChange, PortMapping, Process
from dockercli.options import (
    ExecOptions,
    KillOptions,
    LogsOptions,
    RenameOptions,
    RestartOptions,
    StartOptions,
    StopOptions,
    WaitOptions,
)
from dockercli.result import Completed

if TYPE_CHECKING:
    from pathlib import Path

    import pexpect

    from dockercli.image import Image
    from dockercli.session import Client, Session


# A timed-out exec: its processes carry _EXEC_MARK=<token>; a second exec kills them.
_EXEC_MARK = "DOCKERCLI_EXEC"
_PROBE_MARK = "DOCKERCLI_EXEC_PROBE"
# The stopping exec's default budget: short enough that a timed-out exec returns within
# its timeout + 1 s; exec(stop_timeout=) gives more where one `docker exec` is slow (a
# loaded machine, an ssh:// engine that opens a connection per call).
_STOP_TIMEOUT = 0.8
# $1: the mark, $2: the probe. It first finds itself by its probe (so /proc, tr and grep
# work here), then SIGKILLs every process whose environment holds the mark, until none is
# left (children may fork meanwhile); a zombie has an empty environ and is not counted.
_STOP_SCRIPT = """\
has() { tr '\\0' '\\n' < "$1/environ" 2>/dev/null | grep -qxF "$2"; }
has "/proc/$$" "DOCKERCLI_EXEC_PROBE=$2" || { echo dockercli-exec-no-proc; exit 3; }
n=0
for try in 1 2 3 4 5 6 7 8 9 10; do
  found=0
  for p in /proc/[0-9]*; do
    if has "$p" "$1"; then kill -9 "${p#/proc/}" 2>/dev/null; found=$((found + 1)); fi
  done
  if [ "$found" = 0 ]; then echo "dockercli-exec-stopped $n"; exit 0; fi
  n=$((n + found))
  sleep 0.05 2>/dev/null || sleep 1
done
echo dockercli-exec-survived; exit 4
"""
_STOP_FAILURES = {
    3: "the container's /proc, tr or grep could not be used to find it",
    4: "some of its processes survived SIGKILL",
    126: "stopping it needs `sh` in the image, and it could not be started",
    127: "stopping it needs `sh` in the image, and it could not be started",
}


class Container:
    """A container on the engine.

    Attributes:
        id: The full 64-hex ID.
        session: The :class:`~dockercli.session.Session` its commands run through.
        reused: Made or found by ``run(reuse=True)``: kept for the next run (its ``with``
            block does not remove it).

    As a context manager it starts (if only created) and on exit removes itself with
    ``rm --force`` (which stops it first), so nothing is left behind; if a cleanup got
    there first, that is not an error.
    """

    def __init__(
        self,
        client: Client,
        container_id: str,
        *,
        name: str | None = None,
        info: ContainerInfo | None = None,
        reused: bool = False,
    ) -> None:
        from dockercli.session import session_of  # noqa: PLC0415 - a type-only import above

        self.session: Session = session_of(client)
        self.id = container_id
        self.reused = reused
        self._name = name
        self._info = info
        self._started = bool(info and info.running)
        self._children: list[Any] = []

    def __repr__(self) -> str:
        return f"Container({self.id[:12]!r}, name={self._name!r})"

    @property
    def docker(self) -> Session:
        """Deprecated: :attr:`session` (it runs the same ``call``, ``stream`` and
        ``invocation``; the ``Docker`` verbs are on the client you made)."""
        from dockercli.session import deprecated_docker  # noqa: PLC0415 - first use

        deprecated_docker("Container")
        return self.session

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Container) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    # -- state ---------------------------------------------------------------------

    def inspect(self, *, refresh: bool = False) -> ContainerInfo:
        """The container's inspect data (one CLI call, cached until the state changes)."""
        if self._info is None or refresh:
            self._info = _reads.inspect_containers(self.session, [self.id])[0]
            self._name = self._info.name
        return self._info

    def _changed(self) -> None:
        self._info = None

    @property
    def name(self) -> str:
        """The container's name (without docker's leading '/')."""
        if self._name is None:
            self._name = self.inspect().name
        return self._name

    @property
    def status(self) -> str:
        """The current status (``created``, ``running``, ``exited``...); always asks the engine."""
        return self.inspect(refresh=True).status

    @property
    def host(self) -> str:
        """Where published ports are reached (``localhost`` for a local engine)."""
        return self.session.published_host

    @property
    def ip(self) -> str | None:
        """The address other containers on its network reach it at (None if not running)."""
        return self.inspect().ip_address

    def ports(self) -> list[PortMapping]:
        """Every published port mapping."""
        return list(self.inspect().ports)

    def host_port(self, port: int, proto: str = "tcp", family: str = "ipv4") -> int:
        """The host port that ``port/proto`` is published on."""
        mapping = parsers.choose_mapping(self.ports(), port=port, protocol=proto, family=family)
        return mapping.host_port

    def address(self, port: int, proto: str = "tcp") -> str:
        """``host:port`` where the container's ``port`` is reached from here."""
        host = self.host
        if ":" in host:
            host = f"[{host}]"
        return f"{host}:{self.host_port(port, proto)}"

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> None:
        """``docker start``."""
        self.session.call(StartOptions(refs=(self.id,)))
        self._started = True
        self._changed()

    def stop(self, grace: int | None = None, *, timeout: Timeout = CLIENT_TIMEOUT) -> None:
        """``docker stop``: SIGTERM, then SIGKILL after ``grace`` seconds (docker's 10).

        The call may take the client's timeout plus the grace period. ``timeout=``, which
        used to name the grace period, still does, with a DeprecationWarning.
        """
        grace = _grace_of("stop", grace, timeout)
        call_timeout = self.session.options.timeout
        waits = 10 if grace is None else grace  # docker's own default grace period
        stop = StopOptions(refs=(self.id,), time=grace)
        budget = None if call_timeout is None else call_timeout + waits
        try:
            self.session.call(stop, timeout=budget)
        except ConflictError:
            # podman 4.3 refuses to stop a paused container; docker's engine thaws it first
            podman = self.session.is_podman_binary
            if not (podman and self.inspect(refresh=True).status == "paused"):
                raise
            self.unpause()
            self.session.call(stop, timeout=budget)
        self._changed()
        self._close_children()

    def kill(self, signal: str | None = None) -> None:
        """``docker kill`` (SIGKILL unless another signal is named)."""
        self.session.call(KillOptions(refs=(self.id,), signal=signal))
        self._changed()

    def restart(self, grace: int | None = None, *, timeout: Timeout = CLIENT_TIMEOUT) -> None:
        """``docker restart``: stop (SIGKILL after ``grace`` seconds), then start.

        ``timeout=``, which used to name the grace period, still does, with a
        DeprecationWarning.
        """
        grace = _grace_of("restart", grace, timeout)
        self.session.call(RestartOptions(refs=(self.id,), time=grace))
        self._changed()

    def remove(
        self, *, force: bool = False, volumes: bool = False, missing_ok: bool = False
    ) -> None:
        """``docker rm`` (``force`` also stops a running container).

        With ``missing_ok`` a container that is already gone, or that another caller (a
        scheduled cleanup) is removing right now, counts as removed instead of raising.
        """
        self._close_children()
        try:
            self.session.call(self.session.rm((self.id,), force=force, volumes=volumes))
        except (NoSuchContainerError, RemovalInProgressError):
            if not missing_ok:
                raise
        self.session.untrack(self.id)
        self._changed()

    def rename(self, new_name: str) -> None:
        """``docker rename``: the container is known by ``new_name`` from now on (its ID,
        and so dockercli's hold on it, stay). A name another container has is a
        ConflictError; the container keeps its old one."""
        self.session.call(RenameOptions(container=self.id, new_name=new_name))
        self._changed()
        self._name = new_name.removeprefix("/")

    def pause(self) -> None:
        """``docker pause``: freeze its processes until :meth:`unpause`. A paused container
        refuses exec (ConflictError); stop, kill and a forced remove still work (on
        podman too: :meth:`stop` unpauses it first, as docker's engine does). Pausing one
        that is not running, or is paused already, is a ConflictError."""
        from dockercli.options import PauseOptions  # noqa: PLC0415 - first use

        self.session.call(PauseOptions(refs=(self.id,)))
        self._changed()

    def unpause(self) -> None:
        """``docker unpause``; a container that is not paused is a ConflictError."""
        from dockercli.options import UnpauseOptions  # noqa: PLC0415 - first use

        self.session.call(UnpauseOptions(refs=(self.id,)))
        self._changed()

    def wait(self, timeout: Timeout = CLIENT_TIMEOUT) -> int:
        """Block until the container stops; its exit code.

        Like every call it gives up after the client's timeout (60 s unless set);
        pass ``timeout=None`` to wait as long as the container runs.
        """
        done = self.session.call(WaitOptions(refs=(self.id,)), timeout=timeout)
        self._changed()
        return parsers.exit_code(done.stdout)

    def __enter__(self) -> Container:
        if not self._started:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.reused:  # run(reuse=True) keeps it for the next run
            self.remove(force=True, volumes=True, missing_ok=True)

    # -- output --------------------------------------------------------------------

    def logs(
        self,
        *,
        tail: int | str | None = None,
        since: str | None = None,
        timestamps: bool = False,
    ) -> str:
        """Everything the container printed, stdout and stderr merged in the engine's order.

        The engine reads a container's stdout and stderr through separate pipes, so lines
        written back to back on different streams may appear in either order.
        """
        opts = LogsOptions(ref=self.id, tail=tail, since=since, timestamps=timestamps)
        return self.session.call(opts, merge_stderr=True).stdout

    def follow_logs(
        self,
        *,
        stall_timeout: float | None = None,
        tail: int | str | None = None,
        timestamps: bool = False,
    ) -> Iterator[str]:
        """Yield output lines as they arrive, until the container stops.

        stdout and stderr arrive merged in the engine's order. Closing the iterator (or
        dropping it) kills the ``docker logs --follow`` child.
        """
        opts = LogsOptions(ref=self.id, follow=True, tail=tail, timestamps=timestamps)
        stream = self.session.stream(opts, stall_timeout=stall_timeout, merge_stderr=True)
        return self._lines(stream)

    def _lines(self, stream: runner.LineStream) -> Iterator[str]:
        with stream:
            yield from stream.texts()  # merged: one source, so no Line per line
        self._check_stream_end("its log stream to end", "")

    def _check_stream_end(self, waiting_for: str, seen: str) -> None:
        """A log stream ended: fine if the container stopped, an error if the engine went away."""
        info = self.inspect(refresh=True)  # raises DaemonUnreachableError if the engine is gone
        if info.running:
            raise DockerError(
                f"the log stream of container {self.name} ended while it still runs "
                f"(was the engine restarted?) while waiting for {waiting_for}",
                stdout=seen,
            )

    def expect_log(self, pattern: str | re.Pattern[str], timeout: float = 30.0) -> re.Match[str]:
        """Wait until ``pattern`` appears in the container's output (already printed or new).

        Raises :class:`DockerTimeoutError` with the last lines seen, or
        :class:`ContainerExitedError` when the container stops first.
        """
        import pexpect  # noqa: PLC0415 - pexpect costs import time; only live matching needs it

        follow = self.session.invocation(LogsOptions(ref=self.id, follow=True))
        argv = follow.argv
        child = runner.spawn(follow, timeout=timeout)
        try:
            index = child.expect([pattern, pexpect.EOF, pexpect.TIMEOUT], timeout=timeout)
            seen = _last_lines(child.before)
            if index == 0:
                match = child.match
                assert isinstance(match, re.Match)
                return match
            if index == 1:
                self._check_stream_end(f"printing {_show(pattern)}", seen)
                raise ContainerExitedError(
                    f"container {self.name} stopped before printing {_show(pattern)}; "
                    f"last lines:\n{seen}",
                    argv=argv,
                    stdout=seen,
                )
            raise DockerTimeoutError(
                f"{_show(pattern)} did not appear within {timeout:g}s; last lines:\n{seen}",
                argv=argv,
                stdout=seen,
            )
        finally:
            child.close(force=True)

    def exec(
        self,
        command: str | Sequence[str],
        *,
        user: str | None = None,
        workdir: str | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = False,
        timeout: Timeout = CLIENT_TIMEOUT,
        stop_timeout: float = _STOP_TIMEOUT,
        input: bytes | str | None = None,
    ) -> Completed:
        """Run a command in the running container and return what it printed.

        ``input`` (bytes, or text sent as UTF-8) is written to the command's stdin
        (``--interactive``), then EOF; without it the command's stdin is empty.

        A non-zero exit of the command is returned (``check=True`` raises it); failures of
        docker itself (no such container, not running, command not found) always raise.

        Past ``timeout`` seconds (default: the client's; None: no limit)
        :class:`DockerTimeoutError` is raised.
        Killing ``docker exec`` does not stop what it started in the container, so the
        command runs with ``DOCKERCLI_EXEC=<token>`` in its environment, and on a timeout
        a second exec (as the same user) kills every process in the container whose
        environment holds that token: the command and the children that inherited it.
        That needs ``sh``, ``tr`` and ``grep`` in the image, and up to ``stop_timeout``
        seconds more (0.8 unless given); the error
        message says whether the command was stopped, or that it may still be running and
        why (no shell, the stop timed out). A process that cleared its environment or
        changed its user is not found.
        """
        limit = self.session.timeout_for(timeout)
        token = uuid.uuid4().hex if limit is not None else ""
        marked = {**(env or {}), _EXEC_MARK: token} if token else dict(env or {})
        opts = ExecOptions(
            container=self.id,
            command=command,
            user=user,
            workdir=workdir,
            env=marked,
            interactive=input is not None,
        )
        data = input.encode() if isinstance(input, str) else input
        codes = (0,) if check else range(256)
        try:
            # Any status is the command's own unless check; docker's own failures (126/127
            # "cannot start") raise all the same (errors.failure's rule for exec).
            done = self.session.call(opts, ok_codes=codes, timeout=limit, input=data)
        except DockerTimeoutError as timed_out:
            client = os.path.basename(timed_out.argv[0]) if timed_out.argv else "docker"
            raise DockerTimeoutError(
                f"timed out after {limit:g}s; {self._stop_exec(token, user, client, stop_timeout)}",
                argv=timed_out.argv,
                stdout=timed_out.stdout,
                stderr=timed_out.stderr,
            ) from None
        return done

    def _stop_exec(self, token: str, user: str | None, client: str, budget: float) -> str:
        """Kill the processes of a timed-out exec; what became of them, for the message."""
        killed = f"`{client} exec` was killed"
        probe = uuid.uuid4().hex
        opts = ExecOptions(
            container=self.id,
            command=["sh", "-c", _STOP_SCRIPT, "sh", f"{_EXEC_MARK}={token}", probe],
            user=user,
            env={_PROBE_MARK: probe},
        )
        done: Completed | None = None
        failed: DockerError | None = None
        try:
            done = self.session.call(opts, ok_codes=range(256), timeout=budget)
        except DockerTimeoutError:
            pass
        except DockerError as error:  # docker's own failure, not the script's status
            failed = error
        status = failed.returncode if failed is not None else done.returncode if done else None
        found = re.search(r"^dockercli-exec-stopped (\d+)$", done.stdout if done else "", re.M)
        if status is None:
            why = f"stopping it took longer than {budget:g}s (exec(stop_timeout=) gives more)"
        elif status == 0 and found:
            return (
                f"{killed} and the command was stopped in the container "
                f"({found.group(1)} process(es) carrying its {_EXEC_MARK} mark, killed)"
            )
        elif status in _STOP_FAILURES:
            why = _STOP_FAILURES[status]
        elif status == 0:
            why = "stopping it gave no answer"
        elif failed is None:
            assert done is not None
            why = f"stopping it failed: {DockerError.from_completed(done).message}"
        elif isinstance(failed, (ConflictError, NoSuchContainerError)) and self._gone():
            return f"{killed}, and the container has stopped: nothing of the command is left"
        else:
            why = f"stopping it failed: {failed.message}"
        return f"{killed}, but the command may still be running in the container: {why}"

    def _gone(self) -> bool:
        """True when the container is removed or stopped (paused is not stopped)."""
        try:
            return self.inspect(refresh=True).status in ("created", "exited", "dead")
        except NoSuchContainerError:
            return True
        except ParseError:
            raise  # output that cannot be read says nothing about the container
        except DockerError:
            return False

    def copy_to(
        self,
        source: bytes | str | os.PathLike[str],
        dest: str,
        *,
        mode: int = 0o644,
        timeout: Timeout = CLIENT_TIMEOUT,
    ) -> None:
        """``docker cp`` into the container, created or running (a file copied in before
        the first start is there for its command).

        ``source`` is ``bytes`` (one file, written at the absolute path ``dest``, whose
        directory must exist in the container, with permission bits ``mode``; sent as a
        tar stream on stdin) or a host path (a file or a directory, copied as docker cp
        copies it: into ``dest`` when that is a directory there). A missing host path,
        container path or directory is a :class:`NotFoundError`.
        """
        from dockercli import _copy  # noqa: PLC0415 - loaded on first use
        from dockercli.options import CpOptions  # noqa: PLC0415

        if isinstance(source, bytes):
            directory, name = posixpath.split(dest)
            if not dest.startswith("/") or not name:
                raise InvalidOptionError(
                    f"'dest' must be the file's absolute path in the container (got {dest!r})"
                )
            opts = CpOptions(source="-", dest=f"{self.id}:{directory}")
            self.session.call(opts, input=_copy.one_file(name, source, mode), timeout=timeout)
            return
        path = os.path.abspath(os.fspath(source))  # a relative name with ':' is no container
        if not os.path.lexists(path):
            raise NotFoundError(f"copy_to: no such file or directory on this host: {path}")
        self.session.call(CpOptions(source=path, dest=f"{self.id}:{dest}"), timeout=timeout)

    @overload
    def copy_from(self, source: str, dest: None = None, *, timeout: Timeout = ...) -> bytes: ...

    @overload
    def copy_from(
        self, source: str, dest: str | os.PathLike[str], *, timeout: Timeout = ...
    ) -> None: ...

    def copy_from(
        self,
        source: str,
        dest: str | os.PathLike[str] | None = None,
        *,
        timeout: Timeout = CLIENT_TIMEOUT,
    ) -> bytes | None:
        """``docker cp`` out of the container: the bytes of the one file ``source`` names,
        or, with ``dest``, what ``source`` names (a file or a directory) written there:
        into ``dest`` when it is an existing directory, else as ``dest`` itself.

        The container's tar stream is read here, not by docker: a member that would land
        outside ``dest`` (an absolute name, ``..``, a link pointing out, a device) is an
        :class:`UnsafeCopyError` and nothing is written. The archive is held in memory.
        """
        from pathlib import Path  # noqa: PLC0415 - loaded on first use (import time)

        from dockercli import _copy  # noqa: PLC0415
        from dockercli.options import CpOptions  # noqa: PLC0415

        opts = CpOptions(source=f"{self.id}:{source}", dest="-")
        archive = self.session.call(opts, binary=True, timeout=timeout).stdout_bytes
        if dest is None:
            return _copy.file_bytes(archive, source)
        _copy.extract(archive, Path(dest), source)
        return None

    # -- what runs in it, what changed ---------------------------------------------

    def top(self, *ps_args: str) -> list[Process]:
        """``docker top``: its processes, while it runs (else a ConflictError).

        ``ps_args`` go to ``ps`` as they are (``top("-o", "pid,args")``): docker runs the
        engine host's ``ps``, podman its own descriptors (``top("pid", "args")``), so
        they are the client's, not dockercli's. Each :class:`Process` keeps every column.
        """
        from dockercli.options import TopOptions  # noqa: PLC0415 - first use

        done = self.session.call(TopOptions(container=self.id, ps_args=ps_args))
        return parsers.top_processes(done.stdout)

    def stats(self) -> ContainerStats:
        """One snapshot of ``docker stats --no-stream``: CPU, memory, network and block
        IO, processes. A container that is not running shows zeros."""
        from dockercli.options import StatsOptions  # noqa: PLC0415 - first use

        template = "json" if self.session.is_podman_binary else "{{json .}}"
        done = self.session.call(StatsOptions(refs=(self.id,), format=template))
        rows = parsers.stats_entries(done.stdout)
        if len(rows) != 1:
            raise ParseError(f"stats printed {len(rows)} entries for one container", done.stdout)
        return rows[0]

    def diff(self) -> list[FileChange]:
        """``docker diff``: the paths added, changed or deleted in its filesystem since it
        was created (what :meth:`commit` would keep), in the client's order."""
        from dockercli.options import DiffOptions  # noqa: PLC0415 - first use

        return parsers.file_changes(self.session.call(DiffOptions(container=self.id)).stdout)

    def commit(
        self,
        ref: str | None = None,
        *,
        message: str | None = None,
        author: str | None = None,
        changes: Sequence[str] = (),
        pause: bool | None = None,
    ) -> Image:
        """``docker commit``: a new image of its filesystem and config, tagged ``ref``
        when given; ``changes`` are Dockerfile instructions (``"ENV A=1"``,
        ``'CMD ["app"]'``). The :class:`Image` removes what the commit made when asked
        (its tag; a tag ``ref`` took from another image goes back to it), never more.
        On podman a ``message`` commits in docker's format (podman's OCI default refuses
        a message). ``pause`` None: the client's default (docker pauses it)."""
        from dockercli.image import Image  # noqa: PLC0415 - first use
        from dockercli.options import CommitOptions  # noqa: PLC0415

        kept = "docker" if message is not None and self.session.is_podman_binary else None
        opts = CommitOptions(
            container=self.id,
            ref=ref,
            message=message,
            author=author,
            changes=tuple(changes),
            pause=pause,
            format=kept,
        )
        before: dict[str, str] = {}
        if ref is not None:
            with contextlib.suppress(NotFoundError):
                before[ref] = _reads.inspect_image(self.session, ref).id
        image_id = parsers.committed_image_id(self.session.call(opts).stdout)
        return Image(self.session, image_id, tags=(ref,) if ref else (), replaced=before)

    def export(self, dest: str | os.PathLike[str], *, timeout: Timeout = CLIENT_TIMEOUT) -> Path:
        """``docker export``: its whole filesystem as a tar file at ``dest`` on this host
        (written by the client, so right for a remote engine too); the path. The file's
        directory must exist (NotFoundError otherwise)."""
        from pathlib import Path  # noqa: PLC0415 - loaded on first use (import time)

        from dockercli.options import ExportOptions  # noqa: PLC0415

        path = Path(os.path.abspath(os.fspath(dest)))
        if not path.parent.is_dir():
            raise NotFoundError(f"export: no such directory on this host: {path.parent}")
        self.session.call(ExportOptions(output=str(path), container=self.id), timeout=timeout)
        return path

    def update(
        self,
        *,
        cpus: float | str | None = None,
        memory: int | str | None = None,
        memory_swap: int | str | None = None,
        memory_reservation: int | str | None = None,
        cpu_shares: int | None = None,
        cpuset_cpus: str | None = None,
        cpuset_mems: str | None = None,
        pids_limit: int | None = None,
        blkio_weight: int | None = None,
        restart: str | None = None,
    ) -> None:
        """``docker update``: change its limits (and restart policy) in place, running or
        not; see :class:`UpdateOptions`. At least one setting must be given.

        docker's engine gives a container without a memory limit a first one only with
        ``memory_swap`` beside it (UsageError with that advice otherwise). podman 4.3
        applies the limits to the running container but still shows the old values in
        ``inspect``, and has no ``restart`` or ``pids_limit`` here (UsageError).
        """
        from dockercli.options import UpdateOptions  # noqa: PLC0415 - first use

        opts = UpdateOptions(
            refs=(self.id,),
            cpus=cpus,
            memory=memory,
            memory_swap=memory_swap,
            memory_reservation=memory_reservation,
            cpu_shares=cpu_shares,
            cpuset_cpus=cpuset_cpus,
            cpuset_mems=cpuset_mems,
            pids_limit=pids_limit,
            blkio_weight=blkio_weight,
            restart=restart,
        )
        self.session.call(opts)
        self._changed()

    def spawn(
        self, command: str | Sequence[str], *, tty: bool = True, timeout: float = 30.0
    ) -> pexpect.spawn[str]:
        """An interactive ``docker exec -it`` session: a pexpect child closed with the container."""
        opts = ExecOptions(container=self.id, command=command, interactive=True, tty=tty)
        child = runner.spawn(self.session.invocation(opts), timeout=timeout)
        self._children.append(child)
        return child

    def _close_children(self) -> None:
        for child in self._children:
            with contextlib.suppress(Exception):
                child.close(force=True)
        self._children.clear()

    # -- readiness -----------------------------------------------------------------

    def wait_for_log(self, pattern: str | re.Pattern[str], timeout: float = 30.0) -> re.Match[str]:
        """Wait until ``pattern`` appears in the output (see :meth:`expect_log`)."""
        return self.expect_log(pattern, timeout)

    def wait_for_port(self, port: int, proto: str = "tcp", timeout: float = 30.0) -> str:
        """Wait until ``port`` accepts connections through its published address; the address."""
        return str(self.wait_for_all(waits.Port(port, proto), timeout=timeout)[0])

    def wait_for_http(
        self,
        port: int,
        path: str = "/",
        *,
        status: waits.Status = range(200, 400),
        tls: bool = False,
        timeout: float = 30.0,
    ) -> str:
        """Wait until a GET of ``path`` through the published ``port`` answers with an
        accepted ``status`` (a number, or a range or set of them; a redirect is an answer,
        not followed); the URL. ``tls``: https, the certificate not verified."""
        found = self.wait_for_all(waits.Http(port, path, status, tls), timeout=timeout)
        return str(found[0])

    def wait_for_exec(self, command: str | Sequence[str], timeout: float = 30.0) -> Completed:
        """Run ``command`` in the container until it exits 0; that run's output."""
        done: Completed = self.wait_for_all(waits.Exec(command), timeout=timeout)[0]
        return done

    def wait_for_file(self, path: str, timeout: float = 30.0) -> str:
        """Wait until ``path`` exists in the container (looked for with ``docker cp``: no
        shell needed in the image; meant for marker files, not large trees); the path."""
        return str(self.wait_for_all(waits.File(path), timeout=timeout)[0])

    def wait_for_healthy(self, timeout: float = 60.0) -> None:
        """Wait until the engine's healthcheck reports ``healthy``."""
        self.wait_for_all(waits.Healthy(), timeout=timeout)

    def wait_for_all(self, *conditions: waits.Condition, timeout: float = 60.0) -> list[Any]:
        """Wait until every condition holds (``waits.port(8080)``, ``waits.log("ready")``,
        :mod:`dockercli.waits`); their results, in order. The container exiting or turning
        unhealthy ends the wait at once (:class:`ContainerExitedError`, with its last log
        lines), as does ``timeout`` (:class:`DockerTimeoutError`, naming what was left)."""
        return waits.until(self, conditions, every=True, timeout=timeout)

    def wait_for_any(self, *conditions: waits.Condition, timeout: float = 60.0) -> tuple[int, Any]:
        """Wait until one condition holds; its index among ``conditions`` and its result
        (the same failures as :meth:`wait_for_all`)."""
        found = waits.until(self, conditions, every=False, timeout=timeout)
        index = next(i for i, r in enumerate(found) if r is not waits.PENDING)
        return index, found[index]


def _last_lines(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    return "\n".join(text.replace("\r\n", "\n").splitlines()[-waits.LAST_LINES :])


def _show(pattern: str | re.Pattern[str]) -> str:
    return repr(pattern.pattern if isinstance(pattern, re.Pattern) else pattern)


def _grace_of(method: str, grace: int | None, timeout: Timeout) -> int | None:
    # stop(timeout=N) / restart(timeout=N): the grace period under its old name.
    if timeout is CLIENT_TIMEOUT:
        return grace
    if grace is not None:
        raise TypeError(f"Container.{method}(): give the grace period once, as grace=")
    import warnings  # noqa: PLC0415 - loaded on first use

    warnings.warn(
        f"Container.{method}(timeout=N) is deprecated: the grace period is grace=N "
        "(timeout= means a call's own limit everywhere else)",
        DeprecationWarning,
        stacklevel=3,
    )
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int)):
        raise InvalidOptionError(f"grace: must be whole seconds >= 0 (got {timeout!r})")
    return timeout
