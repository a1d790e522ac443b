"""podman 4.3's inspect documents, ps elements and images elements (``--format json``)."""

from __future__ import annotations

from dockercli.fake import jsonio, model, refs, render, render_docker, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake import dialect
    from dockercli.fake.records import Container, Network, State, Volume


def _ip(c: Container) -> str:
    n = c.get("ip_index", 2)
    return f"10.88.{n // 250}.{n % 250 + 2}"


def _mac(c: Container, seed: str = "") -> str:
    h = render.derived(c["id"] + seed, 12)
    return ":".join(h[i : i + 2] for i in range(0, 12, 2))


def _networks(state: State, c: Container, own: dict[str, Any]) -> dict[str, Any]:
    """The ``Networks`` of a podman container: its user networks, else podman's own."""
    running = c["status"] == "running"
    joined = c.get("endpoints") or {}
    if not joined:
        return {
            "podman": {
                **own,
                "NetworkID": "podman",
                "DriverOpts": None,
                "IPAMConfig": None,
                "Links": None,
                "Aliases": [*(c.get("aliases") or []), c["id"][:12]],
            }
        }
    from dockercli.fake import addressing as addr  # noqa: PLC0415 - only on user networks

    out: dict[str, Any] = {}
    for name, e in sorted(joined.items()):
        net = state["networks"].get(e["network"])
        out[name] = {
            "EndpointID": "",
            "Gateway": net["gateway"] if running and net else "",
            "IPAddress": e["ip"] if running else "",
            "IPPrefixLen": addr.prefix_len(net) if running and net else 0,
            "IPv6Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "MacAddress": _mac(c, name) if running else "",
            "NetworkID": name,
            "DriverOpts": None,
            "IPAMConfig": None,
            "Links": None,
            "Aliases": [*e["aliases"], c["id"][:12]],
        }
    return out


