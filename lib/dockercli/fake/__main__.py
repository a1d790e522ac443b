"""``python -m dockercli.fake --install DIR``: write a ``docker`` launcher for the fake into DIR.

The launcher has this interpreter and the packaged ``cli.py`` baked in as absolute
paths, so it works from any directory once DIR is on PATH; ``$FAKE_DOCKER_PYTHON``
still overrides the interpreter. ``--name`` picks another file name (e.g. ``podman``).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence

_LAUNCHER = """\
#!/bin/sh
# Fake docker CLI (dockercli.fake), installed by: python -m dockercli.fake --install
# See fakes/README-fake.md. Stdlib only; -S -E: no site-packages, no PYTHON* variables.
exec "${{FAKE_DOCKER_PYTHON:-{python}}}" -S -E {script} "$@"
"""


def launcher(python: str, script: str) -> str:
    """The text of a launcher that runs ``script`` with ``python``."""
    return _LAUNCHER.format(python=python.replace('"', '\\"'), script=shlex.quote(script))


def install(directory: str, name: str = "docker", python: str | None = None) -> str:
    """Write the launcher into ``directory``; return its path."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli.py")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(os.path.abspath(directory), name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(launcher(python or sys.executable, script))
    os.chmod(tmp, 0o755)  # noqa: S103 - an executable meant to be run by its owner and others
    os.replace(tmp, path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m dockercli.fake", description=__doc__)
    parser.add_argument("--install", metavar="DIR", required=True, help="directory to write into")
    parser.add_argument(
        "--name", default="docker", help="file name of the launcher (default docker)"
    )
    parser.add_argument("--python", help="interpreter to bake in (default: this one)")
    opts = parser.parse_args(argv)
    path = install(opts.install, opts.name, opts.python)
    sys.stdout.write(path + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
