"""``network ls``: the engine's own networks (the fake creates no others yet)."""

from __future__ import annotations

from dockercli.fake import listing, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import State

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


def _networks(c: Ctx, state: State) -> list[dict[str, Any]]:
    """Every network as a record: id, name, driver, labels, created (ns)."""
    created = state["created"]
    own = c.d.own_networks
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


def ls(c: Ctx) -> int:
    """``docker network ls``."""
    f = listing.filters(c, c.d.network_filters, c.d.network_filter_error)
    state = store.load(c.state_dir)
    trunc = not c.flag("no-trunc")
    nets = [n for n in _networks(c, state) if _matches(n, f)]
    fmt = c.flag("format")
    if c.flag("quiet"):
        c.io.out("".join(c.d.network_quiet(n, trunc) + "\n" for n in nets))
        return 0
    if fmt == "{{json .}}" or c.d.prints_json(fmt):
        c.io.out(c.d.render.networks_json(c.d, nets, trunc))
        return 0
    rows = [c.d.render.network_row(c.d, n, trunc) for n in nets]
    table = str(fmt or c.d.network_table)
    c.io.out(listing.render_rows(c, rows, table, c.d.network_context, _HEADERS))
    return 0
