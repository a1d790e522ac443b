"""The parsers on every recorded case (tests/data/), on literal values, and on edge cases."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from dockercli import parsers
from dockercli.errors import ParseError
from dockercli.models import ContainerInfo, ImageInfo, PortMapping
from tests.recordings import DATA as DATA_DIR, Recording, load, recordings

CLIENTS = ("docker-28.2.2", "docker-20.10.24", "docker-20.10.24-buildkit", "podman-4.3.1")
RUNTIME_CLIENTS = ("docker-28.2.2", "docker-20.10.24", "podman-4.3.1")
BUILDS = recordings("build-")
PORTS = recordings("port-")
INSPECT = [r for r in recordings("inspect-") if r.case != "inspect-image"]
INSPECT_IMAGE = recordings("inspect-image")
PS = recordings("ps-json")
IMAGES = recordings("images-json")
NETWORKS = recordings("network-ls-json")
VERSIONS = recordings("version")
INFOS = recordings("info")
HEX64 = re.compile(r"[0-9a-f]{64}")


def rec(case_id: str) -> Recording:
    """One recording by ``client/case``."""
    return load(DATA_DIR / case_id)


def ids(r: Recording) -> str:
    """``client/case`` as the test id."""
    return r.id


def as_dicts(mappings: list[PortMapping]) -> list[dict[str, Any]]:
    """Mappings in the recorder's expected.json form, sorted the way it sorts them."""
    rows = [
        {
            "container_port": m.container_port,
            "protocol": m.protocol,
            "host_ip": m.host_ip,
            "host_port": m.host_port,
        }
        for m in mappings
    ]
    return sorted(
        rows,
        key=lambda m: (m["container_port"] or 0, m["protocol"] or "", m["host_ip"], m["host_port"]),
    )


# -- every recording is there --------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "clients", "at_least"),
    [
        ("build-", CLIENTS, 10),
        ("port-", RUNTIME_CLIENTS, 13),
        ("inspect-", RUNTIME_CLIENTS, 8),
        ("ps-json", RUNTIME_CLIENTS, 2),
        ("images-json", RUNTIME_CLIENTS, 2),
        ("network-ls-json", RUNTIME_CLIENTS, 2),
        ("version", RUNTIME_CLIENTS, 1),
        ("info", RUNTIME_CLIENTS, 1),
    ],
)
def test_recordings_are_present(prefix: str, clients: tuple[str, ...], at_least: int) -> None:
    """Each client has its recorded cases of each kind: the parametrised tests are not vacuous."""
    counts = Counter(r.client for r in recordings(prefix))
    for client in clients:
        assert counts[client] >= at_least, (prefix, client, counts)


# -- build -----------------------------------------------------------------------------------


@pytest.mark.parametrize("r", BUILDS, ids=ids)
def test_build_image_id_matches_recording(r: Recording) -> None:
    """Every recorded build yields the image ID found independently (None for a failure)."""
    expected = r.expected["image_id"]
    got = parsers.build_image_id(r.stdout, r.stderr)
    if expected is None:
        assert got is None
        return
    assert got is not None
    assert expected.startswith(got)
    # the full ID whenever the output holds it, else the legacy builder's 12-digit one
    assert len(got) == (64 if expected in r.stdout + r.stderr else 12)


@pytest.mark.parametrize("r", [r for r in BUILDS if r.exit_code == 0], ids=ids)
def test_build_image_id_found_for_every_successful_build(r: Recording) -> None:
    """Every build that exited 0 names its image in its output."""
    assert parsers.build_image_id(r.stdout, r.stderr) is not None


@pytest.mark.parametrize("r", [r for r in BUILDS if r.case == "build-iidfile"], ids=ids)
def test_build_image_id_agrees_with_iidfile(r: Recording) -> None:
    """The ID from the output is (a prefix of) the one the client wrote to --iidfile."""
    iid = (DATA_DIR / r.client / r.case / "iidfile").read_text().strip()
    got = parsers.build_image_id(r.stdout, r.stderr)
    assert got is not None
    assert iid.removeprefix("sha256:").startswith(got)


