"""The exceptions dockercli raises; ``classify``, the one table of CLI error wordings; and
``failure``, the one place a finished command becomes an error (the runner calls it).

Every pattern below was checked against stderr recorded from real clients (docker 20.10,
docker 28 and podman 4; see ``tests/data/``). Add a wording here, with a recording, rather
than matching stderr anywhere else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from dockercli._shell import shell_line
from dockercli.result import Completed

if TYPE_CHECKING:  # models loads attrs: the error needs the class for its annotation only
    from dockercli.models import PortMapping

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

    @classmethod
    def told_as(cls: type[_E], error: DockerError, message: str = "") -> _E:
        """The same failed command as ``error``, raised as this class with this message."""
        return cls.from_completed(
            Completed(error.argv, error.returncode or 0, error.stdout, error.stderr), message
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
        text = _without_banner(self.stderr).strip()
        if text and not (self._derived and "\n" not in text):
            lines.append("  stderr: " + _capped(text).replace("\n", "\n          "))
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class UnsafeCopyError(DockerError, ValueError):
    """A container's archive (``copy_from``) would write outside the destination, or is
    not a tar stream: nothing was written."""

    hint = (
        "the container holds a path that points outside what was asked for (a link, '..'); "
        "copy a narrower path, or inspect the archive with `docker cp CONTAINER:PATH - | tar t`"
    )


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

    hint = (
        "it was removed (by `with`, --rm or a cleanup) or never existed: "
        "`docker ps -a` lists what is there"
    )


class NoSuchImageError(NotFoundError):
    """The engine has no such image (and, for run/create, could not pull it)."""

    hint = "build or pull the image first; no registry may be reachable from this engine"


class NoSuchNetworkError(NotFoundError):
    """The engine has no network of that name or ID."""

    hint = (
        "create it first (`docker network create NAME`), or check the name in `docker network ls`"
    )


class NoSuchVolumeError(NotFoundError):
    """The engine has no volume of that name."""

    hint = (
        "check the name in `docker volume ls`, or create it (`docker volume create NAME`); "
        "a `-v NAME:/path` mount creates a missing volume by itself"
    )


class ConflictError(DockerError):
    """The request conflicts with the engine's state (name in use, running, image in use)."""


class PortInUseError(ConflictError):
    """A host port the container publishes is already taken (by a container or a process)."""

    hint = (
        "publish without a host port (publish=[8080], `-p 8080`) and read the one the engine "
        "chose with Container.host_port(8080); or stop what holds the port "
        "(`docker ps --filter publish=PORT` finds a container), or pick another"
    )


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


class NotModelledError(DockerError):
    """The fake docker binary refused what it does not model (exit 125, its own
    ``fake docker: ...`` sentence): it never pretends to have done it."""

    hint = (
        "script it (README, 'Scripting containers': the fake.exec.* labels), or run this "
        "on a real engine"
    )


class DockerTimeoutError(DockerError, TimeoutError):
    """A command ran past its timeout and was killed with its process group."""


class StreamStalledError(DockerTimeoutError):
    """A live stream printed nothing for longer than its stall timeout."""


class InvalidOptionError(DockerError, ValueError):
    """An option value was rejected before any process started."""

    def _default_message(self) -> str:
        return ""  # no command ran: there is no stderr to take a message from


class ParseError(DockerError, ValueError):
    """CLI output did not have the shape a parser expects.

    Attributes:
        text: The text (possibly shortened) that could not be parsed.
    """

    def __init__(self, message: str, text: str = "") -> None:
        self.text = text
        super().__init__(f"{message}: {_capped(text, 200)!r}" if text else message)

    def _default_message(self) -> str:
        return ""  # the output is in ``text``, not in stderr


class NoPortMappingError(DockerError, LookupError):
    """No published port matches the request.

    Attributes:
        port, protocol, family: What was asked for.
        published: Every mapping there was to choose from.
    """

    def __init__(
        self,
        port: int | None,
        protocol: str | None,
        family: str,
        published: Sequence[PortMapping],
    ) -> None:
        self.port = port
        self.protocol = protocol
        self.family = family
        self.published = tuple(published)
        wanted = "any port" if port is None else f"port {port}"
        if protocol:
            wanted += f"/{protocol}"
        if family != "any":
            wanted += f" on {family}"
        listing = ", ".join(sorted(map(str, self.published))) or "nothing"
        super().__init__(f"no host port is published for {wanted}; published: {listing}")


