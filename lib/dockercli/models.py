"""Typed results built from the JSON the CLI prints, with named constructors.

Every constructor takes the decoded JSON of one object and is tolerant in one direction
only: unknown keys are ignored and missing optional keys give None or an empty value (a
newer engine must never break parsing), but a value of the wrong type (a list where an
object belongs, a number where text belongs) raises :class:`ParseError`. Docker prefixes
IDs with ``sha256:`` and container names with ``/``; podman does neither; both are
stripped here. Env values never show in ``repr()``: only their names do.
"""

from __future__ import annotations

import ipaddress
import math
import re
import reprlib
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs

from dockercli.errors import ParseError

__all__ = [
    "ContainerInfo",
    "ContainerSummary",
    "ImageInfo",
    "ImageSummary",
    "PortMapping",
    "VersionInfo",
    "parse_time",
    "strip_digest",
]

_T = TypeVar("_T")
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, 120, 60
_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?"
    r" ?(Z|[+-]\d\d:?\d\d)?(?: [A-Z]{1,5})?(?: m=[+-][0-9.]+)?",
    re.ASCII | re.IGNORECASE,
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
ANY_IPV4 = "0.0.0.0"  # noqa: S104 - an address read from the CLI; nothing binds to it
_NEVER = ("0001-", "0000-")  # the years that mean "never" (Go's zero time is 0001-01-01)
_GO_ZERO_EPOCH = -62135596800  # 0001-01-01T00:00:00Z, Go's zero time, as Unix seconds
_EXITED = re.compile(r"Exited \((-?\d{1,10})\)")
_HUMAN_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?) ?([kKMGTP]?i?B)")
_UNITS = {"B": 1, "kB": 1000, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4}
_UNITS.update({"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4, "PB": 1000**5})


# -- typed access to decoded JSON ------------------------------------------------------------


def _bad(where: str, expected: str, value: object) -> ParseError:
    return ParseError(f"{where} must be {expected}, not {type(value).__name__}", _SHORT.repr(value))


def _obj(value: object, where: str) -> Mapping[str, Any]:
    """An object (None is an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _bad(where, "an object", value)
    return value


def _typed(d: Mapping[str, Any], key: str, kind: type[_T], where: str) -> _T | None:
    value = d.get(key)
    if value is None:
        return None
    # bool is an int in Python, never in JSON: keep the two apart.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(f"{where}.{key}", "a " + kind.__name__, value)
    return value


def _str(d: Mapping[str, Any], key: str, where: str) -> str | None:
    return _typed(d, key, str, where)


def _int(d: Mapping[str, Any], key: str, where: str) -> int | None:
    return _typed(d, key, int, where)


def _required_id(d: Mapping[str, Any], where: str, *keys: str) -> str:
    for key in keys:
        value = _str(d, key, where)
        if value:
            return strip_digest(value)
    raise ParseError(f"{where} has no {' or '.join(repr(k) for k in keys)}", _SHORT.repr(d))


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _bad(where, "a list of strings", value)
    return tuple(value)


def _str_map(value: object, where: str) -> dict[str, str]:
    mapping = _obj(value, where)
    if not all(isinstance(v, str) for v in mapping.values()):
        raise _bad(where, "an object of strings", value)
    return dict(mapping)


def _command(value: object, where: str) -> tuple[str, ...]:
    # podman 4 prints Config.Entrypoint as one string, the argv joined by spaces; splitting
    # on single spaces restores it unless an argument itself held a space.
    if isinstance(value, str):
        return tuple(value.split(" ")) if value else ()
    return _str_list(value, where)


def _env(value: object, where: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, val) for name, _, val in (item.partition("=") for item in _str_list(value, where))
    )


def strip_digest(value: str) -> str:
    """An ID without its ``sha256:`` prefix."""
    return value[7:] if value.startswith("sha256:") else value


def parse_time(value: object, where: str = "time") -> datetime | None:
    """An aware datetime from RFC 3339 / Go ``time.String()`` text or Unix seconds.

    Go's zero time (``0001-01-01T00:00:00Z``, docker's "never") and text in a format not
    known here give None; a value that is neither text nor a number raises ParseError.
    Fractions finer than microseconds (Go prints nanoseconds) are truncated.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return _time_from_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(where, "a time", value)
    if math.isnan(value) or value <= _GO_ZERO_EPOCH:
        return None
    try:
        return _EPOCH + timedelta(seconds=value)
    except OverflowError:
        return None


def _time_from_text(value: str) -> datetime | None:
    if value.startswith(_NEVER):  # Go's zero time, docker's "never" (year <= 1 below)
        return None
    match = _TIME.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    if int(year) <= 1:
        return None
    try:
        zone = timezone.utc
        if offset and offset.upper() != "Z":
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, zone
        )
    except ValueError:  # month 13, hour 25, offset of a day or more: not a time
        return None


