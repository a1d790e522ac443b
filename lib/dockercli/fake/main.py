"""Dispatch: global flags, the command table, faults, and the call log."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import commands, ctx as ctx_mod, dialect, flags, jsonio, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable


# Real docker commands the fake does not implement: they fail with exit 125.
_UNMODELLED = frozenset(
    (
        "attach",
        "builder",
        "buildx",
        "checkpoint",
        "compose",
        "config",
        "cp",
        "debug",
        "events",
        "history",
        "import",
        "init",
        "load",
        "login",
        "logout",
        "manifest",
        "network",
        "node",
        "plugin",
        "push",
        "rename",
        "save",
        "scout",
        "search",
        "secret",
        "service",
        "stack",
        "swarm",
        "trust",
        "volume",
        "generate",
        "healthcheck",
        "kube",
        "machine",
        "play",
        "pod",
        "unshare",
    )
)
_SECRET_FLAGS = ("-e", "--env", "--build-arg")


def main(argv: list[str]) -> int:
    """Run one fake docker invocation; return its exit status."""
    io = ctx_mod.Output()
    state_dir = store.state_dir()
    env_names: list[str] = []
    code = 125
    try:
        d = dialect.current()
        code = _run(d, argv, io, state_dir, env_names)
    except dialect.FakeError as exc:
        io.err(exc.stderr)
        code = exc.code
    except KeyboardInterrupt:
        code = 130
    finally:
        _flush(io)
        _log_call(state_dir, argv, env_names, code)
    return code


def _flush(io: ctx_mod.Output) -> None:
    if not io.hold:
        return
    data = bytes(io.held)
    io.raw(1, io.mangle(data) if io.mangle else data)


def _run(
    d: dialect.Dialect, argv: list[str], io: ctx_mod.Output, state_dir: str, env_names: list[str]
) -> int:
    gopts, rest = flags.parse(d, "", flags.Spec(d.global_flags), argv, interspersed=False)
    if gopts.get("version") and not rest:
        io.out(d.version_line())
        return 0
    host = d.endpoint(gopts)
    if not rest:
        raise dialect.not_modelled("docker without a command (the help text)")
    grouped = rest[0] in commands.GROUPS
    words = rest[:2] if grouped and len(rest) > 1 else rest[:1]
    typed = " ".join(words)
    command = commands.find(d.name, typed)
    if command is None:
        if typed in commands.BY_TYPED:  # a spelling this client does not have
            raise d.unknown_command(words)
        if rest[0] in _UNMODELLED or grouped:
            raise dialect.not_modelled(f"'docker {typed}'")
        raise d.unknown_command(words)
    c = ctx_mod.Ctx(d, state_dir, host, io)
    if command.path == "build":
        io.err(d.build_notice())  # docker 28 prints it before anything else
    c.parse(typed, command, rest[len(words) :])
    env_names.extend(_env_names(c))
    fault_env = store.getenv("FAKE_DOCKER_FAULTS")
    if fault_env:
        early = _apply_faults(c, command.path, argv, fault_env)
        if early is not None:
            return early
    module, _, function = d.handler(command).partition(".")
    handler: Callable[[ctx_mod.Ctx], int] = getattr(
        __import__(f"dockercli.fake.{module}", fromlist=("_",)), function
    )
    return handler(c)


def _env_names(c: ctx_mod.Ctx) -> list[str]:
    names: list[str] = []
    for key in ("env", "build-arg"):
        for item in c.opts.get(key) or []:
            if "=" not in item:
                names.append(item)
    return names


def _apply_faults(c: ctx_mod.Ctx, canonical: str, argv: list[str], text: str) -> int | None:
    from dockercli.fake import faults

    shown = " ".join(["docker", *mask(argv)])
    rules = faults.select(text, canonical, argv, shown, c.state_dir)
    for rule in rules:
        action = rule["action"]
        if action == "hang":
            import time

            time.sleep(float(rule.get("seconds", 60)))
            if rule.get("then") == "exit":
                return _fault_exit(c, rule)
        elif action == "exit":
            return _fault_exit(c, rule)
        elif action == "down":
            from dockercli.fake import cmd_system

            return int(cmd_system.daemon_down(c))
        elif action == "slow":
            c.io.delay = float(rule.get("seconds", 0.2))
        else:
            c.io.hold = True
            c.io.mangle = _mangler(faults, rule)
    return None


def _mangler(faults: Any, rule: dict[str, Any]) -> Callable[[bytes], bytes]:
    action = rule["action"]
    if action == "garbage":
        return lambda _data: bytes(faults.garbage())
    if action == "truncate":
        return lambda data: bytes(faults.truncate(data, rule))
    return lambda data: bytes(faults.bad_utf8(data))


def _fault_exit(c: ctx_mod.Ctx, rule: dict[str, Any]) -> int:
    c.io.out(str(rule.get("stdout", "")))
    c.io.err(str(rule.get("stderr", "")))
    return int(rule.get("code", 1))


def mask(argv: list[str]) -> list[str]:
    """argv with every ``--env``/``-e``/``--build-arg`` value replaced by ``NAME=***``."""
    out: list[str] = []
    secret_next = False
    for arg in argv:
        if secret_next:
            out.append(_hide(arg))
            secret_next = False
            continue
        if arg in _SECRET_FLAGS:
            secret_next = True
            out.append(arg)
            continue
        masked = arg
        for flag in ("--env=", "--build-arg="):
            if arg.startswith(flag):
                masked = flag + _hide(arg[len(flag) :])
        if arg.startswith("-") and not arg.startswith("--") and "e" in arg[1:]:
            head, _, tail = arg[1:].partition("e")
            if all(ch in "dit" for ch in head):  # -e, -de, -eK=V, -ite...
                masked = "-" + head + "e" + _hide(tail) if tail else arg
                secret_next = not tail
        out.append(masked)
    return out


def _hide(value: str) -> str:
    name, eq, _ = value.partition("=")
    return f"{name}=***" if eq else value


def _log_call(state_dir: str, argv: list[str], env_names: list[str], code: int) -> None:
    path = store.getenv("FAKE_DOCKER_CALL_LOG") or store.join(state_dir, "calls.jsonl")
    line = jsonio.dumps(
        {"argv": ["docker", *mask(argv)], "env_names": env_names, "exit_code": code}
    )
    try:  # noqa: SIM105 - contextlib costs 8 ms of import time per invocation
        store.append_call(path, line)
    except OSError:
        pass  # the log must never change the outcome of the command it records
