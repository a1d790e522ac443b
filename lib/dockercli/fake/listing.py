"""What the list commands share, below their handlers: ``--filter`` parsing, label and name
matching, Go templates over rows (laid out by ``tabwriter``)."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import dialect
from dockercli.fake.tabwriter import tabulate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


def filters(c: Ctx, allowed: tuple[str, ...], sentence: str = "") -> dict[str, list[str]]:
    """``--filter`` values by key; a key the command does not know fails as the client does
    (``sentence``: the command's own wording of that, where the client has one)."""
    from dockercli.fake import flags

    out: dict[str, list[str]] = {}
    for item in c.flag("filter") or []:
        key, eq, value = item.partition("=")
        if not eq and c.d.filter_needs_equals:
            why = "bad format of filter (expected name=value)"
            raise flags.bad_value(c.d, c.typed, "filter", item, why)
        if not eq or key not in allowed:
            raise c.d.bad_filter(key if eq else item, sentence)
        out.setdefault(key, []).append(value)
    return out


def label_ok(labels: dict[str, str], wanted: list[str]) -> bool:
    for item in wanted:
        key, eq, value = item.partition("=")
        if key.endswith("!"):
            if labels.get(key[:-1]) == value:
                return False
            continue
        if key not in labels or (eq and labels[key] != value):
            return False
    return True


def name_ok(name: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if any(ch in pattern for ch in "^$*+?[](){}|\\"):
            import re

            if re.search(pattern, "/" + name):
                return True
        elif pattern in name:
            return True
    return False


def render_rows(
    c: Ctx, rows: list[dict[str, Any]], fmt: str, typed: str, headers: dict[str, str]
) -> str:
    """Rows through a ``--format`` template; ``table ...`` adds the ``headers`` (field ->
    column title) and aligns."""
    from dockercli.fake import template

    table = fmt.startswith("table")
    body = fmt[len("table") :].lstrip(" ") if table else fmt
    try:
        tmpl = template.Template(body.replace("\\t", "\t"), "", typed)
        lines = [tmpl.render(row) for row in rows]
        if not rows:  # docker evaluates the template even when there is nothing to list
            tmpl.render(dict.fromkeys(headers, ""))
    except template.TemplateError as exc:
        raise c.d.template_error(c.path, exc) from None
    if not table:
        return "".join(line + "\n" for line in lines)
    header = body.replace("\\t", "\t")
    for key, title in headers.items():
        header = header.replace("{{." + key + "}}", title).replace("{{ ." + key + " }}", title)
    grid = [line.split("\t") for line in [header, *lines]]
    return tabulate(grid, *c.d.table_spacing)


def wants_json(d: dialect.Dialect, fmt: object) -> bool:
    """Whether a list command's ``--format`` asks for JSON rather than a template."""
    return fmt in ("{{json .}}", "json") or d.prints_json(fmt)


def clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}
