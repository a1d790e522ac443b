"""``run``'s settings past the first day's: what the engine keeps of each, what it refuses.

The container keeps them under docker's HostConfig names (``host`` in its record); the
render modules show them in each client's shape. A refusal comes in the client's words
at the moment that client makes it: docker's engine finds a missing device, a GPU
request and a bad IPC mode only when the container starts (``check`` returns them, the
container keeps them, ``start_refusal`` words them); podman refuses all at create. What
the fake cannot know (an address the user picks, a podman option it ignores) is refused
with exit 125, never taken and shown as kept.
"""

from __future__ import annotations

import posix
import re

from dockercli.fake import dialect, flags, refs, units
from dockercli.fake.failure import FakeError, NotModelled

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State

_SYSCTLS = (
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
)
_JSON_FILE_OPTS = ("max-size", "max-file", "compress", "labels", "env", "tag")
_MAX_SIZE = re.compile(r"[0-9]+[kmg]?")
# Drivers that send logs to a server or a daemon the fake cannot know is there, or to
# podman's terminal (passthrough): real drivers the fake does not model.
_SERVED_DRIVERS = (
    "syslog", "fluentd", "gelf", "awslogs", "splunk", "gcplogs", "logentries", "journald",
    "passthrough",
)  # fmt: skip
_SECURITY_KEYS = ("label", "apparmor", "seccomp", "systempaths", "no-new-privileges")
_PODMAN_SECURITY_KEYS = ("mask", "unmask", "proc-opts")  # podman's own: not modelled
_RUNTIMES = ("runc",)
# The modes each namespace flag takes, by dialect kind: docker's, then podman's extra.
_MODES = {
    "pid": (("", "host"), ("private",)),
    "ipc": (("", "none", "private", "shareable", "host"), ()),
    "userns": (("", "host"), ("private", "nomap", "keep-id", "auto")),
    "cgroupns": (("", "host", "private"), ()),
}


def _refuse(c: Ctx, kind: str, value: str, *, available: str = "") -> FakeError:
    """The refusal of a setting at create, as the dialect words it."""
    own = c.d.podman_refusal(kind, value, available=available)
    if own is not None:
        return own
    said = c.d.refused_setting(kind, value, available=available)
    if isinstance(said, NotModelled):
        return said
    message, by_daemon = said
    if by_daemon:
        return c.d.run_error(c.typed, dialect.daemon(message), daemon=True)
    return c.d.run_error(c.typed, message)


def _mode_ok(d: dialect.Dialect, flag: str, value: str) -> bool:
    docker_modes, podman_modes = _MODES[flag]
    podman = d.takes_podman_modes
    if value in docker_modes or (podman and value.split(":", maxsplit=1)[0] in podman_modes):
        return True
    kind, colon, rest = value.partition(":")
    return bool(colon and rest) and (kind == "container" or (podman and kind == "ns"))


def _check_sysctls(c: Ctx) -> None:
    for spec in c.flag("sysctl") or []:
        key = spec.partition("=")[0]
        if key in _SYSCTLS or key.startswith(("net.", "fs.mqueue.")):
            continue
        if c.d.takes_podman_modes:  # podman's own words
            raise FakeError(f"Error: sysctl '{key}' is not allowed\n", 125)
        why = f"sysctl '{spec}' is not {c.d.sysctl_refusal_word}"
        raise flags.bad_value(c.d, c.typed, "sysctl", spec, why)


def _check_security(c: Ctx) -> None:
    for opt in c.flag("security-opt") or []:
        key, _, value = opt.replace(":", "=", 1).partition("=")
        if key in _PODMAN_SECURITY_KEYS and c.d.takes_podman_modes:
            raise _refuse(c, "security-opt-podman", opt)
        if key not in _SECURITY_KEYS or (key != "no-new-privileges" and not value):
            raise _refuse(c, "security-opt", opt)
        if key in ("seccomp", "apparmor") and value != "unconfined":
            raise _refuse(c, "security-opt-file", opt)


