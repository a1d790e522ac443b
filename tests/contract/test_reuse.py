"""run(reuse=True): the container an earlier run of the same options made comes back, and
is kept (exit, ``with``, reaper, cleanup) until asked for; on the fake and the engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from dockercli import Docker, RunOptions
from tests.contract.conftest import Backend


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache dir for the reuse key (never the user's ~/.cache)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(path))
    return path


@pytest.fixture
def mark() -> dict[str, str]:
    """A label only this test's containers carry: cleanups are narrowed to it."""
    return {"dcli.reuse-test": uuid.uuid4().hex}


@pytest.fixture
def reusable(
    backend: Backend, busybox_ref: str, cache: Path, mark: dict[str, str]
) -> Iterator[RunOptions]:
    """Options to reuse; whatever this test made is removed after it."""
    options = RunOptions(
        image=busybox_ref, command=("sleep", "300"), env={"TOKEN": "s3cret"}, labels=mark
    )
    yield options
    backend.docker.cleanup(labels=mark, reused=True, running=True, images=False)


def test_a_second_run_returns_the_same_running_container(
    backend: Backend, reusable: RunOptions, cache: Path
) -> None:
    """The second run(reuse=True) returns the first one's container, still running, and
    its label is a digest that holds no option value."""
    first = backend.docker.run(reusable, reuse=True)
    again = backend.docker.run(reusable, reuse=True)
    assert again.id == first.id
    assert (first.reused, again.reused) == (True, True)
    label = again.inspect().labels["dockercli.reuse"]
    assert "s3cret" not in label
    assert len(label) == 32
    assert oct((cache / "dockercli" / "reuse.key").stat().st_mode & 0o777) == "0o600"


def test_other_options_or_values_get_their_own_container(
    backend: Backend, reusable: RunOptions
) -> None:
    """Another command, or another secret value, is another container."""
    first = backend.docker.run(reusable, reuse=True)
    other_value = backend.docker.run(attrs.evolve(reusable, env={"TOKEN": "other"}), reuse=True)
    other_command = backend.docker.run(attrs.evolve(reusable, command=("sleep", "301")), reuse=True)
    assert len({first.id, other_value.id, other_command.id}) == 3


def test_a_reused_container_is_kept_until_a_cleanup_asks_for_it(
    backend: Backend, reusable: RunOptions, mark: dict[str, str]
) -> None:
    """Its ``with`` block and a cleanup without ``reused`` keep it; ``reused=True`` takes it."""
    with backend.docker.run(reusable, reuse=True) as box:
        pass
    assert box.inspect(refresh=True).running
    report = backend.docker.cleanup(labels=mark, running=True, images=False)
    assert box.id not in [r.id for r in report.containers]
    assert box.inspect(refresh=True).running
    report = backend.docker.cleanup(labels=mark, running=True, reused=True, images=False)
    assert [r.id for r in report.containers] == [box.id]


def test_another_process_gets_the_same_container_and_leaves_it(
    backend: Backend, reusable: RunOptions, mark: dict[str, str]
) -> None:
    """A second process reusing the same options gets this container, and its exit (hook,
    reaper) leaves the container running."""
    box = backend.docker.run(reusable, reuse=True)
    script = (
        "import json, sys\n"
        "from dockercli import Docker, RunOptions\n"
        "spec = json.loads(sys.argv[1])\n"
        "d = Docker(binary=spec['binary'], host=spec['host'], env=spec['env'], reaper=True)\n"
        "opts = RunOptions(image=spec['image'], command=('sleep', '300'),"
        " env={'TOKEN': 's3cret'}, labels=spec['mark'])\n"
        "print(d.run(opts, reuse=True).id)\n"
    )
    docker = backend.docker
    spec = {"binary": docker.session.binary_path, "host": docker.options.host, "env": docker.env}
    spec.update(image=reusable.image, mark=mark)
    root = str(Path(__file__).parents[2])
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(spec)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": root},
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == box.id
    assert box.inspect(refresh=True).running


def test_a_stopped_one_is_replaced(backend: Backend, reusable: RunOptions) -> None:
    """A reused container found stopped is removed and a new one started in its place."""
    first = backend.docker.run(reusable, reuse=True)
    first.kill()
    first.wait(timeout=60)
    again = backend.docker.run(reusable, reuse=True)
    assert again.id != first.id
    assert again.inspect().running
    assert backend.docker.inspect_containers([first.id], missing_ok=True) == []


def test_a_reused_container_is_no_reapers(backend: Backend, reusable: RunOptions) -> None:
    """A client with a reaper puts no reaper label on a reused container (it spares it)."""
    docker = backend.docker
    with_reaper = Docker(
        binary=docker.session.binary_path, host=docker.options.host, env=docker.env, reaper=True
    )
    box = with_reaper.run(reusable, reuse=True)
    assert "dockercli.reaper" not in box.inspect().labels
    assert with_reaper.session.watchdog is None
