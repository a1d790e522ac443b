"""Checks for the ``docker run`` fields past the first day's: devices, namespaces, limits.

Each check refuses, before any process starts, what every client refuses (docker 20.10,
docker 28 and podman 4.3, each tried by hand; the recordings under ``tests/data`` hold
the answers), and what one client would take but misread: an ``oom_score_adj`` of 5000
reaches podman as a runc crash with no word of the value.
"""

from __future__ import annotations

from typing import Any

from dockercli import _validate as v
from dockercli._lazy_re import LazyPattern

_DEVICE_PERMS = LazyPattern(r"(?!.*(.).*\1)[rwm]{1,3}")  # each letter once
_CDI = LazyPattern(r"[a-z0-9][a-z0-9.-]*\.[a-z]+/[a-zA-Z0-9][a-zA-Z0-9_.-]*=[a-zA-Z0-9_.:-]+")
_CPUSET = LazyPattern(r"[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*")
_MAC = LazyPattern(r"[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}|[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}")
_EXPOSE = LazyPattern(r"([0-9]+)(-([0-9]+))?(/(tcp|udp|sctp))?")
_SYSCTL_KEY = LazyPattern(r"[a-z0-9_]+(\.[a-z0-9_-]+)+")
# docker's allow-list (podman's is the same): the IPC sysctls, and the namespaced
# trees. Anything else docker's client refuses ("sysctl '...' is not allowed").
_SYSCTLS = frozenset(
    (
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.sem",
        "kernel.shmall",
        "kernel.shmmax",
        "kernel.shmmni",
        "kernel.shm_rmid_forced",
    )
)
_SYSCTL_TREES = ("net.", "fs.mqueue.")
_SIZE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
# Namespace modes: docker's words, then podman's own (ns:PATH, private, keep-id...).
_JOIN = r"|container:[a-zA-Z0-9][a-zA-Z0-9_.-]*|ns:/\S+"
_PID = LazyPattern(r"host|private" + _JOIN)
_IPC = LazyPattern(r"none|private|shareable|host" + _JOIN)
_USERNS = LazyPattern(r"host|private|nomap|keep-id(:\S+)?|auto(:\S+)?" + _JOIN)
_SECURITY_KEYS = (
    "label",
    "apparmor",
    "seccomp",
    "no-new-privileges",
    "systempaths",
    "proc-opts",
    "mask",
    "unmask",
    "writable-cgroups",
)


def device(field: str, value: str) -> str:
    """``HOST[:CONTAINER][:PERMS]`` (absolute paths, each of ``rwm`` at most once), or a
    CDI device name such as ``nvidia.com/gpu=all`` (docker 25+, podman)."""
    v.plain(field, value)
    if _CDI.fullmatch(value):
        return value
    parts = value.split(":")
    if len(parts) > 3:
        raise v.fail(field, "must be 'HOST[:CONTAINER][:rwm]'", value)
    if len(parts) > 1 and parts[-1].isalpha() and not _DEVICE_PERMS.fullmatch(parts[-1]):
        raise v.fail(field, "must give permissions from r, w and m, each at most once", value)
    perms = parts[-1] if len(parts) > 1 and _DEVICE_PERMS.fullmatch(parts[-1]) else ""
    paths = parts[:-1] if perms else parts
    if len(paths) > 2 or (len(parts) == 3 and not perms):
        raise v.fail(field, "must be 'HOST[:CONTAINER][:rwm]' (permissions from r, w, m)", value)
    for path in paths:
        v.absolute_path(field, path)
    return value


def ipv4(_inst: object, attribute: Any, value: str | None) -> None:
    """An IPv4 address (docker's ``--ip``; IPv6 goes to ``--ip6``)."""
    if value is not None and ":" in v.ip_address(attribute.name, value):  # a str by now
        raise v.fail(attribute.name, "must be an IPv4 address", value)


def gpus(_inst: object, attribute: Any, value: int | str | None) -> None:
    """``all``, a count, or docker's ``device=...,capabilities=...`` text."""
    if value is None:
        return
    if isinstance(value, bool) or (isinstance(value, int) and value < 1):
        raise v.fail(attribute.name, "must be 'all', a count >= 1 or docker's text", value)
    if not isinstance(value, int):
        v.plain(attribute.name, value)
        if "device=" in value and "," in value.partition("device=")[2] and '"' not in value:
            raise v.fail(
                attribute.name,
                "lists devices docker splits at the commas: quote the list, "
                "'\"device=0,1\"' (docker's own form)",
                value,
            )


def dns_search(field: str, value: str) -> str:
    """A search domain, or ``.`` (docker: no search domains at all)."""
    if value == ".":
        return value
    v.hostname(field, value[:-1] if value.endswith(".") and len(value) > 1 else value)
    return value


def dns_option(field: str, value: str) -> str:
    """One resolv.conf option such as ``ndots:2``: one word."""
    v.plain(field, value)
    if any(ch.isspace() for ch in value):
        raise v.fail(field, "must be one resolv.conf option without spaces", value)
    return value