def test_build_legacy_docker28_literal() -> None:
    """docker 28's legacy build: the short ID from 'Successfully built', not a '--->' one."""
    r = rec("docker-28.2.2/build-ok")
    assert "DEPRECATED" in r.stderr
    assert parsers.build_image_id(r.stdout, r.stderr) == "df0d928a9af4"


def test_build_buildkit_literal_ignores_vertex_digests() -> None:
    """BuildKit's ID comes from 'writing image', never from a '#N sha256:' vertex digest."""
    r = rec("docker-20.10.24-buildkit/build-ok")
    assert r.stdout == ""
    assert "#6 sha256:e8c613e07b0b7ff33893b694f7759a10d42e180f2b4dc349fb57dc6b71dcab00" in r.stderr
    assert parsers.build_image_id(r.stdout, r.stderr) == (
        "caa8a7e6865fac124ec5cecb887ffa062a762438fce06951d0af1ec0925645f8"
    )


def test_build_buildkit_tty_literal() -> None:
    """The merged tty capture, with cursor control and colours, still yields the full ID."""
    r = rec("docker-20.10.24-buildkit/build-ok-progress-tty")
    assert "\x1b[1A" in r.stdout
    assert parsers.build_image_id(r.stdout, r.stderr) == (
        "de7c1e6c41235ff8c5fa5d96b6c5184f1fddc20ef356b35f98b91d106a4dc02e"
    )


def test_build_podman_cached_literal() -> None:
    """podman's cached build: the last line, not a 'Using cache <64 hex>' step line."""
    r = rec("podman-4.3.1/build-ok-cached")
    assert parsers.build_image_id(r.stdout, r.stderr) == (
        "360462d4eba50536928973146f224d84a7ba3fb513c7448e3b12f5a1a40bc812"
    )


@pytest.mark.parametrize(
    ("case_id", "expected"),
    [
        (
            "docker-20.10.24/build-quiet",
            "337ca4ab3f09db89f39a9e8dba41964b48d0d8ec28c0c6c62af4334107884037",
        ),
        (
            "podman-4.3.1/build-quiet",
            "74cf724fbee438d642ca9e5165468c0e2b8da27a173e82bd8dc47ead308a8587",
        ),
    ],
)
def test_build_quiet_literal(case_id: str, expected: str) -> None:
    """`build -q` prints sha256:<64> (docker) or the bare 64 hex (podman)."""
    r = rec(case_id)
    assert parsers.build_image_id(r.stdout, r.stderr) == expected


