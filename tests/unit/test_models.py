"""The typed models: named constructors on recorded inspect JSON and on edge cases."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from dockercli import parsers
from dockercli.errors import ParseError
from dockercli.models import (
    ContainerInfo,
    ContainerSummary,
    ImageInfo,
    ImageSummary,
    NetworkInfo,
    PortMapping,
    VersionInfo,
    VolumeInfo,
    parse_time,
)
from tests.recordings import DATA, Recording, load, recordings

UTC = timezone.utc


def inspected(case_id: str) -> dict[str, Any]:
    """The first object of a recorded inspect output."""
    return parsers.inspect_list(load(DATA / case_id).stdout)[0]


def with_secret_env(d: dict[str, Any]) -> dict[str, Any]:
    """A copy of an inspect object with a secret in its env."""
    d = copy.deepcopy(d)
    d["Config"]["Env"] = [*d["Config"]["Env"], "DB_PASSWORD=hunter2=x", "EMPTY="]
    return d


# -- ContainerInfo ---------------------------------------------------------------------------


def test_container_info_docker_literal() -> None:
    """A running docker container: IDs without sha256:, name without '/', times, ports."""
    info = ContainerInfo.from_inspect(inspected("docker-28.2.2/inspect-running"))
    assert info.id == "813aaae4fbc29126c2be36e7b62f372b4fb95d304d2a88d13e2682c4f6f0309c"
    assert info.name == "dcli-rec-running"
    assert info.image_id == "e404cb3b90e504aafb5f0f8b877ff23481deeb141379f4b0adc1ee7d65a271c8"
    assert info.image == "dcli-rec-base:latest"
    assert info.created == datetime(2026, 11, 27, 18, 4, 0, 466397, UTC)
    assert info.started_at == datetime(2026, 11, 27, 18, 4, 0, 696960, UTC)
    assert info.finished_at is None  # docker's zero time
    assert (info.status, info.running, info.exit_code, info.health) == ("running", True, 0, None)
    assert info.labels == {"dcli.recorder": "1", "org.example.role": "web"}
    assert info.env_names == ("PATH",)
    assert (info.cmd, info.entrypoint) == (("httpd", "-f", "-p", "8080"), ())
    assert info.ip_address == "172.17.0.2"
    assert info.ports == (PortMapping(8080, "tcp", "127.0.0.1", 32829),)


def test_container_info_podman_literal() -> None:
    """A running podman container: nothing to strip, Entrypoint '' is (), HostIp '' is 0.0.0.0."""
    info = ContainerInfo.from_inspect(inspected("podman-4.3.1/inspect-running"))
    assert info.id == "610aa3455df7b5a5ec5fd58bfb2c6e61eb614cf0c122651d0bee7c1bd38673ec"
    assert info.name == "dcli-rec-running"
    assert info.image_id == "3fa24a2e96f2723a32aef74656eadea56ca95b3e2d5362d605db364a37c35e92"
    assert info.image == "localhost/dcli-rec-base:latest"
    assert info.health is None  # podman's Health.Status '' without a healthcheck
    assert info.entrypoint == ()
    assert info.env_names == ("PATH", "TERM", "container", "HOSTNAME")
    assert info.ip_address == "10.88.0.132"
    assert info.ports == (PortMapping(8080, "tcp", "0.0.0.0", 36739),)


@pytest.mark.parametrize("client", ["docker-28.2.2", "docker-20.10.24", "podman-4.3.1"])
def test_container_info_exited_and_created(client: str) -> None:
    """Exited: exit code 3, both times set; created: never started, no address, no ports."""
    exited = ContainerInfo.from_inspect(inspected(f"{client}/inspect-exited"))
    assert (exited.status, exited.running, exited.exit_code) == ("exited", False, 3)
    assert exited.started_at is not None
    assert exited.finished_at is not None
    assert exited.ip_address is None
    created = ContainerInfo.from_inspect(inspected(f"{client}/inspect-created"))
    assert (created.status, created.started_at, created.finished_at) == ("created", None, None)
    assert (created.ip_address, created.ports) == (None, ())


@pytest.mark.parametrize("client", ["docker-28.2.2", "docker-20.10.24", "podman-4.3.1"])
def test_container_info_healthy(client: str) -> None:
    """State.Health.Status is the health; 'PORT: null' (exposed only) is no mapping."""
    info = ContainerInfo.from_inspect(inspected(f"{client}/inspect-healthy"))
    assert info.health == "healthy"
    assert info.ports == ()
    assert info.cmd == ("sleep", "300")


def test_container_env_values_stay_out_of_repr() -> None:
    """Env values never show in repr() or str(); env() still gives them, split at the first '='."""
    info = ContainerInfo.from_inspect(with_secret_env(inspected("docker-28.2.2/inspect-running")))
    assert "hunter2" not in repr(info)
    assert "hunter2" not in str(info)
    assert "DB_PASSWORD" in repr(info)
    assert info.env()["DB_PASSWORD"] == "hunter2=x"
    assert info.env()["EMPTY"] == ""


def test_container_raw_is_kept_but_not_shown() -> None:
    """The whole inspect object is reachable as raw and left out of repr()."""
    d = inspected("docker-20.10.24/inspect-running")
    info = ContainerInfo.from_inspect(d)
    assert info.raw is d
    assert "HostnamePath" not in repr(info)


def test_container_ip_address_falls_back_to_networks() -> None:
    """With NetworkSettings.IPAddress empty the first non-empty Networks address is used."""
    d = {
        "Id": "c1",
        "NetworkSettings": {
            "IPAddress": "",
            "Networks": {"a": {"IPAddress": ""}, "b": {"IPAddress": "10.0.0.9"}},
        },
    }
    assert ContainerInfo.from_inspect(d).ip_address == "10.0.0.9"


def test_container_minimal_and_unknown_keys() -> None:
    """Only an Id is needed; unknown keys and sections from a newer engine are ignored."""
    info = ContainerInfo.from_inspect(
        {"Id": "c1", "FutureKey": {"x": [1]}, "State": {"NewField": 1}}
    )
    assert (info.id, info.name, info.image_id, info.image, info.created) == (
        "c1",
        "",
        None,
        None,
        None,
    )
    assert (info.status, info.running, info.exit_code, info.health) == ("", False, None, None)
    assert (info.labels, info.env_names, info.cmd, info.ports, info.ip_address) == (
        {},
        (),
        (),
        (),
        None,
    )


@pytest.mark.parametrize(
    "patch",
    [
        {"Id": 5},
        {"Id": ""},
        {"State": []},
        {"State": {"Running": "true"}},
        {"State": {"ExitCode": "3"}},
        {"State": {"ExitCode": True}},
        {"Config": {"Labels": ["a=b"]}},
        {"Config": {"Labels": {"a": 1}}},
        {"Config": {"Env": "A=B"}},
        {"Config": {"Cmd": [1]}},
        {"Created": ["2026"]},
        {"NetworkSettings": {"Ports": {"8080/tcp": "32768"}}},
        {"NetworkSettings": {"Networks": {"n": []}}},
    ],
)
def test_container_wrong_types_raise_parse_error(patch: dict[str, Any]) -> None:
    """A value of the wrong type (a list for an object, text for a number...) raises ParseError."""
    d = {"Id": "c1", **patch}
    with pytest.raises(ParseError):
        ContainerInfo.from_inspect(d)


@pytest.mark.parametrize("value", [None, [], "x", 3])
def test_container_from_non_object_raises(value: Any) -> None:
    """Anything but an object (None included) raises ParseError."""
    with pytest.raises(ParseError):
        ContainerInfo.from_inspect(value)


def test_container_info_is_frozen() -> None:
    """The model is immutable."""
    info = ContainerInfo.from_inspect({"Id": "c1"})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        info.id = "x"  # type: ignore[misc]


# -- ImageInfo -------------------------------------------------------------------------------


def test_image_info_docker_literal() -> None:
    """docker image inspect: ID without sha256:, short ID, tags, labels, ports, size."""
    info = ImageInfo.from_inspect(inspected("docker-28.2.2/inspect-image"))
    assert info.id == "e404cb3b90e504aafb5f0f8b877ff23481deeb141379f4b0adc1ee7d65a271c8"
    assert info.short_id == "e404cb3b90e5"
    assert info.tags == ("dcli-rec-base:latest",)
    assert info.labels == {"dcli.recorder": "1", "org.example.role": "web"}
    assert info.exposed_ports == ("8080/tcp",)
    assert info.cmd == ("httpd", "-f", "-p", "8080")
    assert (info.size, info.architecture, info.os) == (1985505, "amd64", "linux")
    assert info.created == datetime(2026, 11, 27, 18, 3, 54, 61322, UTC)


def test_image_info_podman_literal() -> None:
    """podman image inspect: no prefix to strip, localhost/ tags, digests."""
    info = ImageInfo.from_inspect(inspected("podman-4.3.1/inspect-image"))
    assert info.id == "3fa24a2e96f2723a32aef74656eadea56ca95b3e2d5362d605db364a37c35e92"
    assert info.tags == ("localhost/dcli-rec-base:latest",)
    assert info.digests[0].startswith("localhost/dcli-rec-base@sha256:")
    assert info.labels["io.buildah.version"] == "1.28.2"


def test_image_info_minimal_and_null_labels() -> None:
    """Config.Labels null is {}; missing sections give empty values."""
    info = ImageInfo.from_inspect(
        {"Id": "sha256:ab", "Config": {"Labels": None, "ExposedPorts": None}}
    )
    assert (info.id, info.tags, info.labels, info.exposed_ports, info.size) == (
        "ab",
        (),
        {},
        (),
        None,
    )


def test_image_exposed_ports_sorted_numerically() -> None:
    """Exposed ports are sorted by number, then protocol."""
    d = {
        "Id": "a",
        "Config": {"ExposedPorts": {"9999/udp": {}, "80/tcp": {}, "8080/tcp": {}, "80/udp": {}}},
    }
    assert ImageInfo.from_inspect(d).exposed_ports == ("80/tcp", "80/udp", "8080/tcp", "9999/udp")


def test_image_env_values_stay_out_of_repr() -> None:
    """Image env values never show in repr(); env() gives them."""
    info = ImageInfo.from_inspect(with_secret_env(inspected("podman-4.3.1/inspect-image")))
    assert "hunter2" not in repr(info)
    assert info.env()["DB_PASSWORD"] == "hunter2=x"


@pytest.mark.parametrize(
    "patch",
    [
        {"RepoTags": "a:b"},
        {"Size": "12"},
        {"Config": {"ExposedPorts": ["80/tcp"]}},
        {"Config": {"ExposedPorts": {"x": {}}}},
    ],
)
def test_image_wrong_types_raise_parse_error(patch: dict[str, Any]) -> None:
    """A value of the wrong type raises ParseError."""
    with pytest.raises(ParseError):
        ImageInfo.from_inspect({"Id": "a", **patch})


# -- times -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27T18:04:03.507482849Z", datetime(2026, 11, 27, 18, 4, 3, 507482, UTC)),
        ("2026-11-27T18:04:27.7968193Z", datetime(2026, 11, 27, 18, 4, 27, 796819, UTC)),
        ("2026-11-27T18:04:27Z", datetime(2026, 11, 27, 18, 4, 27, 0, UTC)),
        ("2026-11-27T18:04:27.5+02:00", datetime(2026, 11, 27, 16, 4, 27, 500000, UTC)),
        ("2026-11-27 18:04:05 +0000 UTC", datetime(2026, 11, 27, 18, 4, 5, 0, UTC)),
        ("2026-11-27 19:04:05.123 +0100 CET m=+0.5", datetime(2026, 11, 27, 18, 4, 5, 123000, UTC)),
        ("0001-01-01T00:00:00Z", None),
        ("2026-13-01T00:00:00Z", None),
        ("2026-11-27T18:04:27+24:00", None),
        ("Less than a second ago", None),
        ("", None),
        (None, None),
        (1795802707, datetime(2026, 11, 27, 18, 5, 7, 0, UTC)),
        (-62135596800, None),
        (10**30, None),
        (float("nan"), None),
    ],
)
def test_parse_time(text: Any, expected: datetime | None) -> None:
    """RFC 3339 with nanoseconds, Go's time.String(), epoch seconds; zero or unknown is None."""
    got = parse_time(text)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None