def cpus_available() -> tuple[int, str]:
    """The host's CPU count and the engine's words for them (``0-1``)."""
    count = posix.cpu_count() or 1
    return count, "0" if count == 1 else f"0-{count - 1}"


def _check_cpuset(c: Ctx) -> None:
    wanted = c.flag("cpuset-cpus")
    if not wanted:
        return
    count, available = cpus_available()
    for part in wanted.split(","):  # the engine parses it: text it cannot read is refused too
        first, _, last = part.partition("-")
        unreadable = not (first.isdigit() and (not last or last.isdigit()))
        if unreadable or int(last or first) >= count:
            raise _refuse(c, "cpuset", wanted, available=available)


def _check_limits(c: Ctx) -> None:
    swap, memory = c.flag("memory-swap"), c.flag("memory")
    if swap is not None and swap != "-1":
        if memory is None:
            raise _refuse(c, "swap-alone", swap)
        if units.size_bytes(c, "memory-swap", swap) < units.size_bytes(c, "memory", memory):
            raise _refuse(c, "swap", swap)
    oom = c.flag("oom-score-adj")
    if oom is not None and not -1000 <= oom <= 1000:
        raise _refuse(c, "oom", str(oom))
    _check_cpuset(c)


def _check_logging(c: Ctx) -> None:
    driver = c.flag("log-driver")
    if driver is not None and driver not in c.d.log_drivers:
        raise _refuse(c, "log-driver-served" if driver in _SERVED_DRIVERS else "log-driver", driver)
    for opt in c.flag("log-opt") or []:
        key = opt.partition("=")[0]
        podman_unknown = c.d.takes_podman_modes and key != "max-size"  # podman takes any
        if (driver or "json-file") != "json-file" or podman_unknown:
            raise _refuse(c, "log-opt-driver", opt)
        if key not in _JSON_FILE_OPTS:
            raise _refuse(c, "log-opt", key)
        if key == "max-size" and not _MAX_SIZE.fullmatch(opt.partition("=")[2]):
            raise _refuse(c, "log-opt-driver", opt)  # docker's and podman's size rules differ


def check_client(c: Ctx) -> None:
    """Refuse what docker's client refuses before it asks the engine anything."""
    _check_sysctls(c)
    _check_security(c)
    for flag in ("pid", "userns", "cgroupns"):
        value = c.flag(flag)
        if value is not None and not _mode_ok(c.d, flag, value):
            raise _refuse(c, flag, value)
    if c.flag("mac-address") is not None:
        raise _refuse(c, "mac", c.flag("mac-address"))


def check(c: Ctx, state: State) -> list[tuple[str, str]]:
    """Refuse, at create, what the engine refuses then (podman: everything); return what
    docker's engine will refuse when the container starts, for its record to keep."""
    _check_joins(c, state)
    runtime = c.flag("runtime")
    if runtime is not None and runtime not in _RUNTIMES:
        raise _refuse(c, "runtime", runtime)
    isolation = c.flag("isolation")
    if isolation not in (None, "", "default"):
        raise _refuse(c, "isolation", isolation)
    _check_limits(c)
    if c.flag("storage-opt"):
        raise _refuse(c, "storage", ",".join(c.flag("storage-opt")))
    _check_logging(c)
    at_start = _start_time_problems(c)
    for kind, value in at_start:
        said = c.d.refused_setting(kind, value)
        if kind not in c.d.settings_refused_at_start or isinstance(said, NotModelled):
            raise _refuse(c, kind, value)
        if kind == "ip" and not _on_engine_network(c):
            raise _refuse(c, "ip-user-network", value)
    return at_start  # every one of them is refused at start: the others raised above


def _check_joins(c: Ctx, state: State) -> None:
    """``--pid`` / ``--ipc container:X`` join X's namespace: X must exist (both refuse at
    create; whether it must also run the fake does not model, so it does not ask)."""
    for flag in ("pid", "ipc"):
        kind, colon, ref = str(c.flag(flag) or "").partition(":")
        if kind == "container" and colon and not refs.find_container(state["containers"], ref):
            raise _refuse(c, f"join-{flag}", ref)


