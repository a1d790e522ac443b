"""The fake docker CLI's entry point: ``python3 -S -E cli.py ARGS...`` (see fakes/docker).

Run as a script so that its directory is ``sys.path[0]``: the modules next to it import
each other as top-level modules and never import the ``dockercli`` package (which needs
attrs, unavailable under ``-S``).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.main import main
else:
    from main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
