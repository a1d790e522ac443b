"""The exceptions dockercli raises, and ``classify``: the one table of CLI error wordings.

Every pattern below was checked against stderr recorded from real clients (docker 20.10,
docker 28 and podman 4; see ``tests/data/``). Add a wording here, with a recording, rather
than matching stderr anywhere else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TypeVar

from dockercli._shell import shell_line
from dockercli.result import Completed

_STDERR_CAP = 750
_E = TypeVar("_E", bound="DockerError")


def _capped(text: str, cap: int = _STDERR_CAP) -> str:
    text = text.strip()
    if len(text) <= cap:
        return text
    return f"{text[:cap]}... ({len(text) - cap} more chars)"


class DockerError(Exception):
    """A docker command failed.

    Attributes:
        argv: The command that ran (secret-free by construction).
        returncode: Its exit status, or None when it never finished.
        stdout: What it printed on stdout.
        stderr: What it printed on stderr.
    """

    hint: str = ""

    def __init__(
        self,
        message: str = "",
        *,
        argv: Sequence[str] = (),
        returncode: int | None = None,
        stdout: str = "",
        stderr: str = "",
    ) -> None:
        self.argv = tuple(argv)
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self._derived = not message
        self.message = message or self._default_message()
        super().__init__(self.message)

    @classmethod
    def from_completed(cls: type[_E], completed: Completed, message: str = "") -> _E:
        """Build the error for a finished command."""
        return cls(
            message,
            argv=completed.argv,
            returncode=completed.returncode,
            stdout=completed.stdout,
            stderr=completed.stderr,
        )

    def _default_message(self) -> str:
        return (
            _capped(_first_error_line(self.stderr), 300) or "the command failed with no error text"
        )

    def __str__(self) -> str:
        lines = [self.message]
        if self.argv:
            code = "" if self.returncode is None else f" (exit {self.returncode})"
            lines.append(f"  command: {shell_line(self.argv)}{code}")
        text = self.stderr.strip()
        if text and not (self._derived and "\n" not in text):
            lines.append("  stderr: " + _capped(self.stderr).replace("\n", "\n          "))
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class DockerNotFoundError(DockerError, FileNotFoundError):
    """The docker binary is not installed or not on PATH."""

    hint = "install the docker CLI, or pass Docker(binary=...) / set DOCKERCLI_BINARY"


class DaemonUnreachableError(DockerError, ConnectionError):
    """The CLI could not reach the engine."""

    hint = (
        "start the engine (or `make engine`), or point DOCKER_HOST / DOCKER_CONTEXT at one; "
        "`python -m dockercli doctor` shows what the CLI sees"
    )


class NotFoundError(DockerError, LookupError):
    """The engine has no object of that name or ID (or, for ``docker port C P``, no such
    published port: the container itself exists)."""


class NoSuchContainerError(NotFoundError):
    """The engine has no such container."""


class NoSuchImageError(NotFoundError):
    """The engine has no such image (and, for run/create, could not pull it)."""

    hint = "build or pull the image first; no registry may be reachable from this engine"


class ConflictError(DockerError):
    """The request conflicts with the engine's state (name in use, running, image in use)."""


class RemovalInProgressError(ConflictError):
    """Another caller (a cleanup, another thread) is already removing the container."""


class BuildError(DockerError):
    """``docker build`` failed.

    Attributes:
        log: The whole build output, stdout and stderr in arrival order.
    """

    log: str = ""


class UsageError(DockerError, ValueError):
    """The CLI rejected the arguments or values it was given."""


class ContainerStartError(DockerError):
    """The container's command could not be started (not found, not executable)."""


class ContainerExitedError(DockerError):
    """The container stopped while something waited for it to become ready."""


class DockerTimeoutError(DockerError, TimeoutError):
    """A command ran past its timeout and was killed with its process group."""


class StreamStalledError(DockerTimeoutError):
    """A live stream printed nothing for longer than its stall timeout."""


class InvalidOptionError(ValueError):
    """An option value was rejected before any process started."""


class ParseError(ValueError):
    """CLI output did not have the shape a parser expects.

    Attributes:
        text: The text (possibly shortened) that could not be parsed.
    """

    def __init__(self, message: str, text: str = "") -> None:
        self.text = text
        super().__init__(f"{message}: {_capped(text, 200)!r}" if text else message)


