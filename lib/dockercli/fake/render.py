"""Objects as each client shows them: inspect documents, ps rows, images rows.

Key order and shapes follow the recordings in tests/data (docker 20.10 engine seen
through docker 28 and 20.10 clients; podman 4.3). Values that describe a real host
(paths, sandbox keys, MAC addresses) are plausible and derived from the object ID.
"""

from __future__ import annotations

from dockercli.fake import dialect, jsonio, model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


DOCKER_ROOT = "/var/lib/docker"
_MASKED = [
    "/proc/asound",
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
]
_READONLY = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
_CAPS = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
]


def derived(seed: str, n: int = 64) -> str:
    """A stable hex string derived from an ID (layer dirs, sandbox IDs...)."""
    out = ""
    i = 0
    while len(out) < n:
        out += format(hash_hex(f"{seed}/{i}"), "x")
        i += 1
    return out[:n]


def hash_hex(text: str) -> int:
    """A 64-bit FNV-1a hash (cheap, stable across runs, unlike ``hash``)."""
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h | (1 << 63)


def _ip(c: dict[str, Any], podman: bool) -> str:
    n = c.get("ip_index", 2)
    return f"10.88.{n // 250}.{n % 250 + 2}" if podman else f"172.17.{n // 250}.{n % 250 + 2}"


def _mac(c: dict[str, Any], podman: bool) -> str:
    if podman:
        h = derived(c["id"], 12)
        return ":".join(h[i : i + 2] for i in range(0, 12, 2))
    n = c.get("ip_index", 2)
    return f"02:42:ac:11:{n // 250:02x}:{n % 250 + 2:02x}"


def _health(c: dict[str, Any], now: int) -> dict[str, Any] | None:
    h = model.health(c, now)
    if h is None:
        return None
    log = [
        {
            "Start": store.rfc3339(e["Start"]),
            "End": store.rfc3339(e["Start"] + 43_817_000),
            "ExitCode": e["ExitCode"],
            "Output": "",
        }
        for e in h["Log"]
    ]
    return {"Status": h["Status"], "FailingStreak": h["FailingStreak"], "Log": log}


def _sorted(mapping: Any) -> Any:
    """Go's encoding/json writes map keys in sorted order."""
    if not isinstance(mapping, dict):
        return mapping
    return {k: mapping[k] for k in sorted(mapping)}


def _nullable(items: Any) -> Any:
    return list(items) if items else None


# -- containers -------------------------------------------------------------------------