@pytest.mark.parametrize(
    ("stdout", "stderr", "expected"),
    [
        ("", "", None),
        (
            "Step 1/2 : FROM scratch\r\r\n ---> \r\r\nSuccessfully built 0123456789ab\r\r\n",
            "",
            "0123456789ab",
        ),
        ("\x1b[91mSuccessfully built 0123456789ab\x1b[0m\n", "", "0123456789ab"),
        ("Step 1/3 : RUN x\n ---> Running in abcdefabcdef\n ---> 0123456789ab\n", "", None),
        (
            "",
            "#6 writing image sha256:"
            + "a" * 64
            + "\n#6 writing image sha256:"
            + "a" * 64
            + " done\n",
            "a" * 64,
        ),
        ("", "#5 sha256:" + "b" * 64 + "\n#5 DONE 0.1s\n", None),
        ("", "#5 0.2 #6 writing image sha256:" + "c" * 64 + "\n", None),
        ("SHA256:" + "d" * 64 + "\n", "", None),
        ("sha256:" + "d" * 64 + "\n", "", "d" * 64),
        (
            "STEP 1/2: FROM scratch\nSTEP 2/2: RUN x\n--> 3f2a1b4c5d6\nCOMMIT t\n--> 0123456789a\n"
            + "e" * 64,
            "",
            "e" * 64,
        ),
        (
            "STEP 1/2: FROM scratch\nSTEP 2/2: RUN echo\n" + "f" * 64 + "\n",
            "Error: building at STEP",
            None,
        ),
        ("Step 1/2 : RUN echo\n" + "f" * 64 + "\n", "returned a non-zero code: 1", None),
        (
            "Successfully built 0123456789ab\n",
            "#1 writing image sha256:" + "1" * 64 + " done",
            "1" * 64,
        ),
    ],
    ids=[
        "empty",
        "legacy-crcrlf",
        "legacy-ansi",
        "legacy-failed-after-intermediate",
        "buildkit-twice",
        "buildkit-vertex-only",
        "buildkit-run-output-echo",
        "quiet-uppercase-prefix",
        "quiet",
        "podman",
        "podman-failed-run-printing-hex",
        "legacy-failed-run-printing-hex",
        "buildkit-wins",
    ],
)
def test_build_image_id_edge_cases(stdout: str, stderr: str, expected: str | None) -> None:
    """Synthetic outputs around the recorded shapes give the ID or None as documented."""
    assert parsers.build_image_id(stdout, stderr) == expected


# -- ports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("r", PORTS, ids=ids)
def test_port_mappings_match_recording(r: Recording) -> None:
    """Every recorded `docker port` output gives the mappings inspect reported, in any order."""
    assert as_dicts(parsers.port_mappings(r.stdout)) == r.expected["mappings"]


def test_port_mappings_ipv6_forms_literal() -> None:
    """docker 28's '[::]:P' and docker 20.10's ':::P' both give host_ip '::'."""
    new = parsers.port_mappings(rec("docker-28.2.2/port-any-ipv4-ipv6").stdout)
    old = parsers.port_mappings(rec("docker-20.10.24/port-any-ipv4-ipv6").stdout)
    assert PortMapping(8080, "tcp", "::", 32777) in new
    assert PortMapping(8080, "tcp", "::", 32779) in old
    assert PortMapping(8081, "tcp", "127.0.0.1", 32838) in old


def test_port_mappings_one_port_literal() -> None:
    """`docker port C 8080` lines carry no container port or protocol."""
    got = parsers.port_mappings(rec("docker-28.2.2/port-any-ipv4-ipv6-one").stdout)
    assert sorted(got, key=str) == [
        PortMapping(None, None, "0.0.0.0", 32778),
        PortMapping(None, None, "::", 32778),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "8080/tcp -> 0.0.0.0:70000",
        "8080/tcp -> nohost:80",
        "Error: No public port '8080' published for c",
        "8080/tcp 0.0.0.0:1",
        "99999/tcp -> 0.0.0.0:1",
    ],
)
def test_port_mappings_rejects_other_text(text: str) -> None:
    """Text that is not `docker port` output raises ParseError."""
    with pytest.raises(ParseError):
        parsers.port_mappings(text)


def test_port_mappings_tolerates_crlf_and_blank_lines() -> None:
    """\\r\\n line ends and blank lines are fine; empty text is no mappings."""
    assert parsers.port_mappings("\r\n8080/tcp -> 0.0.0.0:1\r\n\r\n") == [
        PortMapping(8080, "tcp", "0.0.0.0", 1)
    ]
    assert parsers.port_mappings("") == []


