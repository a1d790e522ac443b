"""Structured values that option fields accept: published ports, mounts, ulimits, TLS.

Each has a ``parse`` for docker's own string form and renders back to the exact string
docker reads, so a user may write either form.
"""

from __future__ import annotations

import re
from typing import Any, Union

import attrs

from dockercli import _validate as v
from dockercli._flags import flag, switch
from dockercli._lazy_re import LazyPattern
from dockercli.errors import InvalidOptionError

_PUBLISH = LazyPattern(
    r"(?:(?P<ip>\[[0-9a-fA-F:.]+\]|[0-9]+(?:\.[0-9]+){3}):)?(?:(?P<host>[0-9]*):)?(?P<port>[0-9]+)(?:/(?P<proto>\w+))?"
)


def _opt_port(_inst: object, attribute: Any, value: int | None) -> None:
    if value is not None:
        v.port(attribute.name, value)


def _opt_ip(_inst: object, attribute: Any, value: str | None) -> None:
    if value is not None:
        v.ip_address(attribute.name, value)


@attrs.frozen(kw_only=True)
class Publish:
    """One published port: ``[host_ip:][host_port:]container_port[/protocol]``.

    Attributes:
        container_port: The port inside the container.
        host_port: The host port; None lets the engine pick a free one.
        host_ip: The host address to bind; None binds the engine's default (all, or --ip).
        protocol: tcp, udp or sctp.
    """

    container_port: int = attrs.field(validator=v.required(v.port))
    host_port: int | None = attrs.field(default=None, validator=_opt_port)
    host_ip: str | None = attrs.field(default=None, validator=_opt_ip)
    protocol: str = attrs.field(default="tcp", validator=v.required(v.protocol))

    @classmethod
    def parse(cls, spec: int | str | Publish) -> Publish:
        """Read an int (container port, random host port), docker's string, or a Publish."""
        if isinstance(spec, Publish):
            return spec
        if isinstance(spec, int) and not isinstance(spec, bool):
            return cls(container_port=v.port("publish", spec))
        if not isinstance(spec, str):
            raise v.fail(
                "publish", "must be an int, a '[ip:][hostport:]port[/proto]' str or a Publish", spec
            )
        match = _PUBLISH.fullmatch(spec)
        if not match:
            raise v.fail("publish", "must be '[ip:][hostport:]port[/proto]'", spec)
        ip = match["ip"].strip("[]") if match["ip"] else None
        host = int(match["host"]) if match["host"] else None
        try:
            return cls(
                container_port=int(match["port"]),
                host_port=host,
                host_ip=ip,
                protocol=match["proto"] or "tcp",
            )
        except InvalidOptionError as error:
            # the part's reason without its own "(got ...)": the whole spec is shown once
            reason = str(error).rpartition(" (got ")[0] or str(error)
            raise v.fail("publish", f"is invalid: {reason}", spec) from None

    def __str__(self) -> str:
        ip = self.host_ip
        if ip and ":" in ip:
            ip = f"[{ip}]"
        head = ""
        if ip:
            head = f"{ip}:{self.host_port or ''}:"
        elif self.host_port:
            head = f"{self.host_port}:"
        return f"{head}{self.container_port}/{self.protocol}"


@attrs.frozen(kw_only=True)
class Mount:
    """A bind mount or a volume: ``[source:]target[:MODES]`` (MODES like ``ro,z``).

    Attributes:
        target: The absolute path inside the container.
        source: An absolute host path (bind), a path under the current directory
            starting with '.' (made absolute), or a volume name; None for an anonymous
            volume.
        read_only: Mount read-only.
        relabel: ``"z"`` (shared) or ``"Z"`` (private): docker relabels the source for
            SELinux; None leaves labels alone.
    """

    target: str = attrs.field(validator=v.required(v.mount_target))
    source: str | None = attrs.field(
        default=None, converter=v.bind_source, validator=v.optional(v.mount_source)
    )
    read_only: bool = False
    relabel: str | None = attrs.field(default=None, validator=v.one_of(*v.RELABEL_MODES))

    @classmethod
    def parse(cls, spec: str | Mount) -> Mount:
        """Read docker's ``-v`` string ``[source:]target[:MODES]`` or a Mount.

        MODES: ``ro`` or ``rw``, ``z`` or ``Z``, comma-separated (``ro,z``).
        """
        if isinstance(spec, Mount):
            return spec
        if not isinstance(spec, str):
            raise v.fail("volumes", "must be a 'source:target[:ro]' str or a Mount", spec)
        parts = spec.split(":")
        read_only, relabel = False, None
        if len(parts) == 3 or (len(parts) == 2 and v.is_mount_modes(parts[1])):
            read_only, relabel = v.mount_modes("volumes", parts.pop())
        if len(parts) == 1:
            return cls(target=parts[0], read_only=read_only, relabel=relabel)
        if len(parts) != 2:
            raise v.fail("volumes", "must be '[source:]target[:ro|rw][,z|Z]'", spec)
        return cls(source=parts[0], target=parts[1], read_only=read_only, relabel=relabel)

    def __str__(self) -> str:
        text = f"{self.source}:{self.target}" if self.source else self.target
        modes = ",".join(m for m in ("ro" if self.read_only else "", self.relabel or "") if m)
        return f"{text}:{modes}" if modes else text