def container(d: str, state: dict[str, Any], c: dict[str, Any], now: int) -> dict[str, Any]:
    """``docker inspect`` of a container."""
    if d == dialect.PODMAN:
        return _podman_container(state, c, now)
    running = c["status"] == "running"
    started = c["started"] > 0
    cid = c["id"]
    s: dict[str, Any] = {
        "Status": c["status"],
        "Running": running,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": c["pid"] if running else 0,
        "ExitCode": c["exit_code"],
        "Error": c.get("error", ""),
        "StartedAt": store.rfc3339(c["started"]),
        "FinishedAt": store.rfc3339(c["finished"]),
    }
    health = _health(c, now)
    if health is not None:
        s["Health"] = health
    base = f"{DOCKER_ROOT}/containers/{cid}"
    layer = derived(cid)
    image = state["images"].get(c["image"], {})
    lower = ":".join(
        f"{DOCKER_ROOT}/overlay2/{derived(x)}/diff" for x in image.get("layers", [])[::-1]
    )
    host = c["host"]
    empty20: Any = [] if d == dialect.DOCKER28 else None
    hc: dict[str, Any] = {
        "Binds": _nullable(host.get("Binds")),
        "ContainerIDFile": host.get("ContainerIDFile", ""),
        "LogConfig": {"Type": "json-file", "Config": {}},
        "NetworkMode": host.get("NetworkMode", "default"),
        "PortBindings": _sorted(host["PortBindings"]),
        "RestartPolicy": host["RestartPolicy"],
        "AutoRemove": bool(host.get("AutoRemove")),
        "VolumeDriver": "",
        "VolumesFrom": _nullable(host.get("VolumesFrom")),
        "CapAdd": _nullable(host.get("CapAdd")),
        "CapDrop": _nullable(host.get("CapDrop")),
        "CgroupnsMode": "host",
        "Dns": [],
        "DnsOptions": [],
        "DnsSearch": [],
        "ExtraHosts": _nullable(host.get("ExtraHosts")),
        "GroupAdd": None,
        "IpcMode": "private",
        "Cgroup": "",
        "Links": _nullable(host.get("Links")),
        "OomScoreAdj": 0,
        "PidMode": "",
        "Privileged": bool(host.get("Privileged")),
        "PublishAllPorts": bool(host.get("PublishAllPorts")),
        "ReadonlyRootfs": bool(host.get("ReadonlyRootfs")),
        "SecurityOpt": None,
    }
    if host.get("Tmpfs"):
        hc["Tmpfs"] = _sorted(host["Tmpfs"])
    hc.update(
        {
            "UTSMode": "",
            "UsernsMode": "",
            "ShmSize": 67108864,
            "Runtime": "runc",
            "ConsoleSize": [0, 0],
            "Isolation": "",
            "CpuShares": host.get("CpuShares", 0),
            "Memory": host.get("Memory", 0),
            "NanoCpus": host.get("NanoCpus", 0),
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": empty20,
            "BlkioDeviceWriteBps": empty20,
            "BlkioDeviceReadIOps": empty20,
            "BlkioDeviceWriteIOps": empty20,
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DeviceCgroupRules": None,
            "DeviceRequests": None,
            "KernelMemory": 0,
            "KernelMemoryTCP": 0,
            "MemoryReservation": 0,
            "MemorySwap": 0,
            "MemorySwappiness": None,
            "OomKillDisable": False,
            "PidsLimit": None,
            "Ulimits": host.get("Ulimits") or empty20,
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": _MASKED,
            "ReadonlyPaths": _READONLY,
        }
    )
    if host.get("Init"):
        hc["Init"] = True
    ip = _ip(c, False) if running else ""
    sandbox = derived("sandbox" + cid) if started else ""
    endpoint = derived("endpoint" + cid) if running else ""
    network = {
        "IPAMConfig": None,
        "Links": None,
        "Aliases": _nullable(c.get("aliases")),
        "NetworkID": derived("bridge") if started else "",
        "EndpointID": endpoint,
        "Gateway": "172.17.0.1" if running else "",
        "IPAddress": ip,
        "IPPrefixLen": 16 if running else 0,
        "IPv6Gateway": "",
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "MacAddress": _mac(c, False) if running else "",
        "DriverOpts": None,
    }
    net_name = c.get("network") or "bridge"
    return {
        "Id": cid,
        "Created": store.rfc3339(c["created"]),
        "Path": c["path"],
        "Args": c["args"],
        "State": s,
        "Image": "sha256:" + c["image"],
        "ResolvConfPath": f"{base}/resolv.conf" if started else "",
        "HostnamePath": f"{base}/hostname" if started else "",
        "HostsPath": f"{base}/hosts" if started else "",
        "LogPath": f"{base}/{cid}-json.log" if started else "",
        "Name": "/" + c["name"],
        "RestartCount": c.get("restart_count", 0),
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": _nullable(c.get("exec_ids")) if running else None,
        "HostConfig": hc,
        "GraphDriver": {
            "Data": {
                "LowerDir": f"{DOCKER_ROOT}/overlay2/{layer}-init/diff"
                + (":" + lower if lower else ""),
                "MergedDir": f"{DOCKER_ROOT}/overlay2/{layer}/merged",
                "UpperDir": f"{DOCKER_ROOT}/overlay2/{layer}/diff",
                "WorkDir": f"{DOCKER_ROOT}/overlay2/{layer}/work",
            },
            "Name": "overlay2",
        },
        "Mounts": c.get("mounts", []),
        "Config": _docker_config(c["config"], container=True),
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": sandbox,
            "HairpinMode": False,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "Ports": _sorted(c["ports"]) if running else {},
            "SandboxKey": f"/var/run/docker/netns/{sandbox[:12]}" if started else "",
            "SecondaryIPAddresses": None,
            "SecondaryIPv6Addresses": None,
            "EndpointID": endpoint,
            "Gateway": network["Gateway"],
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": ip,
            "IPPrefixLen": network["IPPrefixLen"],
            "IPv6Gateway": "",
            "MacAddress": network["MacAddress"],
            "Networks": {net_name: network},
        },
    }


