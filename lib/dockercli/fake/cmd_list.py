"""``ps`` and ``images``: filters, ``-q``, ``--format`` (``{{json .}}``, ``table``), tables."""

# Sibling modules are imported where needed: each invocation pays only for its command.

from __future__ import annotations

from dockercli.fake import dialect, listing, model, refs, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State

_PS_FILTERS = (
    "ancestor",
    "before",
    "expose",
    "exited",
    "health",
    "id",
    "isolation",
    "is-task",
    "label",
    "name",
    "network",
    "publish",
    "since",
    "status",
    "volume",
)
_IMAGE_FILTERS = ("before", "dangling", "label", "reference", "since", "until")
_PS_TABLE = (
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
)
_IMAGES_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
_HEADERS = {
    "ID": "CONTAINER ID",
    "Image": "IMAGE",
    "Command": "COMMAND",
    "CreatedAt": "CREATED AT",
    "RunningFor": "CREATED",
    "Ports": "PORTS",
    "State": "STATE",
    "Status": "STATUS",
    "Size": "SIZE",
    "Names": "NAMES",
    "Labels": "LABELS",
    "Mounts": "MOUNTS",
    "Networks": "NETWORKS",
    "LocalVolumes": "LOCAL VOLUMES",
    "Repository": "REPOSITORY",
    "Tag": "TAG",
    "CreatedSince": "CREATED",
    "Digest": "DIGEST",
    "VirtualSize": "SIZE",
    "Containers": "CONTAINERS",
    "SharedSize": "SHARED SIZE",
    "UniqueSize": "UNIQUE SIZE",
    "Platform": "PLATFORM",
}
_IMAGE_HEADERS = dict(_HEADERS, ID="IMAGE ID")


def _ps_match(c: Ctx, state: State, ctr: Container, f: dict[str, list[str]], now: int) -> bool:
    cfg = ctr["config"]
    checks: dict[str, Callable[[list[str]], bool]] = {
        "label": lambda v: listing.label_ok(cfg.get("Labels") or {}, v),
        "name": lambda v: listing.name_ok(ctr["name"], v),
        "id": lambda v: any(ctr["id"].startswith(x) for x in v),
        "status": lambda v: model.state_name(ctr) in v,
        "exited": lambda v: ctr["status"] == "exited" and str(ctr["exit_code"]) in v,
        "ancestor": lambda v: any(
            refs.find_image(c.d, state, x) == ctr["image"] or x == cfg.get("Image") for x in v
        ),
        "health": lambda v: ((model.health(ctr, now) or {}).get("Status") or "none") in v,
        "network": lambda v: bool(_networks_of(ctr) & set(v)),
        "publish": lambda v: any(_port_match(x, ctr["host"]["PortBindings"]) for x in v),
        "expose": lambda v: any(_port_match(x, cfg.get("ExposedPorts") or {}) for x in v),
        "volume": lambda v: any(
            m.get("Name") in v or m.get("Destination") in v for m in ctr.get("mounts", [])
        ),
        "before": lambda v: all(_created(state, x) > ctr["created"] for x in v),
        "since": lambda v: all(_created(state, x) < ctr["created"] for x in v),
    }
    return all(checks[k](v) for k, v in f.items() if k in checks)


def _networks_of(ctr: Container) -> set[str]:
    """The names and IDs of the networks ``ctr`` is on (``--filter network=`` takes either)."""
    joined = ctr.get("endpoints") or {}
    ids = {e["network"] for e in joined.values()}
    return {ctr.get("network") or "bridge", *joined, *ids}


def _listed_running(c: Ctx, ctr: Container) -> bool:
    """Whether ``ps`` without ``--all`` lists ``ctr``: running (docker: paused too)."""
    return ctr["status"] == "running" and (c.d.lists_paused or not model.paused(ctr))


def _port_match(wanted: str, ports: dict[str, Any]) -> bool:
    key = wanted if "/" in wanted else wanted + "/tcp"
    return key in ports


def _created(state: State, ref: str) -> int:
    cid = refs.find_container(state["containers"], ref)
    if not cid:
        raise dialect.FakeError(dialect.daemon(f"No such container: {ref}\n"))
    return int(state["containers"][cid]["created"])


