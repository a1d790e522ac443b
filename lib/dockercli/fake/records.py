"""The shapes of the fake's state: the JSON object in ``state.json`` and its records.

Types only. The state stays the plain JSON it is read as (converting every record on
every invocation would cost each command its start-up time); these ``TypedDict`` classes
let mypy check every key a handler reads or writes. Modules import them under
``TYPE_CHECKING``, so nothing here runs. Docker's own JSON shapes (a container's
``Config`` and ``HostConfig``, an image's config) stay ``dict[str, Any]``: they are docker's
documents, copied through.

A change to these shapes that an older state file does not have raises
``store.SCHEMA`` and teaches ``store.upgrade`` to fill it in.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Endpoint(TypedDict):
    """A container's place on a user network (``run --network NET`` or ``network connect``)."""

    network: str  # the network's ID
    aliases: list[str]  # the names it was given there (--network-alias, --alias)
    ip: str  # its address there, chosen when it joined (docker shows it while running)
    static: bool  # the address was asked for (--ip): docker shows it as IPAMConfig


class _Stamped(TypedDict, total=False):
    mtime: int  # seconds since the epoch, as the tar or the host file gave it (cp kept it)


class File(_Stamped):
    """A file, directory or link copied into a container (``docker cp``)."""

    type: str  # tar's: "0" a file, "5" a directory, "2" a symbolic link
    mode: int  # permission bits
    data: str  # a file's content, base64
    target: str  # a link's target


class _Started(TypedDict, total=False):
    ip_index: int  # its address on the bridge, from its first start
    endpoints: dict[str, Endpoint]  # user network name -> its endpoint there
    files: dict[str, File]  # absolute path -> what docker cp put there (its own layer)
    image_files: dict[str, File]  # what its image holds that the fake knows (a commit's)
    # [paused, unpaused] ns of each ``docker pause`` (unpaused 0: paused now); the clock of
    # its program stands still meanwhile (model.paused, model.settle)
    pauses: list[list[int]]
    # (kind, value) of each setting docker's engine refuses when it starts (settings.py)
    refused_at_start: list[tuple[str, str]]


class Container(_Started):
    """One container: what ``run``/``create`` decided, and its life so far."""

    id: str
    name: str
    created: int  # ns since the epoch
    image: str  # image ID
    image_name: str  # as the user named it (``Config.Image``)
    path: str  # the program, after the entrypoint is applied
    args: list[str]
    config: dict[str, Any]  # docker's ``Config``
    host: dict[str, Any]  # docker's ``HostConfig``
    status: str  # created, running, exited, removing, dead
    exit_code: int
    error: str
    started: int  # ns; 0: never
    finished: int  # ns; 0: not yet
    pid: int
    ports: dict[str, Any]  # published bindings, by "PORT/PROTO"
    helper: int  # pid of the port helper holding its sockets; 0: none
    runs: list[list[int]]  # one [started, finished] per start, in ns (finished 0: running)
    mounts: list[dict[str, Any]]
    network: str
    aliases: list[str] | None
    script: dict[str, Any]  # the outcome model.outcome fixed at create
    create_argv: list[str]


class _Committed(TypedDict, total=False):
    """What ``docker commit`` keeps beside a build's fields."""

    files: dict[str, File]  # the files the fake knows the image holds, by absolute path
    comment: str  # --message
    author: str  # --author
    container_config: dict[str, Any]  # the container's Config as it was (docker's)
    manifest: str  # podman: the manifest type ("docker" with --format docker, else OCI)


class Image(_Committed):
    """One image, as a build or a commit made it."""

    id: str
    parent: str
    created: int
    size: int
    config: dict[str, Any]  # docker's image ``Config``
    layers: list[str]
    parent_step: str
    container: str
    history: list[str]
    last_step: str
    tagged: int  # ns of the last tag (``images`` orders by it)


class Network(TypedDict):
    """One user network (the engine's own, bridge/host/none or podman, are not stored)."""

    id: str
    name: str
    driver: str
    created: int
    labels: dict[str, str]
    options: dict[str, str]
    internal: bool
    attachable: bool
    subnet: str  # CIDR, given or chosen by the engine
    gateway: str  # "" when the engine records none (its containers get the first host)
    ip_range: str  # "" or the part of the subnet containers get addresses from
    interface: str  # the bridge device (br-<id>, podmanN)
    next_host: int  # where the search for the next free address starts


class Volume(TypedDict):
    """One volume: made by ``volume create``, or by a run that mounts a missing name."""

    name: str
    driver: str
    created: int
    # None where docker's engine keeps none (it prints null): what the creating client sent
    labels: dict[str, str] | None
    options: dict[str, str] | None
    anonymous: bool  # made for a ``-v /path`` of one container: ``rm -v`` removes it


class State(TypedDict):
    """The whole engine."""

    schema: int
    containers: dict[str, Container]
    images: dict[str, Image]
    networks: dict[str, Network]  # by ID
    volumes: dict[str, Volume]  # by name
    tags: dict[str, str]  # normalized reference -> image ID
    cache: dict[str, int]  # build step hashes seen
    next_port: int
    next_ip: int
    created: int  # when the engine "started": its own networks date from then