def _human_size(text: str) -> int | None:
    match = _HUMAN_SIZE.fullmatch(text.strip())
    if match is None or match.group(2) not in _UNITS:
        return None
    return round(float(match.group(1)) * _UNITS[match.group(2)])


def _labels_text(text: str) -> dict[str, str]:
    # docker joins labels as k=v,k=v: a comma starts a new label only when a key and '='
    # follow it, so 'list=x,y' stays one label (a value holding ',k=' cannot be told apart).
    labels: dict[str, str] = {}
    for item in re.split(r",(?=[^,=]+=)", text) if text else ():
        key, _, value = item.partition("=")
        labels[key] = value
    return labels


# -- ports ---------------------------------------------------------------------------------


@attrs.frozen
class PortMapping:
    """One published port: where on the host a container port is reachable.

    Attributes:
        container_port: The port inside the container; None when the output did not say
            (``docker port C 8080`` prints bare ``HOST:PORT`` lines).
        protocol: ``tcp``, ``udp`` or ``sctp``; None when the output did not say.
        host_ip: The host address it is bound to, IPv6 without brackets. An empty
            address (podman's way to say "all interfaces") is normalised to ``0.0.0.0``.
        host_port: The host port.
    """

    container_port: int | None
    protocol: str | None
    host_ip: str
    host_port: int

    @property
    def family(self) -> str:
        """``ipv6`` when the host address is an IPv6 one, else ``ipv4``."""
        return "ipv6" if ":" in self.host_ip else "ipv4"

    @property
    def is_any(self) -> bool:
        """True when bound to every address of its family (``0.0.0.0`` or ``::``)."""
        return self.host_ip in (ANY_IPV4, "::")

    @property
    def is_loopback(self) -> bool:
        """True when bound to a loopback address (127.0.0.0/8 or ``::1``)."""
        try:
            return ipaddress.ip_address(self.host_ip.partition("%")[0]).is_loopback
        except ValueError:
            return False

    @property
    def connect_ip(self) -> str:
        """The address to connect to on the engine's host: loopback for an any-address bind."""
        if self.is_any:
            return "::1" if self.family == "ipv6" else "127.0.0.1"
        return self.host_ip

    def __str__(self) -> str:
        host = f"[{self.host_ip}]" if self.family == "ipv6" else self.host_ip
        if self.container_port is None:
            return f"{host}:{self.host_port}"
        return f"{self.container_port}/{self.protocol or 'tcp'} -> {host}:{self.host_port}"


def port_key(key: object, where: str = "port") -> tuple[int, str]:
    """``(8080, "tcp")`` from ``"8080/tcp"`` (no protocol means tcp)."""
    if not isinstance(key, str):
        raise _bad(where, "a 'PORT/PROTO' text", key)
    port, _, proto = key.partition("/")
    if not (port.isascii() and port.isdigit() and len(port) <= 5 and int(port) <= 65535):
        raise ParseError(f"{where} must be 'PORT/PROTO' with a port 0-65535", key)
    return int(port), proto or "tcp"