@pytest.mark.parametrize(
    ("case_id", "expected"),
    [
        ("docker-28.2.2/inspect-running", [PortMapping(8080, "tcp", "127.0.0.1", 32829)]),
        ("docker-20.10.24/inspect-running", [PortMapping(8080, "tcp", "127.0.0.1", 32840)]),
        ("podman-4.3.1/inspect-running", [PortMapping(8080, "tcp", "0.0.0.0", 36739)]),
        ("podman-4.3.1/inspect-created", []),
        ("docker-28.2.2/inspect-healthy", []),
    ],
)
def test_ports_from_inspect_literal(case_id: str, expected: list[PortMapping]) -> None:
    """NetworkSettings.Ports: podman's HostIp '' is 0.0.0.0; 'PORT: null' is no mapping."""
    d = parsers.inspect_list(rec(case_id).stdout)[0]
    assert parsers.ports_from_inspect(d["NetworkSettings"]["Ports"]) == expected


@pytest.mark.parametrize(
    ("ports", "expected"),
    [
        (None, []),
        ({}, []),
        ({"8080/tcp": None}, []),
        ({"8080/tcp": []}, []),
        ({"53/udp": [{"HostIp": "::", "HostPort": "5353"}]}, [PortMapping(53, "udp", "::", 5353)]),
        ({"80": [{"HostIp": "", "HostPort": 81}]}, [PortMapping(80, "tcp", "0.0.0.0", 81)]),
        ({"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": ""}]}, []),
        ({"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "0"}]}, []),
    ],
)
def test_ports_from_inspect_shapes(ports: Any, expected: list[PortMapping]) -> None:
    """Unpublished, empty and unassigned bindings give no mapping; others give one each."""
    assert parsers.ports_from_inspect(ports) == expected


@pytest.mark.parametrize(
    "ports",
    [
        [],
        {"8080/tcp": {}},
        {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "x"}]},
        {"8080/tcp": [{"HostIp": 1, "HostPort": "1"}]},
        {"http/tcp": None},
        {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "99999"}]},
    ],
)
def test_ports_from_inspect_wrong_types(ports: Any) -> None:
    """A wrong type or an impossible value raises ParseError."""
    with pytest.raises(ParseError):
        parsers.ports_from_inspect(ports)


# -- choosing a mapping ------------------------------------------------------------------------

V4_ANY = PortMapping(8080, "tcp", "0.0.0.0", 1001)
V4_LO = PortMapping(8080, "tcp", "127.0.0.1", 1002)
V4_LO2 = PortMapping(8080, "tcp", "127.0.0.2", 1003)
V4_LAN = PortMapping(8080, "tcp", "192.168.1.5", 1004)
V6_ANY = PortMapping(8080, "tcp", "::", 1005)
V6_LO = PortMapping(8080, "tcp", "::1", 1006)
UDP = PortMapping(8080, "udp", "0.0.0.0", 1007)
OTHER = PortMapping(9090, "tcp", "0.0.0.0", 1008)
ALL = [V6_LO, V4_LAN, UDP, V6_ANY, V4_LO2, OTHER, V4_LO, V4_ANY]


@pytest.mark.parametrize(
    ("available", "kwargs", "expected"),
    [
        (ALL, {"port": 8080}, V4_ANY),
        ([V4_LAN, V4_LO2, V4_LO], {"port": 8080}, V4_LO),
        ([V4_LAN, V4_LO2], {"port": 8080}, V4_LO2),
        ([V6_LO, V6_ANY, V4_LAN], {"port": 8080}, V4_LAN),
        ([V6_LO, V6_ANY, V4_LAN], {"port": 8080, "family": "ipv6"}, V6_ANY),
        (ALL, {"port": 8080, "protocol": "udp"}, UDP),
        (ALL, {}, V4_ANY),
        (ALL, {"port": 9090}, OTHER),
        (
            [PortMapping(None, None, "::", 5), PortMapping(None, None, "0.0.0.0", 6)],
            {"port": 80},
            PortMapping(None, None, "0.0.0.0", 6),
        ),
    ],
    ids=[
        "any-first",
        "exact-loopback",
        "other-loopback",
        "ipv4-before-ipv6",
        "ipv6-only",
        "udp",
        "no-port",
        "other-port",
        "unknown-port",
    ],
)
def test_choose_mapping_preference(
    available: list[PortMapping], kwargs: dict[str, Any], expected: PortMapping
) -> None:
    """The chooser's preference order, regardless of the order of the input."""
    assert parsers.choose_mapping(available, **kwargs) == expected
    assert parsers.choose_mapping(list(reversed(available)), **kwargs) == expected


