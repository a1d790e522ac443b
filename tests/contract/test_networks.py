"""User networks on the fake and the engine alike: created and owned by dockercli, their
members and aliases, connect and disconnect, the failures a user meets, and a ``with``
block that never removes a network someone else still uses."""

from __future__ import annotations

import ipaddress
import uuid

import pytest

from dockercli import (
    ConflictError,
    Container,
    NetworkOptions,
    NoSuchContainerError,
    NoSuchNetworkError,
    RunOptions,
)
from tests.contract.conftest import Backend

# Each test its own pool: engine tests run in parallel on one engine.
POOLS = {name: f"10.213.{n}.0/24" for n, name in enumerate(["members", "connect", "kept"], 90)}


def _name(what: str) -> str:
    return f"dcli-contract-{what}-{uuid.uuid4().hex[:8]}"


def _sleeper(busybox_ref: str, **options: object) -> RunOptions:
    return RunOptions(image=busybox_ref, command=["sleep", "300"], **options)  # type: ignore[arg-type]


def test_a_created_network_lists_its_members_with_their_aliases(
    backend: Backend, busybox_ref: str
) -> None:
    """A container run on a network dockercli created is a member with its alias and an
    address from the network's pool; the with block then removes the network."""
    docker = backend.docker
    pool = POOLS["members"]
    name = _name("members")
    with docker.create_network(NetworkOptions(name=name, subnet=pool)) as net:
        box = docker.run(_sleeper(busybox_ref, network=name, network_aliases=["web"]))
        with box:
            info = net.inspect()
            assert (info.name, info.driver, [s.subnet for s in info.subnets]) == (
                name,
                "bridge",
                [pool],
            )
            (member,) = info.containers
            assert (member.container_id, member.name) == (box.id, box.name)
            assert "web" in member.aliases
            assert ipaddress.ip_address(member.ip_address or "") in ipaddress.ip_network(pool)
            endpoint = box.inspect().networks[name]
            assert (endpoint.network_id, "web" in endpoint.aliases) == (net.id, True)
    with pytest.raises(NoSuchNetworkError):
        docker.network(name)


def test_connect_gives_a_second_network_and_disconnect_takes_it_away(
    backend: Backend, busybox_ref: str
) -> None:
    """connect() adds a network with the address asked for; disconnect() removes it, and a
    second disconnect is a ConflictError."""
    docker = backend.docker
    name = _name("connect")
    address = str(ipaddress.ip_network(POOLS["connect"])[50])
    pool = NetworkOptions(name=name, subnet=POOLS["connect"])
    with docker.create_network(pool) as net, docker.run(_sleeper(busybox_ref)) as box:
        net.connect(box, aliases=["extra"], ip=address)
        networks = box.inspect().networks
        assert sorted(networks) == sorted(["bridge", name])
        assert (networks[name].ip_address, "extra" in networks[name].aliases) == (address, True)
        net.disconnect(box)
        assert sorted(box.inspect().networks) == ["bridge"]
        with pytest.raises(ConflictError):
            net.disconnect(box)
        with pytest.raises(NoSuchContainerError):
            net.connect("dcli-contract-no-such-container")


def test_a_network_someone_else_still_uses_is_left_in_place(
    backend: Backend, busybox_ref: str
) -> None:
    """A container attached by hand keeps the network: remove() is a ConflictError and the
    with block leaves it (and the container) alone; a second network of that name or pool
    is a ConflictError."""
    docker = backend.docker
    name = _name("kept")
    by_hand = _name("by-hand")
    try:
        with docker.create_network(NetworkOptions(name=name, subnet=POOLS["kept"])) as net:
            docker.command(
                "run", "-d", "--name", by_hand, "--network", name, busybox_ref, "sleep", "300"
            )
            with pytest.raises(ConflictError):
                net.remove()
            with pytest.raises(ConflictError):
                docker.create_network(NetworkOptions(name=name))
            with pytest.raises(ConflictError):
                docker.create_network(NetworkOptions(name=_name("overlap"), subnet=POOLS["kept"]))
        assert docker.network(name).id == net.id
        assert Container(docker, by_hand).inspect().networks[name].network_id == net.id
    finally:
        docker.command("rm", "-f", by_hand, ok_codes=range(256))
        docker.command("network", "rm", name, ok_codes=range(256))
    with pytest.raises(NoSuchNetworkError):
        docker.network(name)


def test_cleanup_removes_only_the_networks_dockercli_made(
    backend: Backend, busybox_ref: str
) -> None:
    """cleanup(prefix=) removes dockercli's unused networks with that prefix, leaves one
    that a container made by hand is on (networks_left), and never touches a network
    made by hand under the same prefix."""
    docker = backend.docker
    prefix = _name("sweep")
    docker.create_network(NetworkOptions(name=f"{prefix}-mine"))
    busy = docker.create_network(NetworkOptions(name=f"{prefix}-busy"))
    docker.command("network", "create", f"{prefix}-theirs")
    by_hand = _name("by-hand")
    try:
        docker.command(
            "run", "-d", "--name", by_hand, "--network", busy.name, busybox_ref, "sleep", "300"
        )
        # running=True: these networks are seconds old (a cleanup spares young ones)
        report = docker.cleanup(prefix=prefix, images=False, running=True)
        assert [name for _, name in report.networks] == [f"{prefix}-mine"]
        assert [network_id for network_id, _ in report.networks_left] == [busy.id]
        left = {n.name for n in docker.networks(filters={"name": prefix})}
        assert left == {f"{prefix}-busy", f"{prefix}-theirs"}
        assert Container(docker, by_hand).inspect().running
    finally:
        docker.command("rm", "-f", by_hand, ok_codes=range(256))
        docker.command("network", "rm", f"{prefix}-busy", f"{prefix}-theirs", ok_codes=range(256))


def test_a_young_network_is_spared_without_running(backend: Backend) -> None:
    """A network dockercli created seconds ago is not removed by cleanup(): its containers
    may be starting (as with a container that run() is starting)."""
    docker = backend.docker
    prefix = _name("young")
    with docker.create_network(NetworkOptions(name=f"{prefix}-net")):
        report = docker.cleanup(prefix=prefix, images=False)
        assert report.networks == ()
        assert [n.name for n in docker.networks(filters={"name": prefix})] == [f"{prefix}-net"]