# Wordings that come with advice of their own (a row's hint overrides its class's).
_RLIMIT = r"error setting rlimit type \d+: operation not permitted"
_SOCKET_DENIED = (
    r"permission denied while trying to connect to the Docker daemon socket"
    r"|dial unix \S+: connect: permission denied"
)
_CHILD_IMAGES = r"image has dependent child images"
_NET_NAME_TAKEN = r"network with name \S+ already exists|network name \S+ already used"
_NET_IN_USE = r"has active endpoints|network is being used"
_VOL_IN_USE = r"volume is in use|volume is being used"
_CP_MISSING = r"No such container:path: "
_VOL_NAME_TAKEN = r"volume with name \S+ already exists"
_NET_OVERLAP = r"Pool overlaps with other one|is already used on the host or by another config"
_NET_EXHAUSTED = r"non-overlapping IPv4 address pool|could not find free subnet"
_NO_GPU = r"could not select device driver \S* with capabilities: \[\[gpu\]\]"
_STORAGE_OPT = r"--storage-opt is supported only for|only supported for backingFS"
_RUNTIME = r"Unknown runtime specified|OCI runtime \"[^\"]+\" not found"
_OLD_ENGINE = r"requires API version \S+, but the Docker daemon API version is"
_NO_CAPS = r"unable to apply caps: operation not permitted"
_NO_DEVICE = r"error gathering device information|^(Error: )?stat /dev/\S*: no such file"
_PAUSED = r"is paused, unpause the container|You cannot remove a paused container|as it is paused"
_FIRST_MEMORY = r"Memory limit should be smaller than already set memoryswap limit"
_OCI_MESSAGE = r"messages are only compatible with the docker image format"
_EXPORT_PATH = r"invalid output path|^(Error: )?creating file \"[^\"]*\": open .*no such file"
_HINTS = {
    _PAUSED: "the container is paused: unpause() it first (remove(force=True) works paused)",
    _FIRST_MEMORY: (
        "the container has no memory limit yet, and docker's engine sets a first one only "
        "with a swap limit beside it: pass memory_swap too (-1 for unlimited swap)"
    ),
    _OCI_MESSAGE: "podman keeps a commit message only in docker's format: format='docker'",
    _EXPORT_PATH: "the directory of the output file must exist on this host",
    _NO_GPU: (
        "the engine has no GPU device driver: install the NVIDIA Container Toolkit on the "
        "engine's host (and restart dockerd), or leave gpus out"
    ),
    _STORAGE_OPT: (
        "a container size limit needs the engine's storage on xfs mounted with pquota: "
        "leave storage_opt out, or use a volume with a size-limited tmpfs"
    ),
    _RUNTIME: "the engine has no runtime of that name: `docker info` lists its runtimes",
    _OLD_ENGINE: (
        "the engine is older than this option needs: leave the option out, or use a "
        "docker client as old as the engine (`docker version` shows both)"
    ),
    _NO_CAPS: (
        "this engine may not grant the container what it asks for (privileged, cap_add): "
        "it runs unprivileged or in a restricted sandbox; leave those out"
    ),
    _NO_DEVICE: "the host has no such device: the path is on the engine's host, not this one",
    _NET_NAME_TAKEN: (
        "a network of that name exists: pick another name, or use that one "
        "(docker.network(NAME), whose `with` block never removes it)"
    ),
    _NET_IN_USE: (
        "containers are still on the network: disconnect them (Network.disconnect) or remove "
        "them first; a `with docker.create_network(...)` block does both for its own"
    ),
    _CP_MISSING: (
        "the container or the path in it does not exist (docker 20.10 says the same for "
        "both): check `docker ps -a` and the path"
    ),
    _VOL_IN_USE: (
        "containers use the volume, stopped ones too: remove them first (`docker ps -a "
        "--filter volume=NAME` lists them); dockercli never passes --force, which on podman "
        "removes those containers"
    ),
    _VOL_NAME_TAKEN: (
        "a volume of that name exists: pick another name, or use that one "
        "(docker.volume(NAME), whose `with` block never removes it)"
    ),
    _NET_OVERLAP: (
        "another network holds that subnet (`docker network inspect` shows theirs): pick "
        "another, or leave subnet out and let the engine choose one"
    ),
    _NET_EXHAUSTED: (
        "every default pool is taken: remove networks nobody uses (`docker network ls`), "
        "or give a subnet"
    ),
    _RLIMIT: (
        "podman may not raise the open-files limit here: write a containers.conf holding "
        "'[containers]' and 'default_ulimits = []', and point CONTAINERS_CONF at it "
        "(for dockercli alone: Docker(env={'CONTAINERS_CONF': PATH}))"
    ),
    _SOCKET_DENIED: (
        "this user may not open the engine's socket: add it to the socket's group (usually "
        "`docker`; log in again afterwards), or point DOCKER_HOST at an engine it may use"
    ),
    _CHILD_IMAGES: (
        "images built FROM it still need it: remove those first; removing it by tag instead "
        "of by ID only untags it"
    ),
}

