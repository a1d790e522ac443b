"""``python -m dockercli doctor``: what the CLI sees, each check OK or FAIL with what to do."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from dockercli.docker import Docker
from dockercli.errors import DaemonUnreachableError, DockerError, DockerNotFoundError
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
            docker.call(("buildx", "version"), timeout=10)
        except DockerError:
            return "legacy builder (no buildx plugin; docker prints a DEPRECATED notice)"
        return "BuildKit (buildx)"
    return "legacy builder (set DOCKER_BUILDKIT=1 for BuildKit)"


def diagnose(docker: Docker) -> list[Check]:
    """Run every check; never raises for a docker failure."""
    env = {**os.environ, **docker.env}
    checks: list[Check] = []
    try:
        path = docker.binary_path
    except DockerNotFoundError as error:
        return [
            Check("binary", False, error.message, "install the docker CLI or set DOCKERCLI_BINARY")
        ]
    try:
        endpoint = docker.endpoint
    except (DockerError, ValueError) as error:
        return [
            Check("binary", True, path),
            Check("endpoint", False, str(error), "fix DOCKER_HOST / DOCKER_CONTEXT"),
        ]
    try:
        version = docker.version(require_server=False)
    except DockerError as error:
        return [Check("binary", False, f"{path}: {error.message}", "is this a docker CLI?")]
    kind = "podman" if version.is_podman else "docker"
    checks.append(Check("binary", True, f"{path} ({kind} {version.client_version})"))
    if version.is_podman:  # podman reads CONTAINER_HOST / --url, not DOCKER_HOST
        where = env.get("CONTAINER_HOST") or "local podman (no CONTAINER_HOST)"
        checks.append(Check("endpoint", True, where))
    else:
        checks.append(Check("endpoint", True, f"{endpoint.url} (from {endpoint.source})"))
    tls = bool(docker.options.tls) or env.get("DOCKER_TLS_VERIFY", "") not in ("", "0")
    checks.append(Check("tls", True, "in use" if tls else "not in use"))
    if version.server_version is None and not version.is_podman:
        try:
            docker.version()
        except DaemonUnreachableError as error:
            checks.append(
                Check("engine", False, f"unreachable: {error.message}", _endpoint_fix(docker))
            )
        except DockerError as error:
            checks.append(Check("engine", False, error.message, _endpoint_fix(docker)))
        return checks
    api = f", API {version.api_version}" if version.api_version else ""
    checks.append(Check("engine", True, f"{kind} engine {version.server_version or 'local'}{api}"))
    checks.append(Check("published ports", True, f"reached at {docker.published_host}"))
    checks.append(Check("builder", True, _builder(docker, version, env)))
    return checks
