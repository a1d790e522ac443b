"""The App Engine SDK's ``containers`` module (written on docker-py 0.5.3), over dockercli.

Old scripts change one line and keep working::

    from dockercli import legacy as containers

The names, arguments, defaults, properties, errors and log lines are the old ones. The
work (build, run, inspect, kill, cleanup) is done by :class:`dockercli.docker.Docker`;
this module only translates arguments and keeps the old semantics, quirks included.
What differs from the original, and why, is in the README section "Migrating from containers.py".
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple, Optional, Union

from dockercli.container import Container as _Running
from dockercli.docker import Docker
from dockercli.endpoint import LOCAL_DEFAULT, Endpoint
from dockercli.errors import (
    BuildError,
    ConflictError,
    DockerError,
    DockerNotFoundError,
    InvalidOptionError,
    NoSuchContainerError,
    NoSuchImageError,
    ParseError,
    UsageError,
)
from dockercli.options import BuildOptions, RunOptions
from dockercli.specs import Mount, Publish, TLSConfig

__all__ = [
    "BaseImage",
    "CleanableContainerName",
    "Container",
    "ContainerError",
    "ContainerOptions",
    "CreateImage",
    "DockerDaemonConnectionError",
    "Error",
    "GetDockerHost",
    "Image",
    "ImageError",
    "ImageOptions",
    "NewDockerClient",
    "NewDockerClientNoCheck",
    "PrebuiltImage",
    "StartDelayedCleanup",
]

log = logging.getLogger(__name__)

# Start() and the cleanup never overlap, so a cleanup cannot remove an image that a
# container being created is about to use.
_cleanup_lock = threading.Lock()
_cleanup_scheduled_lock = threading.Lock()
_cleanup_scheduled: threading.Timer | None = None  # at most one pending cleanup per process

_CLIENT_KWARGS = frozenset({"base_url", "version", "timeout", "tls"})  # docker.Client's
_TIMESTAMP = "%Y-%m-%dT%H%M%S.%fZ"
_CONTAINER_WARNING = (
    "Container %s (id=%s) cannot be removed: %s.\n"
    "Try cleaning up old containers manually.\n"
    'They can be listed with "docker ps -a".'
)
_IMAGE_WARNING = (
    "Image Id %s cannot be removed: %s.\n"
    "Try cleaning up old images manually.\n"
    'They can be listed with "docker images".'
)

# The argument forms old callers passed (evaluated at run time: NamedTuple field types).
_Environment = Union[Mapping[str, Any], Sequence[str]]
_Volumes = Mapping[str, Union[str, Mapping[str, Any]]]
_Links = Union[Mapping[str, str], Iterable[Sequence[str]]]
_Command = Union[str, Sequence[str]]


class ImageOptions(
    NamedTuple(
        "ImageOptionsT",
        [
            ("dockerfile_dir", Optional[str]),
            ("tag", Optional[str]),
            ("nocache", bool),
            ("rm", bool),
        ],
    )
):
    """Options for building an image, or for finding an existing one by tag.

    Attributes:
        dockerfile_dir: The directory with the Dockerfile; None to find an image by ``tag``.
        tag: The tag given to the built image, or looked up when there is nothing to build.
        nocache: Build without the cache.
        rm: Remove intermediate containers after a successful build (docker's default).
    """

    __slots__ = ()

    def __new__(
        cls,
        dockerfile_dir: str | None = None,
        tag: str | None = None,
        nocache: bool = False,
        rm: bool = True,
    ) -> ImageOptions:
        return super().__new__(cls, dockerfile_dir, tag, nocache, rm)


class ContainerOptions(
    NamedTuple(
        "ContainerOptionsT",
        [
            ("image_opts", Optional[ImageOptions]),
            ("port", Optional[int]),
            ("port_bindings", Optional[dict[Any, Any]]),
            ("environment", Optional[_Environment]),
            ("volumes", Optional[_Volumes]),
            ("volumes_from", Optional[Union[str, Sequence[str]]]),
            ("links", Optional[_Links]),
            ("name", Optional[str]),
            ("command", Optional[_Command]),
        ],
    )
):
    """Options for creating and running a container.

    Attributes:
        image_opts: The image to run (an :class:`ImageOptions`).
        port: The main port the container listens on; bound to a random host port unless
            ``port_bindings`` binds it (``Start()`` adds it to that dict).
        port_bindings: ``{container_port: binding}``; a binding is None (random host port),
            a host port, ``(ip, port)``, ``(ip,)``, ``{'HostIp', 'HostPort'}`` or a list of
            these; keys are ints (tcp) or ``'PORT/PROTO'`` strings.
        environment: A dict (values are ``str()``-ed) or a list of ``KEY=VALUE``.
        volumes: ``{host_path: {'bind': path, 'ro': bool}}`` or ``{host_path: 'path[:ro]'}``.
        volumes_from: Container names, as a list or one comma-separated str.
        links: ``{name: alias}`` or ``(name, alias)`` pairs.
        name: The container's name.
        command: A str (split like a shell would) or a list.
    """

    __slots__ = ()

    def __new__(  # noqa: PLR0917 - old callers pass these positionally
        cls,
        image_opts: ImageOptions | None = None,
        port: int | None = None,
        port_bindings: dict[Any, Any] | None = None,
        environment: _Environment | None = None,
        volumes: _Volumes | None = None,
        volumes_from: str | Sequence[str] | None = None,
        links: _Links | None = None,
        name: str | None = None,
        command: _Command | None = None,
    ) -> ContainerOptions:
        return super().__new__(
            cls, image_opts, port, port_bindings, environment, volumes, volumes_from, links,
            name, command,
        )  # fmt: skip


class Error(Exception):
    """Base exception for containers module."""


class ImageError(Error):
    """Image related errors."""


class ContainerError(Error):
    """Container related errors."""


class DockerDaemonConnectionError(Error):
    """Raised if the docker client can't connect to the docker daemon."""


# -- the client ------------------------------------------------------------------------


class _Client:
    """What :func:`NewDockerClient` returns: a dockercli client and docker-py's ``base_url``.

    Attributes:
        docker: The :class:`~dockercli.docker.Docker` that runs every command.
        base_url: The engine address spelled as docker-py spelled it
            (``http+unix://var/run/docker.sock``, ``https://host:2376``).
    """

    def __init__(self, docker: Docker, base_url: str) -> None:
        self.docker = docker
        self.base_url = base_url

    def __repr__(self) -> str:
        return f"<containers client base_url={self.base_url!r} {self.docker!r}>"


_AnyClient = Union[_Client, Docker]


def _docker(client: _AnyClient) -> Docker:
    if isinstance(client, Docker):
        return client
    if isinstance(client, _Client):
        return client.docker
    raise TypeError(
        f"expected the client NewDockerClient() returns, or a dockercli Docker (got {client!r})"
    )


def NewDockerClientNoCheck(**kwargs: Any) -> _Client:
    """A client from ``DOCKER_HOST``/``DOCKER_CERT_PATH``/``DOCKER_TLS_VERIFY``, unchecked.

    Takes docker-py's ``Client`` keywords: ``base_url`` and ``tls`` (a
    :class:`dockercli.TLSConfig`, or a bool) override the environment, ``timeout`` is
    each command's timeout in seconds (default 60), ``version`` is ignored. Without
    ``DOCKER_HOST`` the CLI's own choice is used (its current context, else the local
    socket).
    """
    unknown = sorted(set(kwargs) - _CLIENT_KWARGS)
    if unknown:
        raise TypeError(f"unexpected keyword arguments: {', '.join(unknown)}")
    host = os.environ.get("DOCKER_HOST")
    cert_path = os.environ.get("DOCKER_CERT_PATH")
    tls_verify = os.environ.get("DOCKER_TLS_VERIFY")
    log.debug(
        "Detected docker environment variables: DOCKER_HOST=%s, DOCKER_CERT_PATH=%s, "
        "DOCKER_TLS_VERIFY=%s",
        host,
        cert_path,
        tls_verify,
    )
    tls = TLSConfig.from_cert_path(cert_path) if tls_verify and cert_path else None
    if "base_url" in kwargs:
        host = _cli_host(kwargs["base_url"])
    if "tls" in kwargs:
        tls = TLSConfig() if kwargs["tls"] is True else kwargs["tls"] or None
    docker = Docker(
        host=host or None, tls=tls, timeout=kwargs.get("timeout", 60), remove_at_exit=False
    )
    return _Client(docker, _docker_py_url(docker.endpoint, tls=bool(tls or tls_verify)))


def NewDockerClient(**kwargs: Any) -> _Client:
    """:func:`NewDockerClientNoCheck`, then check that the engine answers.

    Raises:
        DockerDaemonConnectionError: the engine does not answer, or the docker binary is
            missing (the message says which).
    """
    client = NewDockerClientNoCheck(**kwargs)
    try:
        client.docker.version()
    except ParseError:
        raise  # not a connection failure: the old module never saw one of these
    except DockerNotFoundError as error:
        raise DockerDaemonConnectionError(
            f"Couldn't run docker: {error.message}. "
            "Install the docker CLI, or set DOCKERCLI_BINARY to its path."
        ) from error
    except DockerError as error:
        raise DockerDaemonConnectionError(
            f"Couldn't connect to the docker daemon at {client.docker.endpoint.url} "
            f"({error.message}). Please check that the environment variables DOCKER_HOST, "
            "DOCKER_CERT_PATH and DOCKER_TLS_VERIFY are set correctly."
        ) from error
    return client


def _cli_host(base_url: str | None) -> str:
    # docker-py's spellings of an address, as the docker CLI reads them
    if not base_url:
        return LOCAL_DEFAULT
    scheme, sep, rest = base_url.partition("://")
    if not sep:
        return f"tcp://{base_url}"
    if scheme == "http+unix":
        return "unix:///" + rest.lstrip("/")
    if scheme in ("http", "https"):
        return f"tcp://{rest}"
    return base_url


def _docker_py_url(endpoint: Endpoint, *, tls: bool) -> str:
    rest = endpoint.url.partition("://")[2]
    if endpoint.scheme == "unix":
        return "http+unix://" + rest.lstrip("/")
    if endpoint.scheme == "tcp":
        return f"{'https' if tls else 'http'}://{rest}"
    return endpoint.url


def GetDockerHost(docker_client: _AnyClient) -> str:
    """The host where containers' published ports are reached: ``localhost`` for a socket."""
    return _docker(docker_client).published_host


def CleanableContainerName(prefix: str, base_name: str, timestamp: datetime | None = None) -> str:
    """``'{prefix}.{base_name}.{UTC timestamp}'``: a name StartDelayedCleanup(prefix) finds."""
    stamp = timestamp or datetime.now(timezone.utc)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(timezone.utc)
    return f"{prefix}.{base_name}.{stamp.strftime(_TIMESTAMP)}"


# -- images ----------------------------------------------------------------------------


class BaseImage:
    """An image a container runs: one to build (:class:`Image`) or one to find by tag."""

    def __init__(self, docker_client: _AnyClient, image_opts: ImageOptions) -> None:
        self._docker_client = docker_client
        self._image_opts = image_opts
        self._id: str | None = None

    def Build(self) -> None:
        """Build or find the image, setting :attr:`id`."""
        raise NotImplementedError

    def Remove(self) -> None:
        """Forget the image's ID; the image itself is left to the delayed cleanup."""
        self._id = None

    @property
    def id(self) -> str | None:
        """The image ID once built or found, else None."""
        return self._id

    @property
    def tag(self) -> str | None:
        """The image's tag."""
        return self._image_opts.tag

    def __enter__(self) -> BaseImage:
        self.Build()
        return self

    def __exit__(self, *exc: object) -> None:
        self.Remove()


class Image(BaseImage):
    """An image built from ``dockerfile_dir``; its :attr:`id` is the 12-hex short ID."""

    def __init__(self, docker_client: _AnyClient, image_opts: ImageOptions) -> None:
        if not image_opts.dockerfile_dir:
            raise ImageError("dockerfile_dir for images that require building must be set.")
        super().__init__(docker_client, image_opts)

    def Build(self) -> None:
        """``docker build``; a failure is logged at ERROR and raised as :class:`ImageError`."""
        log.info("Building image %s...", self.tag)
        opts = self._image_opts
        lines: list[str] = []
        docker = _docker(self._docker_client)
        try:
            built = docker.build(
                BuildOptions(
                    context=str(opts.dockerfile_dir),
                    tags=[opts.tag] if opts.tag else [],
                    no_cache=opts.nocache,
                    rm=opts.rm,
                ),
                on_line=lines.append,
                # docker-py's timeout bounded each read of the build's output stream, not
                # the whole build: the client's timeout is the longest silence allowed.
                timeout=None,
                stall_timeout=docker.options.timeout,
            )
        except ParseError:
            raise  # the build succeeded: only its image ID could not be read
        except DockerError as error:
            reason = _build_error(error)
            log.error("Error building docker image %s", self.tag)
            log.error("Build Error: %s.", reason)
            log.error("Full Image Build Log:\n%s", "\n".join(lines))
            raise ImageError(f"Error building docker image {self.tag}: {reason}") from error
        self._id = built.short_id
        log.info("Image %s built, id = %s", self.tag, self.id)
        log.debug("Full Image Build Log:\n%s", "\n".join(lines))


class PrebuiltImage(BaseImage):
    """An existing image found by tag; its :attr:`id` is the full 64-hex ID."""

    def __init__(self, docker_client: _AnyClient, image_opts: ImageOptions) -> None:
        if image_opts.dockerfile_dir:
            raise ImageError("dockerfile_dir for PrebuiltImage must not be set.")
        if not image_opts.tag:
            raise ImageError("PrebuiltImage must have tag specified to find image id.")
        super().__init__(docker_client, image_opts)

    def Build(self) -> None:
        """Find the image by tag; :class:`ImageError` if there is none."""
        log.info("Looking for image_id for image with tag %s", self.tag)
        try:
            found = _docker(self._docker_client).image(str(self.tag))
        except (NoSuchImageError, UsageError, InvalidOptionError) as error:
            raise ImageError(f"Image with tag {self.tag} was not found") from error
        self._id = found.id


def CreateImage(docker_client: _AnyClient, image_opts: ImageOptions) -> BaseImage:
    """An :class:`Image` when ``dockerfile_dir`` is set, else a :class:`PrebuiltImage`."""
    image: type[BaseImage] = Image if image_opts.dockerfile_dir else PrebuiltImage
    return image(docker_client, image_opts)


# -- containers ------------------------------------------------------------------------


class Container:
    """A container run from an image that is built or found when it starts.

    ``Stop()`` kills it and leaves it, and its image, to :func:`StartDelayedCleanup`.
    """

    def __init__(self, docker_client: _AnyClient, container_opts: ContainerOptions) -> None:
        self._docker_client = docker_client
        self._container_opts = container_opts
        self._image = CreateImage(docker_client, container_opts.image_opts or ImageOptions())
        self._running: _Running | None = None
        self._host = GetDockerHost(docker_client)
        self._container_host: str | None = None
        self._port_bindings: dict[Any, int] | None = None

    def Start(self) -> None:
        """Build or find the image, then run the container detached.

        A ``port`` missing from the caller's ``port_bindings`` dict is added to it.

        Raises:
            ImageError: the image could not be built or found.
            ContainerError: already started, or docker could not run it.
        """
        if self.id:
            raise ContainerError("Trying to start already running container.")
        opts = self._container_opts
        with _cleanup_lock:
            self._image.Build()
            log.info("Creating container...")
            port_bindings = opts.port_bindings or {}
            if opts.port:
                port_bindings[opts.port] = port_bindings.get(opts.port)
            try:
                running = _docker(self._docker_client).run(
                    _run_options(str(self._image.id), opts, port_bindings)
                )
            except ParseError:
                raise  # it started: only docker's answer could not be read
            except DockerError as error:
                raise ContainerError(f"Container could not be started: {_reason(error)}") from error
            self._running = running
            log.info("Container %s created.", running.id)
            threading.Thread(
                target=_log_output,
                args=(running,),
                name=f"Container-{running.id[:12]}-logs",
                daemon=True,
            ).start()
            if port_bindings:
                try:
                    self._container_host = running.ip
                    self._port_bindings = {
                        key: running.host_port(*_port_key(key), family="ipv4")
                        for key in port_bindings
                    }
                except ParseError:
                    raise  # inspect's answer could not be read: not a missing port
                except DockerError as error:  # NoPortMappingError included
                    raise ContainerError(
                        f"Container {running.id[:12]} has no published ports: {_reason(error)}"
                    ) from error

    def Stop(self) -> None:
        """Kill the container (SIGKILL); it is not removed. Stopping twice is harmless."""
        running = self._running
        if running is None:
            return
        try:
            running.kill()
        except (ConflictError, NoSuchContainerError):
            pass  # it stopped by itself, or was removed: there is nothing to kill
        except DockerError as error:
            raise ContainerError(
                f"Container {running.id} could not be stopped: {error.message}"
            ) from error
        self._running = None

    def PortBinding(self, port: int | str) -> int | None:
        """The host port that container ``port`` is published on, or None."""
        return (self._port_bindings or {}).get(port)

    @property
    def host(self) -> str:
        """Host the container can be reached at by the host (i.e. client) system."""
        return self._host

    @property
    def port(self) -> int:
        """The host port of the main ``port``."""
        return (self._port_bindings or {})[self._container_opts.port]

    @property
    def addr(self) -> str:
        """``host:port``: where this machine reaches the main port."""
        return f"{self.host}:{self.port:d}"

    @property
    def id(self) -> str | None:
        """The full container ID while started, else None."""
        return self._running.id if self._running is not None else None

    @property
    def container_addr(self) -> str:
        """``ip:port``: where other containers reach the main port."""
        return f"{self._container_host}:{self._container_opts.port:d}"

    @property
    def name(self) -> str | None:
        """The container name from the options."""
        return self._container_opts.name

    def __enter__(self) -> Container:
        self.Start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.Stop()

    def __del__(self) -> None:
        # Runs at any time, even at interpreter exit: it must never raise.
        try:
            if getattr(self, "_running", None) is not None:
                self.Stop()
        except Exception:  # noqa: S110 - nothing may escape __del__
            pass


def _reason(error: Exception) -> str:
    return error.message if isinstance(error, DockerError) else str(error)


def _build_error(error: Exception) -> str:
    # The old module reported the builder's own last word ("The command ... returned a
    # non-zero code: 1"); BuildError.message is the first error line, which for a
    # failing step can be an earlier line of the step's output.
    if isinstance(error, BuildError):
        lines = [line.strip() for line in error.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else error.message
    return _reason(error)


def _run_options(image_id: str, opts: ContainerOptions, bindings: Mapping[Any, Any]) -> RunOptions:
    volumes_from = opts.volumes_from or []
    if isinstance(volumes_from, str):
        volumes_from = [name.strip() for name in volumes_from.split(",") if name.strip()]
    links = opts.links or {}
    pairs = links.items() if isinstance(links, Mapping) else links
    return RunOptions(
        image=image_id,
        name=opts.name,
        publish=[p for key, value in bindings.items() for p in _publish(key, value)],
        env=opts.environment or {},
        volumes=[_mount(host, spec) for host, spec in (opts.volumes or {}).items()],
        volumes_from=volumes_from,
        links=[f"{name}:{alias}" for name, alias in pairs],
        command=opts.command or (),
    )


def _port_key(key: int | str) -> tuple[int, str]:
    number, _, proto = str(key).partition("/")
    return int(number), proto or "tcp"


def _publish(key: int | str, value: Any) -> list[Publish]:
    port, proto = _port_key(key)
    return [
        Publish(container_port=port, protocol=proto, **_binding(item))
        for item in (value if isinstance(value, list) else [value])
    ]


def _binding(value: Any) -> dict[str, Any]:
    # docker-py 0.5.3's forms of one host binding
    ip, port = None, value
    if isinstance(value, tuple):
        if len(value) == 2:
            ip, port = value
        elif isinstance(value[0], str):
            ip, port = value[0], None
        else:
            port = value[0]
    elif isinstance(value, Mapping):
        ip, port = value.get("HostIp"), value.get("HostPort")
    return {"host_ip": ip or None, "host_port": None if port in (None, "") else int(port)}


def _mount(host: str, spec: str | Mapping[str, Any]) -> Mount:
    if isinstance(spec, Mapping):
        return Mount(source=host, target=spec["bind"], read_only=bool(spec.get("ro", False)))
    target, sep, mode = spec.rpartition(":")
    if sep and mode in ("ro", "rw"):
        return Mount(source=host, target=target, read_only=mode == "ro")
    return Mount(source=host, target=spec)


def _log_output(running: _Running) -> None:
    # The old log listener; it holds the dockercli container, not the legacy one, so a
    # dropped legacy Container is still collected (and its __del__ stops it).
    short = running.id[:12]
    with contextlib.suppress(DockerError):
        for line in running.follow_logs():
            log.debug("Container: %s: %s", short, line.strip())


# -- the delayed cleanup ---------------------------------------------------------------


def StartDelayedCleanup(
    docker_client: _AnyClient, prefix: str, delay_sec: float, old_instances_to_spare: int = 0
) -> None:
    """In ``delay_sec`` seconds, remove old stopped containers named ``prefix...``.

    All but the ``old_instances_to_spare`` newest are removed, then their images unless
    another container still uses them. At most one cleanup is pending per process: a call
    while one is pending does nothing. Failures are logged as WARNINGs, never raised.

    Quirk kept from the original: ``old_instances_to_spare=0`` (the default) removes
    nothing at all (it sliced ``[:-0]``). To remove every stopped container, use
    ``Docker.cleanup(prefix=prefix)``.
    """
    global _cleanup_scheduled  # noqa: PLW0603 - one pending cleanup per process, as before
    with _cleanup_scheduled_lock:
        if _cleanup_scheduled is None:
            _cleanup_scheduled = threading.Timer(
                delay_sec, _cleanup, (docker_client, prefix, old_instances_to_spare)
            )
            _cleanup_scheduled.daemon = True
            _cleanup_scheduled.start()


def _cleanup(docker_client: _AnyClient, prefix: str, containers_to_keep: int) -> None:
    global _cleanup_scheduled  # noqa: PLW0603 - one pending cleanup per process, as before
    with _cleanup_scheduled_lock:
        _cleanup_scheduled = None  # from now on another cleanup may be scheduled
    with _cleanup_lock:
        log.debug("Automatic cleanup...")
        if containers_to_keep:  # the original's [:-0] removed nothing
            try:
                _remove_old(_docker(docker_client), prefix, containers_to_keep)
            except ParseError:
                raise  # output that cannot be read is a bug to see, not a failed cleanup
            except DockerError as error:
                log.warning("Automatic cleanup failed: %s.", _reason(error))
        log.debug("Cleanup finished.")


def _remove_old(docker: Docker, prefix: str, keep: int) -> None:
    report = docker.cleanup(prefix=prefix, keep=keep)
    for removed in report.containers:
        log.debug("Removing old container: %s:%s", removed.id, removed.name)
    for image_id in report.images:
        log.debug("Removing old image: %s", image_id)
    if not report.failures and not report.images_left:
        return
    # The report does not say which failures are containers, nor which images are only
    # still in use (the original skipped those silently): ask the engine what is left.
    left = docker.inspect_containers([c.id for c in docker.containers(all=True)], missing_ok=True)
    names = {info.id: info.name for info in left}
    in_use = {info.image_id for info in left}
    for object_id, reason in (*report.failures, *report.images_left):
        if object_id in names:
            log.warning(_CONTAINER_WARNING, names[object_id], object_id, reason)
        elif object_id not in in_use:
            log.warning(_IMAGE_WARNING, object_id, reason)