def container(d: dialect.Dialect, state: State, c: Container, now: int) -> dict[str, Any]:
    running = c["status"] == "running"
    started = c["started"] > 0
    cid = c["id"]
    run_dir = f"/run/containers/storage/overlay-containers/{cid}/userdata"
    static = f"/var/lib/containers/storage/overlay-containers/{cid}/userdata"
    image = state["images"].get(c["image"])
    health = render.health(c, now) or {"Status": "", "FailingStreak": 0, "Log": None}
    s: dict[str, Any] = {
        "OciVersion": "1.0.2-dev",
        "Status": model.state_name(c),
        "Running": running and (d.paused_is_running or not model.paused(c)),
        "Paused": model.paused(c),
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
    layers = image["layers"] if image else []
    graph: dict[str, Any] = {
        "LowerDir": ":".join(
            f"/var/lib/containers/storage/overlay/{render.derived(x)}/diff" for x in layers[::-1]
        )
    }
    layer = render.derived(cid)
    if running:
        graph["MergedDir"] = f"/var/lib/containers/storage/overlay/{layer}/merged"
    graph["UpperDir"] = f"/var/lib/containers/storage/overlay/{layer}/diff"
    graph["WorkDir"] = f"/var/lib/containers/storage/overlay/{layer}/work"
    ports = (
        _podman_ports(c) if running else {k: None for k in c["config"].get("ExposedPorts") or {}}
    )
    ip = _ip(c) if running else ""
    mac = _mac(c) if running else ""
    gateway = "10.88.0.1" if running else ""
    # podman prints the same addressing at the top of NetworkSettings and in its network
    addressing = {
        "EndpointID": "",
        "Gateway": gateway,
        "IPAddress": ip,
        "IPPrefixLen": 16 if running else 0,
        "IPv6Gateway": "",
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "MacAddress": mac,
    }
    networks = _networks(state, c, addressing)
    if c.get("endpoints"):  # podman's top-level addressing is its default network's alone
        addressing = {**addressing, **dict.fromkeys(("Gateway", "IPAddress", "MacAddress"), "")}
        addressing["IPPrefixLen"] = 0
    cfg = c["config"]
    env = _env(cfg)
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
            "org.opencontainers.image.base.digest": "sha256:" + render.derived("base" + c["image"]),
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
        "Image": refs.display(d, c["image_name"]),
        "Volumes": None,
        "WorkingDir": cfg.get("WorkingDir") or "/",
        "Entrypoint": " ".join(cfg.get("Entrypoint") or []),
        "OnBuild": None,
        "Labels": render.sorted_keys(cfg.get("Labels")) or None,
        "Annotations": annotations,
        "StopSignal": _signal_number(cfg.get("StopSignal")),
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
            "StopTimeout": 10 if cfg.get("StopTimeout") is None else cfg["StopTimeout"],
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
        "ImageDigest": "sha256:" + render.derived("digest" + c["image"]),
        "ImageName": refs.display(d, c["image_name"]),
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
        "EffectiveCaps": render.CAPS,
        "BoundingCaps": render.CAPS,
        "ExecIDs": c.get("exec_ids", []) if running else [],
        "GraphDriver": {"Name": "overlay", "Data": graph},
        "Mounts": c.get("mounts", []),
        "Dependencies": [],
        "NetworkSettings": {
            **addressing,
            "Bridge": "",
            "SandboxID": "",
            "HairpinMode": False,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "Ports": ports,
            "SandboxKey": f"/run/netns/netns-{_uuidish(cid)}" if running else "",
            "Networks": networks,
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
                "Type": (host.get("LogConfig") or {}).get("Type") or "k8s-file",
                "Config": None,
                "Path": f"{static}/ctr.log",
                "Tag": "",
                "Size": _log_size((host.get("LogConfig") or {}).get("Config") or {}),
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
            "Dns": host.get("Dns") or [],
            "DnsOptions": host.get("DnsOptions") or [],
            "DnsSearch": host.get("DnsSearch") or [],
            "ExtraHosts": host.get("ExtraHosts") or [],
            "GroupAdd": host.get("GroupAdd") or [],
            "IpcMode": host.get("IpcMode") or "shareable",
            "Cgroup": "",
            "Cgroups": "default",
            "Links": None,
            "OomScoreAdj": host.get("OomScoreAdj", 0),
            "PidMode": host.get("PidMode") or "private",
            "Privileged": bool(host.get("Privileged")),
            "PublishAllPorts": bool(host.get("PublishAllPorts")),
            "ReadonlyRootfs": bool(host.get("ReadonlyRootfs")),
            "SecurityOpt": host.get("SecurityOpt") or [],
            "Tmpfs": host.get("Tmpfs") or {},
            "UTSMode": "private",
            "UsernsMode": "",
            "ShmSize": host.get("ShmSize") or 65536000,
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
            "CpusetCpus": host.get("CpusetCpus", ""),
            "CpusetMems": "",
            "Devices": host.get("Devices") or [],
            "DiskQuota": 0,
            "KernelMemory": 0,
            "MemoryReservation": host.get("MemoryReservation", 0),
            "MemorySwap": max(host.get("MemorySwap", 0), 0),  # podman shows -1 as 0
            "MemorySwappiness": 0,
            "OomKillDisable": False,
            "PidsLimit": 2048 if host.get("PidsLimit") is None else host["PidsLimit"],
            "Ulimits": host.get("Ulimits") or [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "CgroupConf": None,
        },
    }


def _env(cfg: dict[str, Any]) -> list[str]:
    """The container's env as podman shows it: its own, then TERM and container (which an
    image podman committed has already)."""
    env = list(cfg.get("Env") or [])
    given = {e.partition("=")[0] for e in env}
    return env + [e for e in ("TERM=xterm", "container=podman") if e.partition("=")[0] not in given]


_DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
_SIGNALS = {"HUP": 1, "INT": 2, "QUIT": 3, "KILL": 9, "USR1": 10, "USR2": 12, "TERM": 15}


def _signal_number(name: str | None) -> int:
    """podman shows the stop signal as its number."""
    if not name:
        return 15
    if name.isdigit():
        return int(name)
    return _SIGNALS.get(name.upper().removeprefix("SIG"), 15)


def _log_size(opts: dict[str, str]) -> str:
    """podman reads max-size in decimal units and shows it as one (10m: "10MB")."""
    text = opts.get("max-size")
    if not text:
        return "0B"
    units = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9}
    unit = text[-1].lower() if text[-1].isalpha() else ""  # settings.py checked the form
    size = float(text[: len(text) - len(unit)] if unit else text) * units.get(unit, 1)
    for suffix, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.4g}{suffix}"
    return f"{size:.4g}B"


