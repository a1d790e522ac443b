"""The multi-container scenario of issue 16, on the fake and the engine: a user network
with a `web` container known there by its alias, a client beside it, a volume shared by
two containers, a config file copied in as bytes before the start and copied back out,
data round-tripped through exec's stdin, and nothing left at the end.

The engine shows everything: the client fetches the page by the alias across the
engine's bridge, one container writes into the volume and the next reads it. The fake
keeps no files its programs write and runs no network tool, so there the scenario checks
what it can show: membership and aliases, the mounts, the copies and the stdin."""

from __future__ import annotations

import time
import uuid

import pytest

from dockercli import (
    Container,
    NetworkOptions,
    NoSuchNetworkError,
    NoSuchVolumeError,
    RunOptions,
    VolumeOptions,
)
from tests.contract.conftest import Backend

PAGE = b"<h1>by alias</h1>\n"
FETCH = "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 web 8080"


def _fetch_by_alias(client: Container) -> str:
    """The page as the client container gets it from `web` (httpd binds within moments)."""
    for _ in range(20):
        done = client.exec(["sh", "-c", FETCH], timeout=30)
        if done.returncode == 0 and done.stdout:
            return done.stdout
        time.sleep(0.5)
    return ""


def test_web_and_client_on_a_network_with_a_volume_files_and_stdin(
    backend: Backend, busybox_ref: str
) -> None:
    """Network, alias, volume, copies and stdin in one scenario; every object it made is
    gone afterwards, the network and the volume included."""
    docker = backend.docker
    tag = uuid.uuid4().hex[:8]
    net_name, vol_name = f"dcli-contract-shop-{tag}", f"dcli-contract-shop-data-{tag}"
    pool = NetworkOptions(name=net_name, subnet="10.213.97.0/24")
    with (
        docker.create_network(pool) as net,
        docker.create_volume(VolumeOptions(name=vol_name)) as vol,
    ):
        serve = RunOptions(
            image=busybox_ref,
            command=["httpd", "-f", "-p", "8080", "-h", "/etc"],
            network=net_name,
            network_aliases=["web"],
        )
        web = docker.create(serve)
        web.copy_to(PAGE, "/etc/index.html")  # before the first start
        asker = RunOptions(
            image=busybox_ref,
            command=["sleep", "300"],
            network=net_name,
            volumes=[f"{vol_name}:/data"],
        )
        with web, docker.run(asker) as client:
            members = {m.name: m for m in net.inspect().containers}
            assert "web" in members[web.name].aliases
            assert client.name in members
            assert web.copy_from("/etc/index.html") == PAGE
            assert client.exec(["wc", "-c"], input=PAGE).stdout.strip() == str(len(PAGE))
            assert [m.name for m in client.inspect().mounts] == [vol.name]
            if backend.kind == "engine":
                page = _fetch_by_alias(client)
                assert (page[:7], page.endswith(PAGE.decode())) == ("HTTP/1.", True)
                client.exec(["sh", "-c", "echo kept > /data/note"], check=True)
                reader = RunOptions(
                    image=busybox_ref,
                    command=["cat", "/data/note"],
                    volumes=[f"{vol_name}:/data:ro"],
                )
                assert docker.run(reader, input=b"").stdout == "kept\n"
    with pytest.raises(NoSuchNetworkError):
        docker.network(net_name)
    with pytest.raises(NoSuchVolumeError):
        docker.volume(vol_name)
