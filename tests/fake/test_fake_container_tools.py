"""pause, unpause, top, stats, diff, commit, export and update on the fake, against the
successful cases recorded from the real clients (tests/data) and the behaviours tried by
hand on the same clients; the refusals of what the fake cannot model (exit 125).

The failing cases are replayed byte for byte in test_fake_recorded.py; these are the
recordings whose output holds what differs from run to run (IDs, PIDs, times, memory
use), checked field by field against what the fake models.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dockercli.fake import cmd_usage, store

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, Fake, normalise, recorded
    from tests.fake.test_fake_recorded import CASES, CP_FILE, one_file_tar
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from test_fake_recorded import CASES, CP_FILE, one_file_tar

    from conftest import DIALECTS, Fake, normalise, recorded

BASE = "dcli-rec-base:latest"
STATE = "{{.State.Status}}|{{.State.Paused}}|{{.State.Running}}"


def _replay(fake: Fake, dialect: str, case: str) -> tuple[Fake, dict[str, Any], Any]:
    """The recorder's setup for ``case``, then its argv on the fake in ``dialect``."""
    fake = fake.with_dialect(dialect)
    rec = recorded(dialect, case)
    paths = CASES[case](fake)
    done = fake.run(*[paths.get(a, a) for a in rec["argv"]], env=rec["env"])
    return fake, rec, done


def _same(got: bytes, want: str) -> bool:
    return normalise(got.decode()) == normalise(want)


def _cid(fake: Fake, name: str) -> str:
    return fake.ok("inspect", "--format", "{{.Id}}", name).strip()


