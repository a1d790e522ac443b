"""How each client words ``top``, ``stats``, ``diff``, ``commit``, ``export`` and ``update``
(mixed into ``dialect.py``'s dialects as the network and volume words are). Copied from
docker 28.2.2 and 20.10.24 against a 20.10 engine and from podman 4.3.1 (tests/data: top,
stats, diff, commit, export, update and their err-* cases; the rest tried by hand on the
same clients)."""

from __future__ import annotations

import time

from dockercli.fake import failure, jsonio, store, tabwriter
from dockercli.fake.failure import FakeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_DAEMON = "Error response from daemon: "
_NO_SUCH = 'no container with name or ID "{}" found: no such container'
_NO_FLAGS = "you must provide one or more flags when using this command\n"
# docker's update flags (20.10 adds --kernel-memory; podman's are its own, below)
UPDATE_FLAGS = (
    "blkio-weight# cpu-period# cpu-quota# cpu-rt-period# cpu-rt-runtime# c,cpu-shares# "
    "cpus= cpuset-cpus= cpuset-mems= m,memory= memory-reservation= memory-swap= "
    "pids-limit# restart="
)


class Process:
    """One process ``top`` shows: who runs it, its IDs, when it started and its argv."""

    def __init__(
        self, user: str, pid: int, ppid: int, started: int, argv: list[str], *, tty: bool
    ) -> None:
        self.user, self.pid, self.ppid, self.started = user, pid, ppid, started
        self.argv, self.tty = argv, tty


