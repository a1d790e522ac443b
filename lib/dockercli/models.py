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
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from dockercli._decode import (
    ANY_IPV4,
    bad,
    bool_at,
    command,
    env_pairs,
    host_port_number,
    human_size,
    int_at,
    labels_text,
    normal_ip,
    obj,
    parse_time,
    port_key,
    ps_ports_text,
    required_id,
    short,
    str_at,
    str_list,
    str_map,
    strip_digest,
)
from dockercli.errors import ParseError

__all__ = [
    # <generated models-all>
    "ContainerInfo",
    "ContainerStats",
    "ContainerSummary",
    "FileChange",
    "ImageInfo",
    "ImageSummary",
    "MountPoint",
    "NetworkEndpoint",
    "NetworkInfo",
    "NetworkMember",
    "NetworkSummary",
    "PortMapping",
    "Process",
    "Subnet",
    "VersionInfo",
    "VolumeInfo",
    # </generated>
    "parse_time",  # defined in dockercli._decode, importable from here as before
    "strip_digest",
]

_EXITED = re.compile(r"Exited \((-?\d{1,10})\)")


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

    @classmethod
    def from_inspect_ports(cls, ports: object) -> list[PortMapping]:
        """Mappings from inspect's ``NetworkSettings.Ports``; see ``parsers.ports_from_inspect``."""
        result = []
        for key, bindings in obj(ports, "NetworkSettings.Ports").items():
            where = f"NetworkSettings.Ports[{key!r}]"
            port, proto = port_key(key, where)
            if bindings is None:  # exposed but not published
                continue
            if not isinstance(bindings, list):
                raise bad(where, "a list", bindings)
            for item in bindings:
                binding = obj(item, where)
                host_port = host_port_number(binding.get("HostPort"), where + ".HostPort")
                if host_port is not None:
                    host_ip = normal_ip(str_at(binding, "HostIp", where) or "", where + ".HostIp")
                    result.append(cls(port, proto, host_ip, host_port))
        return result


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
        networks: Network name -> its :class:`NetworkEndpoint` there (aliases, addresses).
        mounts: Its volumes and binds (:class:`MountPoint`), in inspect's order.
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
    networks: dict[str, NetworkEndpoint] = attrs.field(factory=dict, repr=False)
    mounts: tuple[MountPoint, ...] = attrs.field(default=(), repr=False)
    _env: tuple[tuple[str, str], ...] = attrs.field(repr=False)
    raw: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @classmethod
    def from_inspect(cls, d: object) -> ContainerInfo:
        """Build from one object of ``docker container inspect`` output."""
        d = obj(d, "container")
        state = obj(d.get("State"), "State")
        config = obj(d.get("Config"), "Config")
        net = obj(d.get("NetworkSettings"), "NetworkSettings")
        health = state.get("Health")
        if health is None:  # older podman calls it Healthcheck
            health = state.get("Healthcheck")
        health = obj(health, "State.Health")
        env = env_pairs(config.get("Env"), "Config.Env")
        running = state.get("Running", False)
        if not isinstance(running, bool):
            raise bad("State.Running", "a bool", running)
        image_id = str_at(d, "Image", "container")
        return cls(
            id=required_id(d, "container", "Id", "ID"),
            name=(str_at(d, "Name", "container") or "").removeprefix("/"),
            image_id=strip_digest(image_id) if image_id else None,
            image=str_at(config, "Image", "Config") or str_at(d, "ImageName", "container") or None,
            created=parse_time(d.get("Created"), "Created"),
            status=str_at(state, "Status", "State") or "",
            running=running,
            exit_code=int_at(state, "ExitCode", "State"),
            started_at=parse_time(state.get("StartedAt"), "State.StartedAt"),
            finished_at=parse_time(state.get("FinishedAt"), "State.FinishedAt"),
            health=str_at(health, "Status", "State.Health") or None,
            labels=str_map(config.get("Labels"), "Config.Labels"),
            env_names=_env_names(env),
            cmd=command(config.get("Cmd"), "Config.Cmd"),
            entrypoint=command(config.get("Entrypoint"), "Config.Entrypoint"),
            ip_address=_ip_address(net),
            ports=tuple(PortMapping.from_inspect_ports(net.get("Ports"))),
            networks=NetworkEndpoint.all_from(net.get("Networks")),
            mounts=tuple(MountPoint.from_inspect(m) for m in _list(d.get("Mounts"), "Mounts")),
            env=env,
            raw=d,
        )

    def env(self) -> dict[str, str]:
        """The container's environment, values included (they may be secrets)."""
        return dict(self._env)