# One table: (error class, pattern on stderr). First match wins, so the more specific
# wordings come first. Wordings differ by client: docker 20.10 ends sentences with "."
# and adds "See 'docker run --help'.", docker 28 does not; podman says "Error: ..." and
# uses its own phrases.
_WORDINGS: tuple[tuple[type[DockerError], str], ...] = (
    (DaemonUnreachableError, r"Cannot connect to the Docker daemon at"),
    (DaemonUnreachableError, r"Is the docker daemon running\??"),
    (DaemonUnreachableError, r"error during connect"),
    (DaemonUnreachableError, r"Cannot connect to Podman"),
    (DaemonUnreachableError, r"unable to connect to Podman"),
    (
        DaemonUnreachableError,
        r"dial (unix|tcp) [^:]*:.*connect: (connection refused|no such file)",
    ),
    (DaemonUnreachableError, r"\bssh: (connect to host|Could not resolve)"),
    (ContainerStartError, r"OCI runtime (create|exec|start) failed"),
    (ContainerStartError, r"failed to create shim task"),
    (ContainerStartError, r"executable file .*not found in \$PATH"),
    (ContainerStartError, r"OCI runtime attempted to invoke a command that was not found"),
    (ContainerStartError, r"OCI permission denied"),
    (ContainerStartError, r"unable to find (user|group) "),
    (RemovalInProgressError, r"removal of container \S+ is already in progress"),
    (ConflictError, r"is already in use by container"),
    (ConflictError, r"container name \S+ is already in use"),
    (ConflictError, r"cannot remove (a running container|container \S+ as it is running)"),
    (ConflictError, r"You cannot remove a running container"),
    (ConflictError, r"Stop the container before attempting removal"),
    (ConflictError, r"image is being used by (running|stopped) container"),
    (ConflictError, r"image (is in use|used by) .*container"),
    (ConflictError, r"unable to (delete|remove) .*\(must (be )?forced?\)"),
    (ConflictError, r"is using its referenced image"),
    (ConflictError, r"image has dependent child images"),
    (ConflictError, r"is not running"),
    (ConflictError, r"is already running"),
    (ConflictError, r"container state improper"),  # podman: exec/kill/... in the wrong state
    (NoSuchContainerError, r"No such container"),
    (NoSuchContainerError, r"no container with (name or ID|ID or name)"),
    (NoSuchImageError, r"No such image"),
    (NoSuchImageError, r"image not known"),
    (NoSuchImageError, r"Unable to find image"),
    (NoSuchImageError, r"pull access denied"),
    (NoSuchImageError, r"repository \S+ not found"),
    (NoSuchImageError, r"manifest unknown"),
    (NoSuchImageError, r"initializing source .*: (pinging|reading manifest)"),
    (NoSuchImageError, r"short-name .* did not resolve to an alias"),
    (NotFoundError, r"No such object"),
    (NotFoundError, r"no such (object|network|volume)"),
    (NotFoundError, r"No public port '[^']*' published for"),  # docker port C <unpublished>
    (UsageError, r"invalid reference format"),
    (UsageError, r"repository name must be lowercase"),
    (UsageError, r"port numbers must be between"),
    (UsageError, r"invalid (hostPort|containerPort|proto|port|argument|IP address)"),
    (UsageError, r"unknown (shorthand )?flag"),
    (UsageError, r"\brequires (at least|exactly|at most) \d+ arguments?"),
    (UsageError, r"accepts (at most|no|\d+) arg"),
    (UsageError, r"^unknown command"),
    (UsageError, r"is not a docker command"),
    (UsageError, r"conflicting options"),
    (UsageError, r"No command specified"),
)


@functools.cache
def _table() -> tuple[tuple[type[DockerError], re.Pattern[str]], ...]:
    # Compiled on the first failure rather than at import: most runs never classify one.
    return tuple((cls, re.compile(p, re.IGNORECASE | re.MULTILINE)) for cls, p in _WORDINGS)


# docker 28 prints this block on every legacy build, success or not: never the error.
_NOTICES = ("DEPRECATED", "Install the buildx", "https://docs.docker.com/go/buildx", "BuildKit is")


def _first_error_line(stderr: str) -> str:
    for raw in stderr.splitlines():
        line = raw.strip()
        if line and not line.startswith(_NOTICES):
            return line
    return ""


def _subcommand(argv: Sequence[str]) -> str:
    for arg in argv[1:]:
        if not arg.startswith("-"):
            return arg
    return ""


def classify(completed: Completed) -> DockerError:
    """Turn a failed command into the most precise :class:`DockerError` subclass."""
    is_build = _subcommand(completed.argv) in ("build", "buildx")
    for cls, pattern in _table():
        if pattern.search(completed.stderr):
            if is_build and cls not in (DaemonUnreachableError, UsageError):
                continue  # any other failure of a build is reported with its log
            return cls.from_completed(completed)
    if is_build:
        error = BuildError.from_completed(completed)
        error.log = "\n".join(part for part in (completed.stdout, completed.stderr) if part)
        return error
    return DockerError.from_completed(completed)