# A line in which the daemon (or a registry) answered is never the engine being unreachable.
_ANSWERED = r"^(?!.*(Error response from daemon|initializing source|pinging container registry))"

# One table: (error class, pattern on stderr). First match wins, so the more specific
# wordings come first. Wordings differ by client: docker 20.10 ends sentences with "."
# and adds "See 'docker run --help'.", docker 28 does not; podman says "Error: ..." and
# uses its own phrases. tests/data/README.md lists the recorded failure of every command.
_WORDINGS: tuple[tuple[type[DockerError], str], ...] = (
    # The fake's own voice (it imitates each client's wordings for everything it models).
    (NotModelledError, r"^fake docker: "),
    (DaemonUnreachableError, _SOCKET_DENIED),
    (DaemonUnreachableError, r"Cannot connect to the Docker daemon at"),
    (DaemonUnreachableError, r"Is the docker daemon running\??"),
    (DaemonUnreachableError, r"error during connect"),
    (DaemonUnreachableError, r"Cannot connect to Podman"),
    (DaemonUnreachableError, r"unable to connect to Podman"),
    (
        DaemonUnreachableError,
        _ANSWERED + r".*dial (unix|tcp) [^:]*:.*connect: (connection refused|no such file)",
    ),
    (DaemonUnreachableError, r"\bssh: (connect to host|Could not resolve)"),
    (PortInUseError, r"port is already allocated"),
    (PortInUseError, r"(userland proxy|cannot listen on the \w+ port).*address already in use"),
    (UsageError, r"Cwd must be an absolute path"),  # exec --workdir relative: before OCI rows
    (ContainerStartError, _RLIMIT),  # podman without default_ulimits = []
    (ContainerStartError, _NO_CAPS),  # privileged in a sandbox that may not grant caps
    (ContainerStartError, r"OCI runtime (create|exec|start) failed"),
    (ContainerStartError, r"failed to create shim task"),
    (ContainerStartError, r"executable file .*not found in \$PATH"),
    (ContainerStartError, r"OCI runtime attempted to invoke a command that was not found"),
    (ContainerStartError, r"OCI permission denied"),
    (ContainerStartError, r"unable to find (user|group) "),
    (RemovalInProgressError, r"removal of container \S+ is already in progress"),
    (ConflictError, r"is already in use by container"),
    (ConflictError, r"container name \S+ is already in use"),
    (ConflictError, r"name \S+ already in use, cannot rename"),  # podman rename
    (ConflictError, _NET_NAME_TAKEN),
    (ConflictError, _NET_IN_USE),
    (ConflictError, _NET_OVERLAP),
    (ConflictError, _NET_EXHAUSTED),
    (ConflictError, _VOL_IN_USE),
    (ConflictError, _VOL_NAME_TAKEN),
    (UsageError, r"invalid characters for a local volume name|volume name is too short"),
    (UsageError, r"names must match \[a-zA-Z0-9\]"),  # podman volume create, rename
    (UsageError, r"Invalid container name \("),  # docker rename
    (UsageError, r"choose either one or more volumes or all"),  # podman volume rm
    (NotFoundError, r"error looking up volume plugin|no volume plugin with name"),
    (ConflictError, r"endpoint with name \S+ already exists in network"),
    (ConflictError, r"is already connected to network"),
    (ConflictError, r"is not connected to (the )?network"),
    (UsageError, r"network-scoped alias(es)? (is|are) (supported only|only supported)"),
    (UsageError, r"invalid CIDR address"),
    (UsageError, r"must have a corresponding subnet|cannot set gateway or range without subnet"),
    (UsageError, r"does not belong to any of this network's subnets|not in any subnet on"),
    (ConflictError, r"is a pre-defined network and cannot be removed"),
    (ConflictError, r"default network \S+ cannot be removed"),
    (ConflictError, r"cannot remove (a running container|container \S+ as it is running)"),
    (ConflictError, r"You cannot remove a running container"),
    (ConflictError, r"Stop the container before attempting removal"),
    (ConflictError, r"image is being used by (running|stopped) container"),
    (ConflictError, r"image (is in use|used by) .*container"),
    (ConflictError, _CHILD_IMAGES),
    (ConflictError, r"unable to (delete|remove) .*\(must (be )?forced?\)"),
    (ConflictError, r"is using its referenced image"),
    (ConflictError, _PAUSED),
    (ConflictError, r"is already paused|is not paused"),
    (ConflictError, r"top can only be used on running containers"),
    (ConflictError, r"is not running"),
    (ConflictError, r"is already running"),
    (ConflictError, r"container state improper"),  # podman: exec/kill/... in the wrong state
    (NotFoundError, _CP_MISSING),  # docker 20.10 words a missing container the same way
    (NotFoundError, r"could not be found on (container|the host)|Could not find the file"),
    (NotFoundError, r"must be a directory( when copying from stdin)?$"),
    (NotFoundError, r"^lstat \S+: no such file or directory"),  # docker cp: the host's path
    (NotFoundError, r"bind source path does not exist"),  # --mount type=bind
    (NotFoundError, _NO_DEVICE),  # --device of a path the engine's host lacks
    (UsageError, _NO_GPU),
    (UsageError, _STORAGE_OPT),
    (UsageError, _RUNTIME),
    (UsageError, _OLD_ENGINE),  # docker 28 --mac-address on an engine of API < 1.44
    (UsageError, r"Invalid isolation"),
    (UsageError, r"invalid (CGROUP|USER|PID) mode|Invalid IPC mode|unrecognized namespace mode"),
    (UsageError, r"sysctl '[^']*' is not (allowed|whitelisted)"),
    (UsageError, r"invalid --security-opt"),
    (UsageError, r"error looking up logging plugin|invalid log driver"),
    (UsageError, r"minimum memoryswap limit should be larger than memory limit"),
    (UsageError, r"should always set (the Memory|a memory) limit when using a? ?Memoryswap"),
    (UsageError, r"Renaming a container with the same name as its current name"),
    (UsageError, r"requested CPUs are not available"),
    (UsageError, r"range for oom score adj is"),
    (UsageError, r"user specified IP address is supported on user defined networks only"),
    (UsageError, r"invalid size: "),
    (UsageError, _FIRST_MEMORY),
    (UsageError, r"Range of CPUs is from|Minimum memory limit allowed is"),
    (UsageError, r"is not a valid change command|invalid change \"[^\"]*\" - invalid instruction"),
    (UsageError, _OCI_MESSAGE),
    (UsageError, r"you must provide one or more flags when using this command"),
    (NotFoundError, _EXPORT_PATH),
    (NotFoundError, r"\S+ not found: layer not known"),  # podman diff: container or image
    (NoSuchContainerError, r"No such container"),
    (NoSuchContainerError, r"container \"[^\"]+\" does not exist"),  # podman cp
    (NoSuchContainerError, r"no container with (name or ID|ID or name)"),
    (NoSuchImageError, r"No such image"),
    (NoSuchImageError, r"image not known"),
    (NoSuchImageError, r"Unable to find image"),
    (NoSuchImageError, r"pull access denied"),
    (NoSuchImageError, r"repository \S+ not found"),
    (NoSuchImageError, r"manifest unknown"),
    (NoSuchImageError, r"initializing source .*: (pinging|reading manifest)"),
    (NoSuchImageError, r"short-name .* did not resolve to an alias"),
    (NoSuchImageError, r"Get \"?https?://[^/\"\s]+/v2/"),  # docker pull: no registry there
    (NoSuchNetworkError, r"\bnetwork \S+ not found"),
    (NoSuchNetworkError, r"unable to find network with name or ID"),
    (NoSuchNetworkError, r"no such network"),
    (NoSuchVolumeError, r"no such volume"),
    (NoSuchVolumeError, r"no volume with name"),
    (NotFoundError, r"no such object"),
    (NotFoundError, r"No public port '[^']*' published for"),  # docker port C <unpublished>
    (NotFoundError, r"failed to find published port"),  # podman port C <unpublished>
    (NotFoundError, r"context \"[^\"]*\"(: context not found| does not exist)"),
    (UsageError, r"invalid reference format"),
    (UsageError, r"repository name must be lowercase"),
    (UsageError, r"port numbers must be between"),
    (UsageError, r"invalid (hostPort|containerPort|proto|port|argument|IP address|signal)"),
    (UsageError, r"invalid value for"),
    (UsageError, r"unable to interpret time value"),
    (UsageError, r"strconv\.Parse\w+: parsing \S+: invalid syntax"),
    (UsageError, r"invalid filter|unsupported \w+ filter|is an invalid filter"),
    (UsageError, r"template parsing error|^(Error: )?template: "),
    (UsageError, r"unknown (shorthand )?flag"),
    (UsageError, r"\brequires (at least |exactly |at most )?\d+ (and at most \d+ )?arg"),
    (UsageError, r"accepts (at most|no|\d+) arg"),
    (UsageError, r"requires at least one argument"),  # podman start
    (UsageError, r"you must (provide|supply) (at least one|a running container) name"),
    (UsageError, r"no names or ids specified"),
    (UsageError, r"specify at least one container name"),
    (UsageError, r"image name or ID must be specified"),
    (UsageError, r"requires a name, id, or the \"--latest\" flag"),
    (UsageError, r"must provide a non-empty command"),
    (UsageError, r"no context directory and no Containerfile specified"),
    (UsageError, r"^unknown command"),
    (UsageError, r"is not a docker command"),
    (UsageError, r"conflicting options"),
    (UsageError, r"No command specified"),
)

