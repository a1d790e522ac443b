"""The atheris harness, run over the recorded CLI output of every client (``-m slow``)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.recordings import recordings

HARNESS = Path(__file__).resolve().parent / "fuzz_parsers.py"
RUNS = 20_000


@pytest.mark.slow
def test_atheris_finds_no_crash_in_the_parsers(tmp_path: Path) -> None:
    """20,000 coverage-guided inputs grown from the recordings raise nothing but ParseError."""
    if importlib.util.find_spec("atheris") is None:
        pytest.fail("atheris is not installed: pip install -e '.[fuzz]' (make test-slow does)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = [t for r in recordings("") for t in (r.stdout, r.stderr) if t]
    for n, text in enumerate(seeds):
        (corpus / f"seed-{n}").write_text(text)
    done = subprocess.run(
        [sys.executable, str(HARNESS), f"-runs={RUNS}", "-seed=20261127", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Done {RUNS} runs" in done.stderr
