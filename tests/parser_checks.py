"""The properties every parser must keep, for any input: shared by the Hypothesis tests
(tests/unit/test_parser_properties.py) and the atheris harness (tests/fuzz/).

The only exception allowed out of a parser is ParseError (and NoPortMappingError where
the API documents it); each check also asserts what a successful parse must look like.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Callable

from dockercli import parsers
from dockercli.errors import (
    BuildError,
    DaemonUnreachableError,
    DockerError,
    ParseError,
    UsageError,
    classify,
)
from dockercli.models import (
    ContainerInfo,
    ContainerStats,
    ContainerSummary,
    ImageInfo,
    ImageSummary,
    NetworkSummary,
    PortMapping,
    VersionInfo,
    parse_time,
)
from dockercli.result import Completed


def total(parse: Callable[..., Any], *args: Any) -> Any:
    """Run a parser; ParseError is an allowed outcome, any other exception fails the test."""
    try:
        return parse(*args)
    except ParseError:
        return None


def check_build(stdout: str, stderr: str) -> None:
    """build_image_id gives None or an ID of 12 or 64 lowercase hex digits, for any text."""
    got = parsers.build_image_id(stdout, stderr)
    assert got is None or (len(got) in (12, 64) and set(got) <= set("0123456789abcdef"))


def check_port_mappings(text: str) -> None:
    """port_mappings gives valid mappings or raises ParseError, for any text."""
    for m in total(parsers.port_mappings, text) or []:
        assert isinstance(m, PortMapping)
        assert 0 <= m.host_port <= 65535
        assert m.container_port is None or 0 <= m.container_port <= 65535
        assert m.family in ("ipv4", "ipv6")


def check_inspect(text: str) -> None:
    """inspect_list and both inspect constructors raise only ParseError, for any text."""
    for d in total(parsers.inspect_list, text) or []:
        total(ContainerInfo.from_inspect, d)
        total(ImageInfo.from_inspect, d)


def check_lists(text: str) -> None:
    """The list parsers (ps, images, network ls, stats, top, diff) and commit's ID raise
    only ParseError, for any text, and what they give keeps its promises."""
    total(parsers.ps_entries, text)
    total(parsers.image_entries, text)
    total(parsers.network_entries, text)
    for stats in total(parsers.stats_entries, text) or []:
        assert min(stats.memory_usage, stats.memory_limit, stats.net_rx, stats.pids) >= 0
    for process in total(parsers.top_processes, text) or []:
        assert process.pid is None or process.pid >= 0
        assert all(isinstance(v, str) for v in process.columns.values())
    for change in total(parsers.file_changes, text) or []:
        assert change.kind in ("added", "changed", "deleted")
        assert change.path.startswith("/")
    image_id = total(parsers.committed_image_id, text)
    assert image_id is None or (len(image_id) == 64 and set(image_id) <= set("0123456789abcdef"))


def check_engine(text: str) -> None:
    """The engine, JSON and single-line parsers raise only ParseError, for any text."""
    total(parsers.version_info, text)
    total(parsers.info_server_version, text)
    total(parsers.json_object, text)
    total(parsers.container_id, text)
    total(parsers.exit_code, text)


def check_json_constructors(value: Any) -> None:
    """Every model constructor raises only ParseError, for any JSON value."""
    for construct in (
        ContainerInfo.from_inspect,
        ImageInfo.from_inspect,
        ContainerSummary.from_ps,
        ImageSummary.from_images,
        NetworkSummary.from_ls,
        ContainerStats.from_stats,
        VersionInfo.from_version,
        parsers.ports_from_inspect,
        parse_time,
    ):
        total(construct, value)
    total(parsers.inspect_list, json.dumps(value))
    total(parsers.ps_entries, json.dumps(value))
    total(parsers.image_entries, json.dumps(value))
    total(parsers.network_entries, json.dumps(value))
    total(parsers.stats_entries, json.dumps(value))


def check_parse_time(value: Any) -> None:
    """parse_time gives an aware datetime or None for any text or number."""
    got = parse_time(value)
    assert got is None or got.tzinfo is not None


def check_container(d: Any) -> None:
    """ContainerInfo.from_inspect on a mutated recorded container raises only ParseError."""
    info = total(ContainerInfo.from_inspect, d)
    if info is not None:
        with contextlib.suppress(parsers.NoPortMappingError):
            assert parsers.choose_mapping(info.ports) in info.ports


def check_image(d: Any) -> None:
    """ImageInfo.from_inspect on a mutated recorded image raises only ParseError."""
    total(ImageInfo.from_inspect, d)


def check_rows(ps_row: Any, image_row: Any, version: Any) -> None:
    """The list and version constructors on mutated recorded rows raise only ParseError."""
    total(ContainerSummary.from_ps, ps_row)
    total(ImageSummary.from_images, image_row)
    total(VersionInfo.from_version, version)
    total(parsers.ps_entries, json.dumps(ps_row))
    total(parsers.image_entries, json.dumps([image_row]))
    total(parsers.version_info, json.dumps(version))


def check_choose(mappings: list[PortMapping], port: int | None, family: str) -> None:
    """choose_mapping picks the same one of the mappings in any order, or NoPortMappingError."""
    try:
        chosen = parsers.choose_mapping(mappings, port=port, family=family)
    except parsers.NoPortMappingError:
        return
    assert chosen in mappings
    assert parsers.choose_mapping(list(reversed(mappings)), port=port, family=family) == chosen


def check_classify(argv: tuple[str, ...], returncode: int, stdout: str, stderr: str) -> None:
    """classify turns any failed command into a DockerError that keeps its code and stderr."""
    error = classify(Completed(argv, returncode, stdout, stderr))
    assert isinstance(error, DockerError)
    assert (error.argv, error.returncode, error.stderr) == (argv, returncode, stderr)
    assert str(error)  # the message renders, whatever the text
    subcommand = next((a for a in argv[1:] if not a.startswith("-")), "")
    if subcommand in ("build", "buildx"):
        # a build's failure is a BuildError with its log, unless docker itself was unusable
        assert isinstance(error, (BuildError, DaemonUnreachableError, UsageError))
