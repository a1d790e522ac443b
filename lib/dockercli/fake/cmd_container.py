"""``stop``, ``kill``, ``rm``, ``rename``, ``wait``, ``port``, ``logs`` and ``exec``.

A paused container is running (``kill``, ``wait``, ``port``, ``logs`` see it so); ``stop``,
``rm`` and ``exec`` ask the dialect what each client says to one (dialect_pause)."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import time

from dockercli.fake import dialect, lifecycle, model, ports, refs, script, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State

_HARMLESS = (17, 18, 23, 28)  # CHLD, CONT, URG, WINCH do not stop a process by default
_KILL = 9  # the one signal a paused process gets at once on podman too


def _each(c: Ctx, command: str, state: State) -> list[tuple[str, Container]]:
    """(ref, container) for every argument; docker reports the missing ones and goes on."""
    found: list[tuple[str, Container]] = []
    for ref in c.args:
        cid = refs.find_container(state["containers"], ref)
        if cid and not model.gone(state["containers"][cid]):
            found.append((ref, state["containers"][cid]))
            continue
        c.report(c.d.no_such_container(ref, command))
    return found


def stop(c: Ctx) -> int:
    """``docker stop``: running containers exit (137, or 143 with --init), paused ones too
    (podman refuses those); print each name."""
    signal = model.signal_number(str(c.flag("signal"))) if c.flag("signal") else 0
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref, ctr in _each(c, "stop", state):
            refused = c.d.stop_paused(ctr["id"]) if model.paused(ctr) else None
            if refused is not None:  # podman 4.3; docker's engine thaws it and stops it
                c.report(refused)
                continue
            if ctr["status"] == "running":
                ports.stop_helper(ctr)
                model.finish(ctr, store.now_ns(), model.stop_code(ctr, signal))
            c.io.out(ref + "\n")
    return 1 if c.failed else 0


def kill(c: Ctx) -> int:
    """``docker kill``: default SIGKILL (exit 137); harmless signals leave it running. A
    paused one is killed too (docker thaws it for any signal; podman holds all but KILL
    until it is unpaused, which the fake does not model)."""
    name = str(c.flag("signal") or "KILL")
    number = model.signal_number(name)
    if not number:
        raise c.d.bad_signal(name)
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref, ctr in _each(c, "kill", state):
            if ctr["status"] != "running":
                c.report(c.d.kill_not_running(ref, ctr["id"], ctr["status"]))
                continue
            if number not in _HARMLESS:
                if number != _KILL and model.paused(ctr) and c.d.signal_waits_for_unpause:
                    raise dialect.not_modelled(f"podman kill -s {name} of a paused container")
                ports.stop_helper(ctr)
                model.finish(ctr, store.now_ns(), model.stop_code(ctr, number))
            c.io.out(ref + "\n")
    return 1 if c.failed else 0


def rm(c: Ctx) -> int:
    """``docker rm``: a running or paused container needs ``--force``."""
    force = bool(c.flag("force"))
    failed = False
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref in c.args:
            cid = refs.find_container(state["containers"], ref)
            if not cid:
                if force and c.d.force_ignores_missing:
                    continue
                c.report(c.d.no_such_container(ref, "rm"))
                failed = failed or not force
                continue
            ctr = state["containers"][cid]
            if ctr["status"] == "running" and not force:
                c.report(c.d.rm_paused(cid) if model.paused(ctr) else c.d.rm_running(cid))
                failed = True
                continue
            ports.stop_helper(ctr)
            model.forget(state, ctr, volumes=bool(c.flag("volumes")))
            c.io.out(ref + "\n")
    return 1 if failed else 0


def rename(c: Ctx) -> int:
    """``docker rename CONTAINER NEW_NAME``: prints nothing; the ID and all else stay."""
    ref, new = c.args
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        cid = refs.find_container(state["containers"], ref)
        if not cid or model.gone(state["containers"][cid]):
            raise c.d.rename_failed(ref, "missing")
        name = new[1:] if new.startswith("/") else new
        if not model.valid_name(name):
            raise c.d.rename_failed(ref, "invalid", new=name, renamed=cid)
        if state["containers"][cid]["name"] == name:
            refused = c.d.rename_failed(ref, "same")
            if refused.code:
                raise refused
            return 0  # podman: nothing to do
        for other in state["containers"].values():
            if other["name"] == name and not model.gone(other):
                raise c.d.rename_failed(ref, "taken", new=name, renamed=cid, holder=other["id"])
        state["containers"][cid]["name"] = name
    return 0


def wait(c: Ctx) -> int:
    """``docker wait``: block until each container stops; print its exit code."""
    state = store.load(c.state_dir)
    targets = [(ref, ctr["id"]) for ref, ctr in _each(c, "wait", state)]
    for _ref, cid in targets:
        code = 0
        while True:
            current = store.load(c.state_dir)["containers"].get(cid)
            if current is None:
                break
            model.settle(current, store.now_ns())
            code = current["exit_code"]
            if current["status"] != "running":
                break
            time.sleep(lifecycle.next_wait(current))
        c.io.out(f"{code}\n")
    return 1 if c.failed else 0


def _port_key(key: str) -> tuple[int, str]:
    number, _, proto = key.partition("/")
    return int(number), proto


def port(c: Ctx) -> int:
    """``docker port CONTAINER [PORT[/PROTO]]``."""
    query = c.args[1] if len(c.args) > 1 else ""
    key = ""
    if query:
        number, _, proto = query.partition("/")
        problem = c.d.bad_port_query(number)
        if problem:
            raise problem
        key = f"{number}/{proto or 'tcp'}"
    state = store.load(c.state_dir)
    now = store.now_ns()
    ref = c.args[0]
    cid = refs.find_container(model.view(state, now), ref)
    if not cid:
        raise c.d.no_such_container(ref, "port")
    ctr = state["containers"][cid]
    live = ctr["ports"] if ctr["status"] == "running" else {}
    bindings = [
        (k, b["HostIp"] or "0.0.0.0", b["HostPort"])  # noqa: S104 - shown to users, never bound
        for k in sorted(live or {}, key=_port_key)
        if not key or k == key
        for b in live[k] or []
    ]
    lines = c.d.port_lines(bindings, one_port=bool(key))
    if key and not lines and ctr["status"] == "running":
        problem = c.d.no_public_port(query, key, ref)
        if problem:
            raise problem
    c.io.out("".join(line + "\n" for line in lines))
    return 0


def _parse_time(text: str, now: int) -> int:
    """docker's --since/--until: unix seconds, a duration back from now, or RFC3339."""
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if text[-1:] in units and text[:-1].replace(".", "", 1).isdigit():
            return now - int(float(text[:-1]) * units[text[-1]] * model.NS)
        if text.replace(".", "", 1).isdigit():
            return int(float(text) * model.NS)
        date, _, clock = text.rstrip("Z").partition("T")
        y, mo, d = (int(x) for x in date.split("-"))
        hh, mm, ss = ([*clock.split(":"), "0", "0", "0"])[:3] if clock else ("0", "0", "0")
        days = _days_from_civil(y, mo, d)
        return int((days * 86400 + int(hh) * 3600 + int(mm) * 60 + float(ss)) * model.NS)
    except (ValueError, IndexError):
        raise dialect.FakeError(
            f'invalid value for "since": failed to parse value as time or duration: "{text}"\n'
        ) from None