# -- pause and unpause, and the paused state elsewhere ------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    ("case", "name"),
    [
        ("pause", "dcli-rec-pause"),
        ("unpause", "dcli-rec-unpause"),
        ("stop-paused", "dcli-rec-stop-paused"),
        ("kill-paused", "dcli-rec-kill-paused"),
    ],
)
def test_pausing_and_what_a_paused_container_does_match_the_recordings(
    fake: Fake, dialect: str, case: str, name: str
) -> None:
    """pause, unpause, and stop and kill of a paused container print what the client
    printed and leave inspect's Status, Paused and Running as the recorder found them
    (podman refuses to stop a paused one; docker 28 warns of --time on stdout)."""
    fake, rec, done = _replay(fake, dialect, case)
    assert done.returncode == rec["exit_code"], done.stderr
    assert _same(done.stdout, rec["stdout"])
    assert _same(done.stderr, rec["stderr"])
    assert fake.ok("inspect", "--format", STATE, name).strip() == rec["expected"]["state"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_ps_lists_a_paused_container_as_its_client_does(fake: Fake, dialect: str) -> None:
    """docker's ps shows a paused container as ``Up ... (Paused)`` in state paused; podman
    4.3's ps leaves it out unless --all, which shows it as Paused."""
    fake, rec, done = _replay(fake, dialect, "ps-paused")
    assert done.returncode == rec["exit_code"] == 0
    assert _same(done.stdout, rec["stdout"])
    if dialect == "podman":
        listed = fake.ok("ps", "-a", "--format", "{{.Names}}|{{.Status}}")
        assert listed == "dcli-rec-ps-paused|Paused\n"


@pytest.mark.parametrize(
    ("dialect", "said", "code"),
    [
        (
            "docker-28",
            "Error response from daemon: cannot start a paused container, try unpause instead\n"
            "Error: failed to start containers: p\n",
            1,
        ),
        (
            "podman",
            'Error: unable to start container "<ID>": container <ID> must be in Created or '
            "Stopped state to be started: container state improper\n",
            125,
        ),
    ],
)
def test_start_of_a_paused_container_is_refused(
    fake: Fake, dialect: str, said: str, code: int
) -> None:
    """``start`` of a paused container fails in the client's words (tried by hand) and
    leaves it paused."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE)
    fake.ok("pause", "p")
    done = fake.run("start", "p")
    assert (done.returncode, normalise(done.stderr.decode())) == (code, said)
    assert fake.ok("inspect", "--format", "{{.State.Status}}", "p") == "paused\n"


@pytest.mark.parametrize(("dialect", "restarts"), [("docker-20.10", True), ("podman", False)])
def test_restart_thaws_a_paused_container_on_docker_only(
    fake: Fake, dialect: str, restarts: bool
) -> None:
    """docker's engine restarts a paused container (running, not paused after); podman
    4.3 refuses with 'unable to restart a container in a paused or unknown state'."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE)
    fake.ok("pause", "p")
    done = fake.run("restart", "p")
    assert (done.returncode == 0) is restarts
    assert ("paused or unknown state" in done.stderr.decode()) is not restarts
    state = fake.ok("inspect", "--format", "{{.State.Status}}", "p").strip()
    assert state == ("running" if restarts else "paused")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_paused_container_keeps_its_logs_and_goes_with_rm_force(fake: Fake, dialect: str) -> None:
    """logs of a paused container work; ``rm --force`` (podman: with --time 0) removes it."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE, "sh", "-c", "echo up; sleep 300")
    fake.ok("pause", "p")
    assert fake.ok("logs", "p") == "up\n"
    at_once = ("--time", "0") if dialect == "podman" else ()
    assert fake.ok("rm", "-f", *at_once, "p") == "p\n"
    assert fake.ok("ps", "-a", "-q") == ""


@pytest.mark.parametrize("dialect", DIALECTS)
def test_ps_filters_a_paused_container_by_its_state(fake: Fake, dialect: str) -> None:
    """``--filter status=paused`` finds a paused container and ``status=running`` does
    not (both clients compare the state ps shows)."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE)
    fake.ok("pause", "p")
    names = ("ps", "--format", "{{.Names}}", "--filter")
    assert fake.ok(*names, "status=paused") == "p\n"
    assert fake.ok(*names, "status=running") == ""


@pytest.mark.parametrize(
    "argv", [["kill", "-s", "TERM", "p"], ["pause", "--all"], ["unpause", "--latest"]]
)
def test_podman_refuses_what_the_fake_cannot_model_of_pausing(fake: Fake, argv: list[str]) -> None:
    """podman holds a signal other than KILL until the container is unpaused, and chooses
    containers with --all or --latest: not modelled, exit 125, the container still paused."""
    fake = fake.with_dialect("podman")
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE)
    fake.ok("pause", "p")
    done = fake.run(*argv)
    assert (done.returncode, b"not modelled" in done.stderr) == (125, True)
    assert fake.ok("inspect", "--format", "{{.State.Status}}", "p") == "paused\n"


def test_the_clock_of_a_paused_program_stands_still(fake: Fake) -> None:
    """A program paused during its one-second sleep has not exited a second later; once
    unpaused it runs the rest of its sleep and exits with its own code."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "p", BASE, "sh", "-c", "sleep 1; exit 4")
    fake.ok("pause", "p")
    time.sleep(1.3)
    assert fake.ok("inspect", "--format", STATE, "p") == "paused|true|true\n"
    fake.ok("unpause", "p")
    assert fake.ok("inspect", "--format", "{{.State.Status}}", "p") == "running\n"
    assert fake.ok("wait", "p") == "4\n"


def test_info_counts_a_paused_container_apart(fake: Fake) -> None:
    """docker info's ContainersPaused counts paused containers; they leave the running."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "a", BASE)
    fake.ok("run", "-d", "--name", "b", BASE)
    fake.ok("pause", "a")
    counts = "{{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}}"
    assert fake.ok("info", "--format", counts) == "1 1 0\n"


