"""``network ls/create/inspect/connect/disconnect/rm``: the engine's own networks and the
user networks kept in the state.

A user network has a subnet (given, or the next free one of the engine's pools), and each
container on it an address from that subnet, chosen when it joins. What the fake cannot
do (a driver other than bridge, IPv6 pools) it refuses with exit 125.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import addressing, failure, listing, model, refs, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, Endpoint, Network, State

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


# -- lookups ---------------------------------------------------------------------------


def own_network_id(name: str) -> str:
    """The ID of one of the engine's own networks (bridge, host, none; podman)."""
    return render.derived(f"network/{name}")


def is_own(c: Ctx, ref: str) -> bool:
    """Whether ``ref`` names one of the engine's own networks, by name or ID."""
    return any(ref in (name, own_network_id(name)) for name, _ in c.d.own_networks)


def find(state: State, ref: str) -> Network | None:
    """The user network ``ref`` names: a full name, a full ID or a unique ID prefix."""
    nets = state["networks"]
    for net in nets.values():
        if net["name"] == ref:
            return net
    if ref in nets:
        return nets[ref]
    found = [n for nid, n in nets.items() if nid.startswith(ref)]
    return found[0] if len(found) == 1 else None


def endpoints(ctr: Container) -> dict[str, Endpoint]:
    """The user networks ``ctr`` is on, by name."""
    return ctr.get("endpoints") or {}


def members(state: State, net: Network, *, running: bool) -> list[Container]:
    """The containers on ``net`` as they are now (``running``: docker's "active endpoints")."""
    return [
        c
        for c in model.view(state, store.now_ns()).values()
        if any(e["network"] == net["id"] for e in endpoints(c).values())
        and (c["status"] == "running" or not running)
    ]


# -- ls ----------------------------------------------------------------------------------


def _listed(c: Ctx, state: State) -> list[dict[str, Any]]:
    """Every network as a list record: id, name, driver, labels, created (ns), own."""
    created = state["created"]
    own = [
        {
            "id": own_network_id(name),
            "name": name,
            "driver": driver,
            "labels": {},
            "created": created,
            "own": True,
            "internal": False,
        }
        for name, driver in c.d.own_networks
    ]
    users = [{**n, "own": False} for n in state["networks"].values()]
    return sorted(own + users, key=lambda n: str(n["name"]))


def _matches(state: State, net: dict[str, Any], f: dict[str, list[str]]) -> bool:
    def dangling(value: list[str]) -> bool:
        user = state["networks"].get(net["id"])
        unused = user is not None and not members(state, user, running=False)
        return unused == (value[-1] in ("true", "1"))

    checks = {
        "name": lambda v: listing.name_ok(net["name"], v),
        "id": lambda v: any(net["id"].startswith(x) for x in v),
        "driver": lambda v: net["driver"] in v,
        "label": lambda v: listing.label_ok(net["labels"], v),
        "scope": lambda v: "local" in v,
        "type": lambda v: ("builtin" if net["own"] else "custom") in v,
        "dangling": dangling,
    }
    return all(checks[k](v) for k, v in f.items() if k in checks)


def ls(c: Ctx) -> int:
    """``docker network ls``."""
    f = listing.filters(c, c.d.network_filters, c.d.network_filter_error)
    state = store.load(c.state_dir)
    trunc = not c.flag("no-trunc")
    nets = [n for n in _listed(c, state) if _matches(state, n, f)]
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


# -- create ------------------------------------------------------------------------------


def _next_pool(c: Ctx, state: State) -> str:
    """The engine's next free pool (docker: 172.18.0.0/16 on; podman: 10.89.0.0/24 on)."""
    taken = [n["subnet"] for n in state["networks"].values()] + [c.d.default_bridge_subnet]
    for candidate in c.d.network_pools():
        if not any(addressing.overlaps(candidate, t) for t in taken):
            return candidate
    raise failure.FakeError(c.d.pools_exhausted(), c.d.network_create_code)


