"""The package's import graph, read from the source: which module imports which, and circles."""

from __future__ import annotations

import ast
from pathlib import Path

LIB = Path(__file__).resolve().parents[2] / "lib" / "dockercli"
FAKE = LIB / "fake"

# The one type-only circle left: NoPortMappingError's annotation names models.PortMapping,
# whose module parses with _decode, which raises errors.ParseError. No object loop, and
# none may be added.
KNOWN_LIBRARY_TYPE_CIRCLES = {frozenset({"_decode", "errors", "models"})}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imported(nodes: list[ast.stmt], package: str, modules: set[str]) -> set[str]:
    """The sibling modules named by the import statements in ``nodes`` (at any depth)."""
    found: set[str] = set()
    for stmt in nodes:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                rest = name.removeprefix(package + ".")
                if rest != name:
                    found |= {rest.split(".")[0]} & modules
    return found


def _graph(directory: Path, package: str, *, types: bool) -> dict[str, set[str]]:
    """module -> modules it imports at run time (or, with ``types``, also for type checking)."""
    modules = {p.stem for p in directory.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for module in modules:
        tree = ast.parse((directory / f"{module}.py").read_text())
        runtime: list[ast.stmt] = []
        checked: list[ast.stmt] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node):
                checked += node.body
                runtime += node.orelse
                node.body, node.orelse = [], []
        runtime += tree.body  # what is left once the TYPE_CHECKING blocks are taken out
        graph[module] = _imported(runtime + (checked if types else []), package, modules)
        graph[module].discard(module)
    return graph


def _circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module."""
    reach = {m: _reachable(graph, m) for m in graph}
    return {frozenset(m for m in graph if m in reach[n] and n in reach[m]) | {n} for n in graph} - {
        frozenset({n}) for n in graph if n not in reach[n]
    }


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph[module]
    return seen


def test_the_fake_has_no_import_circle() -> None:
    """No module of the fake imports one that imports it back, at run time or for types."""
    assert _circles(_graph(FAKE, "dockercli.fake", types=True)) == set()


def test_the_fake_imports_its_modules_as_a_package() -> None:
    """No module of the fake imports a sibling by its bare name (``import store``): the fake
    is the package ``dockercli.fake``, the same when run as a script and when imported."""
    siblings = {p.stem for p in FAKE.glob("*.py")}
    bare = {
        f"{path.stem} imports {alias.name}"
        for path in FAKE.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
        if alias.name.split(".")[0] in siblings
    }
    assert bare == set()


def test_the_library_has_no_import_circle_at_run_time() -> None:
    """No library module imports, at run time, one that imports it back."""
    assert _circles(_graph(LIB, "dockercli", types=False)) == set()


def test_the_library_adds_no_type_only_circle() -> None:
    """The library's type-only circles are the known one, none new (Container, Image and the
    cleaner hold a Session, not the Docker façade)."""
    assert _circles(_graph(LIB, "dockercli", types=True)) <= KNOWN_LIBRARY_TYPE_CIRCLES


def test_the_circle_finder_sees_a_circle() -> None:
    """The finder reports a loop of three and ignores a chain."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(graph) == {frozenset({"a", "b", "c"})}