def _uuidish(seed: str) -> str:
    h = render.derived("netns" + seed, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _podman_ports(c: Container) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, bindings in render.sorted_keys(c["ports"] or {}).items():
        out[key] = (
            None
            if bindings is None
            else [{"HostIp": b["HostIp"], "HostPort": b["HostPort"]} for b in bindings]
        )
    return out


def image(d: dialect.Dialect, state: State, image_id: str) -> dict[str, Any]:
    """``docker image inspect`` of an image."""
    img = state["images"][image_id]
    tags = render.image_tags(d, state, image_id)
    cfg = img["config"]
    layers = ["sha256:" + x for x in img.get("layers", [])]
    labels = render.sorted_keys(cfg.get("Labels")) or None
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
            pcfg[key] = render.sorted_keys(cfg[key])
    digest = "sha256:" + render.derived("digest" + image_id)
    return {
        "Id": image_id,
        "Digest": digest,
        "RepoTags": tags,
        "RepoDigests": [t.rsplit(":", 1)[0] + "@" + digest for t in tags[:1]],
        "Parent": img.get("parent", ""),
        "Comment": img.get("comment", "") if img.get("manifest") == "docker" else "",
        "Created": store.rfc3339(img["created"]),
        "Config": pcfg,
        "Version": "",
        "Author": img.get("author", ""),
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
                "UpperDir": f"/var/lib/containers/storage/overlay/{render.derived(image_id)}/diff",
                "WorkDir": f"/var/lib/containers/storage/overlay/{render.derived(image_id)}/work",
            },
        },
        "RootFS": {"Type": "layers", "Layers": layers},
        "Labels": labels,
        "Annotations": {
            "org.opencontainers.image.base.digest": "sha256:" + render.derived("base" + image_id),
            "org.opencontainers.image.base.name": "",
        },
        "ManifestType": _DOCKER_MANIFEST
        if img.get("manifest") == "docker"
        else "application/vnd.oci.image.manifest.v1+json",
        "User": cfg.get("User", ""),
        "History": [
            {"created": store.rfc3339(img["created"]), "created_by": h}
            for h in img.get("history", [])
        ],
        "NamesHistory": tags,
    }


def ps_image(d: dialect.Dialect, state: State, c: Container, trunc: bool) -> str:
    """``ps``'s IMAGE: the ref the container was run with, as each client shows it."""
    iid = str(c["image"])
    given = str(c["config"].get("Image", ""))
    if refs.is_hex(given):
        names = [tag for tag, image in state["tags"].items() if image == iid]
        return refs.display(d, names[0]) if names else given
    return given if given.startswith("sha256:") else refs.display(d, c["image_name"])


def ps_row(d: dialect.Dialect, state: State, c: Container, now: int, trunc: bool) -> dict[str, Any]:
    """A row of podman's ps table: docker's columns, podman's IMAGE."""
    return render_docker.ps_row(d, state, c, now, trunc) | {"Image": ps_image(d, state, c, trunc)}


def ps_json(
    d: dialect.Dialect, state: State, chosen: list[Container], now: int, trunc: bool
) -> str:
    """``podman ps --format json``: one array."""
    elements = [_ps_element(d, state, c, now, trunc) for c in chosen]
    return jsonio.dumps(elements, "  ") + "\n" if elements else "[]\n"


def images_json(d: dialect.Dialect, state: State, rows: list[dict[str, Any]]) -> str:
    """``podman images --format json``: one array of the selected rows' images."""
    elements = _image_elements(d, state, rows)
    return jsonio.dumps(elements, "    ") + "\n" if elements else "[]\n"


def _ps_element(
    d: dialect.Dialect, state: State, c: Container, now: int, trunc: bool
) -> dict[str, Any]:
    """One element of ``podman ps --format json``."""
    labels = c["config"].get("Labels") or {}
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
        "Labels": render.sorted_keys(labels) or None,
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
        "State": model.state_name(c),
        "Status": render.status(d, c, now),
        "Created": c["created"] // 1_000_000_000,
    }


