"""Running `make demo`'s script (examples/demo.py) from the tests, against one DOCKER_HOST."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo.py"


def demo_env(docker_host: str) -> dict[str, str]:
    """This process's environment with ``DOCKER_HOST`` set to ``docker_host``."""
    return {**os.environ, "DOCKER_HOST": docker_host}


def run_demo(docker_host: str, *, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run the demo to its end, its output captured."""
    return subprocess.run(
        [sys.executable, str(DEMO)],
        check=False,
        env=demo_env(docker_host),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
