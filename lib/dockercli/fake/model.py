"""Containers over time: scripted outcome, lazy exit, health and logs.

Nothing runs inside a fake container. Its outcome is fixed when it is created, from
scripting keys (env ``FAKE_X`` or label ``fake.x``) or from interpreting its command
(see ``script``); status, health and log lines are then *computed* from the start time
and the clock, so readers need no lock and no background process.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.records import Container, File, State

NS = 1_000_000_000
NEVER = -1.0
_SIGNALS = {
    "HUP": 1,
    "INT": 2,
    "QUIT": 3,
    "ILL": 4,
    "TRAP": 5,
    "ABRT": 6,
    "IOT": 6,
    "BUS": 7,
    "FPE": 8,
    "KILL": 9,
    "USR1": 10,
    "SEGV": 11,
    "USR2": 12,
    "PIPE": 13,
    "ALRM": 14,
    "TERM": 15,
    "STKFLT": 16,
    "CHLD": 17,
    "CONT": 18,
    "STOP": 19,
    "TSTP": 20,
    "TTIN": 21,
    "TTOU": 22,
    "URG": 23,
    "XCPU": 24,
    "XFSZ": 25,
    "VTALRM": 26,
    "PROF": 27,
    "WINCH": 28,
    "IO": 29,
    "POLL": 29,
    "PWR": 30,
    "SYS": 31,
}
_HARMLESS = (17, 18, 23, 28)  # ignored by default: CHLD, CONT, URG, WINCH


def signal_number(name: str) -> int:
    """SIGTERM / TERM / 15 -> 15; 0 when the name is not a signal."""
    text = name.upper().removeprefix("SIG")
    if text.isdigit():
        return int(text) if 0 < int(text) < 65 else 0
    return _SIGNALS.get(text, 0)


def unescape(text: str) -> str:
    r"""Scripting values may spell newlines and tabs as ``\n`` and ``\t``."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(
                {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(text[i + 1], text[i : i + 2])
            )
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def env_dict(env: list[str]) -> dict[str, str]:
    """``["K=V", ...]`` as a dict."""
    return {key: value for key, _, value in (e.partition("=") for e in env)}


def env_key(key: str) -> str:
    """The env spelling of a scripting key: ``fake.exec.cat`` -> ``FAKE_EXEC_CAT``."""
    return "".join(c if c.isalnum() else "_" for c in key).upper()


def lookup(env: dict[str, str], labels: dict[str, str], key: str) -> str | None:
    """A scripting value: the env var wins over the label."""
    value = env.get(env_key(key))
    if value is None:
        value = labels.get(key)
    return value


def _number(value: str | None, default: float) -> float:
    """A scripted number; ``never`` or any infinity is NEVER: never a non-finite float."""
    if value is None or value == "":
        return default
    if value.strip().lower() in ("never", "none", "inf", "infinity"):
        return NEVER
    try:
        number = float(value)
    except ValueError:
        return default
    if math.isnan(number):
        return default
    return NEVER if math.isinf(number) else number


_OUTCOME_KEYS = ("fake.logs", "fake.stderr", "fake.exit_code", "fake.exit_after")


