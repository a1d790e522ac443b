"""Reading /proc for the test helpers: is a process still running?"""

from __future__ import annotations

from pathlib import Path


def is_running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie.

    A zombie has exited; only its parent can reap it, so to anyone else it is gone.
    """
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
