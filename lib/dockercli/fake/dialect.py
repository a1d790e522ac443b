"""What each client prints: versions, usage lines and error wordings, per dialect.

Every wording here was copied from a real client (docker 28.2.2, docker 20.10.24 and
podman 4.3.1 against the engines in tests/data); the docker-28 recordings were made
against a 20.10 engine, so daemon messages are the 20.10 engine's in both docker dialects.
"""

from __future__ import annotations

from dockercli.fake import commands, store

# Re-exported: handlers still ask dialect.PODMAN.
from dockercli.fake.clients import (
    DIALECTS as DIALECTS,  # noqa: PLC0414
    DOCKER20 as DOCKER20,  # noqa: PLC0414
    DOCKER28 as DOCKER28,  # noqa: PLC0414
    PODMAN as PODMAN,  # noqa: PLC0414
)
from dockercli.fake.failure import FakeError as FakeError  # noqa: PLC0414 - raised as dialect.FakeError


def current() -> str:
    """The dialect from ``FAKE_DOCKER_DIALECT`` (default docker-28); unknown values fail."""
    name = store.getenv("FAKE_DOCKER_DIALECT") or DOCKER28
    aliases = {
        "docker": DOCKER28,
        "docker-28.2.2": DOCKER28,
        "docker-20.10.24": DOCKER20,
        "docker-20": DOCKER20,
        "podman-4.3.1": PODMAN,
        "podman-4": PODMAN,
    }
    name = aliases.get(name, name)
    if name not in DIALECTS:
        raise FakeError(
            f"fake docker: FAKE_DOCKER_DIALECT={name!r} is not one of {', '.join(DIALECTS)}\n", 125
        )
    return name


SERVER_VERSION = "20.10.24+dfsg1"
CLIENT_VERSION = {DOCKER28: "28.2.2", DOCKER20: "20.10.24+dfsg1", PODMAN: "4.3.1"}


def _command(typed: str) -> commands.Command:
    return commands.BY_TYPED.get(typed) or commands.TOP


def _said(d: str, typed: str) -> str:
    """The path a client names in its messages: docker names the command (``container
    list`` -> ``container ls``), podman repeats what was typed."""
    return typed if d == PODMAN else _command(typed).shown(typed)


def _noun(n: int) -> str:
    return "argument" if n == 1 else "arguments"


def flag_error(d: str, path: str, message: str) -> FakeError:
    """A flag parsing error (unknown flag, bad value, missing value) of the command typed
    as ``path``: exit 125."""
    said = _said(d, path)
    if d == PODMAN:
        return FakeError(f"Error: {message}\nSee '{_cmd('podman', said)} --help'\n", 125)
    if d == DOCKER20:
        return FakeError(f"{message}\nSee '{_cmd('docker', said)} --help'.\n", 125)
    line = _command(path).usage_line(said)
    return FakeError(
        f"{message}\n\nUsage:  {line}\n\n"
        f"Run '{_cmd('docker', said)} --help' for more information\n",
        125,
    )


def _cmd(binary: str, path: str) -> str:
    return f"{binary} {path}" if path else binary


def unknown_flag(d: str, path: str, token: str) -> FakeError:
    """``unknown flag: --x`` / ``unknown shorthand flag: 'x' in -x``."""
    if token.startswith("--"):
        return flag_error(d, path, f"unknown flag: {token.split('=', 1)[0]}")
    return flag_error(d, path, token)