@pytest.mark.parametrize("value", [True, [], {}])
def test_parse_time_wrong_type(value: Any) -> None:
    """A time that is neither text nor a number raises ParseError."""
    with pytest.raises(ParseError):
        parse_time(value)


def test_parse_time_keeps_offset() -> None:
    """The offset is kept as the tzinfo."""
    got = parse_time("2026-11-27T18:04:27-05:30")
    assert got is not None
    assert got.utcoffset() == -timedelta(hours=5, minutes=30)


# -- PortMapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host_ip", "family", "is_any", "is_loopback", "connect_ip"),
    [
        ("0.0.0.0", "ipv4", True, False, "127.0.0.1"),
        ("127.0.0.1", "ipv4", False, True, "127.0.0.1"),
        ("127.0.0.5", "ipv4", False, True, "127.0.0.5"),
        ("192.168.1.5", "ipv4", False, False, "192.168.1.5"),
        ("::", "ipv6", True, False, "::1"),
        ("::1", "ipv6", False, True, "::1"),
        ("fe80::1%eth0", "ipv6", False, False, "fe80::1%eth0"),
    ],
)
def test_port_mapping_properties(
    host_ip: str, family: str, is_any: bool, is_loopback: bool, connect_ip: str
) -> None:
    """family, is_any, is_loopback and connect_ip follow the host address."""
    m = PortMapping(80, "tcp", host_ip, 1)
    assert (m.family, m.is_any, m.is_loopback, m.connect_ip) == (
        family,
        is_any,
        is_loopback,
        connect_ip,
    )


