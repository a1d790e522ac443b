"""Go's tabwriter, as the clients lay out their tables (a module of its own: the dialects'
wordings use it too, and import nothing that imports them)."""

from __future__ import annotations


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
