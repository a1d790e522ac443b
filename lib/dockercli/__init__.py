"""dockercli: drive Docker through the ``docker`` command-line binary alone."""

from __future__ import annotations

from typing import Any

from dockercli.cleanup import CleanupReport
from dockercli.container import Container
from dockercli.docker import Docker
from dockercli.errors import (
    BuildError,
    ConflictError,
    ContainerExitedError,
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
    RemovalInProgressError,
    StreamStalledError,
    UsageError,
    classify,
)
from dockercli.image import Image
from dockercli.models import (
    ContainerInfo,
    ContainerSummary,
    ImageInfo,
    ImageSummary,
    PortMapping,
    VersionInfo,
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
from dockercli.parsers import NoPortMappingError
from dockercli.result import Completed
from dockercli.specs import Mount, Publish, TLSConfig, Ulimit


def __getattr__(name: str) -> Any:
    # __version__ is looked up on first use: importlib.metadata alone costs ~80 ms of import.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("dockercli")
        except PackageNotFoundError:  # running from a checkout without installing
            return "0+unknown"
    raise AttributeError(f"module 'dockercli' has no attribute {name!r}")


__all__ = [
    "BuildError",
    "BuildOptions",
    "CleanupReport",
    "ClientOptions",
    "Completed",
    "ConflictError",
    "Container",
    "ContainerExitedError",
    "ContainerInfo",
    "ContainerStartError",
    "ContainerSummary",
    "DaemonUnreachableError",
    "Docker",
    "DockerError",
    "DockerNotFoundError",
    "DockerTimeoutError",
    "ExecOptions",
    "Image",
    "ImageInfo",
    "ImageSummary",
    "ImagesOptions",
    "InspectOptions",
    "InvalidOptionError",
    "KillOptions",
    "LogsOptions",
    "Mount",
    "NoPortMappingError",
    "NoSuchContainerError",
    "NoSuchImageError",
    "NotFoundError",
    "ParseError",
    "PortMapping",
    "PortOptions",
    "PsOptions",
    "Publish",
    "PullOptions",
    "RemovalInProgressError",
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
    "VersionInfo",
    "WaitOptions",
    "__version__",
    "classify",
]
