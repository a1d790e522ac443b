"""``network ls`` on the fake: the engine's own networks, as each client lists them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dockercli.testing.fake import FakeDocker

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, Fake

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


@pytest.mark.parametrize("verb", ["create", "rm", "inspect", "connect", "prune"])
def test_other_network_commands_are_not_modelled(fake: Fake, verb: str) -> None:
    """The other network verbs exit 125 saying the fake does not model them."""
    done = fake.run("network", verb, "n")
    assert done.returncode == 125
    assert f"'docker network {verb}' is not modelled" in done.stderr.decode()


def test_podman_networks_through_the_library(tmp_path: Path) -> None:
    """Docker.networks() on the podman dialect gives podman's network, without a scope."""
    fake = FakeDocker(tmp_path / "fake", dialect="podman")
    try:
        (net,) = fake.client().networks()
        assert (net.name, net.driver, net.scope, len(net.id)) == ("podman", "bridge", None, 64)
    finally:
        fake.close()