def host_port_number(value: object, where: str) -> int | None:
    """A host port from JSON (a string of digits, or a number); None when unassigned."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif value is None or value == "":
        return None
    else:
        raise _bad(where, "a port number", value)
    if not 0 <= number <= 65535:
        raise ParseError(f"{where} must be a port 0-65535", str(number))
    return number or None


def normal_ip(value: str, where: str) -> str:
    """An IP address without brackets; ``""`` (all interfaces) becomes ``0.0.0.0``."""
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    if not value:
        return ANY_IPV4
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise ParseError(f"{where} is not an IP address", value) from None
    return value


def inspect_ports(ports: object) -> list[PortMapping]:
    """Mappings from inspect's ``NetworkSettings.Ports``; see ``parsers.ports_from_inspect``."""
    result = []
    for key, bindings in _obj(ports, "NetworkSettings.Ports").items():
        where = f"NetworkSettings.Ports[{key!r}]"
        port, proto = port_key(key, where)
        if bindings is None:  # exposed but not published
            continue
        if not isinstance(bindings, list):
            raise _bad(where, "a list", bindings)
        for item in bindings:
            binding = _obj(item, where)
            host_port = host_port_number(binding.get("HostPort"), where + ".HostPort")
            if host_port is not None:
                host_ip = normal_ip(_str(binding, "HostIp", where) or "", where + ".HostIp")
                result.append(PortMapping(port, proto, host_ip, host_port))
    return result


def _podman_ports_text(value: object) -> str:
    # podman's ps prints [{"host_ip", "container_port", "host_port", "range", "protocol"}];
    # render it the way docker's ps does: "127.0.0.1:36137->8080/tcp, ...".
    if value is None or isinstance(value, str):
        return value or ""
    if not isinstance(value, list):
        raise _bad("ps Ports", "a list", value)
    parts = []
    for entry in value:
        item = _obj(entry, "ps Ports[]")
        host_ip = _str(item, "host_ip", "ps Ports[]") or ANY_IPV4
        inner = _int(item, "container_port", "ps Ports[]") or 0
        outer = _int(item, "host_port", "ps Ports[]") or 0
        count = _int(item, "range", "ps Ports[]") or 1
        proto = _str(item, "protocol", "ps Ports[]") or "tcp"
        host = f"[{host_ip}]" if ":" in host_ip else host_ip
        if count > 1:
            parts.append(f"{host}:{outer}-{outer + count - 1}->{inner}-{inner + count - 1}/{proto}")
        else:
            parts.append(f"{host}:{outer}->{inner}/{proto}")
    return ", ".join(parts)


# -- inspect -------------------------------------------------------------------------------