@attrs.frozen(kw_only=True)
class BindMount:
    """``--mount type=bind``: a host path that must exist (unlike ``-v``, docker does not
    create it), at ``target`` in the container."""

    source: str = attrs.field(converter=v.bind_source, validator=v.required(v.absolute_path))
    target: str = attrs.field(validator=v.required(v.mount_target))
    read_only: bool = False

    def __str__(self) -> str:
        return f"type=bind,source={self.source},target={self.target}" + _ro(self.read_only)


@attrs.frozen(kw_only=True)
class VolumeMount:
    """``--mount type=volume``: the volume ``source`` (made when missing), or an anonymous
    one when None; ``no_copy`` leaves the image's files at ``target`` out of a new one."""

    target: str = attrs.field(validator=v.required(v.mount_target))
    source: str | None = attrs.field(default=None, validator=v.optional(v.volume_name))
    read_only: bool = False
    no_copy: bool = False

    def __str__(self) -> str:
        source = f"source={self.source}," if self.source else ""
        nocopy = ",volume-nocopy" if self.no_copy else ""
        return f"type=volume,{source}target={self.target}" + _ro(self.read_only) + nocopy


def _size(value: int | str) -> str:
    return v.size("size", value)


def _octal_mode(_inst: object, attribute: Any, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not 0 <= value <= 0o7777):
        raise v.fail(attribute.name, "must be a mode 0o0-0o7777 (an int, like 0o1777)", value)


@attrs.frozen(kw_only=True)
class TmpfsMount:
    """``--mount type=tmpfs``: a memory filesystem at ``target``, of ``size`` (bytes or
    docker's ``64m``) and permission ``mode`` (an int, like ``0o1777``)."""

    target: str = attrs.field(validator=v.required(v.mount_target))
    size: str | None = attrs.field(default=None, converter=attrs.converters.optional(_size))
    mode: int | None = attrs.field(default=None, validator=_octal_mode)

    def __str__(self) -> str:
        size = f",tmpfs-size={self.size}" if self.size is not None else ""
        mode = f",tmpfs-mode={self.mode:o}" if self.mode is not None else ""
        return f"type=tmpfs,target={self.target}{size}{mode}"


def _ro(read_only: bool) -> str:
    return ",readonly" if read_only else ""


TypedMount = Union[BindMount, VolumeMount, TmpfsMount]


@attrs.frozen(kw_only=True)
class Ulimit:
    """A resource limit: ``name=soft[:hard]``."""

    name: str = attrs.field(validator=v.required(v.plain))
    soft: int
    hard: int | None = None

    @classmethod
    def parse(cls, spec: str | Ulimit) -> Ulimit:
        """Read ``nofile=1024:2048`` or a Ulimit."""
        if isinstance(spec, Ulimit):
            return spec
        match = (
            re.fullmatch(r"([a-z]+)=(-?[0-9]+)(?::(-?[0-9]+))?", spec)
            if isinstance(spec, str)
            else None
        )
        if not match:
            raise v.fail("ulimits", "must be 'name=soft[:hard]'", spec)
        hard = int(match[3]) if match[3] is not None else None
        return cls(name=match[1], soft=int(match[2]), hard=hard)

    def __str__(self) -> str:
        limit = f"{self.soft}:{self.hard}" if self.hard is not None else str(self.soft)
        return f"{self.name}={limit}"


@attrs.frozen(kw_only=True)
class TLSConfig:
    """Client TLS for a ``tcp://`` engine: ``--tlsverify --tlscacert --tlscert --tlskey``."""

    enabled: bool = switch("--tls", default=True)
    ca_cert: str | None = flag("--tlscacert", validator=v.optional(v.plain))
    cert: str | None = flag("--tlscert", validator=v.optional(v.plain))
    key: str | None = flag("--tlskey", validator=v.optional(v.plain))
    verify: bool = switch("--tlsverify", default=True)

    @classmethod
    def from_cert_path(cls, path: str, *, verify: bool = True) -> TLSConfig:
        """The files docker expects in a DOCKER_CERT_PATH directory."""
        return cls(
            ca_cert=f"{path}/ca.pem", cert=f"{path}/cert.pem", key=f"{path}/key.pem", verify=verify
        )
