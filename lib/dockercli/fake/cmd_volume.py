"""``volume ls/create/inspect/rm``: the volumes kept in the state.

A volume is made by ``volume create`` or by a run that mounts a name no volume has
(``-v NAME:/path``; ``-v /path`` makes an anonymous one, which ``rm -v`` and ``--rm``
remove with its container). A container that mounts a volume, running or not, keeps it
from ``volume rm``. What a volume holds is not modelled: the fake keeps no files. Drivers
other than ``local`` are refused as the engine refuses a plugin it does not have.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import re

from dockercli.fake import failure, listing, model, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State, Volume

_HEADERS = {
    "Driver": "DRIVER",
    "Name": "VOLUME NAME",
    "Labels": "LABELS",
    "Mountpoint": "MOUNTPOINT",
    "Scope": "SCOPE",
    "Links": "LINKS",
    "Size": "SIZE",
}
_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*")
_CLUSTER_FLAGS = (
    *("availability", "group", "limit-bytes", "required-bytes", "scope", "secret"),
    *("sharing", "topology-preferred", "topology-required", "type"),
)


def new(c: Ctx, name: str, *, labels: dict[str, str], options: dict[str, str]) -> Volume:
    """A ``local`` volume record (what the creating client sends for empty maps decides
    whether the engine shows them as ``{}`` or null)."""
    empty: dict[str, str] | None = {} if c.d.volume_sends_empty_maps else None
    return {
        "name": name,
        "driver": "local",
        "created": store.now_ns(),
        "labels": labels or empty,
        "options": options or empty,
        "anonymous": False,
    }


def mount_volumes(c: Ctx, state: State, ctr: Container) -> None:
    """Make the volumes a new container mounts that do not exist yet (unlabelled: the
    engine made them, not the user's ``volume create``)."""
    named = {b.split(":")[0] for b in ctr["host"].get("Binds") or []}
    named |= {m.get("Source") for m in ctr["host"].get("Mounts") or [] if m["Type"] == "volume"}
    for m in ctr.get("mounts", []):
        name = m.get("Name")
        if m.get("Type") != "volume" or not name or name in state["volumes"]:
            continue
        vol = new(c, name, labels={}, options={})
        if c.d.name != "podman":  # docker's engine keeps no maps it was not sent
            vol["labels"] = vol["options"] = None
        vol["anonymous"] = name not in named  # -v /path: one container's own
        state["volumes"][name] = vol


# -- ls ----------------------------------------------------------------------------------


def _matches(state: State, vol: Volume, f: dict[str, list[str]]) -> bool:
    def dangling(value: list[str]) -> bool:
        return (not model.volume_users(state, vol["name"], store.now_ns())) == (
            value[-1] in ("true", "1")
        )

    checks = {
        "name": lambda v: listing.name_ok(vol["name"], v),
        "driver": lambda v: vol["driver"] in v,
        "label": lambda v: listing.label_ok(vol["labels"] or {}, v),
        "dangling": dangling,
    }
    for key in f:
        if key not in checks:
            raise failure.not_modelled(f"volume ls --filter {key}=")
    return all(checks[k](v) for k, v in f.items())


def ls(c: Ctx) -> int:
    """``docker volume ls``: by name."""
    f = listing.filters(c, c.d.volume_filters, c.d.network_filter_error)
    if c.flag("cluster"):
        raise failure.not_modelled("volume ls --cluster (swarm cluster volumes)")
    state = store.load(c.state_dir)
    vols = sorted(
        (v for v in state["volumes"].values() if _matches(state, v, f)), key=lambda v: v["name"]
    )
    fmt = c.flag("format")
    if c.flag("quiet"):
        c.io.out("".join(v["name"] + "\n" for v in vols))
        return 0
    if listing.wants_json(c.d, fmt):
        c.io.out(c.d.render.volumes_json(c.d, state, vols))
        return 0
    rows = [c.d.render.volume_row(c.d, v) for v in vols]
    table = str(fmt or c.d.volume_table)
    c.io.out(listing.render_rows(c, rows, table, c.d.volume_context, _HEADERS))
    return 0


# -- create ------------------------------------------------------------------------------


def _pairs(items: list[str] | None) -> dict[str, str]:
    return dict(item.partition("=")[::2] for item in items or [])


def create(c: Ctx) -> int:
    """``docker volume create [NAME]``: prints the name (one the engine makes up: 64 hex
    digits). docker hands back the volume a taken name has, as it is; podman refuses."""
    from dockercli.fake import render

    if any(c.flag(x) for x in _CLUSTER_FLAGS):
        raise failure.not_modelled("volume create with cluster-volume flags (swarm)")
    now = store.now_ns()
    name = c.args[0] if c.args else render.derived(f"volume/{now}")
    fits = _NAME.fullmatch(name) and (len(name) > 1 or c.d.one_character_volume_names)
    if not fits:
        raise c.d.bad_volume_name(name)
    driver = str(c.flag("driver") or "local")
    if driver != "local":
        raise c.d.no_volume_plugin(name, driver)
    with store.Locked(c.state_dir) as state:
        if name in state["volumes"]:
            if not c.d.volume_create_takes_existing:
                raise c.d.volume_name_taken(name)
        else:
            labels, options = _pairs(c.flag("label")), _pairs(c.flag("opt"))
            state["volumes"][name] = new(c, name, labels=labels, options=options)
    c.io.out(name + "\n")
    return 0


# -- inspect -----------------------------------------------------------------------------


def inspect(c: Ctx) -> int:
    """``docker volume inspect``: every volume named; the missing ones fail at the end
    (podman: at the first)."""
    from dockercli.fake import cmd_inspect

    state = store.load(c.state_dir)
    found: list[dict[str, Any]] = []
    errors: list[str] = []
    for ref in c.args:
        vol = state["volumes"].get(ref)
        if vol is not None:
            found.append(c.d.render.volume(c.d, state, vol))
        else:
            errors.append(c.d.no_such_volume(ref, "inspect").stderr)
    return cmd_inspect.print_documents(c, found, errors)


# -- rm ----------------------------------------------------------------------------------


def rm(c: Ctx) -> int:
    """``docker volume rm``: a volume any container mounts stays; ``--force`` passes over
    a missing one (docker still prints its name). docker goes on past a failure; podman
    stops there, keeping what it removed before. podman's ``--force`` of a volume in use
    removes its containers: refused (exit 125), not modelled."""
    force = bool(c.flag("force"))
    if c.flag("all"):
        raise failure.not_modelled("podman volume rm --all")
    stopped: failure.FakeError | None = None
    with store.Locked(c.state_dir) as state:
        for ref in c.args:
            vol = state["volumes"].get(ref)
            refused: failure.FakeError | None = None
            if vol is None and not force:
                refused = c.d.no_such_volume(ref, "rm")
            elif vol is not None:
                holders = [u["id"] for u in model.volume_users(state, ref, store.now_ns())]
                if holders and force and c.d.volume_rm_force_removes_containers:
                    raise failure.not_modelled("podman volume rm --force of a volume in use")
                refused = c.d.volume_in_use(ref, holders) if holders else None
            if refused is not None and c.d.stops_at_first_missing:
                stopped = refused
                break
            if refused is not None:
                c.report(refused)
                continue
            if vol is not None:
                del state["volumes"][ref]
            if vol is not None or c.d.volume_rm_force_prints_missing:
                c.io.out(ref + "\n")
    if stopped is not None:
        raise stopped
    return 1 if c.failed else 0