@pytest.mark.parametrize("r", [r for r in PORTS if r.expected["mappings"]], ids=ids)
def test_choose_mapping_on_recordings(r: Recording) -> None:
    """On every recorded port output the chooser picks an IPv4 mapping when there is one."""
    mappings = parsers.port_mappings(r.stdout)
    chosen = parsers.choose_mapping(
        mappings, port=mappings[0].container_port, protocol=mappings[0].protocol
    )
    assert chosen in mappings
    assert chosen.family == "ipv4"


def test_no_port_mapping_error_names_port_and_published() -> None:
    """A missing port raises NoPortMappingError (a LookupError) listing what is published."""
    with pytest.raises(parsers.NoPortMappingError) as info:
        parsers.choose_mapping([OTHER, UDP], port=8080)
    assert isinstance(info.value, LookupError)
    message = str(info.value)
    assert "port 8080/tcp" in message
    assert "9090/tcp -> 0.0.0.0:1008" in message
    assert "8080/udp -> 0.0.0.0:1007" in message
    assert info.value.published == (OTHER, UDP)


def test_no_port_mapping_error_when_nothing_is_published() -> None:
    """With no mappings at all the message says nothing is published."""
    with pytest.raises(parsers.NoPortMappingError, match="published: nothing"):
        parsers.choose_mapping([], port=80, family="ipv6")


def test_choose_mapping_rejects_unknown_family() -> None:
    """A family other than ipv4/ipv6/any is a programming error (ValueError)."""
    with pytest.raises(ValueError, match="family"):
        parsers.choose_mapping(ALL, family="ipv5")


# -- inspect ---------------------------------------------------------------------------------


@pytest.mark.parametrize("r", INSPECT, ids=ids)
def test_inspect_containers_match_recording(r: Recording) -> None:
    """Every recorded container inspect gives the facts found independently."""
    infos = [ContainerInfo.from_inspect(d) for d in parsers.inspect_list(r.stdout)]
    expected = r.expected.get("items") or ([r.expected] if "id" in r.expected else [])
    keys = ("id", "name", "running", "exit_code", "ip_address")
    assert [{k: getattr(i, k) for k in keys} for i in infos] == [
        {k: e[k] for k in keys} for e in expected
    ]
    if "health" in r.expected:
        assert infos[0].health == r.expected["health"]


@pytest.mark.parametrize("r", INSPECT_IMAGE, ids=ids)
def test_inspect_image_matches_recording(r: Recording) -> None:
    """Every recorded image inspect gives the ID and tags found independently."""
    (d,) = parsers.inspect_list(r.stdout)
    info = ImageInfo.from_inspect(d)
    assert (info.id, list(info.tags)) == (r.expected["image_id"], r.expected["repo_tags"])


@pytest.mark.parametrize("client", RUNTIME_CLIENTS)
def test_inspect_missing_prints_empty_array(client: str) -> None:
    """Inspect of a missing object prints [] on stdout: no objects, no error from the parser."""
    assert parsers.inspect_list(rec(f"{client}/inspect-missing").stdout) == []


@pytest.mark.parametrize("text", ["", "  ", "{}", '"x"', "[1]", "[{}, []]", "nope", "[" * 100_000])
def test_inspect_list_rejects_non_arrays(text: str) -> None:
    """Empty text, non-JSON, a non-array or an array of non-objects raises ParseError."""
    with pytest.raises(ParseError):
        parsers.inspect_list(text)