@pytest.mark.parametrize(
    ("dialect", "argv", "notices"),
    [
        ("docker-28", ["restart", "--time", "1", "r"], 1),
        ("docker-28", ["stop", "--time=1", "--time", "1", "r"], 2),
        ("docker-28", ["stop", "-t", "1", "r"], 0),
        ("docker-28", ["stop", "--timeout", "1", "r"], 0),
        ("docker-20.10", ["stop", "--time", "1", "r"], 0),
    ],
)
def test_docker_28_warns_of_stop_time_on_stdout(
    fake: Fake, dialect: str, argv: list[str], notices: int
) -> None:
    """docker 28 prints pflag's deprecation of --time on stdout at each use, before the
    names (tried by hand); its -t and --timeout, and docker 20.10, print none."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "r", BASE)
    line = "Flag --time has been deprecated, use --timeout instead\n"
    assert fake.ok(*argv) == line * notices + "r\n"


# -- top -----------------------------------------------------------------------------------


def _tabwriter(rows: list[list[str]], minwidth: int, padding: int) -> str:
    """Go's tabwriter (cells padded to the widest of their column, the last one not)."""
    widths = [max(minwidth, *(len(r[i]) + padding for r in rows)) for i in range(len(rows[0]) - 1)]
    return "".join(
        "".join(cell.ljust(w) for cell, w in zip(r, widths)) + r[-1] + "\n" for r in rows
    )


def _cells(text: str, columns: int) -> list[list[str]]:
    """A table's cells: the first ``columns - 1`` words, then the rest of the line."""
    out = []
    for line in text.splitlines():
        words = line.split()
        head = words[: columns - 1]
        rest = line.split(None, columns - 1)[-1] if len(words) >= columns else ""
        out.append([*head, rest])
    return out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_top_lists_the_command_in_the_recorded_layout(fake: Fake, dialect: str) -> None:
    """top lays out its one process as the client did (docker: ps -ef's columns in
    tabwriter 20/3; podman: psgo's in 12/2 with a blank after the command), with the
    recorded user, TTY and command and the fake's PID and start."""
    fake, rec, done = _replay(fake, dialect, "top")
    assert (done.returncode, done.stderr) == (rec["exit_code"], b"")
    got, want = done.stdout.decode(), rec["stdout"]
    mine, theirs = _cells(got, 8), _cells(want, 8)
    assert mine[0] == theirs[0]
    (row,) = mine[1:]
    (recorded_row,) = theirs[1:]
    pid = fake.ok("inspect", "--format", "{{.State.Pid}}", "dcli-rec-top").strip()
    if dialect == "podman":
        assert want == _tabwriter(theirs, 12, 2)
        assert got == _tabwriter(mine, 12, 2)
        assert row[:4] == recorded_row[:4] == ["0", "1", "0", "0.000"]
        assert re.fullmatch(r"[0-9.]+(ms|s|µs)", row[4])
        assert row[5:] == recorded_row[5:] == ["?", "0s", "sleep 300 "]
        return
    assert want == _tabwriter(theirs, 20, 3)
    assert got == _tabwriter(mine, 20, 3)
    assert row[0] == recorded_row[0] == "root"
    assert row[1] == pid
    assert row[3] == "0"
    assert re.fullmatch(r"\d\d:\d\d", row[4])
    assert row[5:] == [*recorded_row[5:6], "00:00:00", "sleep 300"]
    assert [row[-1]] == rec["expected"]["commands"]


@pytest.mark.parametrize(
    ("dialect", "command", "why"),
    [
        ("docker-28", ["sh", "-c", "sleep 300; echo x"], "processes a shell script"),
        ("podman", ["sh", "-c", "sleep 300 &"], "processes a shell script"),
        ("docker-20.10", None, "ps options"),
    ],
)
def test_top_refuses_what_it_cannot_know(
    fake: Fake, dialect: str, command: list[str] | None, why: str
) -> None:
    """The processes of a shell script, and top's ps options, are not modelled: exit 125."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "t", BASE, *(command or ["sleep", "300"]))
    done = fake.run("top", "t", *([] if command else ["-o", "pid"]))
    assert done.returncode == 125
    assert why in done.stderr.decode()


def test_top_of_a_shell_running_one_command_shows_that_command(fake: Fake) -> None:
    """busybox's sh execs a lone plain command, so top shows it; with --init, docker's
    init is the parent process of the command."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "i", "--init", BASE, "sh", "-c", "sleep 300")
    rows = _cells(fake.ok("top", "i"), 8)[1:]
    assert [r[-1] for r in rows] == ["/sbin/docker-init -- sh -c sleep 300", "sleep 300"]
    assert rows[1][2] == rows[0][1]