class ToolsWords:
    """docker 28's (its engine's words, relayed as ``Error response from daemon``)."""

    # -- top: the engine runs ``ps -ef`` on the host; tabwriter(20, 1, 3)
    def top_missing(self, ref: str) -> FakeError:
        """``top`` of a container that does not exist."""
        return FakeError(f"{_DAEMON}No such container: {ref}\n")

    def top_not_running(self, cid: str) -> FakeError:
        """``top`` of a container that is not running."""
        return FakeError(f"{_DAEMON}Container {cid} is not running\n")

    def top_table(self, processes: list[Process], now: int) -> str:
        """``top``'s table: ``ps -ef``'s columns, the host's user names and PIDs."""
        rows = [["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]]
        for p in processes:
            when = _stime(p.started, now)
            cmd = " ".join(p.argv)
            rows.append([p.user, str(p.pid), str(p.ppid), "0", when, "?", "00:00:00", cmd])
        return tabwriter.tabulate(rows, 20, 3)

    # -- stats --no-stream
    def stats_json(self, fmt: object) -> bool:
        """Whether ``stats --format fmt`` asks for the JSON the fake prints."""
        return fmt in ("{{json .}}", "json")

    def stats_missing(self, ref: str) -> FakeError:
        """``stats`` of a container that does not exist (docker: each, then exit 1)."""
        return FakeError(f"{_DAEMON}No such container: {ref}\n")

    def stats_row(
        self, ref: str, cid: str, name: str, limit: int, *, running: bool, trunc: bool
    ) -> dict[str, Any]:
        """One container's ``{{json .}}`` (no usage: the fake's programs use nothing)."""
        return {
            "BlockIO": "0B / 0B",
            "CPUPerc": "0.00%",
            "Container": ref,
            "ID": cid[:12] if trunc else cid,
            "MemPerc": "0.00%",
            "MemUsage": f"0B / {store.binary_size(limit if running else 0)}",
            "Name": name,
            "NetIO": "0B / 0B",
            "PIDs": "1" if running else "0",
        }

    def stats_output(self, rows: list[dict[str, Any]]) -> str:
        """docker prints a JSON object a line."""
        return "".join(jsonio.dumps(r) + "\n" for r in rows)

    # -- diff
    def diff_missing(self, ref: str) -> FakeError:
        """``diff`` of a container that does not exist."""
        return FakeError(f"{_DAEMON}No such container: {ref}\n")

    # what the engine changes in every started container (podman: /etc)
    changed_at_start: tuple[str, ...] = ()
    # the engine makes the working directory and mount points in the container's layer
    makes_engine_dirs = True

    # -- commit
    commit_checks_ref_first = True  # the client refuses a bad REF before any lookup

    def commit_bad_ref(self, problem: str) -> FakeError:
        """``commit CONTAINER REF`` with an invalid REF."""
        return FakeError(problem + "\n", 1)

    def commit_refused(self, message: str) -> FakeError:
        """The engine refused the commit (a --change it cannot apply)."""
        return FakeError(f"{_DAEMON}{message}\n", 1)

    def commit_format_refused(self, fmt: object, message: str) -> FakeError | None:
        """podman's ``--format`` refusals (docker has no such flag: None)."""
        return None

    def commit_digest_ref(self) -> FakeError:
        """``commit CONTAINER NAME@DIGEST``."""
        return FakeError("refusing to create a tag with a digest reference\n", 1)

    def commit_said(self, iid: str, layers: list[str], *, quiet: bool, message: str) -> str:
        """What ``commit`` prints on stderr before the ID (docker: nothing)."""
        return ""

    def commit_id(self, iid: str) -> str:
        """The new image's ID as ``commit`` prints it."""
        return f"sha256:{iid}\n"

    # -- export
    export_checks_path_first = True  # the client checks --output before asking the engine

    def export_no_dir(self, directory: str, path: str) -> FakeError:
        """``export --output PATH`` whose directory does not exist."""
        return FakeError(
            "failed to export container: invalid output path: "
            f"stat {directory}: no such file or directory\n"
        )

    def export_to_terminal(self) -> FakeError:
        """``export`` without ``--output`` to a terminal."""
        return FakeError("cowardly refusing to save to a terminal. Use the -o flag or redirect\n")

    def export_skeleton(self, *, started: bool) -> list[tuple[str, str, int, str]]:
        """The engine's own entries of every container (name, tar type, mode, link)."""
        return [
            (".dockerenv", "0", 0o755, ""),
            ("dev", "5", 0o755, ""),
            ("dev/console", "0", 0o755, ""),
            ("dev/pts", "5", 0o755, ""),
            ("dev/shm", "5", 0o755, ""),
            ("etc", "5", 0o755, ""),
            ("etc/hostname", "0", 0o755, ""),
            ("etc/hosts", "0", 0o755, ""),
            ("etc/mtab", "2", 0o777, "/proc/mounts"),
            ("etc/resolv.conf", "0", 0o755, ""),
            ("proc", "5", 0o755, ""),
            ("sys", "5", 0o755, ""),
        ]

    # -- update
    update_prints_id = False  # docker prints each name as given; podman the full ID
    update_keeps_values = False  # podman 4.3 applies the cgroup limits, records nothing

    def update_without_flags(self) -> FakeError | None:
        """``update CONTAINER`` with nothing to change, or None when the client takes it."""
        return FakeError(_NO_FLAGS)

    def update_refused(self, message: str, cid: str = "") -> FakeError:
        """The engine refused an update (``cid``: it said so of that container)."""
        prefix = f"Cannot update container {cid}: " if cid else ""
        return FakeError(f"{_DAEMON}{prefix}{message}\n")

    def bad_size(self, flag: str, value: str) -> FakeError | None:
        """A size flag whose value is no size, in the client's own words (docker: None,
        the flag parser's error)."""
        return None


class Docker20ToolsWords(ToolsWords):
    """docker 20.10.24: the older client's words."""

    tools_flag_specs = {"update": UPDATE_FLAGS + " kernel-memory="}  # noqa: RUF012 - read-only class data

    def stats_json(self, fmt: object) -> bool:
        return fmt == "{{json .}}"  # 20.10 has no ``json`` keyword: it prints "json"

    def export_no_dir(self, directory: str, path: str) -> FakeError:
        return FakeError(
            f'failed to export container: invalid output path: directory "{directory}" '
            "does not exist\n"
        )


class PodmanToolsWords(ToolsWords):
    """podman 4.3.1: its own sentences and tables, exit 125."""

    tools_flag_specs = {  # noqa: RUF012 - read-only class data
        "top": "l,latest!",
        "stats": "a,all! format= i,interval# l,latest! no-reset! no-stream! no-trunc!",
        "diff": "format= l,latest!",
        "commit": "a,author= c,change* f,format= iidfile= include-volumes! m,message= "
        "p,pause! q,quiet! s,squash!",
        "update": "blkio-weight= blkio-weight-device* cpu-period# cpu-quota# cpu-rt-period# "
        "cpu-rt-runtime# c,cpu-shares# cpus= cpuset-cpus= cpuset-mems= device-read-bps* "
        "device-read-iops* device-write-bps* device-write-iops* m,memory= "
        "memory-reservation= memory-swap= memory-swappiness#",
    }

    def top_missing(self, ref: str) -> FakeError:
        return FakeError(
            f"Error: unable to look up requested container: {_NO_SUCH.format(ref)}\n", 125
        )

    def top_not_running(self, cid: str) -> FakeError:
        return FakeError("Error: top can only be used on running containers\n", 125)

    def top_table(self, processes: list[Process], now: int) -> str:
        """psgo's columns: the container's own user and PIDs, ``/proc/PID/cmdline`` (its
        NULs shown as blanks: a blank after the last word)."""
        rows = [["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]]
        for p in processes:
            elapsed = store.go_duration(now - p.started)
            tty = "pts/0" if p.tty else "?"
            command = " ".join(p.argv) + " "
            rows.append([p.user, str(p.pid), str(p.ppid), "0.000", elapsed, tty, "0s", command])
        return tabwriter.tabulate(rows, 12, 2)

    def stats_json(self, fmt: object) -> bool:
        return isinstance(fmt, str) and fmt.replace(" ", "") in ("json", "{{json.}}", "{{json}}")

    def stats_missing(self, ref: str) -> FakeError:
        return FakeError(
            "Error: unable to get list of containers: unable to look up container "
            f"{ref}: {_NO_SUCH.format(ref)}\n",
            125,
        )

    def stats_row(
        self, ref: str, cid: str, name: str, limit: int, *, running: bool, trunc: bool
    ) -> dict[str, Any]:
        return {
            "id": cid[:12] if trunc else cid,
            "name": name,
            "cpu_time": "0s",
            "cpu_percent": "0.00%",
            "avg_cpu": "0.00%",
            "mem_usage": f"0B / {store.human_size(limit if running else 0)}",
            "mem_percent": "0.00%",
            "net_io": "0B / 0B",
            "block_io": "0B / 0B",
            "pids": "1" if running else "0",
        }

    def stats_output(self, rows: list[dict[str, Any]]) -> str:
        return jsonio.dumps(rows, " ") + "\n"

    def diff_missing(self, ref: str) -> FakeError:
        # podman diffs images and containers alike: its error names neither
        return FakeError(f"Error: {ref} not found: layer not known\n", 125)

    changed_at_start = ("/etc",)
    makes_engine_dirs = False

    commit_checks_ref_first = False

    def commit_bad_ref(self, problem: str) -> FakeError:
        return FakeError(f"Error: {problem}\n", 125)

    def commit_refused(self, message: str) -> FakeError:
        return FakeError(f"Error: {message}\n", 125)

    def commit_format_refused(self, fmt: object, message: str) -> FakeError | None:
        if fmt not in (None, "oci", "docker"):
            return FakeError(f'Error: unrecognized image format "{fmt}"\n', 125)
        if message and fmt != "docker":
            return FakeError(
                "Error: messages are only compatible with the docker image format (-f docker)\n",
                125,
            )
        return None

    def commit_digest_ref(self) -> FakeError:
        return failure.not_modelled("podman commit to a reference with a digest")

    def commit_said(self, iid: str, layers: list[str], *, quiet: bool, message: str) -> str:
        said = ""
        if message:  # podman 4.3 warns of a message even in docker's format, and keeps it
            stamp = store.rfc3339(store.now_ns()).split(".")[0].rstrip("Z") + "Z"
            said = (
                f'time="{stamp}" level=warning msg="COMMENT is not supported for OCI image '
                f'format, comment {message} will be ignored. Must use `docker` format"\n'
            )
        if quiet:
            return said
        blobs = "".join(f"Copying blob sha256:{layer}\n" for layer in layers)
        return (
            f"{said}Getting image source signatures\n{blobs}Copying config sha256:{iid}\n"
            "Writing manifest to image destination\nStoring signatures\n"
        )

    def commit_id(self, iid: str) -> str:
        return iid + "\n"

    export_checks_path_first = False

    def export_no_dir(self, directory: str, path: str) -> FakeError:
        return FakeError(
            f'Error: creating file "{path}": open {path}: no such file or directory\n', 125
        )

    def export_to_terminal(self) -> FakeError:
        return FakeError("Error: refusing to export to terminal. Use -o flag or redirect\n", 125)

    def export_skeleton(self, *, started: bool) -> list[tuple[str, str, int, str]]:
        entries = [
            ("dev", "5", 0o755, ""),
            ("etc", "5", 0o755, ""),
            ("etc/hostname", "0", 0o755, ""),
            ("etc/hosts", "0", 0o755, ""),
            ("etc/resolv.conf", "0", 0o755, ""),
            ("proc", "5", 0o755, ""),
            ("run", "5", 0o755, ""),
            ("sys", "5", 0o755, ""),
        ]
        if started:  # what podman adds when it first starts one
            entries += [
                ("etc/mtab", "2", 0o777, "/proc/mounts"),
                ("run/.containerenv", "0", 0o755, ""),
            ]
        return entries

    update_prints_id = True
    update_keeps_values = True

    def update_without_flags(self) -> FakeError | None:
        return None  # podman 4.3 takes it and changes nothing

    def update_refused(self, message: str, cid: str = "") -> FakeError:
        return FakeError(f"Error: {message}\n", 125)

    def bad_size(self, flag: str, value: str) -> FakeError | None:
        # podman names "memory" for each of its size flags
        return FakeError(f"Error: invalid value for memory: invalid size: '{value}'\n", 125)


def _stime(started: int, now: int) -> str:
    """``ps``'s STIME in the host's time zone: the time today, else the day, else the year."""
    seconds = started // 1_000_000_000
    when, today = time.localtime(seconds), time.localtime(now // 1_000_000_000)
    if now // 1_000_000_000 - seconds < 86400:
        return time.strftime("%H:%M", when)
    if when.tm_year == today.tm_year:
        return time.strftime("%b%d", when)
    return str(when.tm_year)