def _days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def logs(c: Ctx) -> int:
    """``docker logs``: the scripted output; ``-f`` follows until the container exits."""
    tail = str(c.flag("tail") or "all")
    if c.d.checks_tail and tail != "all" and not tail.lstrip("-").isdigit():
        raise c.d.flag_error(
            c.typed,
            f'invalid argument "{tail}" for "--tail" flag: strconv.ParseInt: parsing "{tail}": '
            "invalid syntax",
        )
    state = store.load(c.state_dir)
    now = store.now_ns()
    ref = c.args[0]
    cid = refs.find_container(model.view(state, now), ref)
    if not cid:
        raise c.d.no_such_container(ref, "logs")
    ctr = state["containers"][cid]
    if (ctr["host"].get("LogConfig") or {}).get("Type") == "none":
        raise c.d.logs_not_kept()
    lines = model.log_lines(ctr, now)
    total = len(lines)
    since, until = c.flag("since"), c.flag("until")
    if since:
        start = _parse_time(since, now)
        lines = [x for x in lines if x[1] >= start]
    if until:
        end = _parse_time(until, now)
        lines = [x for x in lines if x[1] <= end]
    if tail.isdigit():
        lines = lines[len(lines) - int(tail) :] if int(tail) else []
    lifecycle.emit(c, lines, bool(c.flag("timestamps")))
    if c.flag("follow") and ctr["status"] == "running" and not until:
        lifecycle.follow(c, cid, total, stamps=bool(c.flag("timestamps")))
    return 0


