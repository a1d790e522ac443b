"""``fakes/docker`` finds the fake through any symlink, from any directory, via PATH or not.

A user puts the fake first on PATH with ``ln -s $PWD/fakes/docker ~/bin/docker``; the
launcher must resolve its own real path (absolute and relative links, chains of links,
symlinked directories, spaces) with POSIX tools only (``readlink`` without ``-f``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, REPO, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, REPO, Fake

VERSION = ("version", "--format", "{{.Client.Version}}")


def _run(
    fake: Fake, argv: list[str], cwd: Path, path: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = dict(fake.env)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        argv,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=30,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _expect(fake: Fake) -> bytes:
    """What the launcher itself prints for ``version`` in this dialect."""
    done = _run(fake, [str(FAKE), *VERSION], REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _link(target: str | Path, link: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def _assert_runs(fake: Fake, argv: list[str], cwd: Path, path: str | None = None) -> None:
    done = _run(fake, argv, cwd, path)
    assert (done.returncode, done.stderr.decode(), done.stdout) == (0, "", _expect(fake))


def test_absolute_symlink_from_another_directory(any_fake: Fake, tmp_path: Path) -> None:
    """``ln -s $PWD/fakes/docker ~/bin/docker`` runs the fake in each dialect, from any cwd."""
    link = _link(FAKE, tmp_path / "bin" / "docker")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _assert_runs(any_fake, [str(link), *VERSION], elsewhere)


def test_reached_through_path(fake: Fake, tmp_path: Path) -> None:
    """A symlinked ``docker`` found on PATH (``$0`` as the shell gets it) runs the fake."""
    _link(FAKE, tmp_path / "bin" / "docker")
    path = f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    _assert_runs(fake, ["docker", *VERSION], tmp_path, path)


def test_relative_symlink(fake: Fake, tmp_path: Path) -> None:
    """A relative link is resolved against the link's own directory, not the cwd."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    link = _link(os.path.relpath(FAKE, bindir), bindir / "docker")
    _assert_runs(fake, [str(link), *VERSION], tmp_path)
    _assert_runs(fake, ["./docker", *VERSION], bindir)
    _assert_runs(fake, ["sh", "docker", *VERSION], bindir)


def test_chain_of_symlinks(fake: Fake, tmp_path: Path) -> None:
    """docker -> ../b/docker-2 (relative) -> /abs/fakes/docker: each hop is followed."""
    second = _link(FAKE, tmp_path / "b" / "docker-2")
    first = _link(Path("..") / "b" / second.name, tmp_path / "a" / "docker")
    third = _link(first, tmp_path / "c" / "docker")
    _assert_runs(fake, [str(third), *VERSION], tmp_path)


def test_symlinked_directories(fake: Fake, tmp_path: Path) -> None:
    """A link reached through a linked directory, and the repo or fakes/ behind a link, work."""
    bindir = tmp_path / "real-bin"
    _link(os.path.relpath(FAKE, bindir), bindir / "docker")
    alias = _link(bindir, tmp_path / "alias" / "bin")
    _assert_runs(fake, [str(alias / "docker"), *VERSION], tmp_path)
    repo = _link(REPO, tmp_path / "repo")
    _assert_runs(fake, [str(repo / "fakes" / "docker"), *VERSION], tmp_path)
    fakes = _link(REPO / "fakes", tmp_path / "fk")
    _assert_runs(fake, [str(fakes / "docker"), *VERSION], tmp_path)
    linked_link = _link(fakes / "docker", tmp_path / "l" / "docker")
    _assert_runs(fake, [str(linked_link), *VERSION], tmp_path)


def test_paths_with_spaces(fake: Fake, tmp_path: Path) -> None:
    """Spaces (and a leading dash) in the link's directory and in the cwd do not break it."""
    bindir = tmp_path / "my bin" / "-x"
    bindir.mkdir(parents=True)
    link = _link(os.path.relpath(FAKE, bindir), bindir / "docker")
    cwd = tmp_path / "a dir"
    cwd.mkdir()
    _assert_runs(fake, [str(link), *VERSION], cwd)
    _assert_runs(fake, ["./docker", *VERSION], bindir)


def test_cdpath_does_not_leak_into_the_path(fake: Fake, tmp_path: Path) -> None:
    """A CDPATH in the environment neither changes where the launcher looks nor prints."""
    bindir = tmp_path / "bin"
    _link(os.path.relpath(FAKE, bindir), bindir / "docker")
    env_fake = Fake(fake.root, fake.dialect)
    env_fake.env["CDPATH"] = str(tmp_path)
    _assert_runs(env_fake, ["sh", "bin/docker", *VERSION], tmp_path)


def test_fake_docker_python_is_kept(fake: Fake, tmp_path: Path) -> None:
    """FAKE_DOCKER_PYTHON still chooses the interpreter when the launcher is a symlink."""
    link = _link(FAKE, tmp_path / "bin" / "docker")
    env_fake = Fake(fake.root, fake.dialect)
    env_fake.env["FAKE_DOCKER_PYTHON"] = str(tmp_path / "no-such-python")
    done = _run(env_fake, [str(link), *VERSION], tmp_path)
    assert done.returncode != 0
    assert b"no-such-python" in done.stderr
    env_fake.env["FAKE_DOCKER_PYTHON"] = sys.executable
    _assert_runs(env_fake, [str(link), *VERSION], tmp_path)
