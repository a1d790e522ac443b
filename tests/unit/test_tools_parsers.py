"""The container tools' parsers (top, stats, diff, commit) on what docker 28, docker 20.10
and podman 4.3 printed, and on the odd shapes they may print."""

from __future__ import annotations

import pytest

from dockercli import parsers
from dockercli.errors import ParseError
from tests.recordings import Recording, recordings


def _ids(cases: list[Recording]) -> list[str]:
    return [r.id for r in cases]


TOP = recordings("top")
STATS = [r for r in recordings("stats") if r.exit_code == 0]
DIFF = [r for r in recordings("diff") if r.exit_code == 0]
COMMIT = recordings("commit")


@pytest.mark.parametrize("rec", TOP, ids=_ids(TOP))
def test_top_reads_the_one_recorded_process(rec: Recording) -> None:
    """Each client's top of `sleep 300` gives one process with a PID, a user and the whole
    command line, spaces included."""
    (process,) = parsers.top_processes(rec.stdout)
    assert process.command.strip() == rec.expected["commands"][0]
    assert process.pid is not None
    assert process.pid > 0
    assert process.user in ("root", "0")
    assert process.columns["PID"] == str(process.pid)


def test_top_keeps_a_first_column_with_spaces_whole() -> None:
    """Cells are cut where their titles start, so `ps -o args,pid` keeps its args."""
    text = "COMMAND             PID\nsleep 300           4242\nsh -c while true    4250\n"
    got = parsers.top_processes(text)
    assert [(p.command, p.pid) for p in got] == [("sleep 300", 4242), ("sh -c while true", 4250)]


def test_top_reads_podmans_busybox_ps_fallback() -> None:
    """podman with ps options runs ps in the container: right-aligned numbers still read."""
    text = "PID   USER     COMMAND\n    1 0        sleep 300\n    6 0        ps\n"
    got = parsers.top_processes(text)
    assert [(p.pid, p.user, p.command) for p in got] == [(1, "0", "sleep 300"), (6, "0", "ps")]


def test_top_without_a_title_line_is_a_parse_error() -> None:
    """Empty output is no table."""
    with pytest.raises(ParseError):
        parsers.top_processes("\n")


@pytest.mark.parametrize("rec", STATS, ids=_ids(STATS))
def test_stats_read_in_bytes_from_every_client(rec: Recording) -> None:
    """docker's JSON line and podman's array give one snapshot each, with the recorded
    memory limit (64 MiB, within the clients' rounding) and process count."""
    (stats,) = parsers.stats_entries(rec.stdout)
    assert stats.name.startswith("dcli-rec-stats")
    assert abs(stats.memory_limit - rec.expected["memory_limit"]) <= 0.001 * (
        rec.expected["memory_limit"] or 1
    )
    assert stats.pids == rec.expected["pids"]
    assert 0 <= stats.memory_usage <= max(stats.memory_limit, 1) or stats.memory_limit == 0
    assert stats.cpu_percent >= 0


def test_stats_of_a_stopped_container_show_dashes_as_zero() -> None:
    """docker prints `--` for what it did not measure: zero, not a parse error."""
    line = (
        '{"BlockIO":"-- / --","CPUPerc":"--","Container":"a","ID":"0123456789ab",'
        '"MemPerc":"--","MemUsage":"-- / --","Name":"a","NetIO":"-- / --","PIDs":"0"}'
    )
    (stats,) = parsers.stats_entries(line)
    assert (stats.cpu_percent, stats.memory_usage, stats.memory_limit) == (0.0, 0, 0)
    assert (stats.net_rx, stats.block_write) == (0, 0)


def test_stats_with_a_bad_size_is_a_parse_error() -> None:
    """A size pair that is not two sizes says so, instead of a wrong number."""
    with pytest.raises(ParseError):
        parsers.stats_entries('{"ID":"a","MemUsage":"lots","PIDs":"1"}')


@pytest.mark.parametrize("rec", DIFF, ids=_ids(DIFF))
def test_diff_reads_every_recorded_change(rec: Recording) -> None:
    """The recorded diff lines become (kind, path) in the client's order."""
    got = [(c.kind[0].upper(), c.path) for c in parsers.file_changes(rec.stdout)]
    assert got == [tuple(c) for c in rec.expected["changes"]]


def test_diff_refuses_a_line_it_does_not_know() -> None:
    """A line that is not `K /path` is a parse error, not a silent skip."""
    with pytest.raises(ParseError):
        parsers.file_changes("X /etc\n")


@pytest.mark.parametrize("rec", COMMIT, ids=_ids(COMMIT))
def test_commit_gives_the_image_id_each_client_printed(rec: Recording) -> None:
    """docker's `sha256:<hex>` and podman's bare hex both give the image's 64-hex ID."""
    assert parsers.committed_image_id(rec.stdout) == rec.expected["image_id"]