def _docker_config(cfg: dict[str, Any], *, container: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Hostname": cfg.get("Hostname", ""),
        "Domainname": "",
        "User": cfg.get("User", ""),
        "AttachStdin": bool(cfg.get("AttachStdin")),
        "AttachStdout": bool(cfg.get("AttachStdout")),
        "AttachStderr": bool(cfg.get("AttachStderr")),
    }
    if cfg.get("ExposedPorts"):
        out["ExposedPorts"] = _sorted(cfg["ExposedPorts"])
    out.update(
        {
            "Tty": bool(cfg.get("Tty")),
            "OpenStdin": bool(cfg.get("OpenStdin")),
            "StdinOnce": bool(cfg.get("StdinOnce")),
            "Env": cfg.get("Env") or None,
            "Cmd": cfg.get("Cmd"),
        }
    )
    if cfg.get("Healthcheck"):
        out["Healthcheck"] = cfg["Healthcheck"]
    out.update(
        {
            "Image": cfg.get("Image", ""),
            "Volumes": _sorted(cfg.get("Volumes")) or None,
            "WorkingDir": cfg.get("WorkingDir", ""),
            "Entrypoint": cfg.get("Entrypoint"),
            "OnBuild": cfg.get("OnBuild") or None,
            "Labels": _sorted(cfg.get("Labels")) or ({} if container else None),
        }
    )
    if cfg.get("StopSignal"):
        out["StopSignal"] = cfg["StopSignal"]
    if cfg.get("Shell"):
        out["Shell"] = cfg["Shell"]
    return out


