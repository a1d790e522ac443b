"""``inspect``, ``container inspect`` and ``image inspect``."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import dialect, jsonio, model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State


def _kind(c: Ctx) -> str:
    if c.path == "container inspect":
        return "container"
    if c.path == "image inspect":
        return "image"
    kind = str(c.flag("type") or "")
    if not kind:
        return ""
    if kind not in c.d.inspect_types:
        raise c.d.bad_inspect_type(kind)
    if kind not in ("container", "image", "all"):
        raise dialect.not_modelled(f"inspect --type {kind}")
    return "" if kind == "all" else kind


def _missing(c: Ctx, kind: str, ref: str) -> str:
    if kind == "container":
        return c.d.no_such_container(ref, "inspect-container").stderr
    if kind == "image":
        return c.d.no_such_image(ref, "inspect").stderr
    return c.d.no_such_object(ref).stderr


def inspect(c: Ctx) -> int:
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
            cid = refs.find_container(containers, ref)
            if cid:
                doc = c.d.render.container(c.d, state, containers[cid], now)
                if c.flag("size"):
                    doc = _with_size(state, containers[cid], doc)
        if doc is None and kind in ("", "image"):
            iid = refs.find_image(c.d, state, ref)
            if iid:
                doc = c.d.render.image(c.d, state, iid)
        if doc is None:
            errors.append(_missing(c, kind, ref))
        else:
            found.append(doc)
    return print_documents(c, found, errors)


def print_documents(c: Ctx, found: list[dict[str, Any]], errors: list[str]) -> int:
    """Print what an inspect found (JSON, or ``--format``), then fail naming the missing
    (``errors``: each one's message) as the client does; any inspect command ends here."""
    fmt = c.flag("format")
    if fmt is not None and not (c.d.prints_json(fmt)):
        from dockercli.fake import template

        if found or c.d.inspect_line_for_nothing:
            try:
                tmpl = template.Template(str(fmt), c.d.inspect_template_name)
                c.io.out("".join(tmpl.render(doc) + "\n" for doc in found) or "\n")
            except template.TemplateError as exc:
                c.io.out("\n")
                raise c.d.template_error(c.path, exc) from None
    else:
        c.io.out(jsonio.dumps(found, c.d.inspect_indent) + "\n" if found else "[]\n")
    if errors:
        raise c.d.inspect_failed(errors)
    return 0


def _with_size(state: State, ctr: Container, doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in doc.items():
        out[key] = value
        if key == "GraphDriver":
            out["SizeRw"] = 0
            image = state["images"].get(ctr["image"])
            out["SizeRootFs"] = image["size"] if image else 0
    return out