# -- stats ----------------------------------------------------------------------------------


def _stats(dialect: str, out: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]]
    if dialect == "podman":
        rows = json.loads(out)
    else:
        rows = [json.loads(line) for line in out.splitlines()]
    return rows


@pytest.mark.parametrize("dialect", DIALECTS)
def test_stats_shows_the_recorded_fields_with_no_usage(fake: Fake, dialect: str) -> None:
    """stats --no-stream prints the recorded fields in the recorded order and layout: the
    name, its one process and its --memory limit (docker 64MiB, podman 67.11MB), and no
    usage (the fake's programs use nothing)."""
    fake, rec, done = _replay(fake, dialect, "stats")
    assert (done.returncode, done.stderr) == (rec["exit_code"], b"")
    (mine,), (theirs,) = _stats(dialect, done.stdout.decode()), _stats(dialect, rec["stdout"])
    assert list(mine) == list(theirs)
    short = _cid(fake, "dcli-rec-stats")[:12]
    if dialect == "podman":
        assert done.stdout.decode().startswith('[\n {\n  "id": ')
        assert (mine["id"], mine["name"], mine["pids"]) == (short, "dcli-rec-stats", "1")
        assert mine["mem_usage"] == "0B / " + theirs["mem_usage"].split(" / ")[1]
        assert (mine["cpu_time"], mine["cpu_percent"], mine["net_io"]) == ("0s", "0.00%", "0B / 0B")
        return
    assert (mine["ID"], mine["Name"], mine["Container"]) == (
        short,
        theirs["Name"],
        "dcli-rec-stats",
    )
    assert mine["MemUsage"] == "0B / " + theirs["MemUsage"].split(" / ")[1] == "0B / 64MiB"
    assert (mine["PIDs"], mine["BlockIO"], mine["CPUPerc"]) == ("1", "0B / 0B", "0.00%")
    assert rec["expected"] == {"memory_limit": 64 * 2**20, "pids": 1}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_stats_of_a_created_container_is_all_zero(fake: Fake, dialect: str) -> None:
    """A container that never ran has no limit, no process and no usage: the recording,
    but for its ID."""
    _, rec, done = _replay(fake, dialect, "stats-created")
    assert (done.returncode, done.stderr) == (rec["exit_code"], b"")
    assert _same(done.stdout, rec["stdout"])


@pytest.mark.parametrize(("dialect", "unit"), [("docker-28", "binary"), ("podman", "decimal")])
def test_stats_of_a_running_container_without_a_limit_shows_the_hosts_memory(
    fake: Fake, dialect: str, unit: str
) -> None:
    """Without --memory the limit is the host's memory (/proc/meminfo), in docker's binary
    units or podman's decimal ones, as each engine shows it."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "s", BASE)
    fmt = "json" if dialect == "podman" else "{{json .}}"
    (row,) = _stats(dialect, fake.ok("stats", "--no-stream", "--format", fmt, "s"))
    host = cmd_usage.host_memory()
    size = store.binary_size(host) if unit == "binary" else _decimal(host)
    assert row.get("MemUsage", row.get("mem_usage")) == f"0B / {size}"


def _decimal(size: float) -> str:
    units = ["B", "kB", "MB", "GB", "TB"]
    while size >= 1000 and len(units) > 1:
        size /= 1000
        units.pop(0)
    return f"{size:.4g}{units[0]}"


def test_stats_of_a_missing_container_prints_only_the_errors(fake: Fake) -> None:
    """docker waits for every reading: one missing name means no readings, its error and
    exit 1 (tried by hand)."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "s", BASE)
    done = fake.run("stats", "--no-stream", "--format", "{{json .}}", "s", "nope")
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == b"Error response from daemon: No such container: nope\n"


