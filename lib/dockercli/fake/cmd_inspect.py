"""``inspect``, ``container inspect`` and ``image inspect``."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import dialect, jsonio, model, refs, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


_DOCKER_TYPES = (
    "config",
    "container",
    "image",
    "network",
    "node",
    "plugin",
    "secret",
    "service",
    "task",
    "volume",
)


def _kind(c: Ctx) -> str:
    if c.path == "container inspect":
        return "container"
    if c.path == "image inspect":
        return "image"
    kind = str(c.flag("type") or "")
    if not kind:
        return ""
    if c.podman and kind not in ("image", "container", "pod", "network", "volume", "all"):
        raise dialect.FakeError(
            f'Error: invalid type "{kind}": must be "image", "container", "pod", "network", '
            '"volume", or "all"\n',
            125,
        )
    if not c.podman and kind not in _DOCKER_TYPES:
        if c.d == dialect.DOCKER20:
            raise dialect.FakeError(f'"{kind}" is not a valid value for --type\n')
        raise dialect.FakeError(
            f'unknown type: "{kind}": must be one of '
            + ", ".join(f'"{t}"' for t in _DOCKER_TYPES)
            + "\n"
        )
    if kind not in ("container", "image", "all"):
        raise dialect.not_modelled(f"inspect --type {kind}")
    return "" if kind == "all" else kind


def _missing(c: Ctx, kind: str, ref: str) -> str:
    if kind == "container":
        return dialect.no_such_container(c.d, ref, "inspect-container").stderr
    if kind == "image":
        return dialect.no_such_image(c.d, ref, "inspect").stderr
    return dialect.no_such_object(c.d, ref).stderr


def inspect(c: Ctx) -> int:  # noqa: PLR0912 - one branch per case keeps the mapping readable
    """Print the inspect document of every reference; exit 1 when some are missing."""
    kind = _kind(c)
    state = store.load(c.state_dir)
    now = store.now_ns()
    containers = model.view(state, now) if kind != "image" else {}
    found: list[dict[str, Any]] = []
    errors: list[str] = []
    for ref in c.args:
        doc: dict[str, Any] | None = None
        if kind in ("", "container"):
            cid = refs.find_container({"containers": containers}, ref)
            if cid:
                doc = render.container(c.d, state, containers[cid], now)
                if c.flag("size"):
                    doc = _with_size(state, containers[cid], doc)
        if doc is None and kind in ("", "image"):
            iid = refs.find_image(c.d, state, ref)
            if iid:
                doc = render.image(c.d, state, iid)
        if doc is None:
            errors.append(_missing(c, kind, ref))
        else:
            found.append(doc)
    fmt = c.flag("format")
    if fmt is not None and not (c.podman and dialect.podman_json(fmt)):
        if TYPE_CHECKING:
            from dockercli.fake import template
        else:
            from dockercli.fake import template

        if found or not c.podman:
            try:
                tmpl = template.Template(str(fmt), "inspect" if c.podman else "")
                c.io.out("".join(tmpl.render(doc) + "\n" for doc in found) or "\n")
            except template.TemplateError as exc:
                c.io.out("\n")
                raise dialect.template_error(c.d, c.path, exc) from None
    else:
        indent = "     " if c.podman else "    "
        c.io.out(jsonio.dumps(found, indent) + "\n" if found else "[]\n")
    if errors:
        if c.podman:
            last = errors[-1]
            earlier = "".join("error " + e[len("Error: ") :] for e in errors[:-1])
            raise dialect.FakeError(earlier + last, 125)
        raise dialect.FakeError("".join(errors), 1)
    return 0


def _with_size(state: dict[str, Any], ctr: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in doc.items():
        out[key] = value
        if key == "GraphDriver":
            out["SizeRw"] = 0
            out["SizeRootFs"] = state["images"].get(ctr["image"], {}).get("size", 0)
    return out