def _ip_address(net: Mapping[str, Any]) -> str | None:
    address = str_at(net, "IPAddress", "NetworkSettings")
    if address:
        return address
    for name, network in obj(net.get("Networks"), "NetworkSettings.Networks").items():
        address = str_at(obj(network, f"Networks[{name!r}]"), "IPAddress", f"Networks[{name!r}]")
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
        d = obj(d, "image")
        config = obj(d.get("Config"), "Config")
        env = env_pairs(config.get("Env"), "Config.Env")
        labels = config.get("Labels")
        if labels is None:  # podman also has them at the top level
            labels = d.get("Labels")
        exposed = obj(config.get("ExposedPorts"), "Config.ExposedPorts")
        return cls(
            id=required_id(d, "image", "Id", "ID"),
            tags=str_list(d.get("RepoTags"), "RepoTags"),
            digests=str_list(d.get("RepoDigests"), "RepoDigests"),
            created=parse_time(d.get("Created"), "Created"),
            labels=str_map(labels, "Config.Labels"),
            env_names=_env_names(env),
            cmd=command(config.get("Cmd"), "Config.Cmd"),
            entrypoint=command(config.get("Entrypoint"), "Config.Entrypoint"),
            exposed_ports=tuple(sorted(exposed, key=lambda k: (port_key(k, "ExposedPorts"), k))),
            size=int_at(d, "Size", "image"),
            architecture=str_at(d, "Architecture", "image") or None,
            os=str_at(d, "Os", "image") or None,
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
        d = obj(d, "ps entry")
        where = "ps entry"
        names = d.get("Names")
        status = str_at(d, "Status", where) or ""
        state = (str_at(d, "State", where) or "").lower()
        if isinstance(names, str):  # docker: "a,b"
            name_list = tuple(n for n in names.split(",") if n)
        else:
            name_list = tuple(n.removeprefix("/") for n in str_list(names, "ps Names"))
        command = d.get("Command")
        if isinstance(command, list):  # podman: argv
            command = " ".join(str_list(command, "ps Command"))
        elif command is not None and not isinstance(command, str):
            raise bad("ps Command", "a string", command)
        labels = d.get("Labels")
        created = d.get("Created") if "Created" in d else d.get("CreatedAt")
        return cls(
            id=required_id(d, where, "ID", "Id"),
            names=name_list,
            image=str_at(d, "Image", where) or "",
            command=(command or "").strip('"'),
            state=state,
            status=status,
            exit_code=_exit_code(d, state, status),
            labels=labels_text(labels) if isinstance(labels, str) else str_map(labels, "Labels"),
            created=parse_time(created, "ps Created"),
            ports=ps_ports_text(d.get("Ports")),
        )


def _exit_code(d: Mapping[str, Any], state: str, status: str) -> int | None:
    code = int_at(d, "ExitCode", "ps entry")
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
        d = obj(d, "images entry")
        where = "images entry"
        image_id = required_id(d, where, "ID", "Id")
        digest = str_at(d, "Digest", where)
        size = d.get("Size")
        if isinstance(size, str):
            size = human_size(size)
        elif size is not None and (not isinstance(size, int) or isinstance(size, bool)):
            raise bad("images Size", "a number", size)
        created = d.get("Created") if "Created" in d else d.get("CreatedAt")
        untagged = cls(
            id=image_id,
            repository=None,
            tag=None,
            digest=_none(digest),
            labels=str_map(d.get("Labels"), "images Labels"),
            created=parse_time(created, "images Created"),
            size=size,
        )
        if "Repository" in d or "Tag" in d:  # docker: one row
            repository, tag = _none(str_at(d, "Repository", where)), _none(str_at(d, "Tag", where))
            return [attrs.evolve(untagged, repository=repository, tag=tag)]
        names = str_list(d.get("Names"), "images Names")
        names = names or str_list(d.get("RepoTags"), "images RepoTags")
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
        d = obj(d, "version")
        client = obj(d.get("Client"), "Client")
        server = obj(d.get("Server"), "Server")
        version = str_at(client, "Version", "Client")
        if not version:
            raise ParseError("version output has no Client.Version", short(d))
        server_version = str_at(server, "Version", "Server") or _engine_component(server)
        api = str_at(server, "ApiVersion", "Server") or str_at(server, "APIVersion", "Server")
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
    return str_at(obj(block.get("Platform"), f"{where}.Platform"), "Name", f"{where}.Platform")


def _engine_component(server: Mapping[str, Any]) -> str | None:
    components = server.get("Components")
    if components is None:
        return None
    if not isinstance(components, list):
        raise bad("Server.Components", "a list", components)
    for item in components:
        component = obj(item, "Server.Components[]")
        if str_at(component, "Name", "Server.Components[]") == "Engine":
            return str_at(component, "Version", "Server.Components[]")
    return None


@attrs.frozen(kw_only=True)
class NetworkSummary:
    """One network of ``docker network ls --format '{{json .}}'`` (docker's JSON lines or
    podman's array, whose keys are lower case).

    Attributes:
        id: The ID as listed (12 digits unless ``--no-trunc``; podman lists 64).
        name: e.g. ``bridge``.
        driver: e.g. ``bridge``, ``host``, ``null`` (docker's ``none``) or ``macvlan``.
        scope: ``local`` or ``swarm``; None on podman, which has no scopes.
        internal: True when the network has no route outside the host.
        ipv6: True when IPv6 is enabled on it.
        labels: The network's labels.
        created: An aware datetime, or None.
    """

    id: str
    name: str
    driver: str
    scope: str | None
    internal: bool
    ipv6: bool
    labels: dict[str, str]
    created: datetime | None

    @classmethod
    def from_ls(cls, d: object) -> NetworkSummary:
        """Build from one entry of docker's or podman's ``network ls`` JSON."""
        d = obj(d, "network ls entry")
        where = "network ls entry"
        if "name" in d and "Name" not in d:  # podman
            return cls(
                id=required_id(d, where, "id"),
                name=str_at(d, "name", where) or "",
                driver=str_at(d, "driver", where) or "",
                scope=None,
                internal=bool_at(d, "internal", where),
                ipv6=bool_at(d, "ipv6_enabled", where),
                labels=str_map(d.get("labels"), "network ls labels"),
                created=parse_time(d.get("created"), "network ls created"),
            )
        labels = d.get("Labels")
        return cls(
            id=required_id(d, where, "ID"),
            name=str_at(d, "Name", where) or "",
            driver=str_at(d, "Driver", where) or "",
            scope=str_at(d, "Scope", where),
            internal=bool_at(d, "Internal", where),
            ipv6=bool_at(d, "IPv6", where),
            labels=labels_text(labels) if isinstance(labels, str) else str_map(labels, "Labels"),
            created=parse_time(d.get("CreatedAt"), "network ls CreatedAt"),
        )


@attrs.frozen(kw_only=True)
class NetworkEndpoint:
    """A container's place on one network (``NetworkSettings.Networks[NAME]`` of container
    inspect, the same keys on docker and podman).

    Attributes:
        network: The network's name.
        network_id: Its ID; None before the container first starts (docker fills it then).
        aliases: The names other containers on the network reach it by, as the engine lists
            them (docker 20.10 and podman add the container's short ID).
        ip_address, ipv6_address: Its addresses there, without the prefix length; None
            while it is not running.
        mac_address: None while it is not running.
        gateway: The network's gateway as the container sees it.
    """

    network: str
    network_id: str | None
    aliases: tuple[str, ...]
    ip_address: str | None
    ipv6_address: str | None
    mac_address: str | None
    gateway: str | None

    @classmethod
    def all_from(cls, networks: object) -> dict[str, NetworkEndpoint]:
        """Every endpoint of ``NetworkSettings.Networks`` (None or absent: none)."""
        found: dict[str, NetworkEndpoint] = {}
        for name, value in obj(networks, "NetworkSettings.Networks").items():
            where = f"Networks[{name!r}]"
            d = obj(value, where)
            found[name] = cls(
                network=name,
                network_id=str_at(d, "NetworkID", where) or None,
                aliases=str_list(d.get("Aliases"), f"{where}.Aliases"),
                ip_address=str_at(d, "IPAddress", where) or None,
                ipv6_address=str_at(d, "GlobalIPv6Address", where) or None,
                mac_address=str_at(d, "MacAddress", where) or None,
                gateway=str_at(d, "Gateway", where) or None,
            )
        return found


@attrs.frozen(kw_only=True)
class Subnet:
    """One address pool of a network (docker's ``IPAM.Config`` entry, podman's ``subnets``).

    Attributes:
        subnet: CIDR, e.g. ``10.1.0.0/24``.
        gateway: The gateway's address; None when the engine chose none.
        ip_range: The part of the subnet containers get addresses from; None: all of it.
    """

    subnet: str
    gateway: str | None
    ip_range: str | None


@attrs.frozen(kw_only=True)
class NetworkMember:
    """A container attached to a network, as ``Network.inspect`` lists it.

    Attributes:
        container_id: The full ID.
        name: The container's name.
        aliases: Its names on this network (see :attr:`NetworkEndpoint.aliases`).
        ip_address, ipv6_address, mac_address: Its addresses there (None when unknown).
    """

    container_id: str
    name: str
    aliases: tuple[str, ...]
    ip_address: str | None
    ipv6_address: str | None
    mac_address: str | None


@attrs.frozen(kw_only=True)
class NetworkInfo:
    """What ``docker network inspect`` says about one network (docker's shape or podman's
    lower-case one).

    Attributes:
        id: The full ID.
        name: The name.
        driver: e.g. ``bridge``.
        scope: ``local`` or ``swarm``; None on podman, which has no scopes.
        internal: True when it has no route outside the host.
        attachable: docker's ``--attachable`` (False on podman).
        ipv6: True when IPv6 is enabled on it.
        subnets: Its address pools.
        labels, options: Its labels and driver options.
        created: An aware datetime, or None.
        containers: The containers attached to it. ``Network.inspect`` reads them from
            the containers themselves (podman's network inspect lists none), so each
            carries its aliases; :meth:`from_inspect` alone gives docker's list without
            aliases, and none for podman.
        raw: The whole inspect object.
    """

    id: str
    name: str
    driver: str
    scope: str | None
    internal: bool
    attachable: bool
    ipv6: bool
    subnets: tuple[Subnet, ...]
    labels: dict[str, str]
    options: dict[str, str]
    created: datetime | None
    containers: tuple[NetworkMember, ...]
    raw: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @classmethod
    def from_inspect(cls, d: object) -> NetworkInfo:
        """Build from one object of docker's or podman's ``network inspect`` output."""
        d = obj(d, "network")
        where = "network"
        if "name" in d and "Name" not in d:  # podman
            return cls(
                id=required_id(d, where, "id"),
                name=str_at(d, "name", where) or "",
                driver=str_at(d, "driver", where) or "",
                scope=None,
                internal=bool_at(d, "internal", where),
                attachable=False,
                ipv6=bool_at(d, "ipv6_enabled", where),
                subnets=tuple(
                    Subnet(
                        subnet=str_at(x, "subnet", "subnets[]") or "",
                        gateway=str_at(x, "gateway", "subnets[]") or None,
                        ip_range=_podman_range(obj(x.get("lease_range"), "lease_range")),
                    )
                    for x in map(_entry("subnets[]"), _list(d.get("subnets"), "subnets"))
                ),
                labels=str_map(d.get("labels"), "network labels"),
                options=str_map(d.get("options"), "network options"),
                created=parse_time(d.get("created"), "network created"),
                containers=(),
                raw=d,
            )
        ipam = obj(d.get("IPAM"), "IPAM")
        return cls(
            id=required_id(d, where, "Id", "ID"),
            name=str_at(d, "Name", where) or "",
            driver=str_at(d, "Driver", where) or "",
            scope=str_at(d, "Scope", where),
            internal=bool_at(d, "Internal", where),
            attachable=bool_at(d, "Attachable", where),
            ipv6=bool_at(d, "EnableIPv6", where),
            subnets=tuple(
                Subnet(
                    subnet=str_at(x, "Subnet", "IPAM.Config[]") or "",
                    gateway=str_at(x, "Gateway", "IPAM.Config[]") or None,
                    ip_range=str_at(x, "IPRange", "IPAM.Config[]") or None,
                )
                for x in map(_entry("IPAM.Config[]"), _list(ipam.get("Config"), "IPAM.Config"))
            ),
            labels=str_map(d.get("Labels"), "network Labels"),
            options=str_map(d.get("Options"), "network Options"),
            created=parse_time(d.get("Created"), "network Created"),
            containers=tuple(
                NetworkMember(
                    container_id=cid,
                    name=str_at(m, "Name", "Containers[]") or "",
                    aliases=(),
                    ip_address=_bare_ip(str_at(m, "IPv4Address", "Containers[]")),
                    ipv6_address=_bare_ip(str_at(m, "IPv6Address", "Containers[]")),
                    mac_address=str_at(m, "MacAddress", "Containers[]") or None,
                )
                for cid, m in (
                    (cid, obj(m, "Containers[]"))
                    for cid, m in obj(d.get("Containers"), "Containers").items()
                )
                if not cid.startswith("ep-")  # an endpoint of another host (swarm)
            ),
            raw=d,
        )

    def with_members(self, containers: Iterable[ContainerInfo]) -> NetworkInfo:
        """This network with its members read from their own inspect data (aliases too)."""
        members = []
        for c in containers:
            endpoint = c.networks.get(self.name)
            # podman's NetworkID is the network's name; docker's its ID (None before a start)
            if endpoint is None or endpoint.network_id not in (None, "", self.id, self.name):
                continue
            members.append(
                NetworkMember(
                    container_id=c.id,
                    name=c.name,
                    aliases=endpoint.aliases,
                    ip_address=endpoint.ip_address,
                    ipv6_address=endpoint.ipv6_address,
                    mac_address=endpoint.mac_address,
                )
            )
        return attrs.evolve(self, containers=tuple(members))


def _list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad(where, "a list", value)
    return value


def _entry(where: str) -> Callable[[object], Mapping[str, Any]]:
    return lambda x: obj(x, where)


def _podman_range(lease: Mapping[str, Any]) -> str | None:
    # podman keeps a range as its first and last address, not as CIDR: shown as "A-B"
    start, end = str_at(lease, "start_ip", "lease_range"), str_at(lease, "end_ip", "lease_range")
    return f"{start}-{end}" if start and end else None


def _bare_ip(value: str | None) -> str | None:
    # network inspect lists addresses with their prefix length: "10.1.0.2/24"
    return value.partition("/")[0] or None if value else None


@attrs.frozen(kw_only=True)
class MountPoint:
    """One of a container's mounts, as its inspect lists it (``Mounts[]``).

    Attributes:
        type: ``volume``, ``bind`` or ``tmpfs``.
        name: The volume's name (a generated one for an anonymous volume); None for a bind.
        source: The path on the engine's host.
        destination: The path inside the container.
        read_only: True when mounted ``ro``.
    """

    type: str
    name: str | None
    source: str | None
    destination: str
    read_only: bool

    @classmethod
    def from_inspect(cls, d: object) -> MountPoint:
        """Build from one entry of a container inspect's ``Mounts``."""
        d = obj(d, "Mounts[]")
        rw = d.get("RW", True)
        if not isinstance(rw, bool):
            raise bad("Mounts[].RW", "a bool", rw)
        return cls(
            type=str_at(d, "Type", "Mounts[]") or "",
            name=str_at(d, "Name", "Mounts[]") or None,
            source=str_at(d, "Source", "Mounts[]") or None,
            destination=str_at(d, "Destination", "Mounts[]") or "",
            read_only=not rw,
        )


@attrs.frozen(kw_only=True)
class VolumeInfo:
    """What ``docker volume inspect`` says about one volume (docker's and podman's
    shapes share these keys).

    Attributes:
        name: The name (64 hex digits for one the engine named).
        driver: e.g. ``local``.
        mountpoint: Where the engine keeps its data, on the engine's host.
        scope: ``local`` or ``global``.
        labels: Its labels.
        options: The driver's options (``--opt``); empty when none.
        created: An aware datetime, or None.
        raw: The whole inspect object.
    """

    name: str
    driver: str
    mountpoint: str | None
    scope: str | None
    labels: dict[str, str]
    options: dict[str, str]
    created: datetime | None
    raw: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @classmethod
    def from_inspect(cls, d: object) -> VolumeInfo:
        """Build from one object of docker's or podman's ``volume inspect`` output."""
        d = obj(d, "volume")
        name = str_at(d, "Name", "volume")
        if not name:
            raise bad("volume.Name", "a name", d.get("Name"))
        return cls(
            name=name,
            driver=str_at(d, "Driver", "volume") or "",
            mountpoint=str_at(d, "Mountpoint", "volume") or None,
            scope=str_at(d, "Scope", "volume") or None,
            labels=str_map(d.get("Labels"), "volume Labels"),
            options=str_map(d.get("Options"), "volume Options"),
            created=parse_time(d.get("CreatedAt"), "volume CreatedAt"),
            raw=d,
        )


# -- top, stats, diff ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Process:
    """One process of ``docker top`` (docker's host ``ps`` columns, or podman's).

    Attributes:
        pid: Its PID as the client shows it (docker: the host's; podman: the container's),
            None when no PID column was asked for.
        user: Its user (docker's ``UID``/``USER``, podman's ``USER``), "" when not shown.
        command: Its command line (``CMD``/``COMMAND``/``ARGS``), "" when not shown.
        columns: Every column by its title, as printed.
    """

    pid: int | None
    user: str
    command: str
    columns: Mapping[str, str]


_PID_TITLES = ("PID",)
_USER_TITLES = ("UID", "USER")
_COMMAND_TITLES = ("CMD", "COMMAND", "ARGS")


def _first_of(columns: Mapping[str, str], titles: tuple[str, ...]) -> str:
    return next((columns[t] for t in titles if t in columns), "")


def process_of(columns: Mapping[str, str]) -> Process:
    """The :class:`Process` of one ``top`` row, by its column titles."""
    pid = _first_of(columns, _PID_TITLES)
    return Process(
        pid=int(pid) if pid.isdigit() and len(pid) <= 10 else None,
        user=_first_of(columns, _USER_TITLES),
        command=_first_of(columns, _COMMAND_TITLES),
        columns=dict(columns),
    )


@attrs.frozen(kw_only=True)
class ContainerStats:
    """One snapshot of ``docker stats --no-stream`` for a container.

    Sizes are bytes, read from the client's rounded text (``"536KiB"``, podman's
    ``"561.2kB"``), so they are exact only to its three or four digits. A container that
    is not running shows zeros (and a ``memory_limit`` of 0).

    Attributes:
        id: The ID as printed (12 hex).
        name: The container's name.
        cpu_percent, memory_percent: Percentages (``2.03`` for ``"2.03%"``).
        memory_usage, memory_limit: Bytes in use, and the limit (the host's memory when
            the container has none).
        net_rx, net_tx: Bytes received and sent on its networks.
        block_read, block_write: Bytes read from and written to block devices.
        pids: How many processes (and threads) it runs.
    """

    id: str
    name: str
    cpu_percent: float
    memory_usage: int
    memory_limit: int
    memory_percent: float
    net_rx: int
    net_tx: int
    block_read: int
    block_write: int
    pids: int

    @classmethod
    def from_stats(cls, d: object) -> ContainerStats:
        """Build from one entry of docker's ``{{json .}}`` lines or podman's array."""
        d = obj(d, "stats entry")
        podman = "mem_usage" in d or "cpu_percent" in d
        key = _PODMAN_STATS if podman else _DOCKER_STATS
        used, limit = _size_pair(d, key["memory"])
        rx, tx = _size_pair(d, key["net"])
        read, write = _size_pair(d, key["block"])
        pids = str_at(d, key["pids"], "stats entry") or "0"
        if not pids.isdigit() or len(pids) > 10:
            raise bad("stats entry." + key["pids"], "a number of processes", pids)
        return cls(
            id=str_at(d, key["id"], "stats entry") or "",
            name=str_at(d, key["name"], "stats entry") or "",
            cpu_percent=_percent(d, key["cpu"]),
            memory_usage=used,
            memory_limit=limit,
            memory_percent=_percent(d, key["memory_percent"]),
            net_rx=rx,
            net_tx=tx,
            block_read=read,
            block_write=write,
            pids=int(pids),
        )


_DOCKER_STATS = {
    "id": "ID",
    "name": "Name",
    "cpu": "CPUPerc",
    "memory": "MemUsage",
    "memory_percent": "MemPerc",
    "net": "NetIO",
    "block": "BlockIO",
    "pids": "PIDs",
}
_PODMAN_STATS = {
    "id": "id",
    "name": "name",
    "cpu": "cpu_percent",
    "memory": "mem_usage",
    "memory_percent": "mem_percent",
    "net": "net_io",
    "block": "block_io",
    "pids": "pids",
}
_PERCENT = re.compile(r"([0-9]{1,12}(?:\.[0-9]{1,12})?)%|--")


def _percent(d: Mapping[str, Any], key: str) -> float:
    text = (str_at(d, key, "stats entry") or "0%").strip()
    match = _PERCENT.fullmatch(text)
    if match is None:
        raise bad(f"stats entry.{key}", "a percentage like '2.03%'", text)
    return float(match.group(1) or 0)  # "--": docker's "not measured" (a stopped container)


def _size_pair(d: Mapping[str, Any], key: str) -> tuple[int, int]:
    """``"536KiB / 64MiB"`` in bytes (docker's ``--`` for an unmeasured side is 0)."""
    text = str_at(d, key, "stats entry") or "0B / 0B"
    parts = text.split(" / ")
    sizes = [0 if p.strip() == "--" else human_size(p) for p in parts]
    if len(parts) != 2 or None in sizes:
        raise bad(f"stats entry.{key}", "two sizes like '536KiB / 64MiB'", text)
    return sizes[0] or 0, sizes[1] or 0


@attrs.frozen(kw_only=True)
class FileChange:
    """One line of ``docker diff``.

    Attributes:
        kind: ``"added"``, ``"changed"`` or ``"deleted"`` (docker's A, C and D).
        path: The absolute path in the container.
    """

    kind: str
    path: str