def outcome(
    argv: list[str],
    env_list: list[str],
    labels: dict[str, str],
    *,
    cwd: str = "/",
    stdin: str | None = "",
    tty: bool = False,
    files: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The scripted behaviour of a container, fixed at create time (and again at a first
    start after files were copied in: ``files``, the text of each, by path).

    ``known`` is False when the command could not be interpreted (``reason`` says why);
    ``scripted`` is True when a scripting key gives its output or its exit.
    """
    from dockercli.fake import script

    env = env_dict(env_list)
    ran = script.run(argv, env, cwd=cwd, stdin=stdin, tty=tty, strict=True, files=files)
    logs = lookup(env, labels, "fake.logs")
    errs = lookup(env, labels, "fake.stderr")
    events: list[tuple[int, str, float]] = [(s, t, at) for (s, t), at in zip(ran.output, ran.times)]
    if logs is not None or errs is not None:
        events = []
        if logs:
            events.append((1, unescape(logs), 0.0))
        if errs:
            events.append((2, unescape(errs), 0.0))
    if tty:  # a terminal merges the streams and turns \n into \r\n
        events = [(1, t.replace("\r\n", "\n").replace("\n", "\r\n"), at) for _, t, at in events]
    timed = [(s, line, at) for s, text, at in events for line in text.splitlines(keepends=True)]
    lines = [(s, line) for s, line, _ in timed]
    interval = max(0.0, _number(lookup(env, labels, "fake.log_interval"), 0.0))
    code_text = lookup(env, labels, "fake.exit_code")
    code = int(_number(code_text, float(ran.code))) % 256
    ends = ran.known and not ran.forever
    scripted = any(lookup(env, labels, key) is not None for key in _OUTCOME_KEYS)
    after = lookup(env, labels, "fake.exit_after")
    default_after = ran.seconds + interval * len(lines) if ends else NEVER
    exec_map = {
        k[len("fake.exec.") :]: unescape(v) for k, v in labels.items() if k.startswith("fake.exec.")
    }
    exec_map.update(
        {
            k[len("FAKE_EXEC_") :].lower(): unescape(v)
            for k, v in env.items()
            if k.startswith("FAKE_EXEC_") and k not in ("FAKE_EXEC_OUTPUT", "FAKE_EXEC_EXIT_CODE")
        }
    )
    generic = lookup(env, labels, "fake.exec_output")
    return {
        "lines": lines,
        "at": [at for _, _, at in timed],
        "known": ran.known,
        "reason": ran.reason,
        "scripted": scripted,
        # an attached run of a scripted program the fake cannot interpret ends after its output
        "attached_exit": interval * len(lines)
        if scripted and not ran.known and not after
        else NEVER,
        "interval": interval,
        "code": code,
        "exit_after": _number(after, default_after),
        "exec": exec_map,
        "exec_output": None if generic is None else unescape(generic),
        "exec_code": int(_number(lookup(env, labels, "fake.exec_exit_code"), 0.0)),
        "health": (lookup(env, labels, "fake.health") or "").lower(),
        "health_after": _number(lookup(env, labels, "fake.health_after"), -2.0),
        "stop_code": int(_number(lookup(env, labels, "fake.stop_exit_code"), -1.0)),
        "start_error": (lookup(env, labels, "fake.start_error") or "").lower(),
    }


def settle(c: Container, now: int) -> bool:
    """Apply a scripted exit that is due; True when ``c`` changed."""
    if c["status"] != "running":
        return False
    after = c["script"]["exit_after"]
    if after < 0:
        return False
    end = wall_time(c, c["started"], int(after * NS))
    if end is None or now < end:
        return False
    finish(c, end, c["script"]["code"])
    return True


def paused(c: Container) -> bool:
    """Whether ``c`` is paused now (``docker pause``): still running, its program frozen."""
    pauses = c.get("pauses") or []
    return c["status"] == "running" and bool(pauses) and not pauses[-1][1]


def state_name(c: Container) -> str:
    """What inspect's State.Status and ``ps``'s State say: ``paused`` for a paused one."""
    return "paused" if paused(c) else c["status"]


def wall_time(c: Container, start: int, offset: int) -> int | None:
    """When a program started at ``start`` has run ``offset`` ns of its own time: later by
    each pause of that run before then; None when it is paused before it gets there."""
    when = start + offset
    for since, until in c.get("pauses") or []:
        if since < start or since >= when:
            continue
        if not until:
            return None
        when += until - since
    return when


def finish(c: Container, when: int, code: int) -> None:
    """Mark ``c`` exited at ``when`` with ``code`` (ports released, helper forgotten; a
    pause ends with it)."""
    pauses = c.get("pauses") or []
    if pauses and not pauses[-1][1]:
        pauses[-1][1] = when
    c["status"] = "exited"
    c["exit_code"] = code
    c["finished"] = when
    c["pid"] = 0
    c["ports"] = {}
    c["helper"] = 0
    if c["runs"] and not c["runs"][-1][1]:
        c["runs"][-1][1] = when


def gone(c: Container) -> bool:
    """An ``--rm`` container that has exited no longer exists."""
    return bool(c["host"].get("AutoRemove")) and c["status"] == "exited"


def all_files(c: Container) -> dict[str, File]:
    """Every file the fake knows ``c`` has: its image's (a commit's), then what ``docker
    cp`` put in (which wins), by absolute path."""
    return {**(c.get("image_files") or {}), **(c.get("files") or {})}


def file_texts(c: Container) -> dict[str, str]:
    """The regular files the fake knows ``c`` has (``all_files``), as text, by path."""
    return texts(all_files(c))


def texts(files: dict[str, File]) -> dict[str, str]:
    """The regular files among ``files``, as text, by path."""
    import base64

    return {
        path: base64.b64decode(f["data"]).decode("utf-8", "surrogateescape")
        for path, f in files.items()
        if f["type"] == "0"
    }


def forget(state: State, c: Container, *, volumes: bool = False) -> None:
    """Remove ``c`` from the state; with ``volumes`` (``rm -v``), or for an ``--rm``
    container, its anonymous volumes that no other container mounts go too."""
    del state["containers"][c["id"]]
    if c.get("mounts") and (volumes or c["host"].get("AutoRemove")):
        _drop_anonymous(state, c)


def mounts_volume(c: Container, name: str) -> bool:
    """Whether ``c`` mounts volume ``name``."""
    return any(m.get("Type") == "volume" and m.get("Name") == name for m in c.get("mounts", []))


def volume_users(state: State, name: str, now: int) -> list[Container]:
    """The containers that mount volume ``name`` at ``now``, in any state."""
    return [c for c in view(state, now).values() if mounts_volume(c, name)]


def _drop_anonymous(state: State, c: Container) -> None:
    """Remove the anonymous volumes of ``c`` (just removed) that no other container mounts."""
    for m in c.get("mounts", []):
        vol = state["volumes"].get(m.get("Name") or "")
        if vol is None or not vol["anonymous"]:
            continue
        if not any(mounts_volume(x, vol["name"]) for x in state["containers"].values()):
            del state["volumes"][vol["name"]]


def view(state: State, now: int) -> dict[str, Container]:
    """The containers as they are at ``now`` (scripted exits applied, --rm ones gone)."""
    out: dict[str, Container] = {}
    for cid, c in state["containers"].items():
        settle(c, now)
        if not gone(c):
            out[cid] = c
    return out


def stop_code(c: Container, signal: int = 0) -> int:
    """Exit code after stop (0 = SIGTERM then SIGKILL) or a kill signal."""
    scripted = c["script"]["stop_code"]
    if scripted >= 0:
        return int(scripted)
    if signal:
        return 128 + signal
    return 143 if c["host"].get("Init") else 137


def health(c: Container, now: int) -> dict[str, Any] | None:
    """State.Health at ``now``, or None for a container without a healthcheck."""
    check = c["config"].get("Healthcheck")
    if not check or check.get("Test", [""])[0] == "NONE" or not c["runs"]:
        return None
    start, end = c["runs"][-1]
    interval = (check.get("Interval") or 30 * NS) / NS
    first = c["script"]["health_after"]
    first = interval if first < -1 else max(first, 0.0)
    retries = check.get("Retries") or 3
    wanted = c["script"]["health"]
    if not wanted:
        from dockercli.fake import script

        test = check["Test"]
        argv = ["/bin/sh", "-c", test[1]] if test[0] == "CMD-SHELL" else test[1:]
        wanted = (
            "healthy" if script.run(argv, env_dict(c["config"]["Env"])).code == 0 else "unhealthy"
        )
    limit = min(now, end) if end else now
    checks = (
        0
        if limit < start + int(first * NS)
        else 1 + int((limit - start - first * NS) // (interval * NS))
    )
    if wanted == "starting":
        checks = 0
    code = 0 if wanted == "healthy" else 1
    log = [
        {"Start": start + int((first + k * interval) * NS), "ExitCode": code}
        for k in range(max(0, checks - 5), checks)
    ]
    if checks == 0:
        status, streak = "starting", 0
    elif code == 0:
        status, streak = "healthy", 0
    else:
        streak = checks
        status = "unhealthy" if checks >= retries else "starting"
    return {"Status": status, "FailingStreak": streak, "Log": log}


def log_lines(c: Container, now: int) -> list[tuple[int, int, str]]:
    """(stream, time ns, line) of every run, as far as each has got by ``now``."""
    lines = c["script"]["lines"]
    at = c["script"].get("at") or [0.0] * len(lines)  # state written before times were kept
    step = c["script"]["interval"]
    out: list[tuple[int, int, str]] = []
    for start, end in c["runs"]:
        limit = min(now, end) if end else now
        for i, (stream, text) in enumerate(lines):
            when = wall_time(c, start, int((at[i] + i * step) * NS))
            if when is None or when > limit:
                break
            out.append((stream, when, text))
    return out


_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def valid_name(name: str) -> bool:
    """A container name by docker's rule ``[a-zA-Z0-9][a-zA-Z0-9_.-]*``."""
    return bool(name) and name[0] not in "_.-" and set(name) <= _NAME_CHARS
