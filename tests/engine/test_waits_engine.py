"""Readiness on every client (docker 28, docker 20.10, podman): HTTP statuses the fake
cannot give (it answers 200 to every path), and the reaper through each client."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from dockercli import Docker, DockerTimeoutError, RunOptions
from tests.reaping import (
    end_client,
    end_reapers_of,
    gone_within,
    remove_named,
    start_client,
    wait_for,
)


def test_wait_for_http_accepts_the_statuses_it_is_given(client: tuple[str, Docker, str]) -> None:
    """A 404 holds when 404 is accepted, and is still "not ready" under the default 200-399."""
    _, docker, image = client
    with docker.run(RunOptions(image=image, publish=[8080])) as box:
        url = box.wait_for_http(8080, "/index.html", timeout=60)
        assert url.endswith(f":{box.host_port(8080)}/index.html")
        assert box.wait_for_http(8080, "/missing", status=404, timeout=30).endswith("/missing")
        with pytest.raises(DockerTimeoutError, match="GET /missing on port 8080 to answer 200-399"):
            box.wait_for_http(8080, "/missing", timeout=1)


def test_the_reaper_removes_a_killed_clients_objects(
    client: tuple[str, Docker, str], tmp_path: Path
) -> None:
    """A client killed with SIGKILL leaves no container, network or volume on this client's
    engine: its reaper removes them through the same binary and environment."""
    kind, docker, image = client
    prefix = f"dcli-reap-{kind}-"
    child = start_client(docker, image, prefix)
    try:
        wait_for(child, "ready")
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert gone_within(docker, [prefix], 90) == []
    finally:
        end_client(child)
        # Its reaper has 10 s of settling left (tests/contract/test_reaper.py sees one
        # end by itself): ended here, with what it swept already checked.
        end_reapers_of([child.pid])
        remove_named(docker, [prefix])
