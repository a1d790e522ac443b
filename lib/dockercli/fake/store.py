"""The fake engine's state: one JSON file in a directory, changed under an exclusive lock.

Readers never lock: writers replace ``state.json`` atomically (write, then rename), so a
reader sees the old or the new state, never half of one. Writers hold ``fcntl.flock``
on ``state.lock`` from read to rename, so concurrent invocations serialise.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import posix  # not ``os``: it costs ~2.5 ms per start (it imports collections.abc)
import time

from dockercli.fake import failure, jsonio

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.records import State


# The state file's layout version: raise it with every change to records.State an older
# file does not have, and teach upgrade() to fill it in.
SCHEMA = 3
FIRST_PORT = 32768  # where published ports start (docker's ephemeral range)


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


ENV: dict[str, str] = {_decode(k): _decode(v) for k, v in posix.environ.items()}


def getenv(name: str) -> str:
    """An environment variable ("" when unset)."""
    return ENV.get(name, "")


def join(*parts: str) -> str:
    """``os.path.join`` for the fake's own relative names."""
    out = parts[0]
    for part in parts[1:]:
        out = part if part.startswith("/") else out.rstrip("/") + "/" + part
    return out


def makedirs(path: str, mode: int = 0o700) -> None:
    """``os.makedirs(path, exist_ok=True)`` on top of ``posix``."""
    missing: list[str] = []
    current = path.rstrip("/") or "/"
    while current and not _isdir(current):
        missing.append(current)
        current = current.rsplit("/", 1)[0]
    for directory in reversed(missing):
        try:  # noqa: SIM105 - contextlib costs 8 ms of import time per invocation
            posix.mkdir(directory, mode)
        except FileExistsError:
            pass


def _isdir(path: str) -> bool:
    try:
        return posix.stat(path).st_mode & 0o170000 == 0o040000
    except OSError:
        return False


def state_dir() -> str:
    """``$FAKE_DOCKER_STATE``, else ``$XDG_RUNTIME_DIR/fake-docker-$UID``, else /tmp."""
    explicit = getenv("FAKE_DOCKER_STATE")
    if explicit:
        return explicit
    base = getenv("XDG_RUNTIME_DIR") or "/tmp"  # noqa: S108 - the per-user directory name follows below
    return join(base, f"fake-docker-{posix.getuid()}")


def empty() -> State:
    """A state with nothing in it."""
    return {
        "schema": SCHEMA,
        "containers": {},
        "images": {},
        "networks": {},
        "volumes": {},
        "tags": {},
        "cache": {},
        "next_port": FIRST_PORT,
        "next_ip": 2,
        "created": now_ns(),
    }


_KEYS = ("containers", "images", "tags")


def load(directory: str) -> State:
    """The current state (empty when the directory or file does not exist yet), upgraded
    to this fake's schema.

    A file that is not a state (truncated, garbage, not UTF-8), or one a newer fake wrote,
    stops the command with one line that names it and how to reset the fake; it is never
    overwritten.
    """
    path = join(directory, "state.json")
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return empty()
    except UnicodeDecodeError:
        raise damaged(directory, "it is not UTF-8 text") from None
    if not text:
        return empty()
    try:
        state = jsonio.loads(text)
    except (ValueError, SystemError, RecursionError):
        # the C scanner fails with SystemError on some truncated documents
        raise damaged(directory, "it is not valid JSON (truncated or overwritten)") from None
    if not isinstance(state, dict) or not all(isinstance(state.get(k), dict) for k in _KEYS):
        raise damaged(directory, "it is not a fake docker state")
    return upgrade(state, directory)


def upgrade(state: Any, directory: str) -> State:
    """``state`` in this fake's layout: what older files lack is filled in (in memory; the
    next change saves it). Schema 0 is every file written before the number existed."""
    schema = state.get("schema", 0)
    if not isinstance(schema, int) or schema > SCHEMA:
        raise damaged(
            directory,
            f"a newer fake wrote it (state schema {schema!r}; this fake reads up to {SCHEMA})",
        )
    if schema < 1:
        # 0 -> 1: the engine's start time (its own networks date from then: the oldest
        # object stands in for it), the build cache, and the port and address counters.
        objects = [*state["containers"].values(), *state["images"].values()]
        times = [int(x.get("created") or 0) for x in objects if isinstance(x, dict)]
        state.setdefault("created", min([t for t in times if t] or [now_ns()]))
        state.setdefault("cache", {})
        state["next_port"] = int(state.get("next_port") or FIRST_PORT)
        state["next_ip"] = int(state.get("next_ip") or 2)
    if schema < 2:
        state.setdefault("networks", {})  # 1 -> 2: user networks
    if schema < 3:
        state.setdefault("volumes", {})  # 2 -> 3: volumes
    state["schema"] = SCHEMA
    upgraded: State = state  # the JSON, now with every key State names
    return upgraded


def damaged(directory: str, why: str) -> Exception:
    """The error of a state file that cannot be read (exit 125, no traceback)."""
    path = join(directory, "state.json")
    return failure.FakeError(
        f"fake docker: cannot read its state file {path}: {why}. To reset the fake, delete "
        f"the state directory {directory} (this forgets its containers and images).\n",
        125,
    )


