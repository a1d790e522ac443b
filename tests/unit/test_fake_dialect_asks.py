"""Outside its dialect objects the fake rarely asks which client it imitates (#15's measure).

An "ask" is code that branches on the client: a comparison with a client's name
(``PODMAN``, ``DOCKER20``, ``DOCKER28``, ``d.name``), or a read of ``.podman``,
``.engine`` or ``.api_types``, or a ``podman=`` switch passed to a helper. Those belong in
``dialect.py`` (what a client says) and ``clients.py`` (which clients exist); a handler
says what docker does. Tables that name clients as data (a command row's ``lacking``)
are not asks.
"""

from __future__ import annotations

import ast
from pathlib import Path

FAKE = Path(__file__).resolve().parents[2] / "lib" / "dockercli" / "fake"
DIALECT_HOMES = {"dialect.py", "clients.py"}
CLIENT_NAMES = {"PODMAN", "DOCKER20", "DOCKER28"}
ASKING_ATTRIBUTES = {"podman", "engine", "api_types"}
# The issue asks for fewer than 20. Today: cmd_image's libpod removal rule and cmd_system's
# five reads of the client's API types. The ceiling is kept close so new asks are noticed.
CEILING = 8


def _names_a_client(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in CLIENT_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in CLIENT_NAMES or (node.attr == "name" and _is_dialect(node.value))
    if isinstance(node, ast.Tuple):
        return any(_names_a_client(e) for e in node.elts)
    return False


def _is_dialect(node: ast.expr) -> bool:
    """``d``, ``c.d``, ``self.d``, ``dialect.current()``: the objects a handler asks."""
    if isinstance(node, ast.Name):
        return node.id == "d"
    if isinstance(node, ast.Attribute):
        return node.attr == "d"
    return isinstance(node, ast.Call) and ast.unparse(node.func) == "dialect.current"


def _asks(tree: ast.AST) -> list[int]:
    """The line of every ask in one module."""
    lines: list[int] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and any(_names_a_client(n) for n in (node.left, *node.comparators))
        ) or (isinstance(node, ast.Attribute) and node.attr in ASKING_ATTRIBUTES):
            lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "podman":
            lines.append(node.value.lineno)
    return sorted(set(lines))


def _all_asks() -> list[str]:
    found: list[str] = []
    for path in sorted(FAKE.glob("*.py")):
        if path.name in DIALECT_HOMES:
            continue
        found += [f"{path.name}:{line}" for line in _asks(ast.parse(path.read_text()))]
    return found


def test_the_fake_asks_which_client_it_is_in_few_places() -> None:
    """Outside dialect.py and clients.py, at most CEILING places branch on the client."""
    found = _all_asks()
    assert len(found) <= CEILING, (
        f"{len(found)} places ask which client the fake imitates: {', '.join(found)}; "
        "say it through a Dialect method or attribute instead"
    )


def test_the_ask_counter_sees_each_kind_of_ask() -> None:
    """The counter finds a name comparison, a dialect attribute and a podman= switch."""
    source = (
        "if c.d.name == PODMAN: pass\n"
        "x = d.name != clients.DOCKER20\n"
        "y = self.c.podman\n"
        "z = c.d.api_types > (1, 41)\n"
        "w = parse(text, podman=True)\n"
        "v = row.name == 'build'\n"
    )
    assert _asks(ast.parse(source)) == [1, 2, 3, 4, 5]