def arg_count(d: str, typed: str, got: int) -> FakeError | None:  # noqa: PLR0911, PLR0912 - one return per case keeps the mapping readable
    """The error for a wrong number of positional arguments, or None when it is fine."""
    command = _command(typed)
    rule = command.arity_for(d)
    path = _said(d, typed)
    line, desc = command.usage_line(path), command.about
    if rule == "*":
        return None
    if d == PODMAN and got == 0 and command.podman_no_args and not rule.startswith("<"):
        return FakeError(f"Error: {command.podman_no_args}\n", 125)
    if rule.startswith("="):
        n = int(rule[1:])
        if got == n:
            return None
        if d == PODMAN and n == 0:
            return FakeError(f"Error: `podman {path}` takes no arguments\n", 125)
        if d == PODMAN:
            return FakeError(f"Error: accepts {n} arg(s), received {got}\n", 125)
        if n == 0:
            text28 = f"'docker {path}' accepts no arguments"
            text20 = f'"docker {path}" accepts no arguments.'
        else:
            text28 = f"'docker {path}' requires {n} {_noun(n)}"
            text20 = f'"docker {path}" requires exactly {n} {_noun(n)}.'
        see = "Run"
    elif rule.startswith(">"):
        n = int(rule[1:])
        if got >= n:
            return None
        if d == PODMAN:
            return FakeError(f"Error: requires at least {n} arg(s), only received {got}\n", 125)
        text28 = f"'docker {path}' requires at least {n} {_noun(n)}"
        text20 = f'"docker {path}" requires at least {n} {_noun(n)}.'
        see = "See"
    elif rule.startswith("<"):
        n = int(rule[1:])
        if got <= n:
            return None
        if d == PODMAN:
            return FakeError(f"Error: accepts at most {n} arg(s), received {got}\n", 125)
        text28 = f"'docker {path}' requires at most {n} {_noun(n)}"
        text20 = f'"docker {path}" requires at most {n} {_noun(n)}.'
        see = "Run"
    else:
        low, high = (int(x) for x in rule.split("-"))
        if low <= got <= high:
            return None
        if d == PODMAN:
            return FakeError(
                f"Error: accepts between {low} and {high} arg(s), received {got}\n", 125
            )
        text28 = f"'docker {path}' requires at least {low} and at most {high} arguments"
        text20 = f'"docker {path}" requires at least {low} and at most {high} arguments.'
        see = "Run"
    if d == DOCKER20:
        return FakeError(f"{text20}\nSee 'docker {path} --help'.\n\nUsage:  {line}\n\n{desc}\n", 1)
    return FakeError(
        f"docker: {text28}\n\nUsage:  {line}\n\n"
        f"{see} 'docker {path} --help' for more information\n",
        1,
    )


def unknown_command(d: str, words: list[str]) -> FakeError:
    """A command this client does not have (exit 1, like docker; podman exits 125);
    ``words`` are two for a group's verb (``container remove`` on docker 20.10)."""
    typed = " ".join(words)
    group = " ".join(words[:-1])
    if d == PODMAN:
        return FakeError(
            f"Error: unrecognized command `podman {typed}`\n"
            f"Try '{_cmd('podman', group)} --help' for more information\n",
            125,
        )
    if group and d == DOCKER20:
        return not_modelled(
            f"'docker {typed}' (docker 20.10 has no such command and prints the help of"
            f" 'docker {group}', exit 1)"
        )
    if d == DOCKER20:
        return FakeError(f"docker: '{typed}' is not a docker command.\nSee 'docker --help'\n")
    usage = f"\nUsage:  docker {group}\n" if group else ""
    return FakeError(
        f"docker: unknown command: docker {typed}\n{usage}\n"
        f"Run '{_cmd('docker', group)} --help' for more information\n"
    )


def not_modelled(what: str) -> FakeError:
    """A real docker command or option that the fake does not implement: exit 125."""
    return FakeError(
        f"fake docker: {what} is not modelled by the fake"
        ' (see dockercli\'s README section "The fake docker binary and its fixtures")\n',
        125,
    )


def run_error(d: str, path: str, message: str, *, daemon: bool = False) -> FakeError:
    """An error of ``run``/``create`` option handling, or a daemon error of ``run``.

    docker reports both as ``docker: <msg>`` + a help hint, exit 125; a daemon error of
    ``create`` is printed bare with exit 1.
    """
    if d == PODMAN:
        return FakeError(f"Error: {message}\n", 125)
    if daemon and path == "create":
        return FakeError(f"{message}\n", 1)
    if d == DOCKER20:
        return FakeError(f"docker: {message.rstrip('.')}.\nSee 'docker {path} --help'.\n", 125)
    return FakeError(f"docker: {message}\n\nRun 'docker {path} --help' for more information\n", 125)


def podman_json(fmt: object) -> bool:
    """podman treats ``json``, ``{{json .}}`` and ``{{ json . }}`` as "print JSON"."""
    return isinstance(fmt, str) and fmt.replace(" ", "") in ("json", "{{json.}}", "{{json}}")


def daemon(message: str) -> str:
    """A message as docker relays it from the engine."""
    return f"Error response from daemon: {message}"


