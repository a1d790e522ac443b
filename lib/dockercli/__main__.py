"""``python -m dockercli``."""

import sys

from dockercli.cli import main

sys.exit(main())
