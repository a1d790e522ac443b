"""The export lists are derived from the definitions: a new command adds no table by hand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "exports.py"

NEW_OPTIONS = '''

@attrs.frozen(kw_only=True)
class NetworkProbeOptions:
    """A throwaway command's options, added by the test."""

    subcommand: ClassVar[tuple[str, ...]] = ("network", "probe")

    quiet: bool = switch("--quiet")
'''

NEW_PARSER = '''

def network_probe(text: str) -> str:
    """A throwaway command's parser, added by the test."""
    return text.strip()
'''

NEW_MODEL = '''

@attrs.frozen
class NetworkProbe:
    """A throwaway command's model, added by the test."""

    name: str
'''


def _run(tool: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(tool), *args], capture_output=True, text=True, check=False, timeout=60
    )


def _copy_tree(tmp_path: Path) -> Path:
    """A copy of the package and the tool, laid out as in the checkout; its root."""
    shutil.copytree(
        ROOT / "lib" / "dockercli",
        tmp_path / "lib" / "dockercli",
        ignore=shutil.ignore_patterns("__pycache__", "fake", "testing"),
    )
    (tmp_path / "tools").mkdir()
    shutil.copy(TOOL, tmp_path / "tools" / "exports.py")
    return tmp_path


def test_export_lists_match_the_definitions() -> None:
    """Every generated export list in the checkout is what the definitions give."""
    done = _run(TOOL, "--check")
    assert done.returncode == 0, done.stderr


def test_a_new_command_needs_only_its_definitions_and_make_exports(tmp_path: Path) -> None:
    """An options class, a model and a parser, once defined, are exported after ``make
    exports`` alone, and ``--check`` names the stale files before it runs."""
    root = _copy_tree(tmp_path)
    package = root / "lib" / "dockercli"
    with (package / "_network_options.py").open("a") as fh:
        fh.write(NEW_OPTIONS)
    with (package / "models.py").open("a") as fh:
        fh.write(NEW_MODEL)
    with (package / "parsers.py").open("a") as fh:
        fh.write(NEW_PARSER)

    stale = _run(root / "tools" / "exports.py", "--check")
    assert stale.returncode == 1
    for name in ("__init__.py", "models.py", "options.py", "parsers.py"):
        assert f"lib/dockercli/{name}" in stale.stderr
    assert "make exports" in stale.stderr

    assert _run(root / "tools" / "exports.py").returncode == 0
    probe = (
        "import dockercli, dockercli.options as o, dockercli.models as m; "
        "print(dockercli.NetworkProbeOptions().subcommand, dockercli.NetworkProbe('x').name, "
        "'NetworkProbeOptions' in o.__all__ and 'NetworkProbeOptions' in dockercli.__all__, "
        "'NetworkProbe' in m.__all__, 'network_probe' in dockercli.parsers.__all__)"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "lib")}
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
        cwd=root,
    )
    assert shown.stdout.split() == ["('network',", "'probe')", "x", "True", "True", "True"]
    assert _run(root / "tools" / "exports.py", "--check").returncode == 0
