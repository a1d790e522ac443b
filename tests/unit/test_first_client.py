"""What ``Docker()`` loads: the options and the session, not what later calls need."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dockercli import Docker

# Loaded on the first call that needs them (issue 14, item 7: the first client's import cost).
DEFERRED = (
    "dockercli.runner",
    "dockercli.parsers",
    "dockercli.models",
    "dockercli.cleanup",
    "dockercli.container",
    "dockercli.image",
    "dockercli.endpoint",
    "dockercli._container_options",  # option classes of the commands Docker() has not run
    "dockercli._image_options",
    "dockercli._engine_options",
    "logging",
    "tempfile",
    "pathlib",
    "decimal",
    "fractions",
    "ipaddress",
    "uuid",
) + (("subprocess",) if sys.version_info >= (3, 11) else ())  # before 3.11 attrs' platform does


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(' '.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_a_new_client_defers_what_its_calls_need() -> None:
    """Importing Docker and RunOptions and making a client loads none of the deferred modules."""
    loaded = _loaded_after("from dockercli import Docker, RunOptions; Docker()")
    assert sorted(loaded & set(DEFERRED)) == []


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("Docker(binary='/no/such/docker').is_podman_binary", "pathlib"),
        ("Docker(binary=sys.executable).binary_path", "dockercli.runner"),
        ("Docker(remove_at_exit=False).cancel_scheduled_cleanup()", "dockercli.cleanup"),
        ("from dockercli.options import PsOptions; PsOptions()", "dockercli._container_options"),
        ("from dockercli import BuildOptions; BuildOptions()", "dockercli._image_options"),
        ("Docker().invocation(__import__('dockercli').InfoOptions())", "dockercli._engine_options"),
    ],
)
def test_deferred_modules_load_when_used(code: str, module: str) -> None:
    """A method imports what it uses when called, so it works in a fresh interpreter."""
    assert module in _loaded_after(f"from dockercli import Docker; {code}")


def test_the_cleaner_is_made_once() -> None:
    """The client's cleaner is built on first use and is the same object afterwards."""
    docker = Docker(remove_at_exit=False)
    assert docker._cleaner is docker._cleaner