@pytest.mark.parametrize(
    ("dialect", "argv"),
    [
        ("docker-28", ["stats", "--format", "{{json .}}", "s"]),
        ("docker-28", ["stats", "--no-stream", "s"]),
        ("docker-20.10", ["stats", "--no-stream", "--format", "json", "s"]),
        ("podman", ["stats", "--no-stream", "--format", "{{.Name}}", "s"]),
        ("docker-28", ["stats", "--no-stream", "--format", "{{json .}}"]),
    ],
)
def test_stats_refuses_streams_and_other_formats(fake: Fake, dialect: str, argv: list[str]) -> None:
    """A live stream, a table or template, docker 20.10's literal 'json' and all
    containers at once are not modelled: exit 125."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "s", BASE)
    done = fake.run(*argv, timeout=10)
    assert (done.returncode, done.stdout) == (125, b"")
    assert b"not modelled" in done.stderr


# -- diff -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", ["diff", "diff-unchanged"])
def test_diff_matches_the_recordings(fake: Fake, dialect: str, case: str) -> None:
    """A file copied into /etc of a created container is ``C /etc`` and ``A /etc/dcli.conf``;
    a container nothing was copied into has no changes: the recorded bytes."""
    _, rec, done = _replay(fake, dialect, case)
    assert (done.returncode, done.stdout.decode(), done.stderr) == (0, rec["stdout"], b"")
    lines = done.stdout.decode().splitlines()
    assert [line.split(" ", 1) for line in lines] == rec["expected"]["changes"]


@pytest.mark.parametrize(("dialect", "extra"), [("docker-28", []), ("podman", ["C /etc"])])
def test_diff_sorts_the_copied_paths_and_says_what_podman_changes_at_start(
    fake: Fake, dialect: str, extra: list[str]
) -> None:
    """Paths are sorted as the clients sort them, directories cp made are added, /bin is
    the image's; podman also changes /etc when it starts a container (tried by hand)."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "-d", "--name", "d", BASE, "sleep", "300")
    tree = fake.root / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "b").write_text("b\n")
    fake.ok("cp", str(tree), "d:/etc/")
    assert fake.run("cp", "-", "d:/", input=one_file_tar("dcli.conf", CP_FILE)).returncode == 0
    assert fake.run("cp", "-", "d:/bin", input=one_file_tar("x", b"x")).returncode == 0
    expected = [
        *["C /bin", "A /bin/x", "A /dcli.conf", "C /etc", "A /etc/tree"],
        *["A /etc/tree/sub", "A /etc/tree/sub/b"],
    ]
    by_path = sorted({*expected, *extra}, key=lambda line: line.split(" ", 1)[1])
    assert fake.ok("diff", "d").splitlines() == by_path


