"""dockercli: drive Docker through the ``docker`` command-line binary alone.

Every public name is importable from here. ``import dockercli`` itself loads none of the
submodules: each name's module is imported the first time the name is looked up (PEP 562),
so a script or CLI that imports the package pays for attrs and the option classes only when
it uses them.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing alone is ~10 ms, and type checkers treat any
# constant of this name the same way.
TYPE_CHECKING = False

# Public name -> the submodule that defines it: the one list the lazy lookup reads.
_EXPORTS: dict[str, str] = {
    # dockercli.errors
    "BuildError": "errors",
    "classify": "errors",
    "ConflictError": "errors",
    "ContainerExitedError": "errors",
    "ContainerStartError": "errors",
    "DaemonUnreachableError": "errors",
    "DockerError": "errors",
    "DockerNotFoundError": "errors",
    "DockerTimeoutError": "errors",
    "InvalidOptionError": "errors",
    "NoPortMappingError": "errors",
    "NoSuchContainerError": "errors",
    "NoSuchImageError": "errors",
    "NoSuchNetworkError": "errors",
    "NoSuchVolumeError": "errors",
    "NotFoundError": "errors",
    "NotModelledError": "errors",
    "ParseError": "errors",
    "PortInUseError": "errors",
    "RemovalInProgressError": "errors",
    "StreamStalledError": "errors",
    "UnsafeCopyError": "errors",
    "UsageError": "errors",
    # dockercli.models
    # <generated package-models>
    "ContainerInfo": "models",
    "ContainerStats": "models",
    "ContainerSummary": "models",
    "FileChange": "models",
    "ImageInfo": "models",
    "ImageSummary": "models",
    "MountPoint": "models",
    "NetworkEndpoint": "models",
    "NetworkInfo": "models",
    "NetworkMember": "models",
    "NetworkSummary": "models",
    "PortMapping": "models",
    "Process": "models",
    "Subnet": "models",
    "VersionInfo": "models",
    "VolumeInfo": "models",
    # </generated>
    # dockercli.options
    # <generated package-options>
    "BuildOptions": "options",
    "ClientOptions": "options",
    "CommitOptions": "options",
    "ContainerInspectOptions": "options",
    "ContextInspectOptions": "options",
    "CpOptions": "options",
    "DiffOptions": "options",
    "ExecOptions": "options",
    "ExportOptions": "options",
    "ImageInspectOptions": "options",
    "ImagesOptions": "options",
    "InfoOptions": "options",
    "InspectOptions": "options",
    "KillOptions": "options",
    "LogsOptions": "options",
    "NetworkConnectOptions": "options",
    "NetworkDisconnectOptions": "options",
    "NetworkInspectOptions": "options",
    "NetworkLsOptions": "options",
    "NetworkOptions": "options",
    "NetworkRmOptions": "options",
    "PauseOptions": "options",
    "PortOptions": "options",
    "PsOptions": "options",
    "PullOptions": "options",
    "RenameOptions": "options",
    "RestartOptions": "options",
    "RmOptions": "options",
    "RmiOptions": "options",
    "RunOptions": "options",
    "StartOptions": "options",
    "StatsOptions": "options",
    "StopOptions": "options",
    "TagOptions": "options",
    "TopOptions": "options",
    "UnpauseOptions": "options",
    "UpdateOptions": "options",
    "VersionOptions": "options",
    "VolumeInspectOptions": "options",
    "VolumeLsOptions": "options",
    "VolumeOptions": "options",
    "VolumeRmOptions": "options",
    "WaitOptions": "options",
    # </generated>
    # dockercli.specs
    "BindMount": "specs",
    "Mount": "specs",
    "TmpfsMount": "specs",
    "VolumeMount": "specs",
    "Publish": "specs",
    "TLSConfig": "specs",
    "Ulimit": "specs",
    # dockercli.result
    "Completed": "result",
    # dockercli._argv
    "Invocation": "_argv",
    # dockercli.parsers
    "build_image_id": "parsers",
    "port_mappings": "parsers",
    "ports_from_inspect": "parsers",
    # dockercli.docker
    "Docker": "docker",
    # dockercli.session
    "Session": "session",
    # dockercli.container
    "Container": "container",
    # dockercli.image
    "Image": "image",
    # dockercli.network
    "Network": "network",
    # dockercli.volume
    "Volume": "volume",
    # dockercli.cleanup
    "CleanupReport": "cleanup",
}

# The submodules, reachable as attributes (``dockercli.parsers``) as they were when this
# package imported them all eagerly.
_SUBMODULES = frozenset(
    {
        "cleanup",
        "cli",
        "container",
        "docker",
        "doctor",
        "endpoint",
        "errors",
        "image",
        "legacy",
        "models",
        "network",
        "options",
        "ownership",
        "parsers",
        "progress",
        "reaper",
        "result",
        "runner",
        "session",
        "specs",
        "waits",
        "testing",
        "volume",
        "fake",
    }
)

if TYPE_CHECKING:  # the same names, spelled out for type checkers and IDEs
    __version__: str
    from dockercli._argv import Invocation as Invocation
    from dockercli.cleanup import CleanupReport as CleanupReport
    from dockercli.container import Container as Container
    from dockercli.docker import Docker as Docker
    from dockercli.errors import (
        BuildError as BuildError,
        ConflictError as ConflictError,
        ContainerExitedError as ContainerExitedError,
        ContainerStartError as ContainerStartError,
        DaemonUnreachableError as DaemonUnreachableError,
        DockerError as DockerError,
        DockerNotFoundError as DockerNotFoundError,
        DockerTimeoutError as DockerTimeoutError,
        InvalidOptionError as InvalidOptionError,
        NoPortMappingError as NoPortMappingError,
        NoSuchContainerError as NoSuchContainerError,
        NoSuchImageError as NoSuchImageError,
        NoSuchNetworkError as NoSuchNetworkError,
        NoSuchVolumeError as NoSuchVolumeError,
        NotFoundError as NotFoundError,
        NotModelledError as NotModelledError,
        ParseError as ParseError,
        PortInUseError as PortInUseError,
        RemovalInProgressError as RemovalInProgressError,
        StreamStalledError as StreamStalledError,
        UnsafeCopyError as UnsafeCopyError,
        UsageError as UsageError,
        classify as classify,
    )
    from dockercli.image import Image as Image
    from dockercli.models import (
        # <generated package-models-imports>
        ContainerInfo as ContainerInfo,
        ContainerStats as ContainerStats,
        ContainerSummary as ContainerSummary,
        FileChange as FileChange,
        ImageInfo as ImageInfo,
        ImageSummary as ImageSummary,
        MountPoint as MountPoint,
        NetworkEndpoint as NetworkEndpoint,
        NetworkInfo as NetworkInfo,
        NetworkMember as NetworkMember,
        NetworkSummary as NetworkSummary,
        PortMapping as PortMapping,
        Process as Process,
        Subnet as Subnet,
        VersionInfo as VersionInfo,
        VolumeInfo as VolumeInfo,
        # </generated>
    )
    from dockercli.network import Network as Network
    from dockercli.options import (
        # <generated package-options-imports>
        BuildOptions as BuildOptions,
        ClientOptions as ClientOptions,
        CommitOptions as CommitOptions,
        ContainerInspectOptions as ContainerInspectOptions,
        ContextInspectOptions as ContextInspectOptions,
        CpOptions as CpOptions,
        DiffOptions as DiffOptions,
        ExecOptions as ExecOptions,
        ExportOptions as ExportOptions,
        ImageInspectOptions as ImageInspectOptions,
        ImagesOptions as ImagesOptions,
        InfoOptions as InfoOptions,
        InspectOptions as InspectOptions,
        KillOptions as KillOptions,
        LogsOptions as LogsOptions,
        NetworkConnectOptions as NetworkConnectOptions,
        NetworkDisconnectOptions as NetworkDisconnectOptions,
        NetworkInspectOptions as NetworkInspectOptions,
        NetworkLsOptions as NetworkLsOptions,
        NetworkOptions as NetworkOptions,
        NetworkRmOptions as NetworkRmOptions,
        PauseOptions as PauseOptions,
        PortOptions as PortOptions,
        PsOptions as PsOptions,
        PullOptions as PullOptions,
        RenameOptions as RenameOptions,
        RestartOptions as RestartOptions,
        RmiOptions as RmiOptions,
        RmOptions as RmOptions,
        RunOptions as RunOptions,
        StartOptions as StartOptions,
        StatsOptions as StatsOptions,
        StopOptions as StopOptions,
        TagOptions as TagOptions,
        TopOptions as TopOptions,
        UnpauseOptions as UnpauseOptions,
        UpdateOptions as UpdateOptions,
        VersionOptions as VersionOptions,
        VolumeInspectOptions as VolumeInspectOptions,
        VolumeLsOptions as VolumeLsOptions,
        VolumeOptions as VolumeOptions,
        VolumeRmOptions as VolumeRmOptions,
        WaitOptions as WaitOptions,
        # </generated>
    )
    from dockercli.parsers import (
        build_image_id as build_image_id,
        port_mappings as port_mappings,
        ports_from_inspect as ports_from_inspect,
    )
    from dockercli.result import Completed as Completed
    from dockercli.session import Session as Session
    from dockercli.specs import (
        BindMount as BindMount,
        Mount as Mount,
        Publish as Publish,
        TLSConfig as TLSConfig,
        TmpfsMount as TmpfsMount,
        Ulimit as Ulimit,
        VolumeMount as VolumeMount,
    )
    from dockercli.volume import Volume as Volume


def _submodule(name: str) -> object:
    # __import__ rather than importlib.import_module: the fake, run under -S, imports this
    # package for dockercli.fake and should not pay for importlib.
    return __import__(f"dockercli.{name}", fromlist=("_",))


def __getattr__(name: str) -> object:
    if name == "__version__":
        # importlib.metadata alone costs ~80 ms of import.
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("dockercli")
        except PackageNotFoundError:  # running from a checkout without installing
            return "0+unknown"
    if name in _EXPORTS:
        value = getattr(_submodule(_EXPORTS[name]), name)
    elif name in _SUBMODULES:
        value = _submodule(name)
    else:
        raise AttributeError(f"module 'dockercli' has no attribute {name!r}")
    globals()[name] = value  # looked up once; later lookups never reach __getattr__
    return value


def __dir__() -> list[str]:
    # what completion should offer: the public names and submodules, not this file's helpers
    return sorted({*globals(), *_EXPORTS, *_SUBMODULES, "__version__"} - {"TYPE_CHECKING"})


# Built from _EXPORTS so the list is written once; type checkers read the explicit
# ``X as X`` re-exports above instead.
__all__ = [*sorted(_EXPORTS), "__version__"]  # noqa: PLE0604
