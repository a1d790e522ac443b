"""What each make target installs: the demo needs the package alone, the tests the dev extra."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _installs(target: str, venv: Path) -> list[str]:
    """The ``pip install`` lines ``make TARGET`` runs for a fresh virtualenv (a dry run)."""
    done = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "pip install" in line and " -e " in line]


@pytest.mark.parametrize("target", ["demo", "engine", "engine-stop"])
def test_the_demo_and_the_engine_install_the_package_alone(target: str, tmp_path: Path) -> None:
    """make demo (and make engine) install ``-e .`` only: no test or lint toolchain."""
    assert _installs(target, tmp_path / "venv") == [
        f"{tmp_path / 'venv'}/bin/python -m pip install -q -e ."
    ]


@pytest.mark.parametrize("target", ["test", "check"])
def test_the_tests_install_the_dev_extra(target: str, tmp_path: Path) -> None:
    """make test and make check still install the package with its dev extra."""
    assert _installs(target, tmp_path / "venv") == [
        f"{tmp_path / 'venv'}/bin/python -m pip install -q -e '.[dev]'"
    ]
