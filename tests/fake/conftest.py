"""Fixtures for the fake docker: a fresh state dir per test, helpers killed at teardown.

Tests drive ``fakes/docker`` as a subprocess, exactly as dockercli would. Every test
gets its own ``FAKE_DOCKER_STATE``; at teardown every port-helper process recorded in
that state (or found in /proc pointing at it) is killed, so no test leaks processes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from dockercli.fake import clients, store
from dockercli.testing.fake import end_helpers

REPO = Path(__file__).resolve().parents[2]
FAKE = REPO / "fakes" / "docker"
DATA = REPO / "tests" / "data"
DIALECTS = clients.DIALECTS  # the fake's own list
RECORDED = {
    "docker-28": "docker-28.2.2",
    "docker-20.10": "docker-20.10.24",
    "podman": "podman-4.3.1",
}

# The Dockerfiles tests/data/record.py built for the recorded cases.
DOCKERFILES = DATA / "dockerfiles"
DOCKERFILE_OK = (DOCKERFILES / "build-ok").read_text()


class Fake:
    """Runs ``fakes/docker`` with one state directory and one dialect."""

    def __init__(self, root: Path, dialect: str = "docker-28") -> None:
        self.root = root
        self.state_dir = root / "state"
        self.dialect = dialect
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DOCKER_", "FAKE_DOCKER_", "CONTAINER_"))
            or k == "FAKE_DOCKER_PYTHON"  # lets the suite run the fake under another Python
        }
        self.env.update({"FAKE_DOCKER_STATE": str(self.state_dir), "FAKE_DOCKER_DIALECT": dialect})

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = 30,
        cwd: Path | None = None,
        input: bytes | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run the fake; stdout and stderr kept apart, as bytes; ``input`` on its stdin."""
        return subprocess.run(
            [str(FAKE), *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env={**self.env, **(env or {})},
            timeout=timeout,
            cwd=cwd or self.root,
            check=False,
        )

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run the fake, require exit 0, return stdout as text."""
        done = self.run(*args, env=env)
        assert done.returncode == 0, (args, done.returncode, done.stderr.decode())
        return done.stdout.decode()

    def state(self) -> dict[str, Any]:
        """The engine's state, as the fake itself reads it (upgraded to its schema)."""
        return dict(store.load(str(self.state_dir)))

    def calls(self) -> list[dict[str, Any]]:
        """The call log entries."""
        path = self.state_dir / "calls.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def context(self, name: str = "ctx", dockerfile: str | None = DOCKERFILE_OK) -> Path:
        """A build context like the recorder's: a 'busybox' file, a build-id, a Dockerfile."""
        ctx = self.root / name
        ctx.mkdir(parents=True, exist_ok=True)
        (ctx / "busybox").write_bytes(b"\x7fELF" + b"\x00" * 1982252)  # /bin/busybox's size
        (ctx / "build-id").write_text(name + "-0123456789abcdef0123456789abcdef\n")
        if dockerfile is not None:
            (ctx / "Dockerfile").write_text(dockerfile)
        return ctx

    def base_image(self, tag: str = "dcli-rec-base:latest") -> str:
        """Build the recorder's base image; return its ID (64 hex)."""
        self.ok("build", "-q", "-t", tag, str(self.context("base-" + tag.replace(":", "-"))))
        return (
            self.ok("image", "inspect", tag, "--format", "{{.Id}}").strip().removeprefix("sha256:")
        )

    def with_dialect(self, dialect: str) -> Fake:
        """The same state seen through another client."""
        other = Fake(self.root, dialect)
        other.env = {**self.env, "FAKE_DOCKER_DIALECT": dialect}
        return other


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[Fake]:
    """A fake docker (docker-28 dialect) with a fresh state dir; helpers killed afterwards."""
    instance = Fake(tmp_path)
    yield instance
    end_helpers(instance.state_dir)


@pytest.fixture(params=DIALECTS)
def any_fake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Fake]:
    """The fake in each dialect in turn."""
    instance = Fake(tmp_path, str(request.param))
    yield instance
    end_helpers(instance.state_dir)


# -- comparing with recordings -----------------------------------------------------------

_RULES: Sequence[tuple[str, str]] = (
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "<TIME>"),
    (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC", "<DATE>"),
    (r"(sha256:)?[0-9a-f]{64}", "<ID>"),
    (r"\b[0-9a-f]{12}\b", "<SHORT>"),
    (r"--> [0-9a-f]{11}\b", "--> <SHORT>"),
    (r"(Less than a second|About a minute|\d+ (second|minute|hour)s?)( ago)?", "<AGO>"),
    (r"(?<=:)(3[2-9]\d{3}|[4-6]\d{4})\b", "<PORT>"),
    (r"(?<=-)(3[2-9]\d{3}|[4-6]\d{4})(?=\\u003e|->)", "<PORT>"),
    (r"daemon  [0-9.]+[kM]?B", "daemon  <SIZE>"),
    (r'"(/tmp|/nonexistent)[^"]*?(dcli-rec-work|fake)[^"]*"', '"<PATH>"'),
)


def normalise(text: str, paths: Sequence[str] = ()) -> str:
    """Replace IDs, times, durations, host ports and paths by placeholders."""
    for path in sorted(paths, key=len, reverse=True):
        text = text.replace(path, "<PATH>")
    text = re.sub(r"/tmp/dcli-rec-work/[\w.-]+/[\w.-]+", "<PATH>", text)
    # the recording engine's private data root is a default engine's /var/lib/docker
    text = re.sub(r"/tmp/[\w.-]*engine/data/", "/var/lib/docker/", text)
    for pattern, placeholder in _RULES:
        text = re.sub(pattern, placeholder, text)
    return text


def recorded(dialect: str, case: str) -> dict[str, Any]:
    """A recorded case: argv, exit code, stdout, stderr (bytes decoded), expected facts."""
    directory = DATA / RECORDED[dialect] / case
    if not directory.is_dir():
        pytest.skip(f"no recording {directory.relative_to(REPO)} yet")
    return {
        "argv": json.loads((directory / "command.json").read_text())["argv"][1:],
        "env": json.loads((directory / "command.json").read_text()).get("env", {}),
        "exit_code": int((directory / "exit_code").read_text()),
        "stdout": (directory / "stdout").read_bytes().decode(),
        "stderr": (directory / "stderr").read_bytes().decode(),
        "expected": json.loads((directory / "expected.json").read_text()),
        "stdin": (directory / "stdin").read_bytes() if (directory / "stdin").exists() else None,
        "dir": directory,
    }


def shape(value: Any) -> Any:
    """The key structure of a JSON value (keys in order, types), without the values."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value[:1]]
    return type(value).__name__
