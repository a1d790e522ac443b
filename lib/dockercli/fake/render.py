"""What both renderers share: derived IDs, health, ports, status texts and the images rows.

The inspect documents and list rows of each client family live in ``render_docker`` and
``render_podman``; a dialect names its renderer (``Dialect.render``).
"""

from __future__ import annotations

from dockercli.fake import model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake import dialect
    from dockercli.fake.records import Container, State

CAPS = [
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


def health(c: Container, now: int) -> dict[str, Any] | None:
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


def sorted_keys(mapping: Any) -> Any:
    """Go's encoding/json writes map keys in sorted order."""
    if not isinstance(mapping, dict):
        return mapping
    return {k: mapping[k] for k in sorted(mapping)}


def nullable(items: Any) -> Any:
    return list(items) if items else None


def image_tags(d: dialect.Dialect, state: State, image_id: str) -> list[str]:
    """The tags of an image as the dialect shows them, newest tag last."""
    return [refs.display(d, t) for t, i in state["tags"].items() if i == image_id]


def port_list(d: dialect.Dialect, c: Container) -> list[tuple[str, int, int, str]]:
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


def displayable_ports(d: dialect.Dialect, ports: list[tuple[str, int, int, str]]) -> str:
    """docker's ``api/types.DisplayablePorts`` (the PORTS column)."""
    groups: dict[str, list[int]] = {}
    order: list[str] = []
    result: list[str] = []
    mappings: list[str] = []
    for ip, public, private, proto in sorted(ports, key=lambda p: (p[2], p[0], p[1], p[3])):
        key = proto
        if ip:
            if public != private:
                addr = f"[{ip}]" if (":" in ip and d.brackets_ipv6) else ip
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


def status(d: dialect.Dialect, c: Container, now: int) -> str:
    """The STATUS column: ``Up 5 seconds (healthy)``, ``Up 1 second (Paused)``,
    ``Exited (0) 2 minutes ago``."""
    if c["status"] == "created":
        return "Created"
    if model.paused(c):
        return d.paused_status(store.human_duration((now - c["started"]) / 1e9))
    if c["status"] == "running":
        text = "Up " + store.human_duration((now - c["started"]) / 1e9) + d.up_suffix
        h = model.health(c, now)
        if h is not None:
            text += {"healthy": " (healthy)", "unhealthy": " (unhealthy)"}.get(
                h["Status"], d.health_starting
            )
        return text
    return f"Exited ({c['exit_code']}) {store.human_duration((now - c['finished']) / 1e9)} ago"


def shell_word(word: str) -> str:
    """The engine quotes arguments that contain blanks: ``sh -c 'exit 3'``."""
    if word and not any(ch in word for ch in " \t\n'\"\\$`;&|<>()*?[]#~"):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def ellipsis(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def image_rows(
    state: State, now: int, trunc: bool, *, untagged: set[str] | None = None
) -> list[dict[str, Any]]:
    """``docker images`` rows, one per tag, newest first; an untagged image once as
    ``<none>``, when ``untagged`` holds its ID (every image when None)."""
    rows: list[dict[str, Any]] = []
    by_image: dict[str, list[str]] = {}
    for tag, iid in state["tags"].items():
        by_image.setdefault(iid, []).append(tag)
    order = sorted(state["images"].items(), key=lambda kv: -int(kv[1]["created"]))
    for iid, img in order:
        tags = by_image.get(iid, [])
        if not tags and untagged is not None and iid not in untagged:
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
