"""Where the package sends a reader, it can go: every doc it names ships with an install."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
from pathlib import Path

from dockercli.testing.fake import FakeDocker

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "lib" / "dockercli"
HEADINGS = {
    heading.strip()
    for heading in re.findall(r"^#+ (.+)$", (REPO / "README.md").read_text(encoding="utf-8"), re.M)
}
SECTION = re.compile(r'README\s+section\s+"([^"]+)"')
DOC_FILE = re.compile(r"[\w./-]*\w\.md\b")


def _sources() -> dict[str, str]:
    return {
        str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _messages(text: str) -> list[str]:
    """The string literals of a module that are not docstrings: what it can print."""
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_every_doc_file_the_sources_name_exists() -> None:
    """Each ``.md`` file a module names (comments and docstrings too) is in the repository."""
    named = {
        (source, name) for source, text in _sources().items() for name in DOC_FILE.findall(text)
    }
    assert {(source, name) for source, name in named if not (REPO / name).is_file()} == set()


def test_no_message_names_a_doc_file_a_wheel_lacks() -> None:
    """No string the package can print names a ``.md`` file but README.md (a wheel carries it)."""
    named = {
        (source, name)
        for source, text in _sources().items()
        for message in _messages(text)
        for name in DOC_FILE.findall(message)
        if name != "README.md"
    }
    assert named == set()


def test_every_readme_section_the_package_names_exists() -> None:
    """Each ``README section "..."`` the sources name is a heading of README.md."""
    named = {
        (source, title) for source, text in _sources().items() for title in SECTION.findall(text)
    }
    assert named, "the package names no README section at all"
    assert {(source, title) for source, title in named if title not in HEADINGS} == set()


def test_legacy_points_at_the_migration_section() -> None:
    """The legacy facade's docstring sends readers to the README's migration section."""
    text = (PACKAGE / "legacy.py").read_text(encoding="utf-8")
    assert 'README section "Migrating from containers.py"' in text


def test_the_installed_metadata_carries_the_readme_sections() -> None:
    """The sections the package names are in the installed distribution's description."""
    description = importlib.metadata.metadata("dockercli").get_payload()  # type: ignore[attr-defined]
    for text in _sources().values():
        for title in SECTION.findall(text):
            assert f"# {title}\n" in description


def test_an_unmodelled_command_names_a_readme_section(tmp_path: Path) -> None:
    """The installed fake's "not modelled" error names a README section, not a repository file."""
    fake = FakeDocker(tmp_path)
    done = subprocess.run(
        [fake.binary, "cp", "a", "b"],
        capture_output=True,
        text=True,
        env={**os.environ, **fake.env()},
        check=False,
    )
    assert done.returncode == 125
    assert "is not modelled by the fake" in done.stderr
    assert DOC_FILE.findall(done.stderr) == []
    assert SECTION.findall(done.stderr) == ["The fake docker binary and its fixtures"]
