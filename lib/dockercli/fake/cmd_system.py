"""``version``, ``info``, ``context inspect``, and what each prints when the daemon is down."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import dialect, jsonio, model, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


# Client.Platform.Name (and Server.Platform.Name) of every ``version`` the fake prints: real
# clients print their packager's name there ("Docker Engine - Community") or "", never this;
# dockercli.models.VersionInfo.is_fake reads it.
FAKE_PLATFORM = "dockercli fake docker"
_MARK = {"Platform": {"Name": FAKE_PLATFORM}}
_CLIENT28 = {
    "Version": "28.2.2",
    "ApiVersion": "1.41",
    "DefaultAPIVersion": "1.50",
    "GitCommit": "e6534b4",
    "GoVersion": "go1.24.3",
    "Os": "linux",
    "Arch": "amd64",
    "BuildTime": "Fri May 30 12:07:14 2025",
    "Context": "default",
}
_CLIENT20 = {
    "Platform": {"Name": ""},
    "Version": "20.10.24+dfsg1",
    "ApiVersion": "1.41",
    "DefaultAPIVersion": "1.41",
    "GitCommit": "297e128",
    "GoVersion": "go1.19.8",
    "Os": "linux",
    "Arch": "amd64",
    "BuildTime": "Thu May  7 21:09:36 2026",
    "Context": "default",
    "Experimental": True,
}
_PODMAN = {
    "APIVersion": "4.3.1",
    "Version": "4.3.1",
    "GoVersion": "go1.19.8",
    "GitCommit": "",
    "BuiltTime": "Thu Jan  1 00:00:00 1970",
    "Built": 0,
    "OsArch": "linux/amd64",
    "Os": "linux",
}
_KERNEL = "6.18.44-fc-v595"
_SERVER = {
    "Platform": {"Name": FAKE_PLATFORM},
    "Components": [
        {
            "Name": "Engine",
            "Version": dialect.SERVER_VERSION,
            "Details": {
                "ApiVersion": "1.41",
                "Arch": "amd64",
                "BuildTime": "Thu May  7 21:09:36 2026",
                "Experimental": "false",
                "GitCommit": "5d6db84",
                "GoVersion": "go1.19.8",
                "KernelVersion": _KERNEL,
                "MinAPIVersion": "1.12",
                "Os": "linux",
            },
        },
        {
            "Name": "containerd",
            "Version": "1.6.20~ds1",
            "Details": {"GitCommit": "1.6.20~ds1-1+deb12u3"},
        },
        {"Name": "runc", "Version": "1.1.5+ds1", "Details": {"GitCommit": "1.1.5+ds1-1+deb12u1"}},
        {"Name": "docker-init", "Version": "0.19.0", "Details": {"GitCommit": ""}},
    ],
    "Version": dialect.SERVER_VERSION,
    "ApiVersion": "1.41",
    "MinAPIVersion": "1.12",
    "GitCommit": "5d6db84",
    "GoVersion": "go1.19.8",
    "Os": "linux",
    "Arch": "amd64",
    "KernelVersion": _KERNEL,
    "BuildTime": "2026-05-07T21:09:36.000000000+00:00",
}


def _client_doc(c: Ctx) -> dict[str, Any]:
    return _CLIENT28 if c.d.api_types > (1, 41) else _CLIENT20


def _client(c: Ctx, *, up: bool) -> dict[str, Any]:
    # docker prints Platform first (docker 28 omits it when its packager set no name)
    base = _client_doc(c)
    client = {**_MARK, **{k: v for k, v in base.items() if k != "Platform"}}
    if not up:  # nothing to negotiate with: the client's own API version
        client["ApiVersion"] = base["DefaultAPIVersion"]
    return client


def _client_text(c: Ctx, *, up: bool) -> str:
    cl = _client(c, up=up)
    api = cl["ApiVersion"]
    if up and api != cl["DefaultAPIVersion"]:
        api = f"{api} (downgraded from {cl['DefaultAPIVersion']})"
    text = (
        f"Client: {FAKE_PLATFORM}\n"
        f" Version:           {cl['Version']}\n API version:       {api}\n"
        f" Go version:        {cl['GoVersion']}\n Git commit:        {cl['GitCommit']}\n"
        f" Built:             {cl['BuildTime']}\n OS/Arch:           linux/amd64\n"
        f" Context:           {cl['Context']}\n"
    )
    if cl.get("Experimental"):
        text += " Experimental:      true\n"
    return text


def _format(c: Ctx, value: Any, name: str = "") -> str:
    """Render ``value`` with ``--format`` (docker's ``{{json .}}`` shortcut included)."""
    from dockercli.fake import template

    fmt = str(c.flag("format"))
    if c.d.prints_json(fmt):
        return jsonio.dumps(value, "    ") + "\n"
    try:
        return template.Template(fmt, name).render(value) + "\n"
    except template.TemplateError as exc:
        raise c.d.template_error(c.path, exc) from None


def podman_version(c: Ctx) -> int:
    """``podman version``."""
    client = {**_MARK, **_PODMAN}  # podman has no Platform: the marker is an extra key
    if c.d.prints_json(c.flag("format")):
        c.io.out(jsonio.dumps({"Client": client}) + "\n")
    elif c.flag("format") is not None:
        c.io.out(_format(c, {"Client": client}, "version"))
    else:
        c.io.out(
            "Client:       Podman Engine\nVersion:      4.3.1\nAPI Version:  4.3.1\n"
            "Go Version:   go1.19.8\nBuilt:        Thu Jan  1 00:00:00 1970\n"
            "OS/Arch:      linux/amd64\n"
        )
    return 0


def version(c: Ctx) -> int:
    """``docker version``."""
    if c.flag("format") is not None:
        c.io.out(_format(c, {"Client": _client(c, up=True), "Server": _SERVER}, "version"))
        return 0
    engine = _SERVER["Components"][0]["Details"]  # type: ignore[index]
    c.io.out(
        _client_text(c, up=True) + f"\nServer: {FAKE_PLATFORM}\n Engine:\n"
        f"  Version:          {dialect.SERVER_VERSION}\n"
        "  API version:      1.41 (minimum version 1.12)\n"
        f"  Go version:       {engine['GoVersion']}\n  Git commit:       {engine['GitCommit']}\n"
        f"  Built:            {engine['BuildTime']}\n  OS/Arch:          linux/amd64\n"
        "  Experimental:     false\n containerd:\n  Version:          1.6.20~ds1\n"
        "  GitCommit:        1.6.20~ds1-1+deb12u3\n runc:\n  Version:          1.1.5+ds1\n"
        "  GitCommit:        1.1.5+ds1-1+deb12u1\n docker-init:\n  Version:          0.19.0\n"
        "  GitCommit:        \n"
    )
    return 0


def _counts(c: Ctx) -> tuple[int, int, int, int, int]:
    """Containers: all, running (not paused), paused, stopped; and images."""
    state = store.load(c.state_dir)
    containers = model.view(state, store.now_ns())
    paused = sum(1 for x in containers.values() if model.paused(x))
    running = sum(1 for x in containers.values() if x["status"] == "running") - paused
    stopped = len(containers) - running - paused
    return len(containers), running, paused, stopped, len(state["images"])


def _info_json(c: Ctx) -> dict[str, Any]:
    total, running, paused, stopped, images = _counts(c)
    info: dict[str, Any] = {
        "ID": "AKJ3:VQTM:NIVE:W46K:67OD:5ZJR:PBSQ:ZX7H:L4AR:NQBM:NVOM:5ANI",
        "Containers": total,
        "ContainersRunning": running,
        "ContainersPaused": paused,
        "ContainersStopped": stopped,
        "Images": images,
        "Driver": "overlay2",
        "DriverStatus": [
            ["Backing Filesystem", "extfs"],
            ["Supports d_type", "true"],
            ["Native Overlay Diff", "true"],
            ["userxattr", "false"],
        ],
        "Plugins": {
            "Volume": ["local"],
            "Network": ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
            "Authorization": None,
            "Log": [
                "awslogs",
                "fluentd",
                "gcplogs",
                "gelf",
                "journald",
                "json-file",
                "local",
                "logentries",
                "splunk",
                "syslog",
            ],
        },
        "MemoryLimit": True,
        "SwapLimit": True,
        "KernelMemory": True,
        "KernelMemoryTCP": True,
        "CpuCfsPeriod": True,
        "CpuCfsQuota": True,
        "CPUShares": True,
        "CPUSet": True,
        "PidsLimit": True,
        "IPv4Forwarding": True,
    }
    modern = c.d.api_types > (1, 41)  # docker 28's API types (1.50) against 20.10's (1.41)
    if not modern:
        info.update({"BridgeNfIptables": True, "BridgeNfIp6tables": True})
    registry: dict[str, Any] = (
        {
            "IndexConfigs": {
                "docker.io": {"Mirrors": [], "Name": "docker.io", "Official": True, "Secure": True}
            },
            "InsecureRegistryCIDRs": ["127.0.0.0/8"],
            "Mirrors": [],
        }
        if modern
        else {
            "AllowNondistributableArtifactsCIDRs": [],
            "AllowNondistributableArtifactsHostnames": [],
            "InsecureRegistryCIDRs": ["127.0.0.0/8"],
            "IndexConfigs": {
                "docker.io": {"Name": "docker.io", "Mirrors": [], "Secure": True, "Official": True}
            },
            "Mirrors": [],
        }
    )
    info.update(
        {
            "Debug": False,
            "NFd": 30,
            "OomKillDisable": True,
            "NGoroutines": 40,
            "SystemTime": store.rfc3339(store.now_ns()),
            "LoggingDriver": "json-file",
            "CgroupDriver": "cgroupfs",
            "CgroupVersion": "1",
            "NEventsListener": 0,
            "KernelVersion": _KERNEL,
            "OperatingSystem": "Debian GNU/Linux 12 (bookworm)",
            "OSVersion": "12",
            "OSType": "linux",
            "Architecture": "x86_64",
            "IndexServerAddress": "https://index.docker.io/v1/",
            "RegistryConfig": registry,
            "NCPU": 2,
            "MemTotal": 25276514304,
            "GenericResources": None,
            "DockerRootDir": "/var/lib/docker",
            "HttpProxy": "",
            "HttpsProxy": "",
            "NoProxy": "",
            "Name": "fake-docker",
            "Labels": [],
            "ExperimentalBuild": False,
            "ServerVersion": dialect.SERVER_VERSION,
            "Runtimes": {
                "io.containerd.runc.v2": {"path": "runc"},
                "io.containerd.runtime.v1.linux": {"path": "runc"},
                "runc": {"path": "runc"},
            },
            "DefaultRuntime": "runc",
            "Swarm": {
                "NodeID": "",
                "NodeAddr": "",
                "LocalNodeState": "inactive",
                "ControlAvailable": False,
                "Error": "",
                "RemoteManagers": None,
            },
            "LiveRestoreEnabled": False,
            "Isolation": "",
            "InitBinary": "docker-init",
            "ContainerdCommit": {"ID": "1.6.20~ds1-1+deb12u3", "Expected": "1.6.20~ds1-1+deb12u3"},
            "RuncCommit": {"ID": "1.1.5+ds1-1+deb12u1", "Expected": "1.1.5+ds1-1+deb12u1"},
            "InitCommit": {"ID": ""} if modern else {"ID": "", "Expected": ""},
            "SecurityOptions": ["name=seccomp,profile=default"],
        }
    )
    if modern:
        info["CDISpecDirs"] = None
        info["Warnings"] = None
        info["ClientInfo"] = {
            "Debug": False,
            **{k: v for k, v in _CLIENT28.items() if k != "ApiVersion"},
            "Plugins": [],
            "Warnings": None,
        }
    else:
        info["Warnings"] = None
        info["ClientInfo"] = {"Debug": False, "Context": "default", "Plugins": [], "Warnings": None}
    return info


def _podman_info(c: Ctx) -> dict[str, Any]:
    total, running, paused, stopped, images = _counts(c)
    return {
        "host": {
            "arch": "amd64",
            "buildahVersion": "1.28.2",
            "cgroupManager": "cgroupfs",
            "cgroupVersion": "v1",
            "cpus": 2,
            "distribution": {"distribution": "debian", "version": "12", "codename": "bookworm"},
            "eventLogger": "file",
            "hostname": "fake-docker",
            "kernel": _KERNEL,
            "logDriver": "k8s-file",
            "networkBackend": "netavark",
            "os": "linux",
            "remoteSocket": {"path": "/run/podman/podman.sock"},
            "serviceIsRemote": False,
            "linkmode": "dynamic",
        },
        "store": {
            "configFile": "/usr/share/containers/storage.conf",
            "containerStore": {
                "number": total,
                "paused": paused,
                "running": running,
                "stopped": stopped,
            },
            "graphDriverName": "overlay",
            "graphOptions": jsonio.EMPTY_STRUCT,
            "graphRoot": "/var/lib/containers/storage",
            "imageStore": {"number": images},
            "runRoot": "/run/containers/storage",
            "volumePath": "/var/lib/containers/storage/volumes",
        },
        "registries": jsonio.EMPTY_STRUCT,
        "plugins": {
            "volume": ["local"],
            "network": ["bridge", "macvlan"],
            "log": ["k8s-file", "none", "passthrough", "journald"],
            "authorization": None,
        },
        "version": _PODMAN,
    }


def podman_info(c: Ctx) -> int:
    """``podman info``."""
    fmt = c.flag("format")
    if fmt is None:
        raise dialect.not_modelled("podman info without --format")
    if c.d.prints_json(fmt):
        c.io.out(jsonio.dumps(_podman_info(c), "  ") + "\n")
    else:
        c.io.out(_format(c, _podman_info(c)))
    return 0


def info(c: Ctx) -> int:
    """``docker info``."""
    fmt = c.flag("format")
    if fmt is not None:
        c.io.out(_format(c, _info_json(c)))
        return 0
    total, running, paused, stopped, images = _counts(c)
    client = f" Version:    {_CLIENT28['Version']}\n" if c.d.api_types > (1, 41) else ""
    c.io.out(
        f"Client:\n{client} Context:    default\n Debug Mode: false\n\nServer:\n"
        f" Containers: {total}\n  Running: {running}\n  Paused: {paused}\n  Stopped: {stopped}\n"
        f" Images: {images}\n Server Version: {dialect.SERVER_VERSION}\n Storage Driver: overlay2\n"
        "  Backing Filesystem: extfs\n  Supports d_type: true\n  Native Overlay Diff: true\n"
        "  userxattr: false\n Logging Driver: json-file\n Cgroup Driver: cgroupfs\n"
        " Cgroup Version: 1\n Plugins:\n  Volume: local\n"
        "  Network: bridge host ipvlan macvlan null overlay\n"
        "  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog\n"
        " Swarm: inactive\n Runtimes: runc io.containerd.runc.v2 io.containerd.runtime.v1.linux\n"
        " Default Runtime: runc\n Init Binary: docker-init\n"
        " containerd version: 1.6.20~ds1-1+deb12u3\n runc version: 1.1.5+ds1-1+deb12u1\n"
        " init version: \n Security Options:\n  seccomp\n   Profile: default\n"
        f" Kernel Version: {_KERNEL}\n Operating System: Debian GNU/Linux 12 (bookworm)\n"
        " OSType: linux\n Architecture: x86_64\n CPUs: 2\n Total Memory: 23.54GiB\n"
        " Name: fake-docker\n ID: AKJ3:VQTM:NIVE:W46K:67OD:5ZJR:PBSQ:ZX7H:L4AR:NQBM:NVOM:5ANI\n"
        " Docker Root Dir: /var/lib/docker\n Debug Mode: false\n Experimental: false\n"
        " Insecure Registries:\n  127.0.0.0/8\n Live Restore Enabled: false\n\n"
    )
    return 0


def podman_context_inspect(c: Ctx) -> int:
    """``podman context inspect``: podman has no docker contexts."""
    if c.flag("format") is None:
        c.io.out("[]\n")
    return 0


def context_inspect(c: Ctx) -> int:
    """``docker context inspect [NAME...]``: only the default context exists."""
    names = c.args or ["default"]
    found: list[dict[str, Any]] = []
    problems: list[str] = []
    for name in names:
        if name != "default":
            problems.append(c.d.context_missing(name))
            continue
        found.append(
            {
                "Name": "default",
                # the swarm orchestrator setting left the API types after 1.41
                "Metadata": {} if c.d.api_types > (1, 41) else {"StackOrchestrator": "swarm"},
                "Endpoints": {"docker": {"Host": c.host, "SkipTLSVerify": False}},
                "TLSMaterial": {},
                "Storage": {"MetadataPath": "<IN MEMORY>", "TLSPath": "<IN MEMORY>"},
            }
        )
    if c.flag("format") is not None:
        c.io.out("".join(_format(c, item) for item in found))
    else:
        c.io.out(jsonio.dumps(found, "    ") + "\n")
    if problems:
        raise dialect.FakeError("".join(p + "\n" for p in problems))
    return 0


def _info28_down() -> dict[str, Any]:
    """docker 28's ``info`` document when the daemon is down: every server field zeroed."""
    info: dict[str, Any] = {"ID": ""}
    for key in (
        "Containers",
        "ContainersRunning",
        "ContainersPaused",
        "ContainersStopped",
        "Images",
    ):
        info[key] = 0
    info.update(
        {
            "Driver": "",
            "DriverStatus": None,
            "Plugins": {"Volume": None, "Network": None, "Authorization": None, "Log": None},
        }
    )
    for key in (
        "MemoryLimit",
        "SwapLimit",
        "CpuCfsPeriod",
        "CpuCfsQuota",
        "CPUShares",
        "CPUSet",
        "PidsLimit",
        "IPv4Forwarding",
        "Debug",
    ):
        info[key] = False
    info.update({"NFd": 0, "OomKillDisable": False, "NGoroutines": 0})
    for key in ("SystemTime", "LoggingDriver", "CgroupDriver"):
        info[key] = ""
    info["NEventsListener"] = 0
    for key in (
        "KernelVersion",
        "OperatingSystem",
        "OSVersion",
        "OSType",
        "Architecture",
        "IndexServerAddress",
    ):
        info[key] = ""
    info.update(
        {
            "RegistryConfig": None,
            "NCPU": 0,
            "MemTotal": 0,
            "GenericResources": None,
            "DockerRootDir": "",
            "HttpProxy": "",
            "HttpsProxy": "",
            "NoProxy": "",
            "Name": "",
            "Labels": None,
            "ExperimentalBuild": False,
            "ServerVersion": "",
            "Runtimes": None,
            "DefaultRuntime": "",
            "Swarm": {
                "NodeID": "",
                "NodeAddr": "",
                "LocalNodeState": "",
                "ControlAvailable": False,
                "Error": "",
                "RemoteManagers": None,
            },
            "LiveRestoreEnabled": False,
            "Isolation": "",
            "InitBinary": "",
            "ContainerdCommit": {"ID": ""},
            "RuncCommit": {"ID": ""},
            "InitCommit": {"ID": ""},
            "SecurityOptions": None,
            "CDISpecDirs": None,
            "Warnings": None,
            "ClientInfo": {
                "Debug": False,
                **{k: v for k, v in _CLIENT28.items() if k != "ApiVersion"},
                "Plugins": [],
                "Warnings": None,
            },
        }
    )
    return info


def daemon_down(c: Ctx) -> int:
    """What the command prints when nothing answers at the endpoint."""
    down = c.d.daemon_down(c.host)
    message = down.stderr
    if not c.d.client_part_when_down:
        raise down
    fmt = c.flag("format")
    if c.path == "version":
        if fmt is not None:
            c.io.out(_format(c, {"Client": _client(c, up=False), "Server": None}, "version"))
        else:
            c.io.out(_client_text(c, up=False))
        raise down
    if c.path == "info":
        if c.d.api_types <= (1, 41):  # 20.10 prints the server's errors inside the document
            if fmt is not None:
                c.io.out(
                    _format(
                        c,
                        {
                            "ServerErrors": [message.strip()],
                            "ClientInfo": {
                                "Debug": False,
                                "Context": "default",
                                "Plugins": [],
                                "Warnings": None,
                            },
                        },
                    )
                )
                return 0
            c.io.out("Client:\n Context:    default\n Debug Mode: false\n\nServer:\n")
            raise dialect.FakeError(f"ERROR: {message}errors pretty printing info\n")
        if fmt is None:
            c.io.out(
                "Client:\n Version:    28.2.2\n Context:    default\n"
                " Debug Mode: false\n\nServer:\n"
            )
        else:
            c.io.out(_format(c, _info28_down()))
        raise down
    raise down