def _subnet(c: Ctx, state: State) -> str:
    """The pool of the new network: the one given (checked) or the next free one."""
    subnets = list(c.flag("subnet") or [])
    if len(subnets) > 1:
        raise failure.not_modelled("network create with several --subnet")
    if not subnets:
        if c.flag("gateway") or c.flag("ip-range"):
            raise c.d.gateway_without_subnet()
        return _next_pool(c, state)
    subnet = str(subnets[0])
    if addressing.pool(subnet) is None:
        raise c.d.bad_subnet(subnet)
    for other in state["networks"].values():
        if addressing.overlaps(subnet, other["subnet"]):
            raise c.d.subnet_overlaps(subnet, other["name"])
    for flag in ("gateway", "ip-range"):
        for value in c.flag(flag) or []:
            inside = addressing.pool(value if "/" in value else value + "/32")
            if inside is None or not addressing.overlaps(subnet, str(inside)):
                raise failure.not_modelled(f"network create --{flag} {value} outside its subnet")
    return subnet


def _interface(c: Ctx, state: State, net_id: str) -> str:
    """The bridge device of a new network (docker: br-<id>; podman: the next podmanN)."""
    if not c.d.numbers_bridges:
        return "br-" + net_id[:12]
    used = {n["interface"] for n in state["networks"].values()}
    return next(f"podman{n}" for n in range(1, len(used) + 2) if f"podman{n}" not in used)


def create(c: Ctx) -> int:
    """``docker network create``: a bridge network with its pool; prints its ID (podman:
    its name, which podman makes up when none is given)."""
    driver = str(c.flag("driver") or "bridge")
    if driver != "bridge":
        raise failure.not_modelled(f"network create --driver {driver} (only bridge networks)")
    if c.flag("ipv6") or c.flag("aux-address") or c.flag("config-from"):
        raise failure.not_modelled("network create --ipv6, --aux-address or --config-from")
    with store.Locked(c.state_dir) as state:
        now = store.now_ns()
        net_id = render.derived(f"network/{now}")
        interface = _interface(c, state, net_id)
        name = c.args[0] if c.args else interface
        taken = {n["name"] for n in state["networks"].values()} | dict(c.d.own_networks).keys()
        if name in taken:
            raise c.d.network_name_in_use(name)
        subnet = _subnet(c, state)
        gateways = list(c.flag("gateway") or [])
        ranges = list(c.flag("ip-range") or [])
        given = bool(c.flag("subnet"))
        net: Network = {
            "id": net_id,
            "name": name,
            "driver": driver,
            "created": now,
            "labels": dict(item.partition("=")[::2] for item in c.flag("label") or []),
            "options": dict(item.partition("=")[::2] for item in c.flag("opt") or []),
            "internal": bool(c.flag("internal")),
            "attachable": bool(c.flag("attachable")),
            "subnet": subnet,
            # docker's engine records no gateway for a given pool without one
            "gateway": gateways[0]
            if gateways
            else ("" if given and not c.d.names_gateway_itself else addressing.first_host(subnet)),
            "ip_range": ranges[0] if ranges else "",
            "interface": interface,
            "next_host": 1,
        }
        state["networks"][net_id] = net
    c.io.out(c.d.network_created(net) + "\n")
    return 0


# -- inspect -----------------------------------------------------------------------------


def inspect(c: Ctx) -> int:
    """``docker network inspect``: user networks; the engine's own are not modelled."""
    from dockercli.fake import cmd_inspect

    fmt = c.flag("format")
    if fmt is not None and c.d.network_templates_name_go_fields and not c.d.prints_json(fmt):
        raise failure.not_modelled("podman network inspect --format TEMPLATE")
    state = store.load(c.state_dir)
    found: list[dict[str, Any]] = []
    errors: list[str] = []
    for ref in c.args:
        net = find(state, ref)
        if net is not None:
            found.append(c.d.render.network(c.d, state, net))
        elif is_own(c, ref):
            raise failure.not_modelled(f"network inspect of the engine's own network {ref}")
        else:
            errors.append(c.d.no_such_network(ref, "inspect").stderr)
    return cmd_inspect.print_documents(c, found, errors)