class Locked:
    """``with Locked(dir) as state:`` read, change ``state`` in place, saved on exit."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.state: State = empty()
        self._fd = -1

    def __enter__(self) -> State:
        import fcntl

        makedirs(self.directory)
        self._fd = posix.open(
            join(self.directory, "state.lock"), posix.O_RDWR | posix.O_CREAT, 0o600
        )
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        self.state = load(self.directory)
        return self.state

    def __exit__(self, kind: object, *_rest: object) -> None:
        try:
            if kind is None:
                save(self.directory, self.state)
        finally:
            posix.close(self._fd)  # closing the descriptor releases the flock
            self._fd = -1

    def fd(self) -> int:
        """The lock's descriptor (a forked helper must close it, or it keeps the lock)."""
        return self._fd


def save(directory: str, state: State) -> None:
    """Replace state.json atomically; a value JSON cannot hold is refused, the old file kept."""
    bad = _non_finite(state, "")
    if bad:
        raise failure.FakeError(
            f"fake docker: internal error: refusing to write {bad} to the state file "
            "(JSON has no infinity or NaN); the state is left as it was\n",
            125,
        )
    text = jsonio.dumps(state)
    tmp = join(directory, f".state.{posix.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    posix.rename(tmp, join(directory, "state.json"))


def _non_finite(value: Any, where: str) -> str:
    """The path of the first infinite or NaN float in ``value`` ("" when there is none)."""
    if isinstance(value, float):
        finite = value - value == 0.0  # inf - inf and NaN - NaN are NaN
        return "" if finite else f"{value!r} at {where or 'the top'}"
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _non_finite(item, f"{where}[{index}]")
            if found:
                return found
    return ""


def new_id() -> str:
    """A random 64-hex object ID."""
    return posix.urandom(32).hex()


def now_ns() -> int:
    """Wall-clock time in nanoseconds."""
    return time.time_ns()


def _utc(ns: int, layout: str) -> str:
    """``ns`` in UTC by ``layout``, then Go's fraction: nanoseconds, trailing zeros dropped."""
    seconds, frac = divmod(ns, 1_000_000_000)
    stamp = time.strftime(layout, time.gmtime(seconds))
    return stamp + ("." + f"{frac:09d}".rstrip("0") if frac else "")


def rfc3339(ns: int) -> str:
    """Go's RFC3339Nano in UTC: trailing zeros of the fraction dropped."""
    if ns <= 0:
        return "0001-01-01T00:00:00Z"
    return _utc(ns, "%Y-%m-%dT%H:%M:%S") + "Z"


def go_time(ns: int) -> str:
    """Go's ``time.String()`` in UTC: ``2026-12-03 13:10:00.037282101 +0000 UTC``."""
    return _utc(ns, "%Y-%m-%d %H:%M:%S") + " +0000 UTC"


def human_date(ns: int) -> str:
    """docker's ``CreatedAt`` column: ``2026-11-27 18:02:39 +0000 UTC``."""
    return time.strftime("%Y-%m-%d %H:%M:%S +0000 UTC", time.gmtime(ns // 1_000_000_000))


def human_duration(seconds: float) -> str:  # noqa: PLR0911 - one return per case keeps the mapping readable
    """go-units HumanDuration: ``Less than a second``, ``2 minutes``, ``About an hour``."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = s // 60
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = round(s / 3600)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{hours // 24 // 365} years"


NS = 1_000_000_000  # nanoseconds in a second


def go_duration(ns: int) -> str:
    """Go's ``time.Duration.String()``: ``0s``, ``899.233719ms``, ``1.210662729s``, ``2m3s``."""
    if ns == 0:
        return "0s"
    sign, ns = ("-" if ns < 0 else ""), abs(ns)
    for limit, unit, scale in ((1_000, "ns", 1), (1_000_000, "µs", 1_000), (NS, "ms", 1_000_000)):
        if ns < limit:
            return sign + _decimal(ns, scale) + unit
    hours, rest = divmod(ns, 3600 * NS)
    minutes, rest = divmod(rest, 60 * NS)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if hours or minutes else "")
    return sign + text + _decimal(rest, NS) + "s"


def _decimal(value: int, scale: int) -> str:
    """``value / scale`` with the fraction's trailing zeros dropped (Go's fmtFrac)."""
    whole, frac = divmod(value, scale)
    digits = len(str(scale)) - 1
    return str(whole) + ("." + f"{frac:0{digits}d}".rstrip("0") if frac else "")


def _go_units(size: float, step: float, units: tuple[str, ...], precision: int) -> str:
    i = 0
    while size >= step and i < len(units) - 1:
        size /= step
        i += 1
    return f"{size:.{precision}g}{units[i]}"


def human_size(size: float, precision: int = 4) -> str:
    """go-units HumanSizeWithPrecision (decimal units): ``1.986MB``, ``0B``."""
    return _go_units(size, 1000.0, ("B", "kB", "MB", "GB", "TB", "PB"), precision)


def binary_size(size: float) -> str:
    """go-units BytesSize (binary units, four digits): ``64MiB``, ``23.54GiB``, ``0B``."""
    return _go_units(size, 1024.0, ("B", "KiB", "MiB", "GiB", "TiB", "PiB"), 4)


def append_call(path: str, line: str) -> None:
    """Append one line to the call log (one write with O_APPEND: no interleaving)."""
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    if parent:
        makedirs(parent)
    fd = posix.open(path, posix.O_WRONLY | posix.O_APPEND | posix.O_CREAT, 0o600)
    try:
        posix.write(fd, (line + "\n").encode("utf-8", "surrogateescape"))
    finally:
        posix.close(fd)
