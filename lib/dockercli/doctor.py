"""``python -m dockercli doctor``: what the CLI sees, each check OK or FAIL with what to do."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from dockercli.docker import Docker
from dockercli.endpoint import resolve
from dockercli.errors import (
    DaemonUnreachableError,
    DockerError,
    DockerNotFoundError,
    ParseError,
)
from dockercli.models import VersionInfo


@attrs.frozen
class Check:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        """``OK   name: detail`` or ``FAIL name: detail -> fix``."""
        text = f"{'OK  ' if self.ok else 'FAIL'} {self.name}: {self.detail}"
        return f"{text}\n     -> {self.fix}" if self.fix and not self.ok else text


def _endpoint_fix(docker: Docker) -> str:
    source = docker.endpoint.source
    if docker.is_podman_binary:
        return (
            f"podman at {docker.endpoint.url} (from {source}) does not answer: start it, or "
            "set CONTAINER_HOST (or --host) to a podman service that runs"
        )
    if source == "DOCKER_HOST":
        return (
            f"DOCKER_HOST={docker.endpoint.url} does not answer: "
            "start that engine, or fix or unset DOCKER_HOST"
        )
    if source.startswith("context") or source == "--context":
        return (
            f"the context's engine ({docker.endpoint.url}) does not answer: "
            "check DOCKER_CONTEXT and `docker context ls`"
        )
    return (
        "no engine at the local socket: start one (`make engine` as root) and set "
        "DOCKER_HOST, or set DOCKER_CONTEXT"
    )


def _endpoint_settings(docker: Docker) -> str:
    return "CONTAINER_HOST / --host" if docker.is_podman_binary else "DOCKER_HOST / DOCKER_CONTEXT"


def _published_ports(docker: Docker, version: VersionInfo, env: Mapping[str, str]) -> Check:
    host = docker.published_host
    if version.is_podman and not docker.is_podman_binary and not env.get("DOCKERCLI_HOST"):
        # podman behind another name (a `docker` wrapper script): dockercli followed docker's
        # endpoint settings, which podman ignores; wrong only where the two disagree
        podman_host = resolve(host=docker.options.host, env=env, podman=True).published_host
        if podman_host != host:
            return Check(
                "published ports",
                False,
                f"{docker.binary_path} is podman under another name: ports are on "
                f"{podman_host}, but docker's settings say {host}",
                f"set DOCKERCLI_HOST={podman_host}",
            )
    return Check("published ports", True, f"reached at {host}")


def _builder(docker: Docker, version: VersionInfo, env: Mapping[str, str]) -> str:
    if version.is_podman:
        return "buildah (podman)"
    flag = env.get("DOCKER_BUILDKIT")
    if flag == "0":
        return "legacy builder (DOCKER_BUILDKIT=0)"
    if flag == "1":
        return "BuildKit (DOCKER_BUILDKIT=1)"
    major = int(version.client_version.split(".")[0]) if version.client_version[:1].isdigit() else 0
    if major >= 23:
        try:
            docker.call(subcommand=("buildx", "version"), timeout=10)
        except DockerError:
            return "legacy builder (no buildx plugin; docker prints a DEPRECATED notice)"
        return "BuildKit (buildx)"
    return "legacy builder (set DOCKER_BUILDKIT=1 for BuildKit)"


def _fake(path: str, version: VersionInfo) -> Check:
    detail = (
        f"this is dockercli's fake docker (fakes/docker at {path}), not an engine; "
        "no socket is checked"
    )
    if version.server_version is None and not version.is_podman:
        return Check(
            "fake",
            False,
            f"{detail}; it plays an unreachable daemon",
            "a FAKE_DOCKER_FAULTS rule asks it to: unset FAKE_DOCKER_FAULTS",
        )
    return Check("fake", True, detail)


def _engine(docker: Docker, path: str, version: VersionInfo) -> Check:
    if version.is_fake:  # never claim an engine the fake does not have
        return _fake(path, version)
    if version.server_version is None and not version.is_podman:
        try:
            version = docker.version()
        except DaemonUnreachableError as error:
            return Check("engine", False, f"unreachable: {error.message}", _endpoint_fix(docker))
        except ParseError:
            raise  # dockercli could not read the answer: its fault, not the engine's
        except DockerError as error:
            return Check("engine", False, error.message, _endpoint_fix(docker))
    kind = "podman" if version.is_podman else "docker"
    api = f", API {version.api_version}" if version.api_version else ""
    return Check("engine", True, f"{kind} engine {version.server_version or 'local'}{api}")


def _binary_fix(binary: str, env: Mapping[str, str]) -> str:
    """What to do about a binary that cannot be run: the setting that chose it, and why."""
    if env.get("DOCKERCLI_BINARY") == binary:
        setting, todo = f"DOCKERCLI_BINARY={binary}", "fix or unset DOCKERCLI_BINARY"
    elif binary != "docker":
        setting, todo = binary, "pass the path of a docker CLI"
    else:
        return "install the docker CLI or set DOCKERCLI_BINARY"
    if os.sep not in binary:
        return f"{setting} is not on PATH: {todo}, or add its directory to PATH"
    if not os.path.exists(binary):
        return f"{setting} does not exist: {todo}"
    return f"{setting} is not an executable file: {todo}"


def _reapers() -> str:
    """The reapers running on this machine: each one's client, alive or gone (its reaper
    is then sweeping what the client left)."""
    from dockercli import reaper  # noqa: PLC0415 - loaded on first use
    from dockercli.testing._proc import is_running  # noqa: PLC0415

    found = reaper.alive()
    if not found:
        return "none running"
    each = [
        f"pid {pid} for client {parent} ({'alive' if is_running(parent) else 'gone: sweeping'})"
        for pid, parent, _ in found
    ]
    return f"{len(found)} running: " + ", ".join(each)


def diagnose(docker: Docker) -> list[Check]:
    """Run every check; never raises for a docker failure."""
    env = {**os.environ, **docker.env}
    checks: list[Check] = []
    try:
        path = docker.binary_path
    except DockerNotFoundError as error:
        return [Check("binary", False, error.message, _binary_fix(docker.options.binary, env))]
    try:
        endpoint = docker.endpoint
    except (DockerError, ValueError) as error:
        return [
            Check("binary", True, path),
            Check("endpoint", False, str(error), f"fix {_endpoint_settings(docker)}"),
        ]
    try:
        version = docker.version(require_server=False)
    except ParseError:
        raise  # dockercli could not read the answer: its fault, not the binary's
    except DockerError as error:
        return [Check("binary", False, f"{path}: {error.message}", "is this a docker CLI?")]
    kind = "podman" if version.is_podman else "docker"
    fake = "fake " if version.is_fake else ""
    checks.append(Check("binary", True, f"{path} ({fake}{kind} {version.client_version})"))
    checks.append(Check("endpoint", True, f"{endpoint.url} (from {endpoint.source})"))
    tls = bool(docker.options.tls) or env.get("DOCKER_TLS_VERIFY", "") not in ("", "0")
    checks.append(Check("tls", True, "in use" if tls else "not in use"))
    checks.append(Check("reapers", True, _reapers()))
    engine = _engine(docker, path, version)
    checks.append(engine)
    if not engine.ok:
        return checks
    checks.append(_published_ports(docker, version, env))
    checks.append(Check("builder", True, _builder(docker, version, env)))
    return checks