# -- connect / disconnect ----------------------------------------------------------------


def join(state: State, ctr: Container, net: Network, aliases: list[str], ip: str = "") -> None:
    """Put ``ctr`` on ``net`` with ``aliases``; its address is ``ip`` or the next free one."""
    taken = {e["ip"] for c in members(state, net, running=False) for e in endpoints(c).values()}
    joined = dict(endpoints(ctr))
    joined[net["name"]] = {
        "network": net["id"],
        "aliases": list(aliases),
        "ip": ip or addressing.next_address(net, taken),
        "static": bool(ip),
    }
    ctr["endpoints"] = joined


def _pair(c: Ctx, state: State, command: str) -> tuple[Network, Container]:
    net_ref, ctr_ref = c.args
    net = find(state, net_ref)
    if net is None:
        if is_own(c, net_ref):
            raise failure.not_modelled(f"network {command} of the engine's own network {net_ref}")
        raise c.d.no_such_network(net_ref, command)
    cid = refs.find_container(state["containers"], ctr_ref)
    if not cid:
        raise c.d.no_such_container(ctr_ref, f"network {command}")
    return net, state["containers"][cid]


def connect(c: Ctx) -> int:
    """``docker network connect [--alias A] [--ip IP] NETWORK CONTAINER``."""
    with store.Locked(c.state_dir) as state:
        net, ctr = _pair(c, state, "connect")
        if net["name"] in endpoints(ctr):
            raise c.d.already_connected(ctr, net)
        ip = str(c.flag("ip") or "")
        if ip and not addressing.contains(net, ip):
            raise c.d.address_outside(ip, net)
        join(state, ctr, net, list(c.flag("alias") or []), ip)
    return 0


def disconnect(c: Ctx) -> int:
    """``docker network disconnect [--force] NETWORK CONTAINER``."""
    with store.Locked(c.state_dir) as state:
        net, ctr = _pair(c, state, "disconnect")
        if net["name"] not in endpoints(ctr):
            raise c.d.not_connected(c.args[1], ctr, net)
        left = dict(endpoints(ctr))
        del left[net["name"]]
        ctr["endpoints"] = left
    return 0


# -- rm ----------------------------------------------------------------------------------


def _refusal(c: Ctx, state: State, ref: str) -> failure.FakeError | None:
    """Why ``network rm`` cannot remove ``ref`` (None: it can, or ``--force`` passes over
    a missing one)."""
    net = find(state, ref)
    if net is None:
        if is_own(c, ref):
            return c.d.own_network_rm(ref)
        return None if c.flag("force") else c.d.no_such_network(ref, "rm")
    if ref != net["name"] and c.d.network_rm_by_id_unchecked:
        return None
    if members(state, net, running=not c.d.network_rm_needs_unused):
        return c.d.network_in_use(net)
    return None


def rm(c: Ctx) -> int:
    """``docker network rm``: a network with running containers on it stays (podman: with
    any container on it); ``--force`` (docker 28) passes over a missing one. docker goes
    on past a failure; podman stops there, keeping what it removed before."""
    if c.flag("force") and c.d.network_rm_force_removes_containers:
        raise failure.not_modelled("podman network rm --force (it removes the containers)")
    stopped: failure.FakeError | None = None
    with store.Locked(c.state_dir) as state:
        for ref in c.args:
            refused = _refusal(c, state, ref)
            if refused is not None and c.d.stops_at_first_missing:
                stopped = refused
                break
            if refused is not None:
                c.report(refused)
                continue
            net = find(state, ref)
            if net is not None:  # (None: missing, passed over by --force, unprinted)
                # a stopped container keeps its endpoint: its next start fails, as docker's
                del state["networks"][net["id"]]
                c.io.out(ref + "\n")
    if stopped is not None:
        raise stopped
    if c.failed:
        c.io.err(c.d.rm_status_line)
        return 1
    return 0
