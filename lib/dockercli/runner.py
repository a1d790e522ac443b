"""The only module that starts processes.

``run`` executes one command to completion (subprocess; stdout and stderr kept apart;
a timeout that kills the whole process group). ``stream`` yields output lines as they
arrive, with a stall timeout. ``spawn`` returns a pexpect child for terminals and live
pattern matching. ``start_daemon`` launches a long-lived background process (dockerd for
tests), ``start_watchdog`` a client's reaper. Every command is logged at DEBUG as a shell
line; secrets never reach argv.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Union

import attrs

from dockercli._argv import ENV_FILE_ARG, Invocation
from dockercli._shell import shell_line
from dockercli.errors import (
    DockerError,
    DockerNotFoundError,
    DockerTimeoutError,
    InvalidOptionError,
    StreamStalledError,
    failure,
)
from dockercli.result import Completed

if TYPE_CHECKING:
    import pexpect

log = logging.getLogger("dockercli")

# What run, stream and spawn take: an Invocation, or a plain argv with no secrets.
Runnable = Union[Invocation, Sequence[str]]


class _Shown:
    """An argv that logging renders as a (redacted) shell line only if the record is emitted."""

    def __init__(self, argv: Sequence[str]) -> None:
        self._argv = argv

    def __str__(self) -> str:
        return shell_line(self._argv)

    __repr__ = __str__  # handlers that keep record.args see the redacted line too


_KILL_GRACE = 2.0  # seconds to reap a killed group before giving up on it
_TAIL_LINES = 50  # lines a stream always remembers, for error messages
_PIPE_SIZE = 1 << 20  # a stream's pipe holds this much (where the system allows it)
_READ_SIZE = 1 << 20  # a stream reads what the pipe holds, up to this much at once
_SHORT_READ = 16384  # a stream read smaller than this ...
_COALESCE = 0.002  # ... waits this long (seconds) before the next, so lines arrive in batches


def resolve(binary: str, env: Mapping[str, str] | None = None) -> str:
    """The absolute path of ``binary``, or :class:`DockerNotFoundError` naming PATH."""
    path = (env or os.environ).get("PATH", os.defpath)
    found = shutil.which(binary, path=path)
    if found is None:
        # A path is not searched for on PATH: say what is wrong with the path itself.
        if os.sep in binary:
            why = "is not an executable file" if os.path.exists(binary) else "does not exist"
            raise DockerNotFoundError(f"docker binary {binary!r} {why}", argv=(binary,))
        raise DockerNotFoundError(
            f"docker binary {binary!r} not found (searched PATH={path})", argv=(binary,)
        )
    return found


def _child_env(env: Mapping[str, str] | None) -> dict[str, str] | None:
    if not env:
        return None
    merged = dict(os.environ)
    merged.update(env)
    return merged


def _invocation(what: Runnable) -> Invocation:
    return what if isinstance(what, Invocation) else Invocation(tuple(what))


def _with_secret_file(invocation: Invocation) -> tuple[list[str], Callable[[], None]]:
    """The argv to spawn, with its env file written (0600), and what removes the file."""
    argv = invocation.argv
    if ENV_FILE_ARG not in argv:
        return list(argv), _nothing
    fd, path = tempfile.mkstemp(prefix="dockercli-env-", suffix=".list")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp makes it 0600
            handle.writelines(f"{name}={value}\n" for name, value in invocation.env_file)
    except BaseException:
        _unlink(path)
        raise
    args = [f"--env-file={path}" if arg == ENV_FILE_ARG else arg for arg in argv]
    return args, lambda: _unlink(path)


def _nothing() -> None:
    pass


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def run(
    what: Runnable,
    *,
    timeout: float | None,
    ok_codes: Sequence[int] = (0,),
    input: bytes | None = None,
    merge_stderr: bool = False,
    binary: bool = False,
) -> Completed:
    """Run an :class:`Invocation` (or a plain argv) to completion; what it printed.

    With ``merge_stderr`` both streams share one pipe, keeping their order (``stdout``
    then holds everything and ``stderr`` is empty). With ``binary`` stdout is kept as
    bytes (``Completed.stdout_bytes``; ``stdout`` is empty). An env file lives for the call.

    Raises :class:`DockerTimeoutError` (after killing the process group) when it runs past
    ``timeout`` seconds, and what ``errors.failure`` makes of it when it failed: an exit
    outside ``ok_codes``, or what its command's rule reads as a failure.
    """
    invocation = _invocation(what)
    args, remove_secret = _with_secret_file(invocation)
    try:
        log.debug("run: %s", _Shown(args))
        try:
            proc = subprocess.Popen(
                args,
                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
                env=_child_env(invocation.env),
                start_new_session=True,  # our own process group, so a kill reaches all of it
            )
        except FileNotFoundError:
            raise DockerNotFoundError(
                f"docker binary {args[0]!r} not found", argv=tuple(args)
            ) from None
        out: bytes | None
        err: bytes | None
        try:
            out, err = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            out, err = _reap(proc)
            raise DockerTimeoutError(
                f"timed out after {timeout:g}s; the command and its children were killed",
                argv=tuple(args),
                stdout=_decode(out),
                stderr=_decode(err),
            ) from None
        except BaseException:
            _kill_group(proc)
            _reap(proc)
            raise
    finally:
        remove_secret()
    if binary:
        completed = Completed(tuple(args), proc.returncode, "", _decode(err), out or b"")
    else:
        completed = Completed(tuple(args), proc.returncode, _decode(out), _decode(err))
    error = _failure(invocation.path, completed, ok_codes, merged=merge_stderr)
    if error is not None:
        raise error
    return completed


def _failure(
    path: Sequence[str], completed: Completed, ok_codes: Sequence[int], *, merged: bool
) -> DockerError | None:
    # With merged streams the error text is in stdout; it is read as stderr.
    if merged:
        completed = attrs.evolve(completed, stderr=completed.stdout)
    return failure(path, completed, ok_codes)


def _reap(proc: subprocess.Popen[bytes]) -> tuple[bytes | None, bytes | None]:
    try:
        return proc.communicate(timeout=_KILL_GRACE)
    except subprocess.TimeoutExpired:  # a grandchild holds the pipes open; stop waiting
        proc.kill()
        proc.wait()
        return None, None


@attrs.frozen
class Line:
    """One line of live output, without its line ending."""

    source: str  # "stdout" or "stderr"
    text: str


def _widen_pipe(fd: int) -> None:
    # Room for what a fast writer prints while the reader coalesces (Linux only; a
    # failure just keeps the default 64 KiB).
    import fcntl  # noqa: PLC0415 - POSIX only, and only streams need it

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)


_SET_SOURCE = Line.__dict__["source"].__set__
_SET_TEXT = Line.__dict__["text"].__set__


def _line(source: str, text: str) -> Line:
    # Line(source, text) without attrs' frozen __init__ (Line has no validators or
    # converters): the slots are set directly, which halves the cost of a line.
    line = object.__new__(Line)
    _SET_SOURCE(line, source)
    _SET_TEXT(line, text)
    return line


class LineStream:
    """Lines from a running command as they arrive; a closeable iterator.

    Iteration ends when the command exits; then a code outside ``ok_codes`` raises the
    classified error. No output for ``stall_timeout`` seconds raises
    :class:`StreamStalledError`; a run longer than ``timeout`` raises
    :class:`DockerTimeoutError`. Closing (or dropping) the stream kills the command.
    With ``keep=True`` the whole output is kept in ``stdout`` / ``stderr``.
    """

    def __init__(
        self,
        what: Runnable,
        *,
        timeout: float | None = None,
        stall_timeout: float | None = None,
        ok_codes: Sequence[int] = (0,),
        keep: bool = False,
        merge_stderr: bool = False,
    ) -> None:
        invocation = _invocation(what)
        self._path = invocation.path
        self._proc: subprocess.Popen[bytes] | None = None
        self._remove_secret: Callable[[], None] = _nothing
        self._timeout = timeout
        self._stall = stall_timeout
        self._ok = tuple(ok_codes)
        self._keep = keep
        self._merged = merge_stderr
        self._chunks: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self._pending: dict[str, bytes] = {"stdout": b"", "stderr": b""}
        # Each read's lines, with their source, behind one shared iterator: whoever takes
        # a line (__next__, a for loop, texts()) takes it from there, so they may be mixed.
        self._ready: collections.deque[tuple[str, Iterator[str]]] = collections.deque()
        self._short_read = False
        self.tail: collections.deque[Line] = collections.deque(maxlen=_TAIL_LINES)
        self.returncode: int | None = None
        # An env file lives until the command has ended (or the stream is closed).
        args, self._remove_secret = _with_secret_file(invocation)
        self.argv = tuple(args)
        log.debug("stream: %s", _Shown(self.argv))
        try:
            self._proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
                env=_child_env(invocation.env),
                start_new_session=True,
            )
        except BaseException as error:
            self._remove_secret()
            if isinstance(error, FileNotFoundError):
                raise DockerNotFoundError(
                    f"docker binary {self.argv[0]!r} not found", argv=self.argv
                ) from None
            raise
        self._started = time.monotonic()
        self._selector = selectors.DefaultSelector()
        assert self._proc.stdout is not None
        self._selector.register(self._proc.stdout, selectors.EVENT_READ, "stdout")
        _widen_pipe(self._proc.stdout.fileno())
        if self._proc.stderr is not None:
            self._selector.register(self._proc.stderr, selectors.EVENT_READ, "stderr")

    @property
    def stdout(self) -> str:
        """All stdout seen so far (only with ``keep=True``)."""
        return "".join(self._chunks["stdout"])

    @property
    def stderr(self) -> str:
        """All stderr seen so far (only with ``keep=True``)."""
        return "".join(self._chunks["stderr"])

    def completed(self) -> Completed:
        """The finished command (after iteration ended); without ``keep``, its last lines."""
        if self._keep:
            return Completed(self.argv, self.returncode or 0, self.stdout, self.stderr)
        text = {"stdout": "", "stderr": ""}
        for line in self.tail:
            text[line.source] += line.text + "\n"
        return Completed(self.argv, self.returncode or 0, text["stdout"], text["stderr"])

    @property
    def pid(self) -> int | None:
        """The command's process ID while it runs."""
        return self._proc.pid if self._proc is not None else None

    def __iter__(self) -> Iterator[Line]:
        # A generator (a yield costs less than a __next__ call, which counts at a million
        # lines) over the same queue as __next__ and texts().
        for source, texts in self._reads():
            for text in texts:
                yield _line(source, text)

    def texts(self) -> Iterator[str]:
        """The lines' text alone, in the order read: no :class:`Line` per line.

        For a stream with ``merge_stderr=True`` (one source) at high volume: a million
        lines cost about half the time. Mixes with ``next()`` and a for loop like they do.
        """
        for _, texts in self._reads():
            yield from texts

    def _reads(self) -> Iterator[tuple[str, Iterator[str]]]:
        # Each read's source and lines, reading more as the queue runs dry; a read leaves
        # the queue once its caller has taken its lines (unless __next__ took it already).
        ready = self._ready
        while True:
            while ready:
                source, texts = ready[0]
                yield source, texts
                if ready and ready[0][1] is texts:
                    ready.popleft()
            if self._proc is None:
                return
            self._fill()

    def __next__(self) -> Line:
        ready = self._ready
        while True:
            while ready:
                source, texts = ready[0]
                for text in texts:
                    return _line(source, text)
                ready.popleft()
            if self._proc is None:
                raise StopIteration
            self._fill()

    def _deadline(self) -> float | None:
        waits = []
        if self._stall is not None:
            waits.append(self._stall)
        if self._timeout is not None:
            waits.append(self._timeout - (time.monotonic() - self._started))
        return max(0.0, min(waits)) if waits else None

    def _fill(self) -> None:
        if not self._selector.get_map():
            self._finish()
            return
        if self._short_read:
            # The last read got only a few lines: a writer that writes line by line (docker
            # logs does) would wake us for every line. Letting the pipe fill for a moment
            # costs at most _COALESCE of latency and turns hundreds of reads into one.
            time.sleep(_COALESCE)
        events = self._selector.select(self._deadline())
        if not events:
            self._fail_timeout()
        self._short_read = False
        for key, _ in events:
            source = key.data
            data = os.read(key.fd, _READ_SIZE)
            if len(data) < _SHORT_READ:
                self._short_read = bool(data)
            if not data:
                self._selector.unregister(key.fileobj)
                self._emit(source, self._pending[source], final=True)
                self._pending[source] = b""
                continue
            self._emit(source, self._pending[source] + data, final=False)

    def _emit(self, source: str, data: bytes, *, final: bool) -> None:
        # One decode and one split per read, not per line: a newline byte never occurs
        # inside a UTF-8 sequence, so decoding the whole chunk gives the same text.
        if final:
            self._pending[source] = b""
            if not data:
                return
            whole = data
        else:
            cut = data.rfind(b"\n") + 1
            self._pending[source] = data[cut:]
            if not cut:
                return
            whole = data[:cut]
        text = _decode(whole)
        if self._keep:
            self._chunks[source].append(text if not final else text + "\n")
        texts = text.split("\n")
        if not final:
            texts.pop()  # the empty string after the last newline
        if "\r" in text:
            texts = [t.rstrip("\r") for t in texts]
        if texts:
            self.tail.extend(_line(source, t) for t in texts[-_TAIL_LINES:])
            self._ready.append((source, iter(texts)))

    def _fail_timeout(self) -> None:
        elapsed = time.monotonic() - self._started
        stalled = self._timeout is None or elapsed < self._timeout
        self.close()
        seen = self.completed()
        if stalled:
            raise StreamStalledError(
                f"no output for {self._stall:g}s; the command was killed",
                argv=self.argv,
                stdout=seen.stdout,
                stderr=seen.stderr,
            )
        raise DockerTimeoutError(
            f"timed out after {self._timeout:g}s; the command was killed",
            argv=self.argv,
            stdout=seen.stdout,
            stderr=seen.stderr,
        )

    def _finish(self) -> None:
        proc = self._proc
        assert proc is not None
        self._proc = None
        try:
            self._selector.close()
            self.returncode = proc.wait()
            _close_pipes(proc)
        finally:
            self._remove_secret()
        error = _failure(self._path, self.completed(), self._ok, merged=self._merged)
        if error is not None:
            raise error

    def close(self) -> None:
        """Kill the command (and its group) if it still runs; safe to call twice."""
        proc, self._proc = self._proc, None
        try:
            if proc is None:
                return
            _kill_group(proc)
            with contextlib.suppress(Exception):
                self._selector.close()
            self.returncode = proc.wait()
            _close_pipes(proc)
        finally:
            self._remove_secret()  # removing twice is harmless

    def __enter__(self) -> LineStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