def test_port_mapping_str() -> None:
    """str() prints a mapping the way `docker port` does (IPv6 in brackets)."""
    assert str(PortMapping(8080, "tcp", "::", 5)) == "8080/tcp -> [::]:5"
    assert str(PortMapping(None, None, "0.0.0.0", 5)) == "0.0.0.0:5"


# -- summaries and versions ------------------------------------------------------------------


def test_container_summary_docker_row() -> None:
    """A docker ps row: names split on commas, exit code from the status text."""
    row = ContainerSummary.from_ps(
        {
            "ID": "abc",
            "Names": "web,other/alias",
            "State": "exited",
            "Status": "Exited (137) 2 hours ago",
        }
    )
    assert (row.name, row.names, row.exit_code, row.running) == (
        "web",
        ("web", "other/alias"),
        137,
        False,
    )


def test_container_summary_labels_edge_cases() -> None:
    """docker's label string: empty, a value with '=', a value with a comma."""
    assert ContainerSummary.from_ps({"ID": "a", "Labels": ""}).labels == {}
    labels = ContainerSummary.from_ps({"ID": "a", "Labels": "a=b=c,d=1,2,e="}).labels
    assert labels == {"a": "b=c", "d": "1,2", "e": ""}


def test_container_summary_podman_port_range() -> None:
    """podman's port ranges render like docker's."""
    row = ContainerSummary.from_ps(
        {
            "Id": "a",
            "Ports": [
                {
                    "host_ip": "::",
                    "container_port": 80,
                    "host_port": 8000,
                    "range": 2,
                    "protocol": "udp",
                }
            ],
        }
    )
    assert row.ports == "[::]:8000-8001->80-81/udp"


