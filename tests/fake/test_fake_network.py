"""Networks on the fake: the engine's own as each client lists them, user networks with
their pools and members, and what the fake refuses to pretend."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dockercli import BuildOptions, NetworkOptions, NoSuchNetworkError, RunOptions
from dockercli.testing.fake import FakeDocker

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, Fake

BASE = "dcli-rec-base:latest"

# What `docker network ls` / `podman network ls` print on a fresh engine (by hand, 2026-12-03).
TABLES = {
    "docker-28": ["NETWORK ID     NAME      DRIVER    SCOPE", "bridge", "host", "none"],
    "docker-20.10": ["NETWORK ID     NAME      DRIVER    SCOPE", "bridge", "host", "none"],
    "podman": ["NETWORK ID    NAME        DRIVER", "podman"],
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_default_table_lists_the_engines_own_networks(fake: Fake, dialect: str) -> None:
    """The table has the client's header and one row per network the engine starts with."""
    lines = fake.with_dialect(dialect).ok("network", "ls").splitlines()
    header, *names = TABLES[dialect]
    assert lines[0] == header
    assert [line.split()[1] for line in lines[1:]] == names


@pytest.mark.parametrize(("dialect", "quiet"), [("docker-28", "id"), ("podman", "name")])
def test_quiet_prints_ids_on_docker_and_names_on_podman(
    fake: Fake, dialect: str, quiet: str
) -> None:
    """``-q`` lists 12-digit IDs on docker and names on podman, as the real clients do."""
    out = fake.with_dialect(dialect).ok("network", "ls", "-q", "--filter", "name=o").split()
    if quiet == "name":
        assert out == ["podman"]
    else:
        assert len(out) == 2
        assert all(len(x) == 12 for x in out)