def _close_pipes(proc: subprocess.Popen[bytes]) -> None:
    pipes: tuple[IO[bytes] | None, ...] = (proc.stdout, proc.stderr, proc.stdin)
    for pipe in pipes:
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def stream(what: Runnable, **kwargs: Any) -> LineStream:
    """Start an :class:`Invocation` (or a plain argv) and iterate over its output lines
    (see :class:`LineStream`)."""
    return LineStream(what, **kwargs)


def spawn(
    what: Runnable,
    *,
    timeout: float | None = 30.0,
    dimensions: tuple[int, int] = (24, 80),
) -> pexpect.spawn[str]:
    """A pexpect child on a pseudo-terminal (stdout and stderr merged, ``\\r\\n`` endings).

    The child outlives this call, so no env file could be removed once docker has read
    it: an Invocation that needs one is refused.
    """
    import pexpect  # noqa: PLC0415 - pexpect costs import time most callers never need

    invocation = _invocation(what)
    if invocation.env_file:
        names = ", ".join(name for name, _ in invocation.env_file)
        raise InvalidOptionError(
            f"env: {names} are names the docker CLI reads for itself, which travel only in "
            "an env file, and a terminal session cannot carry one; set them inside the "
            "command instead (env NAME=value program)"
        )
    argv = invocation.argv
    log.debug("spawn: %s", _Shown(argv))
    child = pexpect.spawn(
        argv[0],
        list(argv[1:]),
        timeout=timeout,
        env=_child_env(invocation.env) or dict(os.environ),
        encoding="utf-8",
        codec_errors="replace",
        dimensions=dimensions,
        echo=False,
    )
    return child


def start_daemon(
    argv: Sequence[str], *, log_path: str, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start a long-lived background process with its output appended to ``log_path``."""
    log.debug("daemon: %s", _Shown(argv))
    with open(log_path, "ab") as sink:
        return subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=_child_env(env),
            start_new_session=True,
        )


def start_watchdog(argv: Sequence[str], *, env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Start a process that outlives this one's signals: its own session, its stdin a
    pipe this process holds (see :mod:`dockercli.reaper`), its output discarded, no
    other descriptor inherited."""
    log.debug("watchdog: %s", _Shown(argv))
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(env),
        start_new_session=True,
        close_fds=True,
    )


__all__ = [
    "DockerError",
    "Line",
    "LineStream",
    "resolve",
    "run",
    "spawn",
    "start_daemon",
    "start_watchdog",
    "stream",
]