def ps(c: Ctx) -> int:
    """``docker ps``."""
    f = listing.filters(c, _PS_FILTERS)
    state = store.load(c.state_dir)
    now = store.now_ns()
    order = 1 if c.d.oldest_first else -1
    containers = sorted(model.view(state, now).values(), key=lambda x: order * int(x["created"]))
    show_all = (
        bool(c.flag("all")) or "status" in f or c.flag("last") is not None or c.flag("latest")
    )
    chosen = [
        x
        for x in containers
        if (show_all or _listed_running(c, x)) and _ps_match(c, state, x, f, now)
    ]
    if c.flag("latest"):
        chosen = chosen[:1]
    elif c.flag("last") is not None and int(c.flag("last")) >= 0:
        chosen = chosen[: int(c.flag("last"))]
    trunc = not c.flag("no-trunc")
    if c.flag("quiet"):
        c.io.out("".join((x["id"][:12] if trunc else x["id"]) + "\n" for x in chosen))
        return 0
    fmt = c.flag("format")
    if listing.wants_json(c.d, fmt):
        c.io.out(c.d.render.ps_json(c.d, state, chosen, now, trunc))
        return 0
    rows = [c.d.render.ps_row(c.d, state, x, now, trunc) for x in chosen]
    c.io.out(
        listing.render_rows(
            c,
            [listing.clean(r) | {"_labels": r["_labels"]} for r in rows],
            str(fmt or _PS_TABLE),
            "*formatter.ContainerContext",
            _HEADERS,
        )
    )
    return 0


def _ref_match(row: dict[str, Any], patterns: list[str]) -> bool:
    repo, tag = row["Repository"], row["Tag"]
    for pattern in patterns:
        if ":" in pattern.rsplit("/", 1)[-1]:
            if refs.glob(pattern, f"{repo}:{tag}"):
                return True
        elif refs.glob(pattern, repo):
            return True
    return False


def images(c: Ctx) -> int:
    """``docker images``."""
    f = listing.filters(c, _IMAGE_FILTERS)
    state = store.load(c.state_dir)
    now = store.now_ns()
    trunc = not c.flag("no-trunc")
    parents = {img["parent"] for img in state["images"].values()}
    # without --all, an untagged image shows only when no other image is built on it
    top = None if c.flag("all") else {iid for iid in state["images"] if iid not in parents}
    rows = render.image_rows(state, now, trunc, untagged=top)
    if c.args:
        rows = [
            r
            for r in rows
            if _ref_match(
                r,
                [
                    refs.normalize(c.d, c.args[0]).removesuffix(":latest")
                    if ":" not in c.args[0].rsplit("/", 1)[-1]
                    else refs.normalize(c.d, c.args[0])
                ],
            )
        ]
    if "reference" in f:
        rows = [r for r in rows if _ref_match(r, f["reference"])]
    if "label" in f:
        rows = [r for r in rows if listing.label_ok(r["_labels"], f["label"])]
    if "dangling" in f:
        want = f["dangling"][-1] in ("true", "1")
        rows = [r for r in rows if (r["Repository"] == "<none>") == want]
    for key, sign in (("before", 1), ("since", -1)):
        for ref in f.get(key, []):
            iid = refs.find_image(c.d, state, ref)
            if not iid:
                raise dialect.FakeError(dialect.daemon(f"No such image: {ref}\n"))
            edge = state["images"][iid]["created"]
            rows = [r for r in rows if sign * (edge - state["images"][r["_id"]]["created"]) > 0]
    if c.flag("quiet"):
        seen: list[str] = []
        for r in rows:
            if r["ID"] not in seen:
                seen.append(r["ID"])
        c.io.out("".join(i + "\n" for i in seen))
        return 0
    fmt = c.flag("format")
    if listing.wants_json(c.d, fmt):
        c.io.out(c.d.render.images_json(c.d, state, rows))
        return 0
    typed = "*formatter.ImageContext"
    c.io.out(listing.render_rows(c, rows, str(fmt or _IMAGES_TABLE), typed, _IMAGE_HEADERS))
    return 0