# -- lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize("r", PS, ids=ids)
def test_ps_entries_match_recording(r: Recording) -> None:
    """Every recorded ps output lists the containers with their IDs, labels and states."""
    entries = parsers.ps_entries(r.stdout)
    assert sorted(e.name for e in entries) == sorted(c["name"] for c in r.expected["containers"])
    by_name = {e.name: e for e in entries}
    for c in r.expected["containers"]:
        entry = by_name[c["name"]]
        assert c["id"].startswith(entry.id)
        assert entry.labels == c["labels"]
        assert entry.running == c["running"]
        if entry.state == "exited":
            assert entry.exit_code == c["exit_code"]
        else:
            assert entry.exit_code is None


def test_ps_docker_labels_with_commas_literal() -> None:
    """docker's ambiguous 'k=v,k=v' labels split only where a key and '=' follow a comma."""
    entries = parsers.ps_entries(rec("docker-28.2.2/ps-json").stdout)
    web = next(e for e in entries if e.name == "dcli-rec-ps-web")
    assert web.labels["org.example.list"] == "x,y"
    assert web.labels["org.example.owner"] == "team a"
    assert web.labels["org.example.empty"] == ""
    assert web.ports == "127.0.0.1:32830->8080/tcp, 127.0.0.1:32783->9999/udp"
    assert web.command == "httpd -f -p 8080"
    assert web.created is not None
    assert web.created.isoformat() == "2026-11-27T18:04:05+00:00"


def test_ps_podman_array_literal() -> None:
    """podman's array: full IDs, a label map, Created from epoch seconds, ports rendered."""
    entries = parsers.ps_entries(rec("podman-4.3.1/ps-json").stdout)
    web = next(e for e in entries if e.name == "dcli-rec-ps-web")
    assert web.id == "d2a79db80ff9dda2c492c17b1441e48c1ce0b8d2453b7f5c5a624cf152ddf7bf"
    assert web.ports == "127.0.0.1:36137->8080/tcp, 0.0.0.0:45109->9999/udp"
    assert web.state == "running"
    exited = next(e for e in entries if e.name == "dcli-rec-ps-exited")
    assert (exited.exit_code, exited.command) == (3, "sh -c exit 3")


@pytest.mark.parametrize("r", IMAGES, ids=ids)
def test_image_entries_match_recording(r: Recording) -> None:
    """Every recorded images output has one row per tag, with the right image ID."""
    rows = parsers.image_entries(r.stdout)
    wanted = {
        (tag, image["image_id"]) for image in r.expected["images"] for tag in image["repo_tags"]
    }
    assert len(rows) == len(wanted)
    for tag, image_id in wanted:
        (row,) = [row for row in rows if row.reference == tag]
        assert image_id.startswith(row.id)


def test_image_entries_podman_literal() -> None:
    """podman's duplicated per-image entries become one row per name, with labels and size."""
    rows = parsers.image_entries(rec("podman-4.3.1/images-json").stdout)
    assert sorted(r.reference or "" for r in rows) == [
        "localhost/dcli-rec-base:latest",
        "localhost/dcli-rec-list:1.0",
        "localhost/dcli-rec-list:latest",
    ]
    base = next(r for r in rows if r.repository == "localhost/dcli-rec-base")
    assert base.size == 2131205
    assert base.labels["org.example.role"] == "web"


def test_image_entries_docker_literal() -> None:
    """docker's JSON lines: short IDs, no labels, '<none>' digest as None, rounded size."""
    rows = parsers.image_entries(rec("docker-28.2.2/images-json").stdout)
    base = next(r for r in rows if r.repository == "dcli-rec-base")
    assert (base.id, base.tag, base.digest, base.labels, base.size) == (
        "e404cb3b90e5",
        "latest",
        None,
        {},
        1_990_000,
    )


