"""A second real engine on tcp://127.0.0.1 with --tlsverify, reached through TLSConfig and env."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions, DockerError, Image, RunOptions, TLSConfig
from dockercli.docker import Docker
from dockercli.testing import engine as engine_mod
from tests.conftest import CLIENTS, REQUIRE
from tests.reaping import (
    end_client,
    end_reapers_of,
    gone_within,
    remove_named,
    start_client,
    wait_for,
)

BRIDGE = "dcli-br1"
BRIDGE_ADDRESS = "10.213.77.1/24"  # never contacted: the engine only needs its own bridge


def _sh(*argv: str, cwd: Path | None = None) -> None:
    subprocess.run(argv, check=True, capture_output=True, cwd=cwd, timeout=60)


def _make_certs(root: Path) -> None:
    """A CA, a server cert for 127.0.0.1, and a client cert, as docker expects them."""
    _sh(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=dcli-ca",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
        cwd=root,
    )
    for name, usage, alt in (
        ("server", "serverAuth", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
        ("client", "clientAuth", None),
    ):
        _sh(
            "openssl",
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            f"/CN=dcli-{name}",
            "-keyout",
            f"{name}-key.pem",
            "-out",
            f"{name}.csr",
            cwd=root,
        )
        ext = root / f"{name}.ext"
        ext.write_text(f"extendedKeyUsage={usage}\n" + (f"{alt}\n" if alt else ""))
        _sh(
            "openssl",
            "x509",
            "-req",
            "-in",
            f"{name}.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            str(ext),
            "-out",
            f"{name}-cert.pem",
            cwd=root,
        )
    # DOCKER_CERT_PATH wants the client pair as cert.pem / key.pem
    shutil.copy(root / "client-cert.pem", root / "cert.pem")
    shutil.copy(root / "client-key.pem", root / "key.pem")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def tls_engine() -> Iterator[tuple[str, Path]]:
    """A dockerd on its own bridge listening on tcp://127.0.0.1:<port> with --tlsverify."""
    if not engine_mod.can_start() or not shutil.which("openssl") or not shutil.which("ip"):
        if REQUIRE:
            pytest.fail("the TLS engine needs root, dockerd, openssl and ip")
        pytest.skip("the TLS engine needs root, dockerd, openssl and ip")
    root = Path(tempfile.mkdtemp(prefix="dcli-tls-", dir="/tmp"))
    certs = root / "certs"
    certs.mkdir()
    _make_certs(certs)
    port = _free_port()
    tls_flags = [
        f"--host=tcp://127.0.0.1:{port}",
        "--tlsverify",
        f"--tlscacert={certs}/ca.pem",
        f"--tlscert={certs}/server-cert.pem",
        f"--tlskey={certs}/server-key.pem",
    ]
    try:
        with engine_mod.own_bridge(BRIDGE, BRIDGE_ADDRESS):
            engine = engine_mod.start(
                root / "engine",
                extra_args=[
                    *tls_flags,
                    f"--bridge={BRIDGE}",
                    "--iptables=false",
                    "--ip-masq=false",
                ],
            )
            try:
                yield f"tcp://127.0.0.1:{port}", certs
            finally:
                engine_mod.remove(engine)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_tls_config_reaches_the_engine(tls_engine: tuple[str, Path], client_path: str) -> None:
    """Docker(host=tcp://…, tls=TLSConfig(...)) talks to a --tlsverify engine."""
    host, certs = tls_engine
    tls = TLSConfig(
        ca_cert=str(certs / "ca.pem"), cert=str(certs / "cert.pem"), key=str(certs / "key.pem")
    )
    docker = Docker(binary=client_path, host=host, tls=tls, timeout=60)
    assert docker.version().server_version
    assert docker.published_host == "127.0.0.1"


def test_tls_environment_reaches_the_engine(tls_engine: tuple[str, Path], client_path: str) -> None:
    """DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are read by the CLI as it reads them."""
    host, certs = tls_engine
    env = {"DOCKER_HOST": host, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": str(certs)}
    docker = Docker(binary=client_path, env=env, timeout=60)
    assert docker.version().server_version
    assert docker.endpoint.source == "DOCKER_HOST"


def _tls_client(tls_engine: tuple[str, Path], client_path: str) -> Docker:
    host, certs = tls_engine
    return Docker(
        binary=client_path, host=host, tls=TLSConfig.from_cert_path(str(certs)), timeout=120
    )


def _build(docker: Docker, context: Path, last: str) -> Image:
    """An image FROM scratch holding static busybox, and ``last`` (a RUN or CMD line)."""
    busybox = shutil.which("busybox")
    assert busybox is not None
    shutil.copy(busybox, context / "busybox")
    (context / "Dockerfile").write_text(f"FROM scratch\nCOPY busybox /bin/busybox\n{last}\n")
    return docker.build(BuildOptions(context=str(context)))


def test_tls_engine_runs_containers(
    tls_engine: tuple[str, Path], client_path: str, tmp_path: Path
) -> None:
    """Containers run and exec on the TLS engine like on a local one."""
    docker = _tls_client(tls_engine, client_path)
    with (
        _build(docker, tmp_path, 'CMD ["/bin/busybox", "sleep", "300"]') as image,
        docker.run(RunOptions(image=image.id)) as box,
    ):
        assert box.exec(["/bin/busybox", "echo", "over-tls"]).stdout == "over-tls\n"


def test_plain_client_is_refused(tls_engine: tuple[str, Path], client_path: str) -> None:
    """Without client certificates the TLS engine refuses the CLI, and we raise a DockerError."""
    host, _ = tls_engine
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    docker = Docker(binary=client_path, host=host, env=env, timeout=30)
    with pytest.raises(DockerError):
        docker.version()


def test_the_reaper_works_over_tls(tls_engine: tuple[str, Path], tmp_path: Path) -> None:
    """A client on the TLS engine killed with SIGKILL: its reaper removes its container,
    network and volume through the same TLS settings (one client: the reaper is the same
    code whichever client it drives; tests/engine/test_waits_engine.py runs it on each)."""
    _, certs = tls_engine
    docker = _tls_client(tls_engine, CLIENTS[0])
    with _build(docker, tmp_path, 'RUN ["/bin/busybox", "--install", "-s", "/bin"]') as image:
        child = start_client(docker, image.id, "dcli-tls-reap-", certs=str(certs))
        try:
            wait_for(child, "ready")
            child.send_signal(signal.SIGKILL)
            child.wait()
            assert gone_within(docker, ["dcli-tls-reap-"], 90) == []
        finally:
            end_client(child)
            end_reapers_of([child.pid])  # in its settling, swept: before the engine goes
            remove_named(docker, ["dcli-tls-reap-"])  # what a failure left
