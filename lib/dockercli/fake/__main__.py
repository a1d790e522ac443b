"""``python -m dockercli.fake --install DIR``: write a ``docker`` launcher for the fake into DIR.

The launcher has this interpreter and the packaged ``cli.py`` baked in as absolute
paths, so it works from any directory once DIR is on PATH; ``$FAKE_DOCKER_PYTHON``
still overrides the interpreter. ``--name`` picks another file name (e.g. ``podman``).

An existing file of that name is replaced only when it is a launcher this command wrote
(its second line is :data:`MARKER`); anything else, a symlink included, is left alone
unless ``--force``, so ``--install /usr/local/bin`` cannot replace the real client by
mistake. Even with ``--force`` a symlink is replaced, never written through.
"""

from __future__ import annotations

import argparse
import os
import shlex
import stat
import sys
import tempfile
from collections.abc import Sequence

MARKER = "# Fake docker CLI (dockercli.fake), installed by: python -m dockercli.fake --install"
_LAUNCHER = """\
#!/bin/sh
{marker}
# Documented in dockercli's README section "The fake docker binary and its fixtures".
# Stdlib only; -S -E: no site-packages, no PYTHON* variables.
exec "${{FAKE_DOCKER_PYTHON:-{python}}}" -S -E {script} "$@"
"""


class InstallRefusedError(FileExistsError):
    """The launcher's path holds something this command did not write."""


def launcher(python: str, script: str) -> str:
    """The text of a launcher that runs ``script`` with ``python``."""
    return _LAUNCHER.format(
        marker=MARKER, python=python.replace('"', '\\"'), script=shlex.quote(script)
    )


def is_launcher(path: str) -> bool:
    """True when ``path`` is a regular file that ``install`` wrote (not a symlink to one)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        lines = fh.read(4096).decode("utf-8", "replace").splitlines()
    return lines[:2] == ["#!/bin/sh", MARKER]


def _refusal(path: str, force: bool) -> str | None:
    """Why ``path`` must not be replaced, or None when it may."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return f"refusing to overwrite {path}: it is a directory"
    if force or is_launcher(path):
        return None
    if stat.S_ISLNK(info.st_mode):
        what = f"it is a symlink to {os.readlink(path)}"
    else:
        what = "it is not a launcher written by python -m dockercli.fake --install"
    return (
        f"refusing to overwrite {path}: {what}; install into another directory, "
        "pick another --name, or pass --force to replace it"
    )


def install(
    directory: str, name: str = "docker", python: str | None = None, *, force: bool = False
) -> str:
    """Write the launcher into ``directory``; return its path.

    Raises InstallRefusedError when the path holds a directory, or anything but an
    earlier launcher and ``force`` is false.
    """
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli.py")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(os.path.abspath(directory), name)
    why = _refusal(path, force)
    if why:
        raise InstallRefusedError(why)
    # mkstemp creates a new file (O_EXCL): a planted link at the temporary name is never followed
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(launcher(python or sys.executable, script))
        os.chmod(tmp, 0o755)  # noqa: S103 - an executable meant to be run by its owner and others
        os.replace(tmp, path)  # replaces a symlink itself, never its target
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m dockercli.fake", description=__doc__)
    parser.add_argument("--install", metavar="DIR", required=True, help="directory to write into")
    parser.add_argument(
        "--name", default="docker", help="file name of the launcher (default docker)"
    )
    parser.add_argument("--python", help="interpreter to bake in (default: this one)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (or symlink) that is not an earlier launcher",
    )
    opts = parser.parse_args(argv)
    try:
        path = install(opts.install, opts.name, opts.python, force=opts.force)
    except InstallRefusedError as error:
        sys.stderr.write(f"python -m dockercli.fake: {error}\n")
        return 1
    sys.stdout.write(path + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
