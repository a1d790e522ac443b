"""One invocation: its dialect, parsed options, state directory and output streams."""

from __future__ import annotations

import posix
import time

from dockercli.fake import dialect, flags, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable

    from dockercli.fake import commands


class Output:
    """stdout/stderr writer; faults can hold output back (to mangle it) or slow it down."""

    def __init__(self) -> None:
        self.hold = False  # keep stdout until the end (garbage, truncate, bad-utf8 faults)
        self.delay = 0.0  # seconds before each line (slow fault)
        self.held = bytearray()
        self.mangle: Callable[[bytes], bytes] | None = None  # applied to held stdout at exit

    def out(self, text: str) -> None:
        """Write to stdout."""
        self._write(1, text.encode("utf-8", "surrogateescape"))

    def out_bytes(self, data: bytes) -> None:
        """Write bytes to stdout (a tar stream), held and slowed as text is."""
        self._write(1, data)

    def err(self, text: str) -> None:
        """Write to stderr."""
        self._write(2, text.encode("utf-8", "surrogateescape"))

    def raw(self, fd: int, data: bytes) -> None:
        """Write bytes as they are (bypasses holding)."""
        _write_all(fd, data)

    def _write(self, fd: int, data: bytes) -> None:
        if not data:
            return
        if fd == 1 and self.hold:
            self.held += data
        elif self.delay:
            for line in data.splitlines(keepends=True):
                time.sleep(self.delay)
                _write_all(fd, line)
        else:
            _write_all(fd, data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            n = posix.write(fd, view)
        except BrokenPipeError:
            return
        view = view[n:]


class Ctx:
    """Everything a command needs."""

    def __init__(self, d: dialect.Dialect, state_dir: str, host: str, io: Output) -> None:
        self.d = d
        self.state_dir = state_dir
        self.host = host
        self.io = io
        self.path = ""  # canonical command path: "ps" for "container ls"
        self.typed = ""  # as typed, for messages: "container ls"
        self.opts: dict[str, Any] = {}
        self.args: list[str] = []
        self.env_names: list[str] = []
        self.failed = False  # some argument failed; the command went on with the others

    def parse(self, typed: str, command: commands.Command, args: list[str]) -> None:
        """Parse ``args`` with the flags of ``command`` and check the argument count."""
        self.typed, self.path = typed, command.path
        spec = flags.spec_for(self.d, command.path)
        notices: list[str] = []
        try:
            self.opts, self.args = flags.parse(
                self.d, typed, spec, args, interspersed=command.interspersed, notices=notices
            )
        finally:  # pflag says them as it parses: a later flag's error comes after them
            self.io.out("".join(notices))
        problem = self.d.arg_count(typed, len(self.args))
        if problem is not None:
            raise problem

    def report(self, error: dialect.FakeError) -> None:
        """One argument of a multi-argument command failed: docker prints the error and
        goes on with the others (the exit status is 1 at the end); podman stops here."""
        if self.d.stops_at_first_missing:
            raise error
        self.io.err(error.stderr)
        self.failed = True

    def flag(self, name: str, default: Any = None) -> Any:
        """A parsed option value."""
        return self.opts.get(name, default)

    def env_entries(self) -> list[str]:
        """``KEY=VALUE`` from ``--env-file`` then ``--env``, as docker reads them for run
        and exec: a bare ``--env NAME`` takes NAME's value from the CLI's own environment
        (and is dropped when unset there)."""
        given: list[str] = []
        for path in self.flag("env-file") or []:
            try:
                with open(path, encoding="utf-8") as fh:
                    lines = fh.read().splitlines()
            except OSError as exc:
                raise self.d.run_error(
                    self.typed, f"open {path}: {(exc.strerror or str(exc)).lower()}"
                ) from None
            given += [ln.lstrip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        given.extend(self.flag("env") or [])
        return [
            item if "=" in item else f"{item}={store.ENV[item]}"
            for item in given
            if "=" in item or item in store.ENV
        ]