def exec_(c: Ctx) -> int:
    """``docker exec``: scripted output (``fake.exec.<program>``, ``fake.exec_output``), else
    the interpreted command; a command the fake cannot interpret is refused (exit 125)."""
    state = store.load(c.state_dir)
    now = store.now_ns()
    ref = c.args[0]
    cid = refs.find_container(model.view(state, now), ref)
    if not cid:
        raise c.d.no_such_container(ref, "exec")
    ctr = state["containers"][cid]
    if ctr["status"] != "running":
        raise c.d.exec_not_running(cid)
    if model.paused(ctr):
        raise c.d.exec_paused(ref, cid)
    argv = c.args[1:]
    env = model.env_dict(ctr["config"].get("Env") or [])
    env.update(model.env_dict(c.env_entries()))
    sc = ctr["script"]
    program = argv[0].rsplit("/", 1)[-1]
    if program in ("sh", "bash", "ash") and argv[1:2] == ["-c"] and len(argv) > 2:
        words = argv[2].split()
        program = words[0].rsplit("/", 1)[-1] if words else program
    if c.flag("detach"):
        return 0
    tty = bool(c.flag("tty"))
    if tty and c.flag("interactive") and c.d.needs_a_terminal:
        import posix

        if not posix.isatty(0):
            raise dialect.FakeError("the input device is not a TTY\n", 1)
    if program in sc["exec"]:
        c.io.out(sc["exec"][program])
        return int(sc["exec_code"])
    ran = script.run(
        argv,
        env,
        cwd=c.flag("workdir") or ctr["config"].get("WorkingDir") or "/",
        stdin=None if tty else _exec_stdin(c),
        tty=tty,
        strict=True,
        files=model.file_texts(ctr) if model.all_files(ctr) else None,
    )
    if not ran.known:
        if sc["exec_output"] is not None:
            c.io.out(sc["exec_output"])
            return int(sc["exec_code"])
        raise _exec_refused(argv, ran.reason)
    return _replay(c, cid, ran, tty=tty)


def _replay(c: Ctx, cid: str, ran: script.Outcome, *, tty: bool) -> int:
    """Print an interpreted exec's output as the clock reaches it; its exit status."""
    started = time.monotonic()
    for (stream, text), at in zip(ran.output, ran.times):
        _pause_until(started + at)
        if tty:  # a terminal merges the streams and turns \n into \r\n
            c.io.out(text.replace("\r\n", "\n").replace("\n", "\r\n"))
        elif stream == 2:
            c.io.err(text)
        else:
            c.io.out(text)
    if ran.forever:
        _until_stopped(c, cid)  # the exec'd process ends when its container does
        return 137
    _pause_until(started + ran.seconds)
    return ran.code


def _exec_stdin(c: Ctx) -> str:
    """``exec -i``: what is piped in; without ``-i`` the program's stdin is closed."""
    if not c.flag("interactive"):
        return ""
    return lifecycle.read_stdin()


def _exec_refused(argv: list[str], reason: str) -> dialect.FakeError:
    program = argv[0].rsplit("/", 1)[-1]
    return dialect.FakeError(
        f"fake docker: cannot exec {lifecycle.shown_command(argv)}: {reason}; script its output "
        f"with the fake.exec.{program} or fake.exec_output labels (or "
        f"{model.env_key('fake.exec.' + program)} / FAKE_EXEC_OUTPUT in its env), see README "
        "'Scripting containers'\n",
        125,
    )


def _pause_until(deadline: float) -> None:
    """Sleep until ``deadline`` (time.monotonic): an exec takes as long as its sleeps."""
    delay = deadline - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def _until_stopped(c: Ctx, cid: str) -> None:
    while True:
        ctr = store.load(c.state_dir)["containers"].get(cid)
        if ctr is None:
            return
        model.settle(ctr, store.now_ns())
        if ctr["status"] != "running":
            return
        time.sleep(lifecycle.POLL)
