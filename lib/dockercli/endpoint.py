"""Where the CLI talks to the engine, and so where published ports are reached.

Precedence follows the docker CLI: ``--host``, then ``--context``, then ``DOCKER_HOST``,
then ``DOCKER_CONTEXT``, then the current context in the CLI config, then the local
default socket. Asking the CLI about a named context is the caller's job (this module
starts no process): pass ``lookup_context``.

podman reads none of docker's settings: ``--url`` (``--host``), then ``CONTAINER_HOST``,
then its local socket. A named podman connection (``--connection``,
``CONTAINER_CONNECTION``) is not looked up; ``DOCKERCLI_HOST`` covers that case.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from dockercli.errors import InvalidOptionError

LOCAL_DEFAULT = "unix:///var/run/docker.sock"
PODMAN_LOCAL_DEFAULT = "unix:///run/podman/podman.sock"
_SCHEMES = ("unix", "tcp", "ssh", "npipe", "fd", "http", "https")
_LOCAL_SCHEMES = ("unix", "npipe", "fd")


@attrs.frozen
class Endpoint:
    """A parsed engine address.

    Attributes:
        url: The address as docker reads it (``unix:///…``, ``tcp://h:2376``, ``ssh://u@h``).
        scheme: One of unix, tcp, ssh, npipe, fd (http/https are read as tcp).
        hostname: The remote host for tcp/ssh, else None.
        source: Where the address came from (flag, DOCKER_HOST, context NAME, default).
    """

    url: str
    scheme: str
    hostname: str | None
    source: str = "default"

    @classmethod
    def parse(cls, url: str, source: str = "default") -> Endpoint:
        """Read a ``DOCKER_HOST``-style URL; reject schemes docker does not know."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _SCHEMES:
            raise InvalidOptionError(
                f"engine address {url!r} (from {source}) must start with one of "
                + ", ".join(f"{s}://" for s in _SCHEMES)
            )
        if scheme in ("http", "https"):
            scheme = "tcp"
        hostname = parts.hostname if scheme not in _LOCAL_SCHEMES else None
        return cls(url=url, scheme=scheme, hostname=hostname, source=source)

    @property
    def is_local(self) -> bool:
        """True when the engine runs on this machine (socket, pipe or fd)."""
        return self.scheme in _LOCAL_SCHEMES or self.hostname in ("localhost", "127.0.0.1", "::1")

    @property
    def published_host(self) -> str:
        """The host name where ports the engine publishes are reached from here."""
        if self.scheme in _LOCAL_SCHEMES or not self.hostname:
            return "localhost"
        return self.hostname


def current_context(env: Mapping[str, str], config_dir: str | None = None) -> str | None:
    """The context the CLI would use when neither flag nor DOCKER_HOST picks one."""
    if env.get("DOCKER_CONTEXT"):
        return env["DOCKER_CONTEXT"]
    base = config_dir or env.get("DOCKER_CONFIG") or os.path.join(env.get("HOME", "~"), ".docker")
    try:
        data = json.loads((Path(base).expanduser() / "config.json").read_text())
    except (OSError, ValueError):
        return None
    name = data.get("currentContext") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name else None


def resolve(
    *,
    host: str | None = None,
    context: str | None = None,
    config_dir: str | None = None,
    env: Mapping[str, str] | None = None,
    lookup_context: Callable[[str], str] | None = None,
    podman: bool = False,
) -> Endpoint:
    """The endpoint the CLI will use, by the CLI's own precedence (podman's when ``podman``)."""
    env = os.environ if env is None else env
    if host:
        return Endpoint.parse(host, "--host")
    if podman:
        return _podman(env)
    if context and context != "default":
        return _from_context(context, "--context", lookup_context)
    if env.get("DOCKER_HOST"):
        return Endpoint.parse(env["DOCKER_HOST"], "DOCKER_HOST")
    name = current_context(env, config_dir)
    if name and name != "default":
        return _from_context(name, f"context {name}", lookup_context)
    return Endpoint.parse(LOCAL_DEFAULT, "default")


def _podman(env: Mapping[str, str]) -> Endpoint:
    if env.get("CONTAINER_HOST"):
        return Endpoint.parse(env["CONTAINER_HOST"], "CONTAINER_HOST")
    return Endpoint.parse(PODMAN_LOCAL_DEFAULT, "default")


def _from_context(name: str, source: str, lookup: Callable[[str], str] | None) -> Endpoint:
    if lookup is None:
        raise InvalidOptionError(f"context {name!r} needs a lookup to find its endpoint")
    return Endpoint.parse(
        lookup(name), source if source.startswith("context") else f"context {name}"
    )


def published_host(endpoint: Endpoint, env: Mapping[str, str] | None = None) -> str:
    """Where published ports are reached: ``DOCKERCLI_HOST`` overrides the endpoint's host."""
    env = os.environ if env is None else env
    return env.get("DOCKERCLI_HOST") or endpoint.published_host