@pytest.mark.parametrize(
    ("ref", "repository", "tag"),
    [
        ("localhost:5000/app:1", "localhost:5000/app", "1"),
        ("localhost:5000/app", "localhost:5000/app", None),
        ("app@sha256:" + "a" * 64, "app", None),
    ],
)
def test_image_entries_podman_names_with_registry_port(
    ref: str, repository: str, tag: str | None
) -> None:
    """A registry port or a digest in podman's Names is not mistaken for a tag."""
    (row,) = parsers.image_entries(f'[{{"Id": "ab", "Names": ["{ref}"]}}]')
    assert (row.repository, row.tag) == (repository, tag)


def test_image_entries_untagged() -> None:
    """docker's '<none>' repository/tag and podman's missing Names give an untagged row."""
    docker = parsers.image_entries('{"ID":"sha256:abc","Repository":"<none>","Tag":"<none>"}')
    podman = parsers.image_entries('[{"Id": "abc", "Names": null}]')
    assert [(r.id, r.reference) for r in docker + podman] == [("abc", None), ("abc", None)]


@pytest.mark.parametrize("r", [r for r in NETWORKS if not r.case.endswith("-empty")], ids=ids)
def test_network_entries_match_recording(r: Recording) -> None:
    """Every recorded network list gives the recorded networks: names, drivers, full IDs."""
    rows = parsers.network_entries(r.stdout)
    assert [(n.name, n.driver) for n in rows] == [
        (n["name"], n["driver"]) for n in r.expected["networks"]
    ]
    assert all(HEX64.fullmatch(n.id) for n in rows)
    assert all(n.created is not None and not n.internal and not n.ipv6 for n in rows)


def test_network_entries_docker_literal() -> None:
    """docker's JSON lines: string booleans, a k=v label text, a scope, Go's time."""
    text = (
        '{"CreatedAt":"2026-12-03 13:10:48.67314002 +0000 UTC","Driver":"bridge",'
        '"ID":"a9f5e787f217","IPv4":"false","IPv6":"false","Internal":"true",'
        '"Labels":"a=b,c=d","Name":"dcli-probe-net","Scope":"local"}'
    )
    (net,) = parsers.network_entries(text)
    assert (net.id, net.name, net.scope, net.internal, net.ipv6) == (
        "a9f5e787f217",
        "dcli-probe-net",
        "local",
        True,
        False,
    )
    assert net.labels == {"a": "b", "c": "d"}
    assert net.created is not None
    assert net.created.isoformat() == "2026-12-03T13:10:48.673140+00:00"


def test_network_entries_podman_literal() -> None:
    """podman's array: lower-case keys, JSON booleans, a label map, no scope."""
    (net,) = parsers.network_entries(
        '[{"name": "n", "id": "e7ab", "driver": "bridge", "internal": true,'
        ' "ipv6_enabled": false, "labels": {"a": "b"}, "created": "2026-12-03T13:10:48Z"}]'
    )
    assert (net.name, net.scope, net.internal, net.labels) == ("n", None, True, {"a": "b"})


@pytest.mark.parametrize("text", ['{"ID": "a", "Internal": "yes"}', '[{"name": "n"}]'])
def test_network_entries_reject_bad_rows(text: str) -> None:
    """A boolean that is neither true nor false, or an entry without an ID, raises ParseError."""
    with pytest.raises(ParseError):
        parsers.network_entries(text)


_LISTS = {"ps": parsers.ps_entries, "images": parsers.image_entries}


@pytest.mark.parametrize("case", ["ps-json-empty", "images-json-empty", "network-ls-json-empty"])
@pytest.mark.parametrize("client", RUNTIME_CLIENTS)
def test_empty_lists(client: str, case: str) -> None:
    """docker prints nothing and podman prints [] for an empty list: both give []."""
    text = rec(f"{client}/{case}").stdout
    assert _LISTS.get(case.split("-", maxsplit=1)[0], parsers.network_entries)(text) == []


