"""docker's inspect documents and ps rows (docker 28 and 20.10 clients of a 20.10 engine).

Key order and shapes follow the recordings in tests/data. Values that describe a real
host (paths, sandbox keys, MAC addresses) are plausible and derived from the object ID.
"""

from __future__ import annotations

from dockercli.fake import dialect, jsonio, listing, model, refs, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.records import Container, Endpoint, Network, State, Volume

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


def _ip(c: Container) -> str:
    n = c.get("ip_index", 2)
    return f"172.17.{n // 250}.{n % 250 + 2}"


def _log_config(host: dict[str, Any]) -> dict[str, Any]:
    log = host.get("LogConfig") or {}
    return {"Type": log.get("Type") or "json-file", "Config": log.get("Config") or {}}


def _security_opt(host: dict[str, Any]) -> list[str] | None:
    # --privileged turns SELinux labelling off: the engine adds label=disable itself
    opts = [
        *(host.get("SecurityOpt") or []),
        *(["label=disable"] if host.get("Privileged") else []),
    ]
    return opts or None


def _mac(c: Container) -> str:
    n = c.get("ip_index", 2)
    return f"02:42:ac:11:{n // 250:02x}:{n % 250 + 2:02x}"


def container(d: dialect.Dialect, state: State, c: Container, now: int) -> dict[str, Any]:
    """``docker inspect`` of a container."""
    running = c["status"] == "running"
    started = c["started"] > 0
    cid = c["id"]
    s: dict[str, Any] = {
        "Status": model.state_name(c),
        "Running": running,
        "Paused": model.paused(c),
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": c["pid"] if running else 0,
        "ExitCode": c["exit_code"],
        "Error": c.get("error", ""),
        "StartedAt": store.rfc3339(c["started"]),
        "FinishedAt": store.rfc3339(c["finished"]),
    }
    health = render.health(c, now)
    if health is not None:
        s["Health"] = health
    base = f"{DOCKER_ROOT}/containers/{cid}"
    layer = render.derived(cid)
    image = state["images"].get(c["image"])
    lower = ":".join(
        f"{DOCKER_ROOT}/overlay2/{render.derived(x)}/diff"
        for x in (image["layers"] if image else [])[::-1]
    )
    host = c["host"]
    empty: Any = [] if d.empty_lists_shown else None
    hc: dict[str, Any] = {
        "Binds": render.nullable(host.get("Binds")),
        "ContainerIDFile": host.get("ContainerIDFile", ""),
        "LogConfig": _log_config(host),
        "NetworkMode": host.get("NetworkMode", "default"),
        "PortBindings": render.sorted_keys(host["PortBindings"]),
        "RestartPolicy": host["RestartPolicy"],
        "AutoRemove": bool(host.get("AutoRemove")),
        "VolumeDriver": "",
        "VolumesFrom": render.nullable(host.get("VolumesFrom")),
        "CapAdd": render.nullable(host.get("CapAdd")),
        "CapDrop": render.nullable(host.get("CapDrop")),
        "CgroupnsMode": host.get("CgroupnsMode") or "host",
        "Dns": host.get("Dns") or [],
        "DnsOptions": host.get("DnsOptions") or [],
        "DnsSearch": host.get("DnsSearch") or [],
        "ExtraHosts": render.nullable(host.get("ExtraHosts")),
        "GroupAdd": host.get("GroupAdd") or None,
        "IpcMode": host.get("IpcMode") or "private",
        "Cgroup": "",
        "Links": render.nullable(host.get("Links")),
        "OomScoreAdj": host.get("OomScoreAdj", 0),
        "PidMode": host.get("PidMode") or "",
        "Privileged": bool(host.get("Privileged")),
        "PublishAllPorts": bool(host.get("PublishAllPorts")),
        "ReadonlyRootfs": bool(host.get("ReadonlyRootfs")),
        "SecurityOpt": _security_opt(host),
    }
    if host.get("Tmpfs"):
        hc["Tmpfs"] = render.sorted_keys(host["Tmpfs"])
    if host.get("Mounts"):  # the --mount specs, as the engine keeps them
        hc["Mounts"] = host["Mounts"]
    hc.update(
        {
            "UTSMode": "",
            "UsernsMode": host.get("UsernsMode") or "",
            "ShmSize": host.get("ShmSize") or 67108864,
            **({"Sysctls": host["Sysctls"]} if host.get("Sysctls") else {}),
            "Runtime": "runc",
            "ConsoleSize": [0, 0],
            "Isolation": host.get("Isolation", ""),
            "CpuShares": host.get("CpuShares", 0),
            "Memory": host.get("Memory", 0),
            "NanoCpus": host.get("NanoCpus", 0),
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": empty,
            "BlkioDeviceWriteBps": empty,
            "BlkioDeviceReadIOps": empty,
            "BlkioDeviceWriteIOps": empty,
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": host.get("CpusetCpus", ""),
            "CpusetMems": host.get("CpusetMems", ""),
            "Devices": host.get("Devices") or [],
            "DeviceCgroupRules": None,
            "DeviceRequests": None,
            "KernelMemory": 0,
            "KernelMemoryTCP": 0,
            "MemoryReservation": host.get("MemoryReservation", 0),
            "MemorySwap": host.get("MemorySwap", 0),
            "MemorySwappiness": None,
            "OomKillDisable": False,
            "PidsLimit": host.get("PidsLimit") or None,
            "Ulimits": host.get("Ulimits") or empty,
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": None if host.get("Privileged") else _MASKED,
            "ReadonlyPaths": None if host.get("Privileged") else _READONLY,
        }
    )
    if host.get("Init"):
        hc["Init"] = True
    ip = _ip(c) if running else ""
    sandbox = render.derived("sandbox" + cid) if started else ""
    endpoint = render.derived("endpoint" + cid) if running else ""
    network = {
        "IPAMConfig": None,
        "Links": None,
        "Aliases": None,  # the engine drops --network-alias off user networks
        "NetworkID": render.derived("bridge") if started else "",
        "EndpointID": endpoint,
        "Gateway": "172.17.0.1" if running else "",
        "IPAddress": ip,
        "IPPrefixLen": 16 if running else 0,
        "IPv6Gateway": "",
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "MacAddress": _mac(c) if running else "",
        "DriverOpts": None,
    }
    net_name = c.get("network") or "bridge"
    joined = c.get("endpoints") or {}
    networks = {name: _endpoint(state, c, e) for name, e in joined.items()}
    if net_name not in joined:
        networks[net_name] = network
    else:  # the top-level addressing is the default bridge's alone
        ip = endpoint = ""
        network = {"Gateway": "", "IPPrefixLen": 0, "MacAddress": ""}
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
        "ExecIDs": render.nullable(c.get("exec_ids")) if running else None,
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
            "Ports": render.sorted_keys(c["ports"]) if running else {},
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
            "Networks": render.sorted_keys(networks),
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
        out["ExposedPorts"] = render.sorted_keys(cfg["ExposedPorts"])
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
            "Volumes": render.sorted_keys(cfg.get("Volumes")) or None,
            "WorkingDir": cfg.get("WorkingDir", ""),
            "Entrypoint": cfg.get("Entrypoint"),
            "OnBuild": cfg.get("OnBuild") or None,
            "Labels": render.sorted_keys(cfg.get("Labels")) or ({} if container else None),
        }
    )
    if cfg.get("StopSignal"):
        out["StopSignal"] = cfg["StopSignal"]
    if cfg.get("StopTimeout") is not None:
        out["StopTimeout"] = cfg["StopTimeout"]
    if cfg.get("Shell"):
        out["Shell"] = cfg["Shell"]
    return out