def test_image_summary_docker_sizes() -> None:
    """docker's human sizes become approximate byte counts; unknown forms give None."""
    sizes = [
        ImageSummary.from_images({"ID": "a", "Repository": "r", "Size": s})[0].size
        for s in ("0B", "1.5kB", "2GB", "N/A")
    ]
    assert sizes == [0, 1500, 2_000_000_000, None]


def test_version_info_podman_remote() -> None:
    """podman with a service: its Server block gives server and API versions."""
    text = json.dumps(
        {
            "Client": {"APIVersion": "4.3.1", "Version": "4.3.1"},
            "Server": {"APIVersion": "4.3.1", "Version": "4.3.1"},
        }
    )
    assert VersionInfo.from_version(json.loads(text)) == VersionInfo(
        client_version="4.3.1", server_version="4.3.1", api_version="4.3.1", is_podman=True
    )


def test_version_info_engine_component_fallback() -> None:
    """Without Server.Version the Engine component's version is used."""
    d = {
        "Client": {"Version": "1"},
        "Server": {
            "Components": [
                {"Name": "containerd", "Version": "x"},
                {"Name": "Engine", "Version": "27.0"},
            ]
        },
    }
    assert VersionInfo.from_version(d).server_version == "27.0"


# -- networks ---------------------------------------------------------------------------

