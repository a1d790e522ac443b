"""User networks on the real engine through every client (docker 28, docker 20.10, podman):
containers reach each other by alias, members are read with their aliases, and the with
block removes only what dockercli made."""

from __future__ import annotations

import time
import uuid

import pytest

from dockercli import (
    ConflictError,
    Container,
    Docker,
    NetworkOptions,
    NoSuchNetworkError,
    RunOptions,
)

# A pool per client: the clients' tests may run at once on one engine.
POOLS = {"docker": "10.213.94.0/24", "docker-20.10": "10.213.95.0/24", "podman": "10.213.96.0/24"}

# One HTTP request by name with nc (static busybox's wget crashes here, even on an address).
FETCH_BY_NAME = "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 {name} 8080"


def test_containers_reach_each_other_by_alias(client: tuple[str, Docker, str]) -> None:
    """On a network dockercli created, a container fetches a page from another by its
    alias; the network lists the server with that alias, and is gone after the block."""
    kind, docker, image = client
    name = f"dcli-test-net-{uuid.uuid4().hex[:8]}"
    pool = NetworkOptions(name=name, subnet=POOLS[kind])
    serve = RunOptions(image=image, network=name, network_aliases=["web"])
    with docker.create_network(pool) as net, docker.run(serve) as web:
        asker = docker.run(RunOptions(image=image, command=["sleep", "300"], network=name))
        fetch = ["sh", "-c", FETCH_BY_NAME.format(name="web")]
        for _ in range(20):  # httpd binds within moments of its start
            done = asker.exec(fetch, timeout=30)
            if done.returncode == 0:
                break
            time.sleep(0.5)
        assert done.returncode == 0
        assert done.stdout.startswith("HTTP/1.1 200 OK")
        assert done.stdout.endswith("\r\n\r\nby-alias\n")
        (member,) = [m for m in net.inspect().containers if m.container_id == web.id]
        assert "web" in member.aliases
    with pytest.raises(NoSuchNetworkError):
        docker.network(name)


def test_cleanup_goes_past_a_network_in_use(client: tuple[str, Docker, str]) -> None:
    """cleanup removes dockercli's unused networks on both sides of one that a container
    made by hand is on (podman's `network rm` stops at that one; dockercli goes on), and
    leaves that one."""
    _, docker, image = client
    prefix = f"dcli-test-sweep-{uuid.uuid4().hex[:8]}"
    names = [f"{prefix}-a", f"{prefix}-busy", f"{prefix}-c"]  # listed in this order
    nets = {name: docker.create_network(NetworkOptions(name=name)) for name in names}
    hand = f"{prefix}-hand"
    try:
        docker.command("run", "-d", "--name", hand, "--network", names[1], image, "sleep", "300")
        report = docker.cleanup(prefix=prefix, images=False, running=True)
        assert sorted(name for _, name in report.networks) == [names[0], names[2]]
        assert [network_id for network_id, _ in report.networks_left] == [nets[names[1]].id]
        assert [n.name for n in docker.networks(filters={"name": prefix})] == [names[1]]
    finally:
        docker.call(docker.session.rm([hand], force=True), ok_codes=range(256))  # podman: at once
        docker.command("network", "rm", names[1], ok_codes=range(256))


def test_a_network_a_hand_made_container_is_on_stays(client: tuple[str, Docker, str]) -> None:
    """remove() of a network dockercli created is a ConflictError while a container made by
    hand is on it, and the with block leaves both (podman too, which would remove it if
    asked by ID)."""
    _, docker, image = client
    name = f"dcli-test-kept-{uuid.uuid4().hex[:8]}"
    hand = f"{name}-hand"
    try:
        with docker.create_network(NetworkOptions(name=name)) as net:
            docker.command("run", "-d", "--name", hand, "--network", name, image, "sleep", "300")
            with pytest.raises(ConflictError):
                net.remove()
        assert docker.network(name).id == net.id
        assert Container(docker, hand).inspect().running
    finally:
        docker.call(docker.session.rm([hand], force=True), ok_codes=range(256))  # podman: at once
        docker.command("network", "rm", name, ok_codes=range(256))