@pytest.mark.parametrize(
    ("dialect", "run"),
    [
        ("docker-28", ["run", "-d", "--name", "d", BASE]),  # httpd: not interpreted
        ("docker-20.10", ["create", "--name", "d", "-w", "/app", BASE, "true"]),
        ("docker-28", ["run", "-d", "--name", "d", "-v", "/data", BASE, "sleep", "300"]),
    ],
)
def test_diff_refuses_what_the_fake_cannot_know(fake: Fake, dialect: str, run: list[str]) -> None:
    """What a program the fake does not interpret wrote, and whether the image had the
    directories docker's engine makes (a working directory, a mount point), are unknown:
    exit 125."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok(*run)
    done = fake.run("diff", "d")
    assert (done.returncode, done.stdout) == (125, b"")
    assert b"not modelled" in done.stderr


# -- commit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_commit_makes_the_recorded_image(fake: Fake, dialect: str) -> None:
    """commit prints what the client printed (docker: sha256:ID; podman: its progress and
    message warning on stderr, the ID on stdout); the image has the recorded Env, Cmd,
    Comment and Author, and a container run from it sees the file copied in."""
    fake, rec, done = _replay(fake, dialect, "commit")
    facts = rec["expected"]
    assert done.returncode == rec["exit_code"] == 0
    assert _same(done.stdout, rec["stdout"])
    assert _same(done.stderr, rec["stderr"])
    tag = "dcli-rec-commit:1"
    image = fake.ok("image", "inspect", "--format", "{{.Id}}", tag).strip()
    assert done.stdout.decode().strip() == image
    inspect = ("image", "inspect", "--format")
    assert json.loads(fake.ok(*inspect, "{{json .Config.Env}}", tag)) == facts["env"]
    assert json.loads(fake.ok(*inspect, "{{json .Config.Cmd}}", tag)) == facts["cmd"]
    assert fake.ok(*inspect, "{{.Comment}}|{{.Author}}", tag).strip() == facts["comment_author"]
    run = fake.run("run", "--rm", "--name", "dcli-rec-commit-run", tag)
    assert (run.returncode, run.stdout.decode()) == (0, facts["run_output"])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_commit_keeps_the_containers_labels_and_takes_the_changes(
    fake: Fake, dialect: str
) -> None:
    """The committed image keeps the container's labels (podman adds its buildah label)
    and takes ENV, LABEL, USER, WORKDIR, EXPOSE and ENTRYPOINT changes."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("create", "--name", "c", "--label", "team=a", BASE)
    changes = ["LABEL stage=b", "USER 1000", "WORKDIR /srv", "EXPOSE 9000", 'ENTRYPOINT ["top"]']
    flagged = [a for change in changes for a in ("--change", change)]
    fake.ok("commit", *flagged, "c", "dcli-commit:2")
    (doc,) = json.loads(fake.ok("image", "inspect", "dcli-commit:2"))
    config = doc["Config"]
    assert {"team": "a", "stage": "b"}.items() <= config["Labels"].items()
    assert ("io.buildah.version" in config["Labels"]) is (dialect == "podman")
    assert (config["User"], config["WorkingDir"], config["Entrypoint"]) == ("1000", "/srv", ["top"])
    assert "9000/tcp" in config["ExposedPorts"]


@pytest.mark.parametrize(
    ("dialect", "change"),
    [("docker-28", "HEALTHCHECK NONE"), ("docker-20.10", "VOLUME /v"), ("podman", "STOPSIGNAL 9")],
)
def test_a_change_the_fake_does_not_model_is_refused(fake: Fake, dialect: str, change: str) -> None:
    """An instruction the engine takes but the fake does not model exits 125, no image."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("create", "--name", "c", BASE)
    done = fake.run("commit", "--change", change, "c", "dcli-commit:3")
    assert done.returncode == 125
    assert b"not modelled" in done.stderr
    assert fake.run("image", "inspect", "dcli-commit:3").returncode != 0


def test_podman_commit_quiet_prints_the_id_alone(fake: Fake) -> None:
    """podman's -q keeps the progress lines off stderr; a message still warns there."""
    fake = fake.with_dialect("podman")
    fake.base_image()
    fake.ok("create", "--name", "c", BASE)
    quiet = fake.run("commit", "-q", "c", "dcli-commit:4")
    assert (quiet.returncode, quiet.stderr) == (0, b"")
    assert re.fullmatch(r"[0-9a-f]{64}\n", quiet.stdout.decode())
    warned = fake.run("commit", "-q", "--format", "docker", "-m", "hi", "c")
    assert b"COMMENT is not supported" in warned.stderr
    assert b"Copying" not in warned.stderr


# -- export ---------------------------------------------------------------------------------


def _members(data: bytes) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        return {m.name: m for m in tar.getmembers()}


def _content(data: bytes, name: str) -> str:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        handle = tar.extractfile(name)
        assert handle is not None
        return handle.read().decode()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_export_writes_a_tar_holding_the_copied_file(fake: Fake, dialect: str) -> None:
    """export --output prints nothing and writes a real tar with etc/dcli.conf as the
    recorder found it (type, mode with its type bits, content), beside the engine's own
    entries such as etc/hosts."""
    fake, rec, done = _replay(fake, dialect, "export")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    data = Path(fake.root / "export.tar").read_bytes()
    members = _members(data)
    for fact in rec["expected"]["has"]:
        member = members[fact["name"]]
        assert (member.type.decode(), member.mode) == (fact["type"], fact["mode"])
        assert _content(data, fact["name"]) == fact["content"]
    assert members["etc/hosts"].isfile()
    assert members["etc"].isdir()
    assert (members["etc/dcli.conf"].uname == "root") is (dialect != "podman")


