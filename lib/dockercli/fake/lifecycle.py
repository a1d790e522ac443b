"""What the container handlers share, below them: forgetting ``--rm`` containers,
following logs, reading stdin and quoting a command for a message."""

from __future__ import annotations

import posix
import time

from dockercli.fake import model, ports, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State

POLL = 0.05


def shown_command(argv: list[str], limit: int = 80) -> str:
    """A command as a user would type it, quoted for a message."""
    plain = set(" \t\n'\"$|&;<>()*?`\\").isdisjoint
    words = [w if w and plain(w) else (f'"{w}"' if '"' not in w else repr(w)) for w in argv]
    text = " ".join(words)
    return "'" + (text if len(text) <= limit else text[: limit - 3] + "...") + "'"


def prune(state: State) -> None:
    """Forget ``--rm`` containers that have exited (their helpers are gone already)."""
    now = store.now_ns()
    for cid in [
        cid for cid, x in state["containers"].items() if model.settle(x, now) or model.gone(x)
    ]:
        x = state["containers"][cid]
        if model.gone(x):
            ports.stop_helper(x)
            model.forget(state, x)


def read_stdin() -> str:
    """All of this process's stdin, until EOF (read before taking the state lock)."""
    chunks: list[bytes] = []
    while True:
        chunk = posix.read(0, 65536)
        if not chunk:
            return b"".join(chunks).decode("utf-8", "surrogateescape")
        chunks.append(chunk)


def next_wait(ctr: Container) -> float:
    """How long to sleep before a running container's next log line or exit may be due."""
    after = ctr["script"]["exit_after"]
    end = model.wall_time(ctr, ctr["started"], int(after * model.NS)) if after >= 0 else None
    if end is not None:  # None: it never ends by itself, or it is paused before then
        return max(0.001, min(POLL, (end - store.now_ns()) / model.NS))
    return POLL


def emit(c: Ctx, lines: list[tuple[int, int, str]], stamps: bool) -> None:
    """Print log lines (stream, time, text) to stdout or stderr, ``--timestamps`` first."""
    for stream, when, text in lines:
        line = f"{store.rfc3339(when)} {text}" if stamps else text
        if stream == 2:
            c.io.err(line)
        else:
            c.io.out(line)


def follow(c: Ctx, cid: str, printed: int, *, stamps: bool = False) -> Container | None:
    """Print new log lines as they come due until the container stops; return it."""
    last: Container | None = None
    while True:
        ctr: Container | None = store.load(c.state_dir)["containers"].get(cid)
        if ctr is None:
            return last
        now = store.now_ns()
        model.settle(ctr, now)
        lines = model.log_lines(ctr, now)
        emit(c, lines[printed:], stamps)
        printed = len(lines)
        last = ctr
        if ctr["status"] != "running":
            return ctr
        time.sleep(next_wait(ctr))
