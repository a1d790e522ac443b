"""Write the export lists that a new command would otherwise need by hand.

A command's option class lives in ``lib/dockercli/_<family>_options.py`` (or options.py),
its model in ``models.py`` and its parser in ``parsers.py``: each definition is its only
declaration. This script derives from them the lists that make those names importable
(lazily) from ``dockercli.options``, ``dockercli.models``, ``dockercli.parsers`` and
``dockercli``:

- every public class named ``*Options`` defined in an options module;
- every public class defined in models.py;
- every public function defined in parsers.py.

Each list sits between ``# <generated NAME>`` and ``# </generated>`` lines; only those
lines are rewritten. ``python tools/exports.py`` rewrites them (``make exports``);
``--check`` exits 1 and names each stale list (the unit tests run it).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

LIB = Path(__file__).resolve().parent.parent / "lib" / "dockercli"
REGION = re.compile(
    r"^(?P<indent>[ \t]*)# <generated (?P<name>[\w-]+)>\n(?P<body>.*?)^[ \t]*# </generated>\n",
    re.MULTILINE | re.DOTALL,
)


def defined_functions(path: Path) -> list[str]:
    """The public functions ``path`` defines at its top level, by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    )


def defined_classes(path: Path, suffix: str = "") -> list[str]:
    """The public classes ``path`` defines at its top level, by name, ending in ``suffix``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and not node.name.startswith("_")
        and node.name.endswith(suffix)
    )


@attrs.frozen
class Surface:
    """What the definitions declare: option classes by module, and the models."""

    families: dict[str, str]  # option class -> the _<family>_options module defining it
    options: list[str]  # every public option class, options.py's own included
    models: list[str]
    parsers: list[str]  # the public functions of parsers.py

    @classmethod
    def read(cls, lib: Path) -> Surface:
        families = {
            name: path.stem
            for path in sorted(lib.glob("_*_options.py"))
            for name in defined_classes(path, "Options")
        }
        own = defined_classes(lib / "options.py", "Options")
        return cls(
            dict(sorted(families.items())),
            sorted({*own, *families}),
            defined_classes(lib / "models.py"),
            defined_functions(lib / "parsers.py"),
        )


def _lines(indent: str, items: list[str]) -> str:
    return "".join(f"{indent}{item}\n" for item in items)


def _isort(names: list[str]) -> list[str]:
    """``names`` in the order ruff's isort wants in an import (case-insensitive)."""
    return sorted(names, key=str.lower)


def _family_imports(s: Surface, i: str) -> str:
    modules = sorted(set(s.families.values()))
    return "".join(
        f"{i}from dockercli.{module} import (\n"
        + _lines(
            f"{i}    ", [f"{n}," for n in _isort([n for n, m in s.families.items() if m == module])]
        )
        + f"{i})\n"
        for module in modules
    )


# region name -> (the file holding it, its lines given the markers' indent)
REGIONS: dict[str, tuple[str, Callable[[Surface, str], str]]] = {
    "families": (
        "options.py",
        lambda s, i: _lines(i, [f'"{n}": "{m}",' for n, m in s.families.items()]),
    ),
    "family-imports": ("options.py", _family_imports),
    "options-all": ("options.py", lambda s, i: _lines(i, [f'"{n}",' for n in s.options])),
    "parsers-all": ("parsers.py", lambda s, i: _lines(i, [f'"{n}",' for n in s.parsers])),
    "models-all": ("models.py", lambda s, i: _lines(i, [f'"{n}",' for n in s.models])),
    "package-models": (
        "__init__.py",
        lambda s, i: _lines(i, [f'"{n}": "models",' for n in s.models]),
    ),
    "package-options": (
        "__init__.py",
        lambda s, i: _lines(i, [f'"{n}": "options",' for n in s.options]),
    ),
    "package-models-imports": (
        "__init__.py",
        lambda s, i: _lines(i, [f"{n} as {n}," for n in _isort(s.models)]),
    ),
    "package-options-imports": (
        "__init__.py",
        lambda s, i: _lines(i, [f"{n} as {n}," for n in _isort(s.options)]),
    ),
}


def render(path: Path, surface: Surface) -> str:
    """``path``'s text with each of its generated regions rewritten."""

    def fill(match: re.Match[str]) -> str:
        name, indent = match["name"], match["indent"]
        if REGIONS.get(name, ("",))[0] != path.name:
            raise SystemExit(f"{path}: unknown generated region {name!r}")
        body = REGIONS[name][1](surface, indent)
        return f"{indent}# <generated {name}>\n{body}{indent}# </generated>\n"

    text = path.read_text(encoding="utf-8")
    found = {m["name"] for m in REGION.finditer(text)}
    missing = sorted({n for n, (f, _) in REGIONS.items() if f == path.name} - found)
    if missing:
        raise SystemExit(f"{path}: no generated region {', '.join(missing)}")
    return REGION.sub(fill, text)


def stale_files(lib: Path = LIB, *, write: bool) -> list[str]:
    """The files under ``lib`` whose generated lists are out of date (rewritten if ``write``)."""
    surface = Surface.read(lib)
    stale: list[str] = []
    for filename in sorted({f for f, _ in REGIONS.values()}):
        path = lib / filename
        text = render(path, surface)
        if text != path.read_text(encoding="utf-8"):
            stale.append(filename)
            if write:
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = stale_files(write=not check)
    if check and stale:
        names = ", ".join(f"lib/dockercli/{f}" for f in stale)
        print(f"export lists out of date in {names}: run `make exports`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