def _podman_container(state: dict[str, Any], c: dict[str, Any], now: int) -> dict[str, Any]:
    running = c["status"] == "running"
    started = c["started"] > 0
    cid = c["id"]
    run_dir = f"/run/containers/storage/overlay-containers/{cid}/userdata"
    static = f"/var/lib/containers/storage/overlay-containers/{cid}/userdata"
    image = state["images"].get(c["image"], {})
    health = _health(c, now) or {"Status": "", "FailingStreak": 0, "Log": None}
    s: dict[str, Any] = {
        "OciVersion": "1.0.2-dev",
        "Status": c["status"],
        "Running": running,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": c["pid"] if running else 0,
    }
    if running:
        s["ConmonPid"] = c["pid"] - 10
    s.update(
        {
            "ExitCode": c["exit_code"],
            "Error": c.get("error", ""),
            "StartedAt": store.rfc3339(c["started"]),
            "FinishedAt": store.rfc3339(c["finished"]),
            "Health": health,
        }
    )
    if running:
        s["CgroupPath"] = f"/libpod_parent/libpod-{cid}"
    s.update({"CheckpointedAt": "0001-01-01T00:00:00Z", "RestoredAt": "0001-01-01T00:00:00Z"})
    layers = image.get("layers", [])
    graph: dict[str, Any] = {
        "LowerDir": ":".join(
            f"/var/lib/containers/storage/overlay/{derived(x)}/diff" for x in layers[::-1]
        )
    }
    layer = derived(cid)
    if running:
        graph["MergedDir"] = f"/var/lib/containers/storage/overlay/{layer}/merged"
    graph["UpperDir"] = f"/var/lib/containers/storage/overlay/{layer}/diff"
    graph["WorkDir"] = f"/var/lib/containers/storage/overlay/{layer}/work"
    ports = (
        _podman_ports(c) if running else {k: None for k in c["config"].get("ExposedPorts") or {}}
    )
    ip = _ip(c, True) if running else ""
    mac = _mac(c, True) if running else ""
    gateway = "10.88.0.1" if running else ""
    cfg = c["config"]
    env = [*list(cfg.get("Env") or []), "TERM=xterm", "container=podman"]
    if running:
        env.append(f"HOSTNAME={cfg.get('Hostname', cid[:12])}")
    annotations: dict[str, str] = {}
    if started:
        annotations["io.container.manager"] = "libpod"
        annotations["io.kubernetes.cri-o.Created"] = store.rfc3339(c["created"])
    annotations.update(
        {
            "io.kubernetes.cri-o.TTY": "false",
            "io.podman.annotations.autoremove": "FALSE",
            "io.podman.annotations.init": "FALSE",
            "io.podman.annotations.privileged": "FALSE",
            "io.podman.annotations.publish-all": "FALSE",
            "org.opencontainers.image.base.digest": "sha256:" + derived("base" + c["image"]),
            "org.opencontainers.image.base.name": "",
        }
    )
    if started:
        annotations["org.opencontainers.image.stopSignal"] = "15"
    pconfig: dict[str, Any] = {
        "Hostname": cfg.get("Hostname", cid[:12]),
        "Domainname": "",
        "User": cfg.get("User", ""),
        "AttachStdin": False,
        "AttachStdout": False,
        "AttachStderr": False,
        "Tty": bool(cfg.get("Tty")),
        "OpenStdin": bool(cfg.get("OpenStdin")),
        "StdinOnce": False,
        "Env": env,
        "Cmd": cfg.get("Cmd"),
        "Image": refs.display(dialect.PODMAN, c["image_name"]),
        "Volumes": None,
        "WorkingDir": cfg.get("WorkingDir") or "/",
        "Entrypoint": " ".join(cfg.get("Entrypoint") or []),
        "OnBuild": None,
        "Labels": _sorted(cfg.get("Labels")) or None,
        "Annotations": annotations,
        "StopSignal": 15,
    }
    if cfg.get("Healthcheck"):
        check = dict(cfg["Healthcheck"])
        check.setdefault("Timeout", 30_000_000_000)
        check.setdefault("Retries", 3)
        pconfig["Healthcheck"] = check
    pconfig.update(
        {
            "HealthcheckOnFailureAction": "none",
            "CreateCommand": c.get("create_argv", []),
            "Umask": "0022",
            "Timeout": 0,
            "StopTimeout": 10,
            "Passwd": True,
            "sdNotifyMode": "container",
        }
    )
    host = c["host"]
    bindings = ports if running else {k: None for k in c["config"].get("ExposedPorts") or {}}
    return {
        "Id": cid,
        "Created": store.rfc3339(c["created"]),
        "Path": c["path"],
        "Args": c["args"],
        "State": s,
        "Image": c["image"],
        "ImageDigest": "sha256:" + derived("digest" + c["image"]),
        "ImageName": refs.display(dialect.PODMAN, c["image_name"]),
        "Rootfs": "",
        "Pod": "",
        "ResolvConfPath": f"{run_dir}/resolv.conf" if running else "",
        "HostnamePath": f"{run_dir}/hostname" if running else "",
        "HostsPath": f"{run_dir}/hosts" if running else "",
        "StaticDir": static,
        **({"OCIConfigPath": f"{static}/config.json"} if started else {}),
        "OCIRuntime": "runc",
        "ConmonPidFile": f"{run_dir}/conmon.pid",
        "PidFile": f"{run_dir}/pidfile",
        "Name": c["name"],
        "RestartCount": c.get("restart_count", 0),
        "Driver": "overlay",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "EffectiveCaps": _CAPS,
        "BoundingCaps": _CAPS,
        "ExecIDs": c.get("exec_ids", []) if running else [],
        "GraphDriver": {"Name": "overlay", "Data": graph},
        "Mounts": c.get("mounts", []),
        "Dependencies": [],
        "NetworkSettings": {
            "EndpointID": "",
            "Gateway": gateway,
            "IPAddress": ip,
            "IPPrefixLen": 16 if running else 0,
            "IPv6Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "MacAddress": mac,
            "Bridge": "",
            "SandboxID": "",
            "HairpinMode": False,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "Ports": ports,
            "SandboxKey": f"/run/netns/netns-{_uuidish(cid)}" if running else "",
            "Networks": {
                "podman": {
                    "EndpointID": "",
                    "Gateway": gateway,
                    "IPAddress": ip,
                    "IPPrefixLen": 16 if running else 0,
                    "IPv6Gateway": "",
                    "GlobalIPv6Address": "",
                    "GlobalIPv6PrefixLen": 0,
                    "MacAddress": mac,
                    "NetworkID": "podman",
                    "DriverOpts": None,
                    "IPAMConfig": None,
                    "Links": None,
                    "Aliases": [cid[:12]],
                }
            },
        },
        "Namespace": "",
        "IsInfra": False,
        "IsService": False,
        "Config": pconfig,
        "HostConfig": {
            "Binds": host.get("Binds") or [],
            "CgroupManager": "cgroupfs",
            "CgroupMode": "host",
            "ContainerIDFile": "",
            "LogConfig": {
                "Type": "k8s-file",
                "Config": None,
                "Path": f"{static}/ctr.log",
                "Tag": "",
                "Size": "0B",
            },
            "NetworkMode": "bridge",
            "PortBindings": bindings,
            "RestartPolicy": {
                "Name": ""
                if host["RestartPolicy"]["Name"] == "no"
                else host["RestartPolicy"]["Name"],
                "MaximumRetryCount": host["RestartPolicy"]["MaximumRetryCount"],
            },
            "AutoRemove": bool(host.get("AutoRemove")),
            "VolumeDriver": "",
            "VolumesFrom": None,
            "CapAdd": host.get("CapAdd") or [],
            "CapDrop": ["CAP_AUDIT_WRITE", "CAP_MKNOD", "CAP_NET_RAW"],
            "Dns": [],
            "DnsOptions": [],
            "DnsSearch": [],
            "ExtraHosts": host.get("ExtraHosts") or [],
            "GroupAdd": [],
            "IpcMode": "shareable",
            "Cgroup": "",
            "Cgroups": "default",
            "Links": None,
            "OomScoreAdj": 0,
            "PidMode": "private",
            "Privileged": bool(host.get("Privileged")),
            "PublishAllPorts": bool(host.get("PublishAllPorts")),
            "ReadonlyRootfs": bool(host.get("ReadonlyRootfs")),
            "SecurityOpt": [],
            "Tmpfs": host.get("Tmpfs") or {},
            "UTSMode": "private",
            "UsernsMode": "",
            "ShmSize": 65536000,
            "Runtime": "oci",
            "ConsoleSize": [0, 0],
            "Isolation": "",
            "CpuShares": host.get("CpuShares", 0),
            "Memory": host.get("Memory", 0),
            "NanoCpus": host.get("NanoCpus", 0),
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": None,
            "BlkioDeviceReadBps": None,
            "BlkioDeviceWriteBps": None,
            "BlkioDeviceReadIOps": None,
            "BlkioDeviceWriteIOps": None,
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DiskQuota": 0,
            "KernelMemory": 0,
            "MemoryReservation": 0,
            "MemorySwap": 0,
            "MemorySwappiness": 0,
            "OomKillDisable": False,
            "PidsLimit": 2048,
            "Ulimits": host.get("Ulimits") or [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "CgroupConf": None,
        },
    }


def _uuidish(seed: str) -> str:
    h = derived("netns" + seed, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _podman_ports(c: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, bindings in _sorted(c["ports"] or {}).items():
        out[key] = (
            None
            if bindings is None
            else [{"HostIp": b["HostIp"], "HostPort": b["HostPort"]} for b in bindings]
        )
    return out


# -- images -----------------------------------------------------------------------------


def image_tags(d: str, state: dict[str, Any], image_id: str) -> list[str]:
    """The tags of an image as the dialect shows them, newest tag last."""
    return [refs.display(d, t) for t, i in state["tags"].items() if i == image_id]


def image(d: str, state: dict[str, Any], image_id: str) -> dict[str, Any]:
    """``docker image inspect`` of an image."""
    img = state["images"][image_id]
    tags = image_tags(d, state, image_id)
    cfg = img["config"]
    layers = ["sha256:" + x for x in img.get("layers", [])]
    if d == dialect.PODMAN:
        labels = _sorted(cfg.get("Labels")) or None
        pcfg: dict[str, Any] = {}
        for key in (
            "User",
            "ExposedPorts",
            "Env",
            "Entrypoint",
            "Cmd",
            "Volumes",
            "WorkingDir",
            "Labels",
            "StopSignal",
        ):
            if cfg.get(key):
                pcfg[key] = _sorted(cfg[key])
        digest = "sha256:" + derived("digest" + image_id)
        return {
            "Id": image_id,
            "Digest": digest,
            "RepoTags": tags,
            "RepoDigests": [t.rsplit(":", 1)[0] + "@" + digest for t in tags[:1]],
            "Parent": img.get("parent", ""),
            "Comment": "",
            "Created": store.rfc3339(img["created"]),
            "Config": pcfg,
            "Version": "",
            "Author": "",
            "Architecture": "amd64",
            "Os": "linux",
            "Size": img.get("size", 0),
            "VirtualSize": img.get("size", 0),
            "GraphDriver": {
                "Name": "overlay",
                "Data": {
                    "LowerDir": ":".join(
                        f"/var/lib/containers/storage/overlay/{x[7:]}/diff" for x in layers[:-1]
                    ),
                    "UpperDir": f"/var/lib/containers/storage/overlay/{derived(image_id)}/diff",
                    "WorkDir": f"/var/lib/containers/storage/overlay/{derived(image_id)}/work",
                },
            },
            "RootFS": {"Type": "layers", "Layers": layers},
            "Labels": labels,
            "Annotations": {
                "org.opencontainers.image.base.digest": "sha256:" + derived("base" + image_id),
                "org.opencontainers.image.base.name": "",
            },
            "ManifestType": "application/vnd.oci.image.manifest.v1+json",
            "User": cfg.get("User", ""),
            "History": [
                {"created": store.rfc3339(img["created"]), "created_by": h}
                for h in img.get("history", [])
            ],
            "NamesHistory": tags,
        }
    parent = img.get("parent_step") or img.get("parent", "")
    top = f"{DOCKER_ROOT}/overlay2/{derived(layers[-1] if layers else image_id)}"
    container_cfg = dict(cfg)
    container_cfg["Hostname"] = (img.get("container") or "")[:12]
    container_cfg["Cmd"] = ["/bin/sh", "-c", "#(nop) ", img.get("last_step", "")]
    return {
        "Id": "sha256:" + image_id,
        "RepoTags": tags,
        "RepoDigests": [],
        "Parent": "sha256:" + parent if parent else "",
        "Comment": "",
        "Created": store.rfc3339(img["created"]),
        "Container": img.get("container", ""),
        "ContainerConfig": _docker_config(container_cfg, container=False),
        "DockerVersion": dialect.SERVER_VERSION,
        "Author": "",
        "Config": _docker_config(cfg, container=False),
        "Architecture": "amd64",
        "Os": "linux",
        "Size": img.get("size", 0),
        "VirtualSize": img.get("size", 0),
        "GraphDriver": {
            "Data": {
                "LowerDir": ":".join(
                    f"{DOCKER_ROOT}/overlay2/{derived(x)}/diff" for x in layers[-2::-1]
                )
                or None,
                "MergedDir": f"{top}/merged",
                "UpperDir": f"{top}/diff",
                "WorkDir": f"{top}/work",
            },
            "Name": "overlay2",
        },
        "RootFS": {"Type": "layers", "Layers": layers} if layers else {"Type": "layers"},
        "Metadata": {
            "LastTagTime": store.rfc3339(img.get("tagged", 0)) if tags else "0001-01-01T00:00:00Z"
        },
    }


# -- lists ------------------------------------------------------------------------------


def port_list(d: str, c: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """(ip, public, private, proto) of a running container, as the list API reports them."""
    out: list[tuple[str, int, int, str]] = []
    for key, bindings in (c.get("ports") or {}).items():
        number, _, proto = key.partition("/")
        if not bindings:
            out.append(("", 0, int(number), proto))
            continue
        for b in bindings:
            out.append((b["HostIp"] or "0.0.0.0", int(b["HostPort"]), int(number), proto))  # noqa: S104 - an address shown to users; nothing binds to it
    return out


def displayable_ports(d: str, ports: list[tuple[str, int, int, str]]) -> str:
    """docker's ``api/types.DisplayablePorts`` (the PORTS column)."""
    groups: dict[str, list[int]] = {}
    order: list[str] = []
    result: list[str] = []
    mappings: list[str] = []
    for ip, public, private, proto in sorted(ports, key=lambda p: (p[2], p[0], p[1], p[3])):
        key = proto
        if ip:
            if public != private:
                addr = f"[{ip}]" if (":" in ip and d == dialect.DOCKER28) else ip
                mappings.append(f"{addr}:{public}->{private}/{proto}")
                continue
            key = f"{ip}/{proto}"
        group = groups.get(key)
        if group is None:
            groups[key] = [private, private]
            order.append(key)
        elif private == group[1] + 1:
            group[1] = private
        else:
            result.append(_form_group(key, group))
            groups[key] = [private, private]
    result.extend(_form_group(k, groups[k]) for k in order)
    return ", ".join(result + mappings)


def _form_group(key: str, group: list[int]) -> str:
    ip, _, proto = key.rpartition("/")
    text = str(group[0]) if group[0] == group[1] else f"{group[0]}-{group[1]}"
    if ip:
        text = f"{ip}:{text}->{text}"
    return f"{text}/{proto}"


def _status(d: str, c: dict[str, Any], now: int) -> str:
    if c["status"] == "created":
        return "Created"
    if c["status"] == "running":
        text = "Up " + store.human_duration((now - c["started"]) / 1e9)
        if d == dialect.PODMAN:
            text += " ago"
        h = model.health(c, now)
        if h is not None:
            text += {"healthy": " (healthy)", "unhealthy": " (unhealthy)"}.get(
                h["Status"], " (health: starting)" if d != dialect.PODMAN else " (starting)"
            )
        return text
    return f"Exited ({c['exit_code']}) {store.human_duration((now - c['finished']) / 1e9)} ago"


def _shell_word(word: str) -> str:
    """The engine quotes arguments that contain blanks: ``sh -c 'exit 3'``."""
    if word and not any(ch in word for ch in " \t\n'\"\\$`;&|<>()*?[]#~"):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def _ellipsis(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def ps_image(d: str, state: dict[str, Any], c: dict[str, Any], trunc: bool) -> str:
    """``ps``'s IMAGE: the ref the container was run with, as each client shows it."""
    iid = str(c["image"])
    given = str(c["config"].get("Image", ""))
    if d == dialect.PODMAN:  # a bare ID shows the image's first name; sha256:ID stays
        if refs.is_hex(given):
            names = [tag for tag, image in state["tags"].items() if image == iid]
            return refs.display(d, names[0]) if names else given
        return given if given.startswith("sha256:") else refs.display(d, c["image_name"])
    # dockerd keeps the ref only while it still names the container's image
    if given != "sha256:" + iid and refs.find_image(d, state, given) != iid:
        given = "sha256:" + iid
    if not trunc:
        return given
    if given.split(":", 1)[-1][:12] == iid[:12]:  # stringid.TruncateID drops "sha256:"
        return iid[:12]
    if refs.check(given):
        return given
    name, tag, _digest = refs.split(given)  # the familiar name, without a digest
    for prefix in ("docker.io/library/", "index.docker.io/library/", "docker.io/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"{name}:{tag}" if tag else name


def ps_row(
    d: str, state: dict[str, Any], c: dict[str, Any], now: int, trunc: bool
) -> dict[str, Any]:
    """One ``docker ps`` row as ``{{json .}}`` shows it (podman: one array element)."""
    labels = c["config"].get("Labels") or {}
    command = " ".join(_shell_word(w) for w in [c["path"], *c["args"]]) if c["path"] else ""
    if d == dialect.PODMAN:
        running = c["status"] == "running"
        ports = None
        if running:
            ports = [
                {
                    "host_ip": b["HostIp"],
                    "container_port": int(k.split("/")[0]),
                    "host_port": int(b["HostPort"]),
                    "range": 1,
                    "protocol": k.split("/")[1],
                }
                for k, bs in (c["ports"] or {}).items()
                for b in bs or ()
            ]
        return {
            "AutoRemove": bool(c["host"].get("AutoRemove")),
            "Command": [c["path"], *c["args"]] if c["path"] else None,
            "CreatedAt": store.human_duration((now - c["created"]) / 1e9) + " ago",
            "Exited": c["status"] == "exited",
            "ExitedAt": c["finished"] // 1_000_000_000 if c["finished"] else -62135596800,
            "ExitCode": c["exit_code"],
            "Id": c["id"],
            "Image": ps_image(d, state, c, trunc),
            "ImageID": c["image"],
            "IsInfra": False,
            "Labels": _sorted(labels) or None,
            "Mounts": [],
            "Names": [c["name"]],
            "Namespaces": jsonio.EMPTY_STRUCT,
            "Networks": ["podman"],
            "Pid": c["pid"] if running else 0,
            "Pod": "",
            "PodName": "",
            "Ports": ports or None,
            "Size": None,
            "StartedAt": c["started"] // 1_000_000_000 if c["started"] else -62135596800,
            "State": c["status"],
            "Status": _status(d, c, now),
            "Created": c["created"] // 1_000_000_000,
        }
    image = state["images"].get(c["image"], {})
    row: dict[str, Any] = {
        "Command": jsonio.quote(_ellipsis(command, 20) if trunc else command)
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0026", "&"),
        "CreatedAt": store.human_date(c["created"]),
        "ID": c["id"][:12] if trunc else c["id"],
        "Image": ps_image(d, state, c, trunc),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(labels.items())),
        "LocalVolumes": str(sum(1 for m in c.get("mounts", []) if m.get("Type") == "volume")),
        "Mounts": ",".join(m.get("Name") or m.get("Source", "") for m in c.get("mounts", [])),
        "Names": c["name"],
        "Networks": c.get("network") or "bridge",
    }
    if d == dialect.DOCKER28:
        row["Platform"] = None
    running = c["status"] == "running"
    row.update(
        {
            "Ports": displayable_ports(d, port_list(d, c)) if running else "",
            "RunningFor": store.human_duration((now - c["created"]) / 1e9) + " ago",
            "Size": "0B (virtual " + store.human_size(image.get("size", 0), 3) + ")",
            "State": c["status"],
            "Status": _status(d, c, now),
        }
    )
    row["_labels"] = labels
    return row


def image_rows(d: str, state: dict[str, Any], now: int, trunc: bool) -> list[dict[str, Any]]:
    """``docker images`` rows, one per tag (untagged images once as ``<none>``), newest first."""
    rows: list[dict[str, Any]] = []
    by_image: dict[str, list[str]] = {}
    for tag, iid in state["tags"].items():
        by_image.setdefault(iid, []).append(tag)
    order = sorted(state["images"].items(), key=lambda kv: -int(kv[1]["created"]))
    for iid, img in order:
        tags = by_image.get(iid, [])
        if not tags and not img.get("top", True):
            continue
        for tag in tags or ["<none>:<none>"]:
            repo, _, name_tag = tag.rpartition(":")
            size = img.get("size", 0)
            labels = img["config"].get("Labels") or {}
            rows.append(
                {
                    "Containers": "N/A",
                    "CreatedAt": store.human_date(img["created"]),
                    "CreatedSince": store.human_duration((now - img["created"]) / 1e9) + " ago",
                    "Digest": "<none>",
                    "ID": iid[:12] if trunc else "sha256:" + iid,
                    "Repository": repo,
                    "SharedSize": "N/A",
                    "Size": store.human_size(size, 3),
                    "Tag": name_tag,
                    "UniqueSize": "N/A",
                    "VirtualSize": store.human_size(size),
                    "_labels": labels,
                    "_id": iid,
                    "_tag": tag,
                }
            )
    return rows


def podman_image_rows(
    state: dict[str, Any], selected: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``podman images --format json`` elements for the selected docker-style rows."""
    out: list[dict[str, Any]] = []
    for row in selected:
        iid = row["_id"]
        img = state["images"][iid]
        names = image_tags(dialect.PODMAN, state, iid)
        digest = "sha256:" + derived("digest" + iid)
        out.append(
            {
                "Id": iid,
                "ParentId": img.get("parent", ""),
                "RepoTags": None,
                "RepoDigests": [n.rsplit(":", 1)[0] + "@" + digest for n in names[:1]],
                "Size": img.get("size", 0),
                "SharedSize": 0,
                "VirtualSize": img.get("size", 0),
                "Labels": _sorted(img["config"].get("Labels")) or None,
                "Containers": sum(1 for c in state["containers"].values() if c["image"] == iid),
                "Names": names or None,
                "Digest": digest,
                "History": list(reversed(names)) or None,
                "Created": img["created"] // 1_000_000_000,
                "CreatedAt": store.rfc3339(img["created"] // 1_000_000_000 * 1_000_000_000),
            }
        )
    return out