@pytest.mark.parametrize(
    ("dialect", "code", "stderr"),
    [
        ("docker-28", 1, "Error response from daemon: Invalid filter 'bogus'\n"),
        ("docker-20.10", 1, "Error response from daemon: Invalid filter 'bogus'\n"),
        ("podman", 125, 'Error: invalid filter "bogus"\n'),
    ],
)
def test_unknown_filter_fails_as_the_client_does(
    fake: Fake, dialect: str, code: int, stderr: str
) -> None:
    """An unknown filter key gets the client's own wording and exit status."""
    done = fake.with_dialect(dialect).run("network", "ls", "--filter", "bogus=1")
    assert (done.returncode, done.stderr.decode()) == (code, stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["network", "prune", "-f"],
        ["network", "create", "--driver", "overlay", "n"],
        ["network", "create", "--ipv6", "n"],
        ["network", "inspect", "bridge"],
    ],
)
def test_what_the_fake_cannot_do_it_refuses(fake: Fake, argv: list[str]) -> None:
    """prune, other drivers, IPv6 and inspecting the engine's own networks exit 125 saying
    the fake does not model them."""
    done = fake.run(*argv)
    assert done.returncode == 125
    assert "not modelled" in done.stderr.decode()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_user_networks_are_listed_and_filtered(fake: Fake, dialect: str) -> None:
    """Created networks appear in ``network ls`` beside the engine's own; label and
    dangling filters pick them, and rm takes them away again."""
    fake = fake.with_dialect(dialect)
    fake.ok("network", "create", "--label", "team=a", "net-a")
    fake.ok("network", "create", "net-b")
    names = fake.ok("network", "ls", "--format", "{{.Name}}").split()
    assert {"net-a", "net-b"} <= set(names)
    assert (
        fake.ok("network", "ls", "--filter", "label=team=a", "--format", "{{.Name}}") == "net-a\n"
    )
    dangling = fake.ok("network", "ls", "--filter", "dangling=true", "--format", "{{.Name}}")
    assert dangling.split() == ["net-a", "net-b"]
    assert fake.ok("network", "rm", "net-a", "net-b") == "net-a\nnet-b\n"
    assert "net-a" not in fake.ok("network", "ls")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_containers_get_distinct_addresses_in_the_pool(fake: Fake, dialect: str) -> None:
    """Each container on a network gets its own address from the pool, past the gateway;
    ``--ip`` outside the pool is refused."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("network", "create", "--subnet", "10.213.99.0/29", "small")
    for name in ("a", "b"):
        fake.ok("run", "-d", "--name", name, "--network", "small", BASE, "sleep", "300")
    template = "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"
    addresses = [fake.ok("inspect", "--format", template, n).strip() for n in ("a", "b")]
    assert addresses == ["10.213.99.2", "10.213.99.3"]
    fake.ok("run", "-d", "--name", "c", BASE, "sleep", "300")
    done = fake.run("network", "connect", "--ip", "10.213.98.5", "small", "c")
    assert done.returncode != 0
    assert "10.213.98.5" in done.stderr.decode()


@pytest.mark.parametrize(("dialect", "removable"), [("docker-28", True), ("podman", False)])
def test_a_stopped_member_blocks_removal_on_podman_only(
    fake: Fake, dialect: str, removable: bool
) -> None:
    """docker removes a network whose only container has stopped, and that container's
    next start fails for the missing network; podman refuses while any container is on it."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("network", "create", "gone-soon")
    fake.ok("run", "--name", "quitter", "--network", "gone-soon", BASE, "true")
    done = fake.run("network", "rm", "gone-soon")
    assert (done.returncode == 0) is removable
    if removable:
        start = fake.run("start", "quitter")
        assert start.returncode != 0
        assert "network gone-soon not found" in start.stderr.decode()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_library_owns_what_it_creates_on_each_dialect(tmp_path: Path, dialect: str) -> None:
    """create_network, a container on it with an alias, its members read back, connect and
    disconnect of a second container, and the with block removing the network, on every
    dialect of the fake."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    docker = fake.client()
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text('FROM scratch\nCMD ["sleep", "300"]\n')
    try:
        docker.build(BuildOptions(context=str(context), tags=["net-lib:1"]))
        with docker.create_network(NetworkOptions(name="lib-net")) as net:
            web = docker.run(
                RunOptions(image="net-lib:1", network="lib-net", network_aliases=["web"])
            )
            other = docker.run(RunOptions(image="net-lib:1"))
            net.connect(other, aliases=["other"])
            members = {m.name: m for m in net.inspect().containers}
            assert sorted(members) == sorted([web.name, other.name])
            assert "web" in members[web.name].aliases
            net.disconnect(other)
            assert [m.name for m in net.inspect().containers] == [web.name]
        with pytest.raises(NoSuchNetworkError):
            docker.network("lib-net")
    finally:
        docker.remove_tracked()
        fake.close()


def test_podman_networks_through_the_library(tmp_path: Path) -> None:
    """Docker.networks() on the podman dialect gives podman's network, without a scope."""
    fake = FakeDocker(tmp_path / "fake", dialect="podman")
    try:
        (net,) = fake.client().networks()
        assert (net.name, net.driver, net.scope, len(net.id)) == ("podman", "bridge", None, 64)
    finally:
        fake.close()


@pytest.mark.parametrize(("dialect", "left"), [("docker-28", ["busy"]), ("podman", ["busy", "c"])])
def test_rm_of_several_goes_on_past_a_failure_on_docker_only(
    fake: Fake, dialect: str, left: list[str]
) -> None:
    """``network rm a busy c``: docker removes a and c and fails for busy; podman removes
    a and stops at busy, as the real clients do."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    for name in ("a", "busy", "c"):
        fake.ok("network", "create", name)
    fake.ok("run", "-d", "--network", "busy", BASE, "sleep", "300")
    done = fake.run("network", "rm", "a", "busy", "c")
    assert done.returncode != 0
    names = fake.ok("network", "ls", "--format", "{{.Name}}").split()
    assert [n for n in names if n in ("a", "busy", "c")] == left


def test_rm_force_passes_over_a_missing_network(fake: Fake) -> None:
    """docker 28's ``network rm -f`` exits 0 for a missing network and prints nothing for it."""
    fake.ok("network", "create", "here")
    assert fake.ok("network", "rm", "-f", "here", "not-here") == "here\n"