NETWORK_INSPECTS = [
    r
    for prefix in ("network-inspect", "container-inspect-user-network")
    for r in recordings(prefix)
]


@pytest.mark.parametrize(
    "r", [r for r in NETWORK_INSPECTS if r.case.startswith("network-")], ids=lambda r: r.id
)
def test_network_info_matches_recording(r: Recording) -> None:
    """Each recorded network inspect gives the recorded ID, name, driver, internal flag,
    labels and pools; docker's lists the running members, podman's none."""
    facts = r.expected.get("items") or [r.expected]
    infos = [NetworkInfo.from_inspect(d) for d in parsers.inspect_list(r.stdout)]
    assert len(infos) == len(facts)
    for info, fact in zip(infos, facts):
        assert (info.id, info.name, info.driver, info.internal) == (
            fact["id"],
            fact["name"],
            fact["driver"],
            fact["internal"],
        )
        assert info.labels == fact["labels"]
        assert [(s.subnet, s.gateway) for s in info.subnets] == [
            (s["subnet"], s["gateway"]) for s in fact["subnets"]
        ]
        members = fact.get("containers", [])
        if r.client.startswith("podman"):
            assert info.containers == ()
        else:
            assert [(m.container_id, m.name, m.ip_address) for m in info.containers] == [
                (m["id"], m["name"], m["ip_address"]) for m in members
            ]


@pytest.mark.parametrize(
    "r",
    [r for r in NETWORK_INSPECTS if r.case == "container-inspect-user-network"],
    ids=lambda r: r.id,
)
def test_container_networks_match_recording(r: Recording) -> None:
    """A container on a user network: its endpoint there has the recorded network
    reference (podman's is the name), address, gateway, MAC and aliases."""
    info = ContainerInfo.from_inspect(parsers.inspect_list(r.stdout)[0])
    ((name, want),) = r.expected["networks"].items()
    got = info.networks[name]
    assert (got.network, got.network_id, got.ip_address, got.gateway, got.mac_address) == (
        name,
        want["network_id"],
        want["ip_address"],
        want["gateway"],
        want["mac_address"],
    )
    assert list(got.aliases) == want["aliases"]
    network = NetworkInfo.from_inspect(
        {"Name": name, "Id": r.expected["network"]["id"], "Driver": "bridge"}
    )
    (member,) = network.with_members([info]).containers
    assert (member.container_id, "web" in member.aliases) == (info.id, True)


VOLUME_INSPECTS = [r for prefix in ("volume-inspect", "volume-create") for r in recordings(prefix)]


@pytest.mark.parametrize(
    "r", [r for r in VOLUME_INSPECTS if r.case.startswith("volume-inspect")], ids=lambda r: r.id
)
def test_volume_info_matches_recording(r: Recording) -> None:
    """Each recorded volume inspect (docker's null maps, podman's extra keys) gives the
    recorded name, driver, mountpoint, scope, labels and options."""
    facts = r.expected.get("items") or [r.expected]
    infos = [VolumeInfo.from_inspect(d) for d in parsers.inspect_list(r.stdout)]
    assert [(i.name, i.driver, i.mountpoint, i.scope, i.labels, i.options) for i in infos] == [
        (f["name"], f["driver"], f["mountpoint"], f["scope"], f["labels"], f["options"])
        for f in facts
    ]
    assert all(i.created is not None and i.created.tzinfo is not None for i in infos)


@pytest.mark.parametrize("r", recordings("container-inspect-volume"), ids=lambda r: r.id)
def test_container_mounts_match_recording(r: Recording) -> None:
    """A container with a read-only named volume and an anonymous one lists both mounts,
    in the recorded order, with their names, destinations and modes."""
    info = ContainerInfo.from_inspect(parsers.inspect_list(r.stdout)[0])
    assert [(m.type, m.name, m.destination, not m.read_only) for m in info.mounts] == [
        (m["type"], m["name"], m["destination"], m["rw"]) for m in r.expected["mounts"]
    ]


def test_a_volume_without_a_name_is_a_parse_error() -> None:
    """An inspect object with no Name is not a volume: ParseError, naming the field."""
    with pytest.raises(ParseError, match="Name"):
        VolumeInfo.from_inspect({"Driver": "local"})