def _env_names(env: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(name for name, _ in env)


@attrs.frozen(kw_only=True)
class ContainerInfo:
    """What ``docker container inspect`` says about one container.

    Attributes:
        id: The full ID (no ``sha256:``).
        name: The name without docker's leading ``/``.
        image_id: The ID of the image it runs (no ``sha256:``).
        image: The image reference it was created from (``Config.Image``).
        created, started_at, finished_at: Aware datetimes; None for docker's "never".
        status: ``created``, ``running``, ``exited``, ... (``State.Status``).
        running: ``State.Running``.
        exit_code: ``State.ExitCode`` (0 also for a container that never ran).
        health: ``starting``, ``healthy`` or ``unhealthy``; None without a healthcheck.
        labels: ``Config.Labels``.
        env_names: The names of the env variables; the values are in :meth:`env`.
        cmd, entrypoint: As argv tuples (empty when unset).
        ip_address: The address on its network; None when it has none (not running).
        ports: Published ports (podman also lists them for a container not running).
        raw: The whole inspect object.
    """

    id: str
    name: str
    image_id: str | None
    image: str | None
    created: datetime | None
    status: str
    running: bool
    exit_code: int | None
    started_at: datetime | None
    finished_at: datetime | None
    health: str | None
    labels: dict[str, str]
    env_names: tuple[str, ...]
    cmd: tuple[str, ...]
    entrypoint: tuple[str, ...]
    ip_address: str | None
    ports: tuple[PortMapping, ...]
    _env: tuple[tuple[str, str], ...] = attrs.field(repr=False)
    raw: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @classmethod
    def from_inspect(cls, d: object) -> ContainerInfo:
        """Build from one object of ``docker container inspect`` output."""
        d = _obj(d, "container")
        state = _obj(d.get("State"), "State")
        config = _obj(d.get("Config"), "Config")
        net = _obj(d.get("NetworkSettings"), "NetworkSettings")
        health = state.get("Health")
        if health is None:  # older podman calls it Healthcheck
            health = state.get("Healthcheck")
        health = _obj(health, "State.Health")
        env = _env(config.get("Env"), "Config.Env")
        running = state.get("Running", False)
        if not isinstance(running, bool):
            raise _bad("State.Running", "a bool", running)
        image_id = _str(d, "Image", "container")
        return cls(
            id=_required_id(d, "container", "Id", "ID"),
            name=(_str(d, "Name", "container") or "").removeprefix("/"),
            image_id=strip_digest(image_id) if image_id else None,
            image=_str(config, "Image", "Config") or _str(d, "ImageName", "container") or None,
            created=parse_time(d.get("Created"), "Created"),
            status=_str(state, "Status", "State") or "",
            running=running,
            exit_code=_int(state, "ExitCode", "State"),
            started_at=parse_time(state.get("StartedAt"), "State.StartedAt"),
            finished_at=parse_time(state.get("FinishedAt"), "State.FinishedAt"),
            health=_str(health, "Status", "State.Health") or None,
            labels=_str_map(config.get("Labels"), "Config.Labels"),
            env_names=_env_names(env),
            cmd=_command(config.get("Cmd"), "Config.Cmd"),
            entrypoint=_command(config.get("Entrypoint"), "Config.Entrypoint"),
            ip_address=_ip_address(net),
            ports=tuple(inspect_ports(net.get("Ports"))),
            env=env,
            raw=d,
        )

    def env(self) -> dict[str, str]:
        """The container's environment, values included (they may be secrets)."""
        return dict(self._env)


def _ip_address(net: Mapping[str, Any]) -> str | None:
    address = _str(net, "IPAddress", "NetworkSettings")
    if address:
        return address
    for name, network in _obj(net.get("Networks"), "NetworkSettings.Networks").items():
        address = _str(_obj(network, f"Networks[{name!r}]"), "IPAddress", f"Networks[{name!r}]")
        if address:
            return address
    return None


@attrs.frozen(kw_only=True)
class ImageInfo:
    """What ``docker image inspect`` says about one image.

    Attributes:
        id: The full ID (no ``sha256:``); :attr:`short_id` is its first 12 digits.
        tags: ``RepoTags`` (podman prefixes local images with ``localhost/``).
        digests: ``RepoDigests``.
        created: An aware datetime, or None.
        labels: ``Config.Labels``.
        env_names: The names of the env variables; the values are in :meth:`env`.
        cmd, entrypoint: As argv tuples (empty when unset).
        exposed_ports: ``Config.ExposedPorts`` keys such as ``8080/tcp``, sorted.
        size: In bytes, or None.
        architecture, os: The platform, or None.
        raw: The whole inspect object.
    """

    id: str
    tags: tuple[str, ...]
    digests: tuple[str, ...]
    created: datetime | None
    labels: dict[str, str]
    env_names: tuple[str, ...]
    cmd: tuple[str, ...]
    entrypoint: tuple[str, ...]
    exposed_ports: tuple[str, ...]
    size: int | None
    architecture: str | None
    os: str | None
    _env: tuple[tuple[str, str], ...] = attrs.field(repr=False)
    raw: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @classmethod
    def from_inspect(cls, d: object) -> ImageInfo:
        """Build from one object of ``docker image inspect`` output."""
        d = _obj(d, "image")
        config = _obj(d.get("Config"), "Config")
        env = _env(config.get("Env"), "Config.Env")
        labels = config.get("Labels")
        if labels is None:  # podman also has them at the top level
            labels = d.get("Labels")
        exposed = _obj(config.get("ExposedPorts"), "Config.ExposedPorts")
        return cls(
            id=_required_id(d, "image", "Id", "ID"),
            tags=_str_list(d.get("RepoTags"), "RepoTags"),
            digests=_str_list(d.get("RepoDigests"), "RepoDigests"),
            created=parse_time(d.get("Created"), "Created"),
            labels=_str_map(labels, "Config.Labels"),
            env_names=_env_names(env),
            cmd=_command(config.get("Cmd"), "Config.Cmd"),
            entrypoint=_command(config.get("Entrypoint"), "Config.Entrypoint"),
            exposed_ports=tuple(sorted(exposed, key=lambda k: (port_key(k, "ExposedPorts"), k))),
            size=_int(d, "Size", "image"),
            architecture=_str(d, "Architecture", "image") or None,
            os=_str(d, "Os", "image") or None,
            env=env,
            raw=d,
        )

    @property
    def short_id(self) -> str:
        """The first 12 hex digits of the ID, as ``docker images`` shows it."""
        return self.id[:12]

    def env(self) -> dict[str, str]:
        """The image's environment, values included."""
        return dict(self._env)


# -- lists -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ContainerSummary:
    """One row of ``docker ps --format '{{json .}}'`` (docker's JSON lines or podman's array).

    Attributes:
        id: The ID as listed (12 digits unless ``--no-trunc``; podman always lists 64).
        names: Every name (docker lists link aliases too); :attr:`name` is the first.
        image: The image as listed (a reference, or an ID).
        command: The command as one line (docker quotes and may truncate it).
        state: ``created``, ``running``, ``exited``, ...
        status: The human text, e.g. ``Exited (3) 2 minutes ago``.
        exit_code: For an exited container, its exit code; else None.
        labels: The container's labels.
        created: An aware datetime (to the second), or None.
        ports: Published ports as docker prints them: ``127.0.0.1:32768->8080/tcp, ...``.
    """

    id: str
    names: tuple[str, ...]
    image: str
    command: str
    state: str
    status: str
    exit_code: int | None
    labels: dict[str, str]
    created: datetime | None
    ports: str

    @property
    def name(self) -> str:
        """The first name, or ``""`` when it has none."""
        return self.names[0] if self.names else ""

    @property
    def running(self) -> bool:
        """True when the state is ``running``."""
        return self.state == "running"

    @classmethod
    def from_ps(cls, d: object) -> ContainerSummary:
        """Build from one entry of docker's or podman's ``ps`` JSON."""
        d = _obj(d, "ps entry")
        where = "ps entry"
        names = d.get("Names")
        status = _str(d, "Status", where) or ""
        state = (_str(d, "State", where) or "").lower()
        if isinstance(names, str):  # docker: "a,b"
            name_list = tuple(n for n in names.split(",") if n)
        else:
            name_list = tuple(n.removeprefix("/") for n in _str_list(names, "ps Names"))
        command = d.get("Command")
        if isinstance(command, list):  # podman: argv
            command = " ".join(_str_list(command, "ps Command"))
        elif command is not None and not isinstance(command, str):
            raise _bad("ps Command", "a string", command)
        labels = d.get("Labels")
        created = d.get("Created") if "Created" in d else d.get("CreatedAt")
        return cls(
            id=_required_id(d, where, "ID", "Id"),
            names=name_list,
            image=_str(d, "Image", where) or "",
            command=(command or "").strip('"'),
            state=state,
            status=status,
            exit_code=_exit_code(d, state, status),
            labels=_labels_text(labels) if isinstance(labels, str) else _str_map(labels, "Labels"),
            created=parse_time(created, "ps Created"),
            ports=_podman_ports_text(d.get("Ports")),
        )


def _exit_code(d: Mapping[str, Any], state: str, status: str) -> int | None:
    code = _int(d, "ExitCode", "ps entry")
    if code is not None:
        return code if state == "exited" or d.get("Exited") is True else None
    match = _EXITED.match(status)
    return int(match.group(1)) if match else None


@attrs.frozen(kw_only=True)
class ImageSummary:
    """One row of ``docker images --format '{{json .}}'``: one image under one name.

    Docker prints a row per tag; podman prints an entry per image with every name, which
    :func:`parsers.image_entries` expands into a row per name, so both give the same rows.

    Attributes:
        id: The ID as listed (12 digits unless ``--no-trunc``; podman lists 64), no ``sha256:``.
        repository: e.g. ``busybox`` or ``localhost/app``; None for an untagged image.
        tag: e.g. ``latest``; None for an untagged image.
        digest: The repository digest, or None.
        labels: The image's labels (podman lists them; docker's list does not: ``{}``).
        created: An aware datetime (to the second), or None.
        size: In bytes; docker lists a rounded human size (``1.99MB``), so it is approximate.
    """

    id: str
    repository: str | None
    tag: str | None
    digest: str | None
    labels: dict[str, str]
    created: datetime | None
    size: int | None

    @property
    def reference(self) -> str | None:
        """``repository:tag``, or None for an untagged image."""
        if self.repository is None:
            return None
        return f"{self.repository}:{self.tag}" if self.tag else self.repository

    @classmethod
    def from_images(cls, d: object) -> list[ImageSummary]:
        """Rows from one entry of docker's (one row) or podman's (a row per name) JSON."""
        d = _obj(d, "images entry")
        where = "images entry"
        image_id = _required_id(d, where, "ID", "Id")
        digest = _str(d, "Digest", where)
        size = d.get("Size")
        if isinstance(size, str):
            size = _human_size(size)
        elif size is not None and (not isinstance(size, int) or isinstance(size, bool)):
            raise _bad("images Size", "a number", size)
        created = d.get("Created") if "Created" in d else d.get("CreatedAt")
        untagged = cls(
            id=image_id,
            repository=None,
            tag=None,
            digest=_none(digest),
            labels=_str_map(d.get("Labels"), "images Labels"),
            created=parse_time(created, "images Created"),
            size=size,
        )
        if "Repository" in d or "Tag" in d:  # docker: one row
            repository = _none(_str(d, "Repository", where))
            return [attrs.evolve(untagged, repository=repository, tag=_none(_str(d, "Tag", where)))]
        names = _str_list(d.get("Names"), "images Names")
        names = names or _str_list(d.get("RepoTags"), "images RepoTags")
        rows = [attrs.evolve(untagged, repository=r, tag=t) for r, t in map(_split_ref, names)]
        return rows or [untagged]


def _none(value: str | None) -> str | None:
    return None if value in (None, "", "<none>") else value


def _split_ref(ref: str) -> tuple[str | None, str | None]:
    name = ref.partition("@")[0]
    repository, colon, tag = name.rpartition(":")
    if not colon or "/" in tag:  # no tag, or the colon was a registry's port
        return _none(name), None
    return _none(repository), _none(tag)


# -- version -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class VersionInfo:
    """Versions from ``docker version --format '{{json .}}'``.

    Attributes:
        client_version: The CLI's version.
        server_version: The engine's version; None when it is unreachable (or, for a local
            podman, when there is no separate server).
        api_version: The engine's API version; None without a server.
        is_podman: True when the CLI is podman.
        is_fake: True when the CLI is dockercli's fake docker (``fakes/docker``), not a client
            of an engine: its ``Platform.Name`` is :data:`FAKE_PLATFORM`, which no real client
            prints.
    """

    client_version: str
    server_version: str | None
    api_version: str | None
    is_podman: bool
    is_fake: bool = False

    @classmethod
    def from_version(cls, d: object) -> VersionInfo:
        """Build from the decoded JSON of ``docker version``."""
        d = _obj(d, "version")
        client = _obj(d.get("Client"), "Client")
        server = _obj(d.get("Server"), "Server")
        version = _str(client, "Version", "Client")
        if not version:
            raise ParseError("version output has no Client.Version", _SHORT.repr(d))
        server_version = _str(server, "Version", "Server") or _engine_component(server)
        api = _str(server, "ApiVersion", "Server") or _str(server, "APIVersion", "Server")
        return cls(
            client_version=version,
            server_version=server_version or None,
            api_version=api or None,
            # podman spells it APIVersion and reports OsArch; docker says ApiVersion, Os, Arch
            is_podman="APIVersion" in client or "OsArch" in client,
            is_fake=FAKE_PLATFORM in (_platform(client, "Client"), _platform(server, "Server")),
        )


# What the fake prints as Client/Server.Platform.Name (dockercli/fake/cmd_system.py).
FAKE_PLATFORM = "dockercli fake docker"


def _platform(block: Mapping[str, Any], where: str) -> str | None:
    return _str(_obj(block.get("Platform"), f"{where}.Platform"), "Name", f"{where}.Platform")


def _engine_component(server: Mapping[str, Any]) -> str | None:
    components = server.get("Components")
    if components is None:
        return None
    if not isinstance(components, list):
        raise _bad("Server.Components", "a list", components)
    for item in components:
        component = _obj(item, "Server.Components[]")
        if _str(component, "Name", "Server.Components[]") == "Engine":
            return _str(component, "Version", "Server.Components[]")
    return None