def test_export_without_output_writes_the_tar_on_stdout(fake: Fake) -> None:
    """Without --output (and stdout no terminal) the tar comes on stdout."""
    setup = CASES["export"](fake)
    assert setup["<out>"]
    done = fake.run("export", "dcli-rec-export")
    assert done.returncode == 0
    assert _content(done.stdout, "etc/dcli.conf") == CP_FILE.decode()


# -- update ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_update_prints_and_keeps_what_the_client_did(fake: Fake, dialect: str) -> None:
    """update prints the name (podman: the full ID) and inspect then shows the new memory
    and CPUs, except podman 4.3's, which keeps the old values (its cgroup changes only)."""
    fake, rec, done = _replay(fake, dialect, "update")
    assert (done.returncode, done.stderr) == (rec["exit_code"], b"")
    assert _same(done.stdout, rec["stdout"])
    if dialect == "podman":
        assert done.stdout.decode().strip() == _cid(fake, "dcli-rec-update")
    shown = fake.ok(
        "inspect", "--format", "{{.HostConfig.Memory}}|{{.HostConfig.NanoCpus}}", "dcli-rec-update"
    )
    assert shown.strip() == rec["expected"]["inspect"]


def test_docker_update_discards_a_block_io_weight_with_the_engines_warning(fake: Fake) -> None:
    """The engine here cannot weigh block IO: update prints the name, then the warning on
    stdout (tried by hand), and the weight stays 0."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "u", BASE)
    said = fake.ok("update", "--blkio-weight", "300", "u")
    assert said == (
        "u\nYour kernel does not support Block I/O weight or the cgroup is not mounted. "
        "Weight discarded.\n"
    )
    assert fake.ok("inspect", "--format", "{{.HostConfig.BlkioWeight}}", "u") == "0\n"


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--memory", "4m"], "Minimum memory limit allowed is 6MB"),
        (["--memory", "64m", "--memory-swap", "32m"], "Minimum memoryswap limit should be larger"),
        (["--restart", "always:3"], "maximum retry count cannot be used with restart policy"),
        (["--cpuset-cpus", "99"], "Requested CPUs are not available - requested 99"),
    ],
)
def test_docker_update_refuses_as_the_engine_does(fake: Fake, flags: list[str], said: str) -> None:
    """The engine's checks of the new values, in its words (tried by hand), exit 1, and
    the container keeps its old values."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "u", "--memory", "32m", BASE)
    done = fake.run("update", *flags, "u")
    assert done.returncode == 1
    assert done.stderr.decode().startswith("Error response from daemon: " + said)
    assert fake.ok("inspect", "--format", "{{.HostConfig.Memory}}", "u") == f"{32 * 2**20}\n"


@pytest.mark.parametrize(
    ("dialect", "run", "flags"),
    [
        ("podman", ["create", "--name", "u", BASE], ["--cpus", "0.5"]),
        ("podman", ["run", "-d", "--name", "u", BASE], ["--blkio-weight", "300"]),
        ("docker-28", ["run", "-d", "--name", "u", BASE], ["--memory-swap", "300m"]),
        ("docker-28", ["run", "-d", "--name", "u", BASE], ["--cpu-quota", "5000"]),
    ],
)
def test_update_refuses_what_the_fake_cannot_know(
    fake: Fake, dialect: str, run: list[str], flags: list[str]
) -> None:
    """podman's runc failures (a container that is not running, a block IO weight), a
    swap limit the kernel refuses beside no memory limit and CFS quotas: exit 125."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok(*run)
    done = fake.run("update", *flags, "u")
    assert (done.returncode, done.stdout) == (125, b"")
    assert b"not modelled" in done.stderr