def _on_engine_network(c: Ctx) -> bool:
    return str(c.flag("network") or "default") in ("default", "bridge")


def _start_time_problems(c: Ctx) -> list[tuple[str, str]]:
    """The settings docker's engine refuses only at start: (kind, the value it names)."""
    found: list[tuple[str, str]] = []
    for spec in c.flag("device") or []:
        host = spec.split(":")[0]
        try:
            posix.stat(host)
        except OSError:
            found.append(("device", host))
    if c.flag("gpus") is not None:
        found.append(("gpu", c.flag("gpus")))
    ipc = c.flag("ipc")
    if ipc is not None and not _mode_ok(c.d, "ipc", ipc):
        found.append(("ipc", ipc))
    if c.flag("ip") is not None:
        found.append(("ip", c.flag("ip")))
    return found


def start_refusal(d: dialect.Dialect, ctr: Container) -> tuple[str, int] | None:
    """The engine's message, and the exit code of ``run``, when ``ctr`` cannot start
    for a setting docker's engine checks only then."""
    for kind, value in ctr.get("refused_at_start") or []:
        said = d.refused_setting(kind, value)
        if not isinstance(said, NotModelled):
            # docker's client exits 127 when the engine's message says a file is missing
            return said[0], 127 if kind == "device" else 125
    return None


def blkio_warning(c: Ctx) -> None:
    """The engine discards a block IO weight it cannot apply, and says so."""
    if c.flag("blkio-weight"):
        c.io.err(c.d.blkio_warning)


def _devices(c: Ctx) -> list[dict[str, str]]:
    out = []
    for spec in c.flag("device") or []:
        parts = spec.split(":")
        perms = parts[-1] if len(parts) > 1 and set(parts[-1]) <= set("rwm") else ""
        paths = parts[:-1] if perms else parts
        out.append(
            {
                "PathOnHost": paths[0],
                "PathInContainer": paths[1] if len(paths) > 1 else paths[0],
                "CgroupPermissions": (perms or "rwm") if c.d.shows_device_perms else "",
            }
        )
    return out


def _size(c: Ctx, flag: str) -> int:
    value = c.flag(flag)
    return units.size_bytes(c, flag, value) if value else 0


def _swap(c: Ctx, swap: str | None) -> int:
    """The swap limit the engine keeps: as given, or twice a memory limit given alone
    (both engines), 0 when neither is."""
    if swap == "-1":
        return -1
    if swap is None:
        return 2 * _size(c, "memory")
    return _size(c, "memory-swap")


def host_fields(c: Ctx) -> dict[str, Any]:
    """What the engine keeps of the settings, under docker's HostConfig names (None:
    not given, the client shows its own default)."""
    swap = c.flag("memory-swap")
    log_opts = dict(o.partition("=")[::2] for o in c.flag("log-opt") or [])
    return {
        "Dns": c.flag("dns") or [],
        "DnsOptions": c.flag("dns-option") or [],
        "DnsSearch": c.flag("dns-search") or [],
        "GroupAdd": c.flag("group-add"),
        "IpcMode": c.flag("ipc"),
        "PidMode": c.flag("pid"),
        "UsernsMode": c.flag("userns"),
        "CgroupnsMode": c.flag("cgroupns"),
        "OomScoreAdj": c.flag("oom-score-adj") or 0,
        "SecurityOpt": c.flag("security-opt"),
        "ShmSize": _size(c, "shm-size") or None,
        "Sysctls": dict(s.partition("=")[::2] for s in c.flag("sysctl") or []) or None,
        "MemoryReservation": _size(c, "memory-reservation"),
        "MemorySwap": _swap(c, swap),
        "CpusetCpus": c.flag("cpuset-cpus") or "",
        "Devices": _devices(c),
        "PidsLimit": c.flag("pids-limit"),
        "LogConfig": {"Type": c.flag("log-driver"), "Config": log_opts},
        "Isolation": c.flag("isolation") or "",
    }