@pytest.mark.parametrize("text", ["{", "[1]", '{"ID": 1}', "{}", '{"ID": "a", "Labels": []}'])
def test_list_parsers_reject_bad_rows(text: str) -> None:
    """A row that is not JSON, not an object, lacks an ID, or has a wrong type raises ParseError."""
    with pytest.raises(ParseError):
        parsers.ps_entries(text)
    with pytest.raises(ParseError):
        parsers.image_entries(text)


# -- engine ------------------------------------------------------------------------------------


@pytest.mark.parametrize("r", VERSIONS, ids=ids)
def test_version_info_matches_recording(r: Recording) -> None:
    """Every recorded version output gives the client and server versions."""
    info = parsers.version_info(r.stdout)
    assert (info.client_version, info.server_version) == (
        r.expected["client_version"],
        r.expected["server_version"],
    )
    assert info.is_podman == r.client.startswith("podman")


def test_version_info_literal() -> None:
    """docker 28 against a 20.10 engine: the server's API version, not the client's default."""
    info = parsers.version_info(rec("docker-28.2.2/version").stdout)
    assert (info.client_version, info.server_version, info.api_version) == (
        "28.2.2",
        "20.10.24+dfsg1",
        "1.41",
    )


def test_version_info_daemon_down() -> None:
    """With the daemon down docker prints 'Server': null: no server or API version."""
    info = parsers.version_info('{"Client":{"Version":"28.2.2","ApiVersion":"1.50"},"Server":null}')
    assert (info.client_version, info.server_version, info.api_version, info.is_podman) == (
        "28.2.2",
        None,
        None,
        False,
    )


@pytest.mark.parametrize("text", ["", "[]", "{}", '{"Client": []}', '{"Client": {"Version": 1}}'])
def test_version_info_rejects(text: str) -> None:
    """Non-JSON, a non-object, no client version or a wrong type raises ParseError."""
    with pytest.raises(ParseError):
        parsers.version_info(text)


@pytest.mark.parametrize("r", INFOS, ids=ids)
def test_info_server_version_matches_recording(r: Recording) -> None:
    """Every recorded info output gives the engine version (ServerVersion, podman's version)."""
    assert parsers.info_server_version(r.stdout) == r.expected["server_version"]


def test_json_object() -> None:
    """json_object returns a dict and rejects anything else."""
    assert parsers.json_object('{"a": 1}') == {"a": 1}
    with pytest.raises(ParseError):
        parsers.json_object("[]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a" * 64 + "\n", "a" * 64), ("\r\n" + "0" * 64 + "\r\n", "0" * 64)],
)
def test_container_id(text: str, expected: str) -> None:
    """`run -d` / `create` print the new container's 64-hex ID."""
    assert parsers.container_id(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "A" * 64, "a" * 63, "sha256:" + "a" * 64])
def test_container_id_rejects(text: str) -> None:
    """Anything but a 64-hex line raises ParseError."""
    with pytest.raises(ParseError):
        parsers.container_id(text)


@pytest.mark.parametrize(("text", "expected"), [("0\n", 0), ("137\r\n", 137), ("-1", -1)])
def test_exit_code(text: str, expected: int) -> None:
    """`docker wait` prints the exit status."""
    assert parsers.exit_code(text) == expected


@pytest.mark.parametrize("text", ["", "x", "1.5", "9" * 11])
def test_exit_code_rejects(text: str) -> None:
    """Anything but an integer raises ParseError."""
    with pytest.raises(ParseError):
        parsers.exit_code(text)


def test_recordings_are_decoded_like_the_runner() -> None:
    """The recordings are read as bytes decoded UTF-8 with replacement, as the runner does."""
    raw = (DATA_DIR / "docker-28.2.2/build-ok/stdout").read_bytes()
    assert rec("docker-28.2.2/build-ok").stdout == raw.decode("utf-8", "replace")
    assert "\r\r\n" in rec("docker-28.2.2/build-ok").stdout
    assert HEX64.fullmatch(rec("docker-28.2.2/build-ok").expected["image_id"])