_Row = tuple[type[DockerError], "re.Pattern[str]", str]


@functools.cache
def _table() -> tuple[_Row, ...]:
    # Compiled on the first failure rather than at import: most runs never classify one.
    return tuple(
        (cls, re.compile(p, re.IGNORECASE | re.MULTILINE), _HINTS.get(p, ""))
        for cls, p in _WORDINGS
    )


# docker 28 prints this block on every legacy build, success or not: never the error.
_NOTICES = ("DEPRECATED", "Install the buildx", "https://docs.docker.com/go/buildx", "BuildKit is")
_BANNER = re.compile(
    r"^DEPRECATED: The legacy builder is deprecated[^\n]*\n(?:[ \t]+\S[^\n]*\n)*(?:[ \t]*\n)?",
    re.MULTILINE,
)


def _without_banner(stderr: str) -> str:
    return _BANNER.sub("", stderr) if "DEPRECATED" in stderr else stderr


def _first_error_line(stderr: str) -> str:
    for raw in stderr.splitlines():
        line = raw.strip()
        if line and not line.startswith(_NOTICES):
            return line
    return ""


# Global options whose value is a separate word (``podman --url URL ps``).
_GLOBAL_VALUES = frozenset(
    {"--url", "--connection", "--host", "-H", "--context", "-c", "--config", "--log-level", "-l"}
)


