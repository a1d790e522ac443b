"""The package itself: its version, its exports, its runtime dependencies."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dockercli

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = (ROOT / "pyproject.toml").read_text()


def _fresh(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (nothing imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def _loaded_after(code: str) -> list[str]:
    """The modules (dockercli's, attrs, pexpect) a fresh interpreter holds after ``code``."""
    probe = (
        f"import sys; {code}; "
        "print(' '.join(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('dockercli', 'attr', 'attrs', 'pexpect'))))"
    )
    return _fresh(probe).split()


def test_version_is_the_installed_distributions() -> None:
    """``dockercli.__version__`` is the version pyproject.toml declares."""
    declared = re.search(r'^version = "([^"]+)"', PYPROJECT, re.MULTILINE)
    assert declared is not None
    assert dockercli.__version__ == declared.group(1)


def test_import_does_not_load_package_metadata() -> None:
    """Importing dockercli leaves importlib.metadata unloaded (it is ~80 ms of import time)."""
    probe = "import sys, dockercli; print('importlib.metadata' in sys.modules)"
    assert _fresh(probe).strip() == "False"


def test_every_exported_name_exists() -> None:
    """Every name in ``dockercli.__all__`` resolves on the package."""
    missing = [name for name in dockercli.__all__ if not hasattr(dockercli, name)]
    assert missing == []


def test_import_loads_no_submodule() -> None:
    """``import dockercli`` loads no submodule, nor attrs or pexpect, until a name is used."""
    assert _loaded_after("import dockercli") == ["dockercli"]


def test_first_use_loads_the_names_module() -> None:
    """Looking up ``dockercli.ParseError`` loads dockercli.errors and not the runner or pexpect."""
    loaded = _loaded_after("import dockercli; dockercli.ParseError")
    assert "dockercli.errors" in loaded
    assert "dockercli.runner" not in loaded
    assert "pexpect" not in loaded


def test_exports_are_the_objects_their_modules_define() -> None:
    """Each lazily exported name is the very object its defining module holds."""
    for name, module in dockercli._EXPORTS.items():
        defining = importlib.import_module(f"dockercli.{module}")
        assert getattr(dockercli, name) is getattr(defining, name), name


def test_type_checking_imports_match_the_exports() -> None:
    """The names spelled out for type checkers are exactly the lazy exports, same modules."""
    tree = ast.parse((ROOT / "lib" / "dockercli" / "__init__.py").read_text())
    guarded = next(
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    spelled = {
        alias.name: node.module.removeprefix("dockercli.")
        for node in guarded.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert spelled == dockercli._EXPORTS


def test_submodules_are_attributes_of_the_package() -> None:
    """``dockercli.parsers`` works after a bare ``import dockercli``, as before lazy loading."""
    loaded = _loaded_after("import dockercli; dockercli.parsers.build_image_id")
    assert "dockercli.parsers" in loaded


def test_unknown_name_raises_attribute_error() -> None:
    """A name the package does not export raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="no_such_name"):
        dockercli.no_such_name  # noqa: B018


def test_issue_names_are_importable_where_documented() -> None:
    """The parser entry points import from the package and their modules under these names."""
    from dockercli import (
        ContainerInfo,
        ImageInfo,
        build_image_id,
        classify,
        errors,
        models,
        parsers,
        port_mappings,
        ports_from_inspect,
    )

    assert build_image_id is parsers.build_image_id
    assert port_mappings is parsers.port_mappings
    assert ports_from_inspect is parsers.ports_from_inspect
    assert ContainerInfo.from_inspect == models.ContainerInfo.from_inspect
    assert ImageInfo.from_inspect == models.ImageInfo.from_inspect
    assert classify is errors.classify is parsers.classify


def test_runtime_dependencies_are_attrs_and_pexpect_only() -> None:
    """pyproject.toml declares exactly attrs and pexpect as runtime dependencies."""
    block = re.search(r"^dependencies = \[(.*?)\]", PYPROJECT, re.MULTILINE | re.DOTALL)
    assert block is not None
    names = {re.split(r"[<>=!~ ;\[]", d.strip().strip('"'))[0] for d in block.group(1).split(",")}
    assert names - {""} == {"attrs", "pexpect"}


def test_submodule_list_is_the_packages_public_modules() -> None:
    """``dockercli._SUBMODULES`` names every public module and subpackage of the package."""
    found = {m.name for m in pkgutil.iter_modules(dockercli.__path__)}
    assert {n for n in found if not n.startswith("_")} == dockercli._SUBMODULES


def test_error_table_compiles_on_first_failure() -> None:
    """Importing dockercli.errors compiles none of the error table's patterns; classify does."""
    probe = (
        "from dockercli import errors; from dockercli.result import Completed; "
        "before = errors._table.cache_info().currsize; "
        "errors.classify(Completed(('docker', 'ps'), 1, '', 'Error: No such container: x')); "
        "print(before, errors._table.cache_info().currsize)"
    )
    assert _fresh(probe).split() == ["0", "1"]


def test_dir_offers_public_names_not_helpers() -> None:
    """``dir(dockercli)`` lists the exports and submodules, not the package's own helpers."""
    listed = set(dir(dockercli))
    assert {"Docker", "parsers", "__version__"} <= listed
    assert not {"TYPE_CHECKING", "importlib"} & listed