def image(d: dialect.Dialect, state: State, image_id: str) -> dict[str, Any]:
    """``docker image inspect`` of an image."""
    img = state["images"][image_id]
    tags = render.image_tags(d, state, image_id)
    cfg = img["config"]
    layers = ["sha256:" + x for x in img.get("layers", [])]
    parent = img.get("parent_step") or img.get("parent", "")
    top = f"{DOCKER_ROOT}/overlay2/{render.derived(layers[-1] if layers else image_id)}"
    container_cfg = dict(cfg)
    container_cfg["Hostname"] = (img.get("container") or "")[:12]
    container_cfg["Cmd"] = ["/bin/sh", "-c", "#(nop) ", img.get("last_step", "")]
    if "container_config" in img:  # a commit's: the container's config as it was
        container_cfg = img["container_config"]
    return {
        "Id": "sha256:" + image_id,
        "RepoTags": tags,
        "RepoDigests": [],
        "Parent": "sha256:" + parent if parent else "",
        "Comment": img.get("comment", ""),
        "Created": store.rfc3339(img["created"]),
        "Container": img.get("container", ""),
        "ContainerConfig": _docker_config(container_cfg, container=False),
        "DockerVersion": dialect.SERVER_VERSION,
        "Author": img.get("author", ""),
        "Config": _docker_config(cfg, container=False),
        "Architecture": "amd64",
        "Os": "linux",
        "Size": img.get("size", 0),
        "VirtualSize": img.get("size", 0),
        "GraphDriver": {
            "Data": {
                "LowerDir": ":".join(
                    f"{DOCKER_ROOT}/overlay2/{render.derived(x)}/diff" for x in layers[-2::-1]
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


def ps_image(d: dialect.Dialect, state: State, c: Container, trunc: bool) -> str:
    """``ps``'s IMAGE: the ref the container was run with, as each client shows it."""
    iid = str(c["image"])
    given = str(c["config"].get("Image", ""))
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


def ps_row(d: dialect.Dialect, state: State, c: Container, now: int, trunc: bool) -> dict[str, Any]:
    """One ``docker ps`` row as ``{{json .}}`` shows it (podman: one array element)."""
    labels = c["config"].get("Labels") or {}
    command = " ".join(render.shell_word(w) for w in [c["path"], *c["args"]]) if c["path"] else ""
    image = state["images"].get(c["image"])
    row: dict[str, Any] = {
        "Command": jsonio.quote(render.ellipsis(command, 20) if trunc else command)
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
    if d.ps_has_platform:
        row["Platform"] = None
    running = c["status"] == "running"
    row.update(
        {
            "Ports": render.displayable_ports(d, render.port_list(d, c)) if running else "",
            "RunningFor": store.human_duration((now - c["created"]) / 1e9) + " ago",
            "Size": "0B (virtual " + store.human_size(image["size"] if image else 0, 3) + ")",
            "State": model.state_name(c),
            "Status": render.status(d, c, now),
        }
    )
    row["_labels"] = labels
    return row


def ps_json(
    d: dialect.Dialect, state: State, chosen: list[Container], now: int, trunc: bool
) -> str:
    """``ps --format '{{json .}}'``: one object per line."""
    rows = [ps_row(d, state, c, now, trunc) for c in chosen]
    return "".join(jsonio.dumps(listing.clean(r)) + "\n" for r in rows)


def images_json(d: dialect.Dialect, state: State, rows: list[dict[str, Any]]) -> str:
    """``images --format '{{json .}}'``: one object per line."""
    return "".join(jsonio.dumps(listing.clean(r)) + "\n" for r in rows)


def network_row(d: dialect.Dialect, net: dict[str, Any], trunc: bool) -> dict[str, Any]:
    """One row of docker's ``network ls --format '{{json .}}'``."""
    row: dict[str, Any] = {
        "CreatedAt": store.go_time(net["created"]),
        "Driver": net["driver"],
        "ID": net["id"][:12] if trunc else net["id"],
    }
    if d.lists_network_ipv4:
        row["IPv4"] = "false"
    row |= {
        "IPv6": "false",
        "Internal": "true" if net["internal"] else "false",
        "Labels": ",".join(f"{k}={v}" for k, v in net["labels"].items()),
        "Name": net["name"],
        "Scope": "local",
    }
    return row


def networks_json(d: dialect.Dialect, nets: list[dict[str, Any]], trunc: bool) -> str:
    """``network ls --format '{{json .}}'``: one object per line."""
    return "".join(jsonio.dumps(network_row(d, n, trunc)) + "\n" for n in nets)


def _endpoint_id(c: Container, network_id: str) -> str:
    """The ID of ``c``'s endpoint on a user network: the same in both inspects."""
    return render.derived(f"endpoint/{c['id']}/{network_id}")


def _endpoint(state: State, c: Container, e: Endpoint) -> dict[str, Any]:
    """A container's entry for a user network it is on (addressed while it runs)."""
    from dockercli.fake import addressing  # noqa: PLC0415 - only containers on user networks

    running = c["status"] == "running"
    net = state["networks"].get(e["network"])
    started = c["started"] > 0
    return {
        "IPAMConfig": {"IPv4Address": e["ip"]} if e["static"] else None,
        "Links": None,
        "Aliases": [*e["aliases"], c["id"][:12]] if started else render.nullable(e["aliases"]),
        "NetworkID": e["network"],
        "EndpointID": _endpoint_id(c, e["network"]) if running else "",
        "Gateway": addressing.gateway(net) if running and net else "",
        "IPAddress": e["ip"] if running else "",
        "IPPrefixLen": addressing.prefix_len(net) if running and net else 0,
        "IPv6Gateway": "",
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "MacAddress": addressing.mac(e["ip"]) if running else "",
        "DriverOpts": None,
    }


def network(d: dialect.Dialect, state: State, net: Network) -> dict[str, Any]:
    """``docker network inspect`` of a user network: its pool and running members."""
    from dockercli.fake import addressing, cmd_network  # noqa: PLC0415 - network inspect only

    pool: dict[str, str] = {"Subnet": net["subnet"]}
    if net["ip_range"]:
        pool["IPRange"] = net["ip_range"]
    if net["gateway"]:
        pool["Gateway"] = net["gateway"]
    members: dict[str, Any] = {}
    for ctr in cmd_network.members(state, net, running=True):
        e = cmd_network.endpoints(ctr)[net["name"]]
        members[ctr["id"]] = {
            "Name": ctr["name"],
            "EndpointID": _endpoint_id(ctr, net["id"]),
            "MacAddress": addressing.mac(e["ip"]),
            "IPv4Address": f"{e['ip']}/{addressing.prefix_len(net)}",
            "IPv6Address": "",
        }
    return {
        "Name": net["name"],
        "Id": net["id"],
        "Created": store.rfc3339(net["created"]),
        "Scope": "local",
        "Driver": net["driver"],
        "EnableIPv6": False,
        "IPAM": {"Driver": "default", "Options": {}, "Config": [pool]},
        "Internal": net["internal"],
        "Attachable": net["attachable"],
        "Ingress": False,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": False,
        "Containers": render.sorted_keys(members),
        "Options": net["options"],
        "Labels": net["labels"],
    }


# -- volumes -----------------------------------------------------------------------------


def volume(d: dialect.Dialect, state: State, vol: Volume) -> dict[str, Any]:
    """``docker volume inspect`` of a volume: docker's keys, sorted; its time in seconds."""
    return {
        "CreatedAt": store.rfc3339(vol["created"] // 1_000_000_000 * 1_000_000_000),
        "Driver": vol["driver"],
        "Labels": vol["labels"],
        "Mountpoint": f"{d.volume_root}/{vol['name']}/_data",
        "Name": vol["name"],
        "Options": vol["options"],
        "Scope": "local",
    }


def volume_row(d: dialect.Dialect, vol: Volume) -> dict[str, Any]:
    """One row of docker's ``volume ls --format '{{json .}}'`` (what templates see)."""
    row: dict[str, Any] = {"Availability": "N/A"} if d.lists_volume_cluster_fields else {}
    row["Driver"] = vol["driver"]
    if d.lists_volume_cluster_fields:
        row["Group"] = "N/A"
    row |= {
        "Labels": ",".join(f"{k}={v}" for k, v in sorted((vol["labels"] or {}).items())),
        "Links": "N/A",
        "Mountpoint": f"{d.volume_root}/{vol['name']}/_data",
        "Name": vol["name"],
        "Scope": "local",
        "Size": "N/A",
    }
    if d.lists_volume_cluster_fields:
        row["Status"] = "N/A"
    return row


def volumes_json(d: dialect.Dialect, state: State, vols: list[Volume]) -> str:
    """``volume ls --format '{{json .}}'``: one object per line."""
    return "".join(jsonio.dumps(volume_row(d, v)) + "\n" for v in vols)