def _image_elements(
    d: dialect.Dialect, state: State, selected: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``podman images --format json`` elements for the selected docker-style rows."""
    out: list[dict[str, Any]] = []
    for row in selected:
        iid = row["_id"]
        img = state["images"][iid]
        names = render.image_tags(d, state, iid)
        digest = "sha256:" + render.derived("digest" + iid)
        out.append(
            {
                "Id": iid,
                "ParentId": img.get("parent", ""),
                "RepoTags": None,
                "RepoDigests": [n.rsplit(":", 1)[0] + "@" + digest for n in names[:1]],
                "Size": img.get("size", 0),
                "SharedSize": 0,
                "VirtualSize": img.get("size", 0),
                "Labels": render.sorted_keys(img["config"].get("Labels")) or None,
                "Containers": sum(1 for c in state["containers"].values() if c["image"] == iid),
                "Names": names or None,
                "Digest": digest,
                "History": list(reversed(names)) or None,
                "Created": img["created"] // 1_000_000_000,
                "CreatedAt": store.rfc3339(img["created"] // 1_000_000_000 * 1_000_000_000),
            }
        )
    return out


def network_row(d: dialect.Dialect, net: dict[str, Any], trunc: bool) -> dict[str, Any]:
    """A row of podman's network table (docker's columns)."""
    return render_docker.network_row(d, net, trunc)


def networks_json(d: dialect.Dialect, nets: list[dict[str, Any]], trunc: bool) -> str:
    """``podman network ls --format json``: one array."""
    return jsonio.dumps([_network_entry(n) for n in nets], "  ") + "\n" if nets else "[]\n"


def _network_entry(net: dict[str, Any]) -> dict[str, Any]:
    """One network as podman's ``network ls --format json`` and ``network inspect`` show
    it: its own (``podman``, no DNS) or a user network (a bridge podmanN, DNS on)."""
    own = net["own"]
    entry: dict[str, Any] = {
        "name": net["name"],
        "id": net["id"],
        "driver": net["driver"],
        "network_interface": "podman0" if own else net["interface"],
        "created": store.rfc3339(net["created"]),
        "subnets": [
            _subnet(net) if not own else {"subnet": "10.88.0.0/16", "gateway": "10.88.0.1"}
        ],
        "ipv6_enabled": False,
        "internal": net["internal"],
        "dns_enabled": not own,
    }
    if net["labels"]:
        entry["labels"] = net["labels"]
    if net.get("options"):
        entry["options"] = net["options"]
    entry["ipam_options"] = {"driver": "host-local"}
    return entry


def _subnet(net: dict[str, Any]) -> dict[str, Any]:
    subnet: dict[str, Any] = {"subnet": net["subnet"], "gateway": net["gateway"]}
    if net.get("ip_range"):
        from dockercli.fake import addressing as addr  # noqa: PLC0415 - ip-range pools only

        first, last = addr.range_bounds(net["ip_range"])
        subnet["lease_range"] = {"start_ip": first, "end_ip": last}
    return subnet


def network(d: dialect.Dialect, state: State, net: Network) -> dict[str, Any]:
    """``podman network inspect`` of a user network (no members: podman lists none)."""
    return _network_entry({**net, "own": False})


# -- volumes -----------------------------------------------------------------------------


def volume(d: dialect.Dialect, state: State, vol: Volume) -> dict[str, Any]:
    """``podman volume inspect`` of a volume (its keys in podman's order)."""
    running = [
        c
        for c in model.volume_users(state, vol["name"], store.now_ns())
        if c["status"] == "running"
    ]
    return {
        "Name": vol["name"],
        "Driver": vol["driver"],
        "Mountpoint": f"{d.volume_root}/{vol['name']}/_data",
        "CreatedAt": store.rfc3339(vol["created"]),
        "Labels": vol["labels"] or {},
        "Scope": "local",
        "Options": vol["options"] or {},
        "MountCount": len(running),
        "NeedsCopyUp": True,
        "NeedsChown": True,
    }


def volume_row(d: dialect.Dialect, vol: Volume) -> dict[str, Any]:
    """What podman's ``volume ls --format TEMPLATE`` sees of a volume (its Go fields)."""
    return render_docker.volume_row(d, vol)


def volumes_json(d: dialect.Dialect, state: State, vols: list[Volume]) -> str:
    """``podman volume ls --format '{{json .}}'``: one indented array of inspect objects
    (its empty maps printed as an empty line, as podman's encoder does)."""
    if not vols:
        return "[]\n"
    docs = []
    for v in vols:
        doc = volume(d, state, v)
        docs.append({k: jsonio.EMPTY_STRUCT if val == {} else val for k, val in doc.items()})
    return jsonio.dumps(docs, "  ") + "\n"
