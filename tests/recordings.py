"""Loading the CLI output recorded from real clients under tests/data/<client>/<case>/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

DATA = Path(__file__).resolve().parent / "data"


@attrs.frozen
class Recording:
    """One recorded command: what ran, what it printed, and the independently known truth."""

    client: str
    case: str
    argv: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        """``client/case``, for test ids."""
        return f"{self.client}/{self.case}"


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace") if path.exists() else ""


def load(case_dir: Path) -> Recording:
    """Read one case directory."""
    command = json.loads(_text(case_dir / "command.json") or "{}")
    expected_text = _text(case_dir / "expected.json")
    return Recording(
        client=case_dir.parent.name,
        case=case_dir.name,
        argv=tuple(command.get("argv", ())),
        exit_code=int(_text(case_dir / "exit_code").strip() or 0),
        stdout=_text(case_dir / "stdout"),
        stderr=_text(case_dir / "stderr"),
        expected=json.loads(expected_text) if expected_text else {},
    )


def recordings(prefix: str = "") -> list[Recording]:
    """Every recorded case whose name starts with ``prefix``, sorted by id."""
    dirs = sorted(p for p in DATA.glob(f"*/{prefix}*") if (p / "exit_code").exists())
    return [load(p) for p in dirs]
