"""Secrets: env and build-arg values never appear in any process's argv, errors, reprs or logs."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, Docker, DockerError, ExecOptions, RunOptions

SECRETS = {
    "API_TOKEN": "tok-3f9c1e7d5b2a",
    "DB_PASSWORD": "pw with spaces & $ymbols=!",
    "PATH": "/opt/secret-path-8d1c:/bin",  # a name the CLI reads itself: goes via env file
    "MULTI": "line-one-7a2b\nline-two-4e5f",
}


class CmdlineWatch:
    """Scans every process's /proc/<pid>/cmdline while it runs; remembers any secret it sees."""

    def __init__(self, needles: list[str]) -> None:
        self.needles = [n.encode() for n in needles]
        self.seen: list[str] = []
        self.scans = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                except OSError:
                    continue
                for needle in self.needles:
                    if needle in cmdline:
                        self.seen.append(cmdline.decode(errors="replace"))
            self.scans += 1

    def __enter__(self) -> CmdlineWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def watch() -> Iterator[CmdlineWatch]:
    """A /proc scanner looking for the secret values (and their lines) in any argv."""
    needles = [v for value in SECRETS.values() for v in value.split("\n")]
    with CmdlineWatch(needles) as watcher:
        yield watcher


def test_no_secret_in_any_argv_log_error_or_repr(
    docker: Docker,
    busybox_image: str,
    tmp_path: Path,
    watch: CmdlineWatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Build, run, exec and a failed run leave no secret in argv, logs, errors or reprs."""
    caplog.set_level(logging.DEBUG, logger="dockercli")
    build_args = {k: v for k, v in SECRETS.items() if k != "PATH"}
    (tmp_path / "Dockerfile").write_text(
        f"FROM {busybox_image}\nARG API_TOKEN\nARG DB_PASSWORD\nARG MULTI\n"
        'RUN test -n "$API_TOKEN" && sleep 1\n'
    )
    texts: list[str] = []
    with docker.build(BuildOptions(context=str(tmp_path), build_args=build_args)) as image:
        opts = RunOptions(image=image.id, command=["sleep", "300"], env=SECRETS)
        texts.append(repr(opts))
        with docker.run(opts) as box:
            env = box.inspect().raw["Config"]["Env"]
            assert all(f"{k}={v}" in env for k, v in SECRETS.items())
            done = box.exec(
                ["sh", "-c", 'echo "$API_TOKEN"'], env={"API_TOKEN": SECRETS["API_TOKEN"]}
            )
            assert done.stdout == SECRETS["API_TOKEN"] + "\n"
            # (done.stdout holds the token: the command printed it on purpose)
            texts += [
                " ".join(done.argv),
                repr(ExecOptions(container=box.id, command=["x"], env=SECRETS)),
            ]
            texts.append(repr(box.inspect()))
        with pytest.raises(DockerError) as caught:
            docker.run(RunOptions(image="dcli-test/absent:1", env=SECRETS, pull="never"))
        texts += [str(caught.value), repr(caught.value), " ".join(caught.value.argv)]
    texts.append(caplog.text)
    assert watch.scans > 0
    assert watch.seen == []
    for value in SECRETS.values():
        for part in value.split("\n"):
            assert [t for t in texts if part in t] == [], part