def sysctls(_inst: object, attribute: Any, value: dict[str, str]) -> None:
    """Names docker lets a container set (the namespaced ones), each in docker's form."""
    for key, setting in value.items():
        if setting in ("", "None", "True", "False"):
            raise v.fail(attribute.name, "values must be the sysctl's text, like '1'", setting)
        if not _SYSCTL_KEY.fullmatch(key):
            raise v.fail(attribute.name, "keys must be sysctl names like net.core.somaxconn", key)
        if key not in _SYSCTLS and not key.startswith(_SYSCTL_TREES):
            raise v.fail(
                attribute.name,
                "may only set net.*, fs.mqueue.* and the kernel IPC sysctls (docker refuses "
                "the rest, which the container would share with the host)",
                key,
            )


def security_opt(field: str, value: str) -> str:
    """``KEY=VALUE`` (or docker's ``KEY:VALUE``) for a key docker or podman knows."""
    v.plain(field, value)
    key, _, setting = value.replace(":", "=", 1).partition("=")
    if key not in _SECURITY_KEYS:
        raise v.fail(field, f"must start with one of {', '.join(_SECURITY_KEYS)}", value)
    if not setting and key != "no-new-privileges":
        raise v.fail(field, f"must give {key} a value ('{key}=VALUE')", value)
    return value


pid_mode = v.matching(_PID, "host or container:NAME (podman: also private, ns:PATH)")
ipc_mode = v.matching(_IPC, "none, private, shareable, host or container:NAME")
userns_mode = v.matching(_USERNS, "host (podman: also keep-id, auto, nomap, ns:PATH)")
mac_address = v.matching(_MAC, "a MAC address like 02:42:ac:11:00:02")


def expose(field: str, value: str) -> str:
    """``PORT[/PROTO]`` or a range ``START-END[/PROTO]``."""
    match = _EXPOSE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise v.fail(field, "must be 'PORT[/PROTO]' or 'START-END[/PROTO]'", value)
    start, end = int(match[1]), int(match[3] or match[1])
    v.port(field, start)
    v.port(field, end)
    if end < start:
        raise v.fail(field, "must be a range whose end is not below its start", value)
    return value


def expose_items(value: Any) -> tuple[Any, ...]:
    """Ports as docker's text: ints made text, the protocol lower-cased (docker does)."""
    return tuple(map(_lower_proto, text_items(value)))


def _lower_proto(item: Any) -> Any:
    if isinstance(item, str) and "/" in item:
        port, _, proto = item.partition("/")
        return f"{port}/{proto.lower()}"
    return item


def text_items(value: Any) -> tuple[Any, ...]:
    """A converter for lists whose items may be ints (group IDs, ports): made text."""
    items = (value,) if isinstance(value, (int, str)) else tuple(value or ())
    return tuple(str(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in items)


def cpuset(_inst: object, attribute: Any, value: str | None) -> None:
    if value is None:
        return
    if not (isinstance(value, str) and _CPUSET.fullmatch(value)):
        raise v.fail(attribute.name, "must be CPU numbers and ranges like '0-2,4'", value)
    for part in value.split(","):
        first, _, last = part.partition("-")
        if last and int(last) < int(first):
            raise v.fail(attribute.name, "must have ranges that do not run backwards", value)


def int_range(low: int, high: int, words: str = "") -> Any:
    """An attrs validator: None or an int from ``low`` to ``high``."""

    def check(_inst: object, attribute: Any, value: int | None) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise v.fail(attribute.name, words or f"must be an int from {low} to {high}", value)

    return check


_BLKIO_RANGE = int_range(10, 1000, "must be 10 to 1000 (or 0: the engine's default)")


def blkio_weight(inst: object, attribute: Any, value: int | None) -> None:
    if value != 0:
        _BLKIO_RANGE(inst, attribute, value)


def size_bytes(text: str) -> int:
    """The bytes in a size that ``_validate.size`` accepted (docker's binary units)."""
    unit = text[-1].lower() if text[-1:].isalpha() else ""
    return int(float(text[: len(text) - len(unit)]) * _SIZE_UNITS[unit])


def memory_swap(value: Any) -> str | None:
    """A converter: -1 (unlimited swap) or a size, kept as docker's text."""
    if value is None:
        return None
    if value in (-1, "-1"):
        return "-1"
    return v.size("memory_swap", value)


def swap_above_memory(inst: Any, attribute: Any, value: str | None) -> None:
    """docker and podman refuse a swap limit (memory + swap) below the memory limit."""
    if value is None or value == "-1":
        return
    if inst.memory is None:
        raise v.fail(attribute.name, "needs 'memory' as well (the limit is memory + swap)", value)
    if size_bytes(value) < size_bytes(inst.memory):
        raise v.fail(
            attribute.name,
            f"must be at least 'memory' ({inst.memory}): it limits memory and swap together",
            value,
        )


def reservation_below_memory(inst: Any, attribute: Any, value: str | None) -> None:
    """The engine refuses a soft limit above the hard one."""
    if (
        value is not None
        and inst.memory is not None
        and size_bytes(value) > size_bytes(inst.memory)
    ):
        raise v.fail(attribute.name, f"must not be above 'memory' ({inst.memory})", value)


def swap_not_below_memory(inst: Any, attribute: Any, value: str | None) -> None:
    """An update's swap limit, when it comes with a memory limit, is not below it (the
    container's own memory limit stands when the update sets none)."""
    if value is not None and value != "-1" and inst.memory is not None:
        swap_above_memory(inst, attribute, value)
