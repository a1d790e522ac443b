"""dockercli: drive Docker through the ``docker`` command-line binary alone."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from dockercli.errors import (
    BuildError,
    ConflictError,
    ContainerStartError,
    DaemonUnreachableError,
    DockerError,
    DockerNotFoundError,
    DockerTimeoutError,
    InvalidOptionError,
    NoSuchContainerError,
    NoSuchImageError,
    NotFoundError,
    ParseError,
    StreamStalledError,
    UsageError,
    classify,
)
from dockercli.options import (
    BuildOptions,
    ClientOptions,
    ExecOptions,
    ImagesOptions,
    InspectOptions,
    KillOptions,
    LogsOptions,
    PortOptions,
    PsOptions,
    PullOptions,
    RestartOptions,
    RmiOptions,
    RmOptions,
    RunOptions,
    StartOptions,
    StopOptions,
    TagOptions,
    WaitOptions,
)
from dockercli.result import Completed
from dockercli.specs import Mount, Publish, TLSConfig, Ulimit

try:
    __version__ = version("dockercli")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"

__all__ = [
    "BuildError",
    "BuildOptions",
    "ClientOptions",
    "Completed",
    "ConflictError",
    "ContainerStartError",
    "DaemonUnreachableError",
    "DockerError",
    "DockerNotFoundError",
    "DockerTimeoutError",
    "ExecOptions",
    "ImagesOptions",
    "InspectOptions",
    "InvalidOptionError",
    "KillOptions",
    "LogsOptions",
    "Mount",
    "NoSuchContainerError",
    "NoSuchImageError",
    "NotFoundError",
    "ParseError",
    "PortOptions",
    "PsOptions",
    "Publish",
    "PullOptions",
    "RestartOptions",
    "RmOptions",
    "RmiOptions",
    "RunOptions",
    "StartOptions",
    "StopOptions",
    "StreamStalledError",
    "TLSConfig",
    "TagOptions",
    "Ulimit",
    "UsageError",
    "WaitOptions",
    "__version__",
    "classify",
]
