"""An engine restart while log streams are open ends them with an error, not a hang."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, Docker, DockerError, RunOptions
from dockercli.testing import engine as engine_mod
from tests.conftest import CLIENTS, REQUIRE

BRIDGE = "dcli-br2"
BRIDGE_ADDRESS = "10.213.78.1/24"  # never contacted: the engine only needs its own bridge
JOIN = 90.0  # seconds: a stream still open after this is a hang

pytestmark = pytest.mark.engine  # an engine of its own, on a bridge of its own


@pytest.fixture
def restartable() -> Iterator[engine_mod.Engine]:
    """A private dockerd on its own bridge that the test may stop and start."""
    if not engine_mod.can_start() or shutil.which("ip") is None:
        if REQUIRE:
            pytest.fail("the restart test needs root, dockerd and ip")
        pytest.skip("the restart test needs root, dockerd and ip")
    root = Path(tempfile.mkdtemp(prefix="dcli-rs-", dir="/tmp"))
    with engine_mod.own_bridge(BRIDGE, BRIDGE_ADDRESS):
        engine = engine_mod.start(root, extra_args=[f"--bridge={BRIDGE}", "--iptables=false"])
        try:
            yield engine
        finally:
            engine_mod.remove(engine)


def test_streams_end_with_an_error_when_the_engine_restarts(
    restartable: engine_mod.Engine, tmp_path: Path
) -> None:
    """follow_logs and expect_log both end with a DockerError when the engine goes away."""
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copy(busybox, tmp_path / "busybox")
    (tmp_path / "Dockerfile").write_text(
        "FROM scratch\nCOPY busybox /bin/busybox\n"
        'CMD ["/bin/busybox", "sh", "-c", '
        '"while true; do echo tick; /bin/busybox sleep 0.2; done"]\n'
    )
    docker = Docker(binary=CLIENTS[0], host=restartable.host, timeout=60)
    image = docker.build(BuildOptions(context=str(tmp_path)))
    box = docker.run(RunOptions(image=image.id))
    outcomes: dict[str, object] = {}
    started = threading.Event()

    def follow() -> None:
        try:
            for _ in box.follow_logs(stall_timeout=60):
                started.set()
            outcomes["follow"] = "ended without error"
        except DockerError as error:
            outcomes["follow"] = error

    def expect() -> None:
        try:
            box.expect_log("never-printed", timeout=80)
            outcomes["expect"] = "matched"
        except DockerError as error:
            outcomes["expect"] = error

    threads = [
        threading.Thread(target=follow, daemon=True),
        threading.Thread(target=expect, daemon=True),
    ]
    for thread in threads:
        thread.start()
    assert started.wait(30)
    engine_mod.stop(restartable)
    for thread in threads:
        thread.join(JOIN)
    engine_mod.start(restartable.root)
    assert [t for t in threads if t.is_alive()] == []
    print(f"\nfollow: {outcomes['follow']!r}\nexpect: {outcomes['expect']!r}")
    assert isinstance(outcomes["follow"], DockerError)
    assert isinstance(outcomes["expect"], DockerError)
    docker.cleanup(labels={"dockercli.session": docker.session_id}, running=True)
