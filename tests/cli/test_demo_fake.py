"""`make demo` with no engine: the same flow on the fake, announced in its first line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockercli.endpoint import LOCAL_DEFAULT
from dockercli.testing import engine
from tests.demo_runs import run_demo


def test_demo_without_an_engine_runs_on_the_fake(tmp_path: Path) -> None:
    """With DOCKER_HOST dead, the demo says it uses the fake, serves the page and cleans up."""
    if engine.answers(engine.Engine(engine.DEFAULT_ROOT).host) or engine.answers(LOCAL_DEFAULT):
        pytest.skip("an engine answers at a default location, so the demo would use it")
    done = run_demo(f"unix://{tmp_path}/nothing.sock", timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAKE docker binary" in lines[0]
    assert "nothing.sock" in lines[0]
    assert any(" -> 200: fake-docker " in line for line in lines)
    assert "demo: done, container removed" in lines
