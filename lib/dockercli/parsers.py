"""Pure text -> values: what the CLI prints, turned into models.

No I/O here. Every parser is total: for any ``str`` it returns a value or raises
:class:`~dockercli.errors.ParseError`, never another exception. Parsers accept what
docker 20.10, docker 28 and podman 4 print (``tests/data/`` holds the recordings they are
tested on): ``\\r\\n`` line ends, ANSI colours and cursor control, both builders, extra
JSON keys. Nothing depends on the order of lines, which differs between clients.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

# classify reads a failed command's stderr into an error, the one parser whose value is an
# exception; it and NoPortMappingError (choose_mapping's) live beside the other error classes
# and are importable from here too.
from dockercli._decode import normal_ip
from dockercli.errors import NoPortMappingError, ParseError, classify
from dockercli.models import (
    ContainerStats,
    ContainerSummary,
    FileChange,
    ImageSummary,
    NetworkSummary,
    PortMapping,
    Process,
    VersionInfo,
    process_of,
)

__all__ = [
    # <generated parsers-all>
    "build_image_id",
    "choose_mapping",
    "committed_image_id",
    "container_id",
    "exit_code",
    "file_changes",
    "image_entries",
    "info_server_version",
    "inspect_list",
    "json_object",
    "network_entries",
    "port_mappings",
    "ports_from_inspect",
    "ps_entries",
    "stats_entries",
    "top_processes",
    "version_info",
    # </generated>
]
# defined in dockercli.errors, importable from here as before
__all__ += ["NoPortMappingError", "classify"]

_SGR = re.compile(r"\x1b\[[0-9;:]*m")  # colours: dropped
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# BuildKit: "#6 writing image sha256:<64> done" (plain) or "=> => writing image sha256:<64>"
# (tty). Step lines also print "#N sha256:<64>" vertex digests: those are not the image.
_BUILDKIT_IMAGE = re.compile(r"(?:#\d+ |=> => )writing image sha256:([0-9a-f]{64})(?![0-9a-f])")
# The legacy builder's last word; " ---> <12>" lines before it are intermediate images.
_LEGACY_BUILT = re.compile(r"Successfully built ([0-9a-f]{64}|[0-9a-f]{12})")
# `build -q` (docker: sha256:<64>) and podman (its last line is the bare <64>).
_BARE_ID = re.compile(r"(?:sha256:)?([0-9a-f]{64})")
_STEP = re.compile(r"(?:Step|STEP) \d+/\d+ ?:")
_PODMAN_COMMIT = re.compile(r"COMMIT(?: |$)")
_PORT_LINE = re.compile(r"(?:(\d{1,5})/([a-z]+) -> )?(.*):(\d{1,5})", re.ASCII)
_CONTAINER_ID = re.compile(r"[0-9a-f]{64}")
_EXIT_CODE = re.compile(r"-?[0-9]{1,10}")
_FAMILIES = ("ipv4", "ipv6", "any")


def _lines(text: str) -> list[str]:
    """Lines without colours or cursor control, stripped; escapes that move the cursor
    (tty progress) end a line."""
    text = _CONTROL.sub("\n", _SGR.sub("", text))
    return [line.strip() for line in _NEWLINE.split(text)]


def _last_line(text: str) -> str:
    for line in reversed(_NEWLINE.split(text)):
        if line.strip():
            return line.strip()
    return ""


def _load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, too-long ints, nesting
        raise ParseError(f"{what} is not JSON ({type(exc).__name__})", text) from None


# -- build ---------------------------------------------------------------------------------


def build_image_id(stdout: str, stderr: str = "") -> str | None:
    """The ID of the image a build produced, without ``sha256:``; None when it names none.

    64 hex digits where the output has them (BuildKit, ``build -q``, podman), else the
    legacy builder's 12-digit short ID. A failed build names no image: None.
    """
    out = _lines(stdout)
    found: str | None = None
    for line in (*_lines(stderr), *out):  # BuildKit prints on stderr; a tty merges the two
        match = _BUILDKIT_IMAGE.match(line)
        if match:
            found = match.group(1)
    if found:
        return found
    for line in out:
        match = _LEGACY_BUILT.fullmatch(line)
        if match:
            found = match.group(1)
    if found:
        return found
    last = next((line for line in reversed(out) if line), "")
    match = _BARE_ID.fullmatch(last)
    if match is None:
        return None
    # A step's own output could end in a bare ID when the build fails: trust a last-line ID
    # only from `build -q` (no step lines) or after podman's COMMIT.
    stepped = any(_STEP.match(line) for line in out)
    if stepped and not any(_PODMAN_COMMIT.match(line) for line in out):
        return None
    return match.group(1)


# -- ports -----------------------------------------------------------------------------------


def port_mappings(text: str) -> list[PortMapping]:
    """Mappings from ``docker port C`` (``8080/tcp -> 0.0.0.0:32768`` lines) or from
    ``docker port C 8080`` (bare ``HOST:PORT`` lines, container port and protocol None).

    IPv6 hosts come as ``[::]:32772`` (docker 28) or ``:::32775`` (docker 20.10, podman);
    both give ``host_ip="::"``. Empty text gives ``[]``.
    """
    result = []
    for raw in _NEWLINE.split(text):
        line = raw.strip()
        if not line:
            continue
        match = _PORT_LINE.fullmatch(line)
        if match is None:
            raise ParseError("not a `docker port` line", line)
        inner, proto, host, outer = match.groups()
        if int(outer) > 65535 or (inner is not None and int(inner) > 65535):
            raise ParseError("port number out of range in `docker port` line", line)
        host_ip = normal_ip(host, "`docker port` host")
        result.append(PortMapping(int(inner) if inner else None, proto, host_ip, int(outer)))
    return result


def ports_from_inspect(ports: Mapping[str, Any] | None) -> list[PortMapping]:
    """Mappings from inspect's ``NetworkSettings.Ports``.

    ``{"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "32768"}]}`` gives one mapping;
    ``{"8080/tcp": null}`` (exposed, not published), ``{}`` and None give none. podman's
    ``HostIp: ""`` (all interfaces) becomes ``0.0.0.0``; a binding without a host port
    is skipped. podman keeps listing bindings of a container that is not running.
    """
    return PortMapping.from_inspect_ports(ports)


def _preference(mapping: PortMapping) -> tuple[Any, ...]:
    if mapping.is_any:  # reachable through every address, loopback included, and remotely
        rank = 0
    elif mapping.host_ip in ("127.0.0.1", "::1"):
        rank = 1
    elif mapping.is_loopback:
        rank = 2
    else:
        rank = 3
    port, proto = mapping.container_port, mapping.protocol
    # every field takes part, so the choice never depends on the order of the input
    return (
        *(port or 0, mapping.family == "ipv6", rank, mapping.host_port, mapping.host_ip),
        *(port is None, proto is None, proto or ""),
    )


def choose_mapping(
    mappings: Iterable[PortMapping],
    port: int | None = None,
    protocol: str | None = "tcp",
    family: str = "any",
) -> PortMapping:
    """The mapping to connect to for ``port/protocol``; :class:`NoPortMappingError` if none.

    ``family`` is ``ipv4``, ``ipv6`` or ``any``. A mapping whose container port or protocol
    is unknown (None) matches any. Among matches, by preference: the lowest container port
    (when ``port`` is None), IPv4 before IPv6, then the any-address bind (``0.0.0.0``,
    ``::``) before the exact loopback (``127.0.0.1``, ``::1``) before other loopback
    addresses before specific ones, then the lowest host port. The result never depends
    on the order of ``mappings``.
    """
    if family not in _FAMILIES:
        raise ValueError(f"family must be one of {', '.join(_FAMILIES)} (got {family!r})")
    mappings = list(mappings)
    candidates = [
        m
        for m in mappings
        if (port is None or m.container_port is None or m.container_port == port)
        and (protocol is None or m.protocol is None or m.protocol == protocol)
        and family in ("any", m.family)
    ]
    if not candidates:
        raise NoPortMappingError(port, protocol, family, mappings)
    return min(candidates, key=_preference)


# -- inspect and lists ---------------------------------------------------------------------


def inspect_list(text: str) -> list[dict[str, Any]]:
    """The objects of ``docker inspect`` output: one JSON array of objects.

    When some objects are missing docker exits 1 but still prints the found ones (maybe
    ``[]``); that output parses here too.
    """
    items = _load_json(text, "inspect output")
    if not isinstance(items, list):
        raise ParseError("inspect output is not a JSON array", text)
    if not all(isinstance(item, dict) for item in items):
        raise ParseError("inspect output holds a non-object", text)
    return items


def json_object(text: str) -> dict[str, Any]:
    """One JSON object, e.g. ``docker info --format '{{json .}}'``."""
    value = _load_json(text, "output")
    if not isinstance(value, dict):
        raise ParseError("output is not a JSON object", text)
    return value


def _json_rows(text: str, what: str) -> list[Any]:
    # docker prints one JSON object per line (nothing when empty); podman one array.
    text = text.strip()
    if text.startswith("["):
        rows = _load_json(text, what)
        if not isinstance(rows, list):  # pragma: no cover - JSON starting with [ is an array
            raise ParseError(f"{what} is not a JSON array", text)
        return rows
    return [_load_json(line, what) for line in text.split("\n") if line.strip()]


def ps_entries(text: str) -> list[ContainerSummary]:
    """Rows of ``docker ps --format '{{json .}}'``: docker's JSON lines or podman's array."""
    return [ContainerSummary.from_ps(row) for row in _json_rows(text, "ps output")]


def image_entries(text: str) -> list[ImageSummary]:
    """Rows of ``docker images --format '{{json .}}'``, one per image and name.

    podman prints an entry per image *name*, each listing every name; those become one
    row per name, as docker prints them.
    """
    rows: list[ImageSummary] = []
    seen: set[tuple[str, str | None, str | None, str | None]] = set()
    for entry in _json_rows(text, "images output"):
        for row in ImageSummary.from_images(entry):
            key = (row.id, row.repository, row.tag, row.digest)
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def network_entries(text: str) -> list[NetworkSummary]:
    """Rows of ``docker network ls --format '{{json .}}'``: docker's JSON lines or podman's
    array."""
    return [NetworkSummary.from_ls(row) for row in _json_rows(text, "network ls output")]


# -- engine ----------------------------------------------------------------------------------


def version_info(text: str) -> VersionInfo:
    """Versions from ``docker version --format '{{json .}}'`` (docker or podman).

    With the daemon down docker prints ``"Server": null``: ``server_version`` is None.
    """
    return VersionInfo.from_version(json_object(text))


def info_server_version(text: str) -> str | None:
    """The engine version from ``docker info --format '{{json .}}'`` (docker or podman)."""
    info = json_object(text)
    version = info.get("ServerVersion")
    if version is None and isinstance(info.get("version"), dict):  # podman
        version = info["version"].get("Version")
    if version is not None and not isinstance(version, str):
        raise ParseError("info server version is not a string", text)
    return version or None


def container_id(text: str) -> str:
    """The ID ``docker run -d`` / ``docker create`` prints (its last line)."""
    line = _last_line(text)
    if not _CONTAINER_ID.fullmatch(line):
        raise ParseError("expected a 64-hex container ID", text)
    return line


def committed_image_id(text: str) -> str:
    """The image ID ``docker commit`` prints (``sha256:<hex>``; podman the bare hex, after
    its progress lines on stderr), without ``sha256:``."""
    line = _last_line(text).removeprefix("sha256:")
    if not _CONTAINER_ID.fullmatch(line):
        raise ParseError("expected a 64-hex image ID", text)
    return line


def exit_code(text: str) -> int:
    """The exit status ``docker wait`` prints."""
    line = _last_line(text)
    if not _EXIT_CODE.fullmatch(line):
        raise ParseError("expected an exit status", text)
    return int(line)


# -- top, stats, diff ------------------------------------------------------------------------

_CHANGE_KINDS = {"A": "added", "C": "changed", "D": "deleted"}


def file_changes(text: str) -> list[FileChange]:
    """The lines of ``docker diff`` (``C /etc``, ``A /etc/app.conf``...), as printed."""
    changes = []
    for line in _lines(text):
        if not line:
            continue
        kind, _, path = line.partition(" ")
        if kind not in _CHANGE_KINDS or not path.startswith("/"):
            raise ParseError("expected diff lines like 'A /path'", text)
        changes.append(FileChange(kind=_CHANGE_KINDS[kind], path=path))
    return changes


def top_processes(text: str) -> list[Process]:
    """The rows of ``docker top``: a title line, then a line per process.

    Columns are cut where each title starts: the clients align their table (docker and
    podman pad every cell to its column), so a cell with spaces (a command, or ``ps -o
    args,pid``'s first column) stays whole; the last column runs to the end of the line.
    """
    lines = [line.rstrip() for line in _NEWLINE.split(_SGR.sub("", text)) if line.strip()]
    if not lines:
        raise ParseError("top printed no title line", text)
    title = lines[0]
    starts = [m.start() for m in re.finditer(r"\S+", title)]
    names = title.split()
    processes = []
    for line in lines[1:]:
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None])]
        if len(line) <= starts[-1] or not all(cells):
            # not aligned with the titles (busybox ps inside a podman container right-
            # aligns numbers): split on blanks, the last column taking the rest
            cells = line.split(None, len(names) - 1)
        if len(cells) != len(names):
            raise ParseError(f"a top row has {len(cells)} of {len(names)} columns", text)
        processes.append(process_of(dict(zip(names, cells))))
    return processes


def stats_entries(text: str) -> list[ContainerStats]:
    """``docker stats --no-stream``: docker's JSON lines (``--format '{{json .}}'``) or
    podman's array (``--format json``)."""
    return [ContainerStats.from_stats(row) for row in _json_rows(text, "stats output")]
