"""What the list commands share, below their handlers: ``--filter`` parsing, label and name
matching, Go templates over rows, and Go's tabwriter."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


def filters(
    c: Ctx, allowed: tuple[str, ...], podman_invalid: str = "Error: {} is an invalid filter"
) -> dict[str, list[str]]:
    """``--filter`` values by key; a key the command does not know fails as the client does
    (podman's sentence differs per command: ``podman_invalid`` takes the key)."""
    if TYPE_CHECKING:
        from dockercli.fake import flags
    else:
        from dockercli.fake import flags

    out: dict[str, list[str]] = {}
    for item in c.flag("filter") or []:
        key, eq, value = item.partition("=")
        if not eq and not c.podman:
            why = "bad format of filter (expected name=value)"
            raise flags.bad_value(c.d, c.typed, "filter", item, why)
        if not eq or key not in allowed:
            bad = key if eq else item
            if c.podman:
                raise dialect.FakeError(podman_invalid.format(bad) + "\n", 125)
            raise dialect.FakeError(dialect.daemon(f"Invalid filter '{bad}'\n"))
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


def tabulate(rows: list[list[str]], minwidth: int, padding: int) -> str:
    """Go's tabwriter: every column but the last padded to its widest cell."""
    widths: dict[int, int] = {}
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths.get(i, minwidth), len(cell) + padding)
    out: list[str] = []
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        out.append("".join(cells) + (row[-1] if row else "") + "\n")
    return "".join(out)


def render_rows(
    c: Ctx, rows: list[dict[str, Any]], fmt: str, typed: str, headers: dict[str, str]
) -> str:
    """Rows through a ``--format`` template; ``table ...`` adds the ``headers`` (field ->
    column title) and aligns."""
    if TYPE_CHECKING:
        from dockercli.fake import template
    else:
        from dockercli.fake import template

    table = fmt.startswith("table")
    body = fmt[len("table") :].lstrip(" ") if table else fmt
    try:
        tmpl = template.Template(body.replace("\\t", "\t"), "", typed)
        lines = [tmpl.render(row) for row in rows]
        if not rows:  # docker evaluates the template even when there is nothing to list
            tmpl.render(dict.fromkeys(headers, ""))
    except template.TemplateError as exc:
        raise dialect.template_error(c.d, c.path, exc) from None
    if not table:
        return "".join(line + "\n" for line in lines)
    header = body.replace("\\t", "\t")
    for key, title in headers.items():
        header = header.replace("{{." + key + "}}", title).replace("{{ ." + key + " }}", title)
    grid = [line.split("\t") for line in [header, *lines]]
    podman = c.podman
    return tabulate(grid, 12 if podman else 10, 2 if podman else 3)


def clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}