def _subcommand(argv: Sequence[str]) -> str:
    words = iter(argv[1:])
    for arg in words:
        if arg in _GLOBAL_VALUES:
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return ""


def _error_text(completed: Completed, command: str) -> str:
    """The text a failure is read from: stderr, plus where a client prints errors elsewhere."""
    text = completed.stderr
    if command == "exec" and completed.returncode in (126, 127):
        # `docker exec` prints its own start failures (126/127) on stdout, not stderr.
        return f"{text}\n{completed.stdout}"
    if command == "info" and "errors pretty printing info" in text:
        # docker 20.10's plain `info` puts the server's errors in its stdout report.
        found = [ln[7:] for ln in completed.stdout.splitlines() if ln.startswith("ERROR: ")]
        return "\n".join([*found, text])
    return text


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1 : None if end < 0 else end].strip()
    return line.removeprefix("* ")  # podman lists several failures as "* ..." lines


def _find(text: str, is_build: bool) -> tuple[_Row, str, bool] | None:
    """The first row of the table that matches, the line it matched and whether the rule
    for several objects chose it.

    A command given several objects (``rmi A B``, ``rm A B``) reports one failure per
    object: docker one line each, podman ``N errors occurred:`` and a ``* ...`` line each.
    When one of them is missing and another conflicts, the missing object wins: the error
    is the NotFoundError, and the conflict is in its message and stderr.
    """
    rows = _table()
    for row in rows:
        if is_build and row[0] not in (DaemonUnreachableError, UsageError):
            continue  # any other failure of a build is reported with its log
        match = row[1].search(text)
        if match is None:
            continue
        line = _line_at(text, match.start())
        if issubclass(row[0], ConflictError):
            for other in rows:
                found = other[1].search(text) if issubclass(other[0], NotFoundError) else None
                if found and _line_at(text, found.start()) != line:
                    return other, _line_at(text, found.start()), True
        return row, line, False
    return None


