"""``network ls``: the engine's own networks (the fake creates no others yet)."""

from __future__ import annotations

from dockercli.fake import dialect, jsonio, listing, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


# (name, driver) of the networks an engine starts with, in the order the client lists them.
_DOCKER_OWN = (("bridge", "bridge"), ("host", "host"), ("none", "null"))
_PODMAN_OWN = (("podman", "bridge"),)
_DOCKER_FILTERS = ("dangling", "driver", "id", "label", "name", "scope", "type")
_PODMAN_FILTERS = ("dangling", "driver", "id", "label", "name", "until")
_DOCKER_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"
_PODMAN_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}"
_HEADERS = {
    "ID": "NETWORK ID",
    "Name": "NAME",
    "Driver": "DRIVER",
    "Scope": "SCOPE",
    "IPv4": "IPV4",
    "IPv6": "IPV6",
    "Internal": "INTERNAL",
    "CreatedAt": "CREATED",
    "Labels": "LABELS",
}


def _networks(c: Ctx, state: dict[str, Any]) -> list[dict[str, Any]]:
    """Every network as a record: id, name, driver, labels, created (ns)."""
    created = int(state.get("created") or store.now_ns())
    own = _PODMAN_OWN if c.podman else _DOCKER_OWN
    return [
        {
            "id": render.derived(f"network/{name}"),
            "name": name,
            "driver": driver,
            "labels": {},
            "created": created,
        }
        for name, driver in own
    ]


def _matches(net: dict[str, Any], f: dict[str, list[str]]) -> bool:
    checks = {
        "name": lambda v: listing.name_ok(net["name"], v),
        "id": lambda v: any(net["id"].startswith(x) for x in v),
        "driver": lambda v: net["driver"] in v,
        "label": lambda v: listing.label_ok(net["labels"], v),
        "scope": lambda v: "local" in v,
        "type": lambda v: "builtin" in v,  # only the engine's own networks exist
        "dangling": lambda v: v[-1] not in ("true", "1"),  # each is in use by the engine
    }
    return all(checks[k](v) for k, v in f.items() if k in checks)


def _docker_row(d: str, net: dict[str, Any], trunc: bool) -> dict[str, Any]:
    """One row of docker's ``network ls --format '{{json .}}'``."""
    row: dict[str, Any] = {
        "CreatedAt": store.go_time(net["created"]),
        "Driver": net["driver"],
        "ID": net["id"][:12] if trunc else net["id"],
    }
    if d == dialect.DOCKER28:
        row["IPv4"] = "false"
    row |= {
        "IPv6": "false",
        "Internal": "false",
        "Labels": ",".join(f"{k}={v}" for k, v in net["labels"].items()),
        "Name": net["name"],
        "Scope": "local",
    }
    return row


def _podman_entry(net: dict[str, Any]) -> dict[str, Any]:
    """One entry of podman's ``network ls --format json`` (podman's own network)."""
    return {
        "name": net["name"],
        "id": net["id"],
        "driver": net["driver"],
        "network_interface": "podman0",
        "created": store.rfc3339(net["created"]),
        "subnets": [{"subnet": "10.88.0.0/16", "gateway": "10.88.0.1"}],
        "ipv6_enabled": False,
        "internal": False,
        "dns_enabled": False,
        "ipam_options": {"driver": "host-local"},
    }


def ls(c: Ctx) -> int:
    """``docker network ls``."""
    if c.podman:
        f = listing.filters(c, _PODMAN_FILTERS, 'Error: invalid filter "{}"')
    else:
        f = listing.filters(c, _DOCKER_FILTERS)
    state = store.load(c.state_dir)
    trunc = not c.flag("no-trunc")
    nets = [n for n in _networks(c, state) if _matches(n, f)]
    fmt = c.flag("format")
    if c.flag("quiet"):  # podman lists names, docker IDs
        c.io.out(
            "".join(
                (n["name"] if c.podman else n["id"][: 12 if trunc else 64]) + "\n" for n in nets
            )
        )
        return 0
    if c.podman and dialect.podman_json(fmt):
        c.io.out(jsonio.dumps([_podman_entry(n) for n in nets], "  ") + "\n" if nets else "[]\n")
        return 0
    rows = [_docker_row(c.d, n, trunc) for n in nets]
    if fmt == "{{json .}}" and not c.podman:
        c.io.out("".join(jsonio.dumps(r) + "\n" for r in rows))
        return 0
    table = _PODMAN_TABLE if c.podman else _DOCKER_TABLE
    typed = "" if c.podman else "*formatter.networkContext"
    c.io.out(listing.render_rows(c, rows, str(fmt or table), typed, _HEADERS))
    return 0
