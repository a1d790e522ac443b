"""The package itself: its version, its exports, its runtime dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import dockercli

PYPROJECT = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()


def test_version_is_the_installed_distributions() -> None:
    """``dockercli.__version__`` is the version pyproject.toml declares."""
    declared = re.search(r'^version = "([^"]+)"', PYPROJECT, re.MULTILINE)
    assert declared is not None
    assert dockercli.__version__ == declared.group(1)


def test_import_does_not_load_package_metadata() -> None:
    """Importing dockercli leaves importlib.metadata unloaded (it is ~80 ms of import time)."""
    probe = "import sys, dockercli; print('importlib.metadata' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_every_exported_name_exists() -> None:
    """Every name in ``dockercli.__all__`` resolves on the package."""
    missing = [name for name in dockercli.__all__ if not hasattr(dockercli, name)]
    assert missing == []


def test_runtime_dependencies_are_attrs_and_pexpect_only() -> None:
    """pyproject.toml declares exactly attrs and pexpect as runtime dependencies."""
    block = re.search(r"^dependencies = \[(.*?)\]", PYPROJECT, re.MULTILINE | re.DOTALL)
    assert block is not None
    names = {re.split(r"[<>=!~ ;\[]", d.strip().strip('"'))[0] for d in block.group(1).split(",")}
    assert names - {""} == {"attrs", "pexpect"}