def classify(completed: Completed) -> DockerError:
    """Turn a failed command into the most precise :class:`DockerError` subclass."""
    command = _subcommand(completed.argv)
    is_build = command in ("build", "buildx")
    found = _find(_error_text(completed, command), is_build)
    if found is None:
        if is_build:
            failed = BuildError.from_completed(completed)
            failed.log = "\n".join(part for part in (completed.stdout, completed.stderr) if part)
            return failed
        return DockerError.from_completed(completed)
    (cls, _, hint), line, several = found
    message = "" if line == _first_error_line(completed.stderr) else _capped(line, 300)
    if several:
        message = f"{message or line} (and another object's failure: see stderr)"
    error = cls.from_completed(completed, message)
    if hint:
        error.hint = hint
    return error


def failure(
    path: Sequence[str], completed: Completed, ok_codes: Sequence[int]
) -> DockerError | None:
    """The error a finished command stands for, or None; the runner raises what this gives.

    An exit status outside ``ok_codes`` is read by :func:`classify`. A few commands say
    more than their status, and their rule (``_RULES``, by the command path's first word)
    reads them even when the status is accepted:

    - ``exec``, ``start`` and ``run`` (attached): a non-zero status is the container
      command's own, which a caller may accept; a failure docker itself reports still
      raises.
    - ``info``: docker 20.10 exits 0 when the engine cannot be reached, reporting it in
      the JSON's ``ServerErrors``.
    """
    if completed.returncode not in ok_codes:
        return classify(completed)
    rule = _RULES.get(path[0] if path else "")
    return None if rule is None else rule(completed)


def _dockers_own(completed: Completed) -> DockerError | None:
    # exec: docker's own start failures (126/127, printed on stdout) have table rows; a
    # status nothing in the table explains is the command's.
    if completed.returncode == 0:
        return None
    error = classify(completed)
    return None if type(error) is DockerError else error


def _attached_start(completed: Completed) -> DockerError | None:
    # start --attach: the container's own stderr comes first; docker's last lines say
    # when the container could not start at all (a port in use, no such command).
    status = completed.returncode
    said = "\n".join(completed.stderr.splitlines()[-3:])
    if status and (
        "Error response from daemon: " in said
        or (status in (125, 126, 127) and said.rpartition("\n")[2].startswith("Error: "))
    ):
        return classify(Completed(completed.argv, status, "", said + "\n"))
    return None


def _server_errors(completed: Completed) -> DockerError | None:
    if '"ServerErrors"' not in completed.stdout:
        return None
    import json  # noqa: PLC0415 - only info's rule needs it

    try:
        errors = json.loads(completed.stdout).get("ServerErrors")
    except (ValueError, AttributeError):
        return None  # the parser that reads the output says what is wrong with it
    if not errors:
        return None
    said = "\n".join(str(e) for e in errors)
    return classify(Completed(completed.argv, 1, completed.stdout, said))


_RULES: dict[str, Callable[[Completed], DockerError | None]] = {
    "exec": _dockers_own,
    "start": _attached_start,
    "run": _attached_start,  # run(input=): attached too (a detached run accepts only 0)
    "info": _server_errors,
}
