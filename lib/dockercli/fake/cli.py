"""The fake docker CLI's entry point: ``python3 -S -E cli.py ARGS...`` (see fakes/docker).

Run as a script under ``-S`` (no site-packages, so no attrs): the directory two levels up
(``lib/``) goes first on ``sys.path`` and the fake is imported as ``dockercli.fake``.
``import dockercli`` loads none of its submodules, so the fake pays only for its own.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    # sys.path[0] is this file's directory (lib/dockercli/fake); the package root is lib/.
    sys.path[0] = sys.path[0].rsplit("/", 2)[0]
    from dockercli.fake.main import main

    sys.exit(main(sys.argv[1:]))