def no_such_container(d: str, ref: str, command: str) -> FakeError:
    """The not-found error of each command (their wordings differ in docker 20.10)."""
    if d == PODMAN:
        if command == "inspect-container":
            return FakeError(f"Error: inspecting object: no such container {ref}\n", 125)
        code = 1 if command == "rm" else 125
        return FakeError(
            f'Error: no container with name or ID "{ref}" found: no such container\n', code
        )
    if command == "kill":
        return FakeError(daemon(f"Cannot kill container: {ref}: No such container: {ref}\n"))
    client_side = ("logs", "rm", "port", "exec", "inspect-container")
    if d == DOCKER20 and command in client_side:
        return FakeError(f"Error: No such container: {ref}\n")
    return FakeError(daemon(f"No such container: {ref}\n"))


def no_such_image(d: str, ref: str, command: str) -> FakeError:
    """The image not-found error of rmi, tag and image inspect."""
    full = ref if (":" in ref.rsplit("/", 1)[-1] or "@" in ref) else ref + ":latest"
    if d == PODMAN:
        if command == "inspect":
            return FakeError(f"Error: inspecting object: {ref}: image not known\n", 125)
        return FakeError(f"Error: {ref}: image not known\n", 1 if command == "rmi" else 125)
    if command == "inspect":
        if d == DOCKER20:
            return FakeError(f"Error: No such image: {ref}\n")
        return FakeError(daemon(f"no such image: {ref}: No such image: {full}\n"))
    if command == "rmi" and d == DOCKER20:
        return FakeError(f"Error: No such image: {ref}\n")
    return FakeError(daemon(f"No such image: {full}\n"))


def no_such_object(d: str, ref: str) -> FakeError:
    """``inspect`` without ``--type`` found nothing of that name."""
    if d == PODMAN:
        return FakeError(f'Error: inspecting object: no such object: "{ref}"\n', 125)
    return FakeError(f"Error: No such object: {ref}\n")


OFFLINE_PULL = (
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io '
    "on 10.255.255.53:53: no such host"
)


def default_host(d: str) -> str:
    """Where the client would connect by default."""
    return "unix:///run/podman/podman.sock" if d == PODMAN else "unix:///var/run/docker.sock"


def daemon_down(d: str, host: str) -> FakeError:
    """The client's message when nothing answers at ``host``."""
    if d == PODMAN:
        if host.startswith("unix://"):
            dial = f"dial unix {host[len('unix://') :]}: connect: no such file or directory"
        else:
            dial = f"dial tcp {host.split('://', 1)[-1]}: connect: connection refused"
        return FakeError(
            "Cannot connect to Podman. Please verify your connection to the Linux system using "
            "`podman system connection list`, or try `podman machine init` and "
            "`podman machine start` to manage a new Linux VM\n"
            "Error: unable to connect to Podman socket: "
            f'Get "http://d/v4.3.1/libpod/_ping": {dial}\n',
            125,
        )
    return FakeError(
        f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?\n"
    )


_DEPRECATED = (
    "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n"
)


_BUILDKIT_OFF = (
    "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
    "            environment-variable.\n\n"
)


def build_notice(d: str) -> str:
    """What docker 28 prints on stderr before every legacy build (nothing elsewhere)."""
    if d != DOCKER28:
        return ""
    if store.getenv("DOCKER_BUILDKIT") == "0":
        return _DEPRECATED + _BUILDKIT_OFF
    return (
        _DEPRECATED + "            Install the buildx component to build images with BuildKit:\n"
        "            https://docs.docker.com/go/buildx/\n\n"
    )


def template_error(d: str, path: str, exc: Exception) -> FakeError:
    """How a client reports a bad ``--format`` template (``ps`` and ``images`` tell a failed
    execution from a parse error)."""
    parse = bool(getattr(exc, "parse", False))
    if d == PODMAN:
        return FakeError(f"Error: {exc}\n", 125)
    if path in ("ps", "images") and not parse:
        return FakeError(f"failed to execute template: {exc}\n", 1)
    return FakeError(f"template parsing error: {exc}\n", 64 if parse else 1)


def context_missing(d: str, name: str) -> str:
    """How a client says a context does not exist (docker 28 names the meta file)."""
    if d != DOCKER28:
        return f'context "{name}" does not exist'
    from hashlib import sha256  # noqa: PLC0415 - only this wording needs it

    config = store.getenv("DOCKER_CONFIG") or store.join(store.getenv("HOME") or "/root", ".docker")
    digest = sha256(name.encode()).hexdigest()
    meta = store.join(config, "contexts", "meta", digest, "meta.json")
    return f'context "{name}": context not found: open {meta}: no such file or directory'
