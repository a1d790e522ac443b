"""``top`` and ``stats``: what a container's processes are and what they use.

The fake runs nothing, so it models one process per running container: its command,
started when the container started (with ``--init``, docker's init and the command under
it), using no CPU, no memory and no I/O. ``stats`` shows that usage against the limit the
container has: its ``--memory``, else (running, without one) the host's memory, as the
engines do. What the fake cannot know is refused (exit 125): ``ps`` options, the processes
a shell script starts, a live stream of stats.
"""

from __future__ import annotations

from dockercli.fake import failure, model, refs, store
from dockercli.fake.dialect_tools import Process

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container

_SHELLS = ("sh", "ash", "bash", "dash")
# A ``sh -c`` script with any of these is more than one plain command: the fake cannot
# know which processes the shell keeps or starts.
_SHELL_SYNTAX = frozenset(";&|<>()$`\\\"'\n*?[]{}~#=")


def top(c: Ctx) -> int:
    """``docker top CONTAINER``: the container's process(es), as each client tabulates them."""
    state = store.load(c.state_dir)
    now = store.now_ns()
    ref = c.args[0]
    cid = refs.find_container(model.view(state, now), ref)
    if not cid:
        raise c.d.top_missing(ref)
    ctr = state["containers"][cid]
    if ctr["status"] != "running":
        raise c.d.top_not_running(cid)
    refused = c.d.top_paused(cid) if model.paused(ctr) else None
    if refused is not None:
        raise refused
    if c.flag("latest"):
        raise failure.not_modelled("top --latest")
    if len(c.args) > 1:
        raise failure.not_modelled(
            f"top with ps options ({' '.join(c.args[1:])}): the fake models no ps"
        )
    c.io.out(c.d.top_table(_processes(c, ctr), now))
    return 0


def _processes(c: Ctx, ctr: Container) -> list[Process]:
    """The container's command as the one process it runs (with docker's ``--init``, the
    init process and the command as its child)."""
    argv = _exec_argv([ctr["path"], *ctr["args"]])
    user = _user(c, ctr)
    tty = bool(ctr["config"].get("Tty"))
    pid, started = ctr["pid"], ctr["started"]
    if c.d.top_in_own_pid_namespace:  # psgo reads the container's own PID namespace
        if ctr["host"].get("Init"):
            raise failure.not_modelled("podman top of a container run with --init")
        return [Process(user, 1, 0, started, argv, tty=tty)]
    if ctr["host"].get("Init"):
        init = ["/sbin/docker-init", "--", ctr["path"], *ctr["args"]]
        return [
            Process(user, pid, pid - 20, started, init, tty=tty),
            Process(user, pid + 1, pid, started, argv, tty=tty),
        ]
    return [Process(user, pid, pid - 20, started, argv, tty=tty)]


def _exec_argv(argv: list[str]) -> list[str]:
    """The argv the process has: a shell given one plain command execs it (busybox's sh
    does), so ``ps`` shows that command; any other script is refused."""
    program = argv[0].rsplit("/", 1)[-1]
    if program not in _SHELLS or argv[1:2] != ["-c"]:
        return argv
    script = argv[2] if len(argv) > 2 else ""
    words = script.split()
    if words[:1] == ["exec"]:
        words = words[1:]
    if len(argv) != 3 or not words or _SHELL_SYNTAX & set(script):
        raise failure.not_modelled(
            f"top of a shell running {script!r}: the fake cannot know which processes "
            "a shell script keeps or starts (only one plain command, which sh execs)"
        )
    return words


def _user(c: Ctx, ctr: Container) -> str:
    """Who runs the process: docker names the host's user of its UID (the engine runs ps
    on the host), podman the container's UID; a user name the fake cannot resolve."""
    given = str(ctr["config"].get("User") or "0")
    uid = given.split(":", 1)[0]
    if not uid.isdigit():
        raise failure.not_modelled(f"top of a container run as user {given!r} (no passwd)")
    if c.d.top_in_own_pid_namespace:
        return uid
    import pwd  # noqa: PLC0415 - docker's top only

    try:
        return pwd.getpwuid(int(uid)).pw_name
    except KeyError:
        return uid


def host_memory() -> int:
    """The host's memory in bytes, as the engines read it (``/proc/meminfo`` MemTotal)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    import posix  # noqa: PLC0415 - only where /proc/meminfo cannot be read

    return int(posix.sysconf("SC_PHYS_PAGES")) * int(posix.sysconf("SC_PAGE_SIZE"))


def stats(c: Ctx) -> int:
    """``docker stats --no-stream --format JSON CONTAINER...``: one reading, no usage."""
    if not c.flag("no-stream"):
        raise failure.not_modelled("stats without --no-stream (a live stream)")
    fmt = c.flag("format")
    if not c.d.stats_json(fmt):
        raise failure.not_modelled(
            f"stats --format {fmt!r} (the fake prints its clients' JSON only: docker's "
            "'{{json .}}', podman's 'json')"
        )
    for flag in ("all", "latest"):
        if c.flag(flag):
            raise failure.not_modelled(f"stats --{flag}")
    if not c.args:
        raise failure.not_modelled("stats of every running container (name them)")
    state = store.load(c.state_dir)
    containers = model.view(state, store.now_ns())
    chosen: list[tuple[str, Container]] = []
    missing: list[str] = []
    for ref in dict.fromkeys(c.args):  # docker reads each name once
        cid = refs.find_container(containers, ref)
        if not cid:
            if c.d.stops_at_first_missing:
                raise c.d.stats_missing(ref)
            missing.append(c.d.stats_missing(ref).stderr)
            continue
        chosen.append((ref, containers[cid]))
    if missing:  # docker waits for every reading, then prints the errors alone
        raise failure.FakeError("".join(missing), 1)
    trunc = not c.flag("no-trunc")
    host = host_memory()
    rows = [
        c.d.stats_row(
            ref,
            ctr["id"],
            ctr["name"],
            int(ctr["host"].get("Memory") or 0) or host,
            running=ctr["status"] == "running",
            trunc=trunc,
        )
        for ref, ctr in chosen
    ]
    c.io.out(c.d.stats_output(rows))
    return 0
