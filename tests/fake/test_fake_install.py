"""``python -m dockercli.fake --install DIR`` replaces only its own launchers, unless forced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REAL = b"\x7fELF\x02\x01\x01\x00 stands for a real docker client\n"


def _install(directory: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dockercli.fake", "--install", str(directory), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def real_client(tmp_path: Path) -> Path:
    """A stand-in for a real client binary elsewhere on the machine (never the real one)."""
    path = tmp_path / "usr-bin" / "docker"
    path.parent.mkdir()
    path.write_bytes(REAL)
    path.chmod(0o755)
    return path


def test_an_existing_foreign_file_is_left_untouched(tmp_path: Path) -> None:
    """A ``docker`` the fake did not write makes --install fail, naming --force; it stays as is."""
    target = tmp_path / "bin"
    target.mkdir()
    existing = target / "docker"
    existing.write_bytes(REAL)
    existing.chmod(0o751)
    done = _install(target)
    assert done.returncode == 1
    assert f"refusing to overwrite {existing}" in done.stderr
    assert "--force" in done.stderr
    assert done.stdout == ""
    assert existing.read_bytes() == REAL
    assert existing.stat().st_mode & 0o777 == 0o751
    assert sorted(p.name for p in target.iterdir()) == ["docker"]  # no temporary file left


def test_a_script_that_only_mentions_the_fake_is_not_taken_for_one(tmp_path: Path) -> None:
    """A wrapper that runs the fake but was not written by --install is not replaced."""
    target = tmp_path / "bin"
    target.mkdir()
    wrapper = target / "docker"
    wrapper.write_text('#!/bin/sh\n# my wrapper around dockercli.fake\nexec fakes/docker "$@"\n')
    assert _install(target).returncode == 1
    assert "my wrapper" in wrapper.read_text()


def test_its_own_earlier_install_is_replaced(tmp_path: Path) -> None:
    """Installing again over the fake's own launcher succeeds and writes the new interpreter."""
    target = tmp_path / "bin"
    assert _install(target, "--python", "/opt/old/python3").returncode == 0
    assert "/opt/old/python3" in (target / "docker").read_text()
    done = _install(target)
    assert done.returncode == 0, done.stderr
    text = (target / "docker").read_text()
    assert "/opt/old/python3" not in text
    assert sys.executable in text


def test_force_replaces_a_foreign_file(tmp_path: Path) -> None:
    """--force replaces a file the fake did not write with a working launcher."""
    target = tmp_path / "bin"
    target.mkdir()
    (target / "docker").write_bytes(REAL)
    done = _install(target, "--force")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target / "docker")
    assert sys.executable in (target / "docker").read_text()
    assert os.access(target / "docker", os.X_OK)


def test_a_symlink_to_the_real_client_is_neither_followed_nor_replaced(
    tmp_path: Path, real_client: Path
) -> None:
    """A ``docker`` symlink is refused: the link and the client it names are unchanged."""
    target = tmp_path / "bin"
    target.mkdir()
    link = target / "docker"
    link.symlink_to(real_client)
    done = _install(target)
    assert done.returncode == 1
    assert "symlink" in done.stderr
    assert str(real_client) in done.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(real_client)
    assert real_client.read_bytes() == REAL


def test_force_replaces_the_symlink_not_its_target(tmp_path: Path, real_client: Path) -> None:
    """With --force the link itself becomes the launcher; the client it pointed at is untouched."""
    target = tmp_path / "bin"
    target.mkdir()
    link = target / "docker"
    link.symlink_to(real_client)
    done = _install(target, "--force")
    assert done.returncode == 0, done.stderr
    assert not link.is_symlink()
    assert sys.executable in link.read_text()
    assert real_client.read_bytes() == REAL


def test_a_symlink_at_the_temporary_name_is_not_written_through(
    tmp_path: Path, real_client: Path
) -> None:
    """A planted ``docker.tmp`` link does not make --install write into the file it names."""
    target = tmp_path / "bin"
    target.mkdir()
    (target / "docker.tmp").symlink_to(real_client)
    done = _install(target)
    assert done.returncode == 0, done.stderr
    assert real_client.read_bytes() == REAL
    assert sys.executable in (target / "docker").read_text()


def test_a_directory_in_the_way_is_refused_even_with_force(tmp_path: Path) -> None:
    """A directory named ``docker`` is never replaced; --install says what is in the way."""
    target = tmp_path / "bin"
    (target / "docker").mkdir(parents=True)
    done = _install(target, "--force")
    assert done.returncode == 1
    assert "is a directory" in done.stderr
    assert (target / "docker").is_dir()
