"""``commit --change``: Dockerfile instructions applied to the committed image's config.

docker's engine reads the changes with its Dockerfile parser and dispatches them on a copy
of the container's config (``BuildFromConfig``, then ``merge``); podman reads each change
on its own (libimage's ``ImageConfigFromChanges``), with its own forms and words. Both
are modelled for CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER and WORKDIR; an instruction
neither takes is refused in the engine's words; one they take that the fake does not model
(HEALTHCHECK, ONBUILD, VOLUME, podman's STOPSIGNAL) exits 125.
"""

from __future__ import annotations

import posixpath

from dockercli.fake import dockerfile, failure, model

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# the instructions docker's engine takes in a commit (validCommitCommands)
_DOCKER_VALID = (
    *("cmd", "entrypoint", "env", "expose", "healthcheck"),
    *("label", "onbuild", "user", "volume", "workdir"),
)
# what each engine takes that the fake does not model (docker refuses STOPSIGNAL, podman
# HEALTHCHECK, as invalid instructions)
_NOT_MODELLED = ("HEALTHCHECK", "ONBUILD", "VOLUME")
_PODMAN_NOT_MODELLED = ("ONBUILD", "VOLUME", "STOPSIGNAL")
_SHELL = ["/bin/sh", "-c"]


class ChangeError(Exception):
    """A change the engine refuses: its message (the dialect words it)."""


def _json_or_shell(text: str) -> tuple[list[str], bool]:
    """A JSON array of strings (exec form), else the text as one word (shell form; none
    for no text)."""
    return dockerfile.json_or_shell(text, []) if text else ([], False)


def _not_modelled(keyword: str) -> failure.NotModelled:
    return failure.not_modelled(f"commit --change {keyword}")


# -- docker ------------------------------------------------------------------------------


def on_container_config(config: dict[str, Any], changes: list[str]) -> dict[str, Any]:
    """The committed config: ``config`` (the container's) with ``changes`` applied."""
    parsed = dockerfile.parse("\n".join(changes))
    if not parsed.instructions:
        raise ChangeError("file with no instructions")
    steps = parsed.instructions
    for _line, keyword, args, _orig in steps:  # the parser's refusals come first
        if keyword in ("ENV", "LABEL"):
            try:
                dockerfile.name_values(keyword, args, parsed.escape)
            except dockerfile.ParseError as exc:
                raise ChangeError(str(exc)) from None
    for _line, keyword, _args, _orig in steps:
        if keyword.lower() not in _DOCKER_VALID:
            raise ChangeError(f"{keyword.lower()} is not a valid change command")
    for _line, keyword, args, _orig in steps:
        if keyword in _NOT_MODELLED:
            raise _not_modelled(keyword)
        _docker_arguments(keyword, args, parsed.escape)
    cfg = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
           for k, v in config.items()}  # fmt: skip
    cmd_set = False
    for _line, keyword, args, _orig in steps:
        cmd_set = _docker_step(cfg, keyword, args, parsed.escape) or cmd_set
        if keyword == "ENTRYPOINT" and not cmd_set:
            cfg["Cmd"] = None  # an ENTRYPOINT resets a CMD the changes did not set
    if not cfg.get("Entrypoint"):  # merge(): what the changes left empty comes back
        cfg["Cmd"] = cfg.get("Cmd") or config.get("Cmd")
        cfg["Entrypoint"] = config.get("Entrypoint") if cfg.get("Entrypoint") is None else None
    return cfg


def _docker_arguments(keyword: str, args: str, escape: str) -> None:
    """The instruction parser's refusals (before any change is applied)."""
    if keyword in ("ENV", "LABEL", "EXPOSE") and not args:
        raise ChangeError(f"{keyword} requires at least one argument")
    if keyword in ("USER", "WORKDIR") and not args:
        raise ChangeError(f"{keyword} requires exactly one argument")
    pairs = dockerfile.name_values(keyword, args, escape) if keyword in ("ENV", "LABEL") else []
    if any(not k for k, _ in pairs):
        raise ChangeError(f"{keyword} names can not be blank")


def _docker_step(cfg: dict[str, Any], keyword: str, args: str, escape: str) -> bool:
    """Apply one instruction; True when it sets a command (CMD with words)."""
    env = model.env_dict(cfg.get("Env") or [])  # the words see the env from before the step
    if keyword == "ENV":
        current = dict(env)
        for key, value in dockerfile.name_values(keyword, args, escape):
            current[dockerfile.process_word(key, env, escape)] = dockerfile.process_word(
                value, env, escape
            )
        cfg["Env"] = [f"{k}={v}" for k, v in current.items()]
    elif keyword == "LABEL":
        labels = dict(cfg.get("Labels") or {})
        for key, value in dockerfile.name_values(keyword, args, escape):
            labels[dockerfile.process_word(key, env, escape)] = dockerfile.process_word(
                value, env, escape
            )
        cfg["Labels"] = labels
    elif keyword == "EXPOSE":
        exposed = dict(cfg.get("ExposedPorts") or {})
        for spec in dockerfile.process_fields(args, env, escape):
            exposed.update({key: {} for key in _docker_ports(spec)})
        cfg["ExposedPorts"] = exposed
    elif keyword == "USER":
        cfg["User"] = dockerfile.process_word(args, env, escape)
    elif keyword == "WORKDIR":
        path = dockerfile.process_word(args, env, escape)
        cfg["WorkingDir"] = posixpath.normpath(
            posixpath.join("/", cfg.get("WorkingDir") or "", path)
        )
    elif keyword in ("CMD", "ENTRYPOINT"):
        words, exec_form = _json_or_shell(args)
        if keyword == "ENTRYPOINT":
            cfg["Entrypoint"] = (words if exec_form else [*_SHELL, *words]) if words else None
            return False
        cfg["Cmd"] = words if exec_form else [*(cfg.get("Shell") or _SHELL), *words]
        return bool(words)
    return False


def _docker_ports(spec: str) -> list[str]:
    """``80``, ``80/udp``, ``8000-8002`` as exposed-port keys, or the engine's refusal."""
    number, _, proto = spec.partition("/")
    proto = proto or "tcp"
    if proto.lower() not in ("tcp", "udp", "sctp"):
        raise ChangeError(f"Invalid proto: {proto}")
    low, dash, high = number.partition("-")
    if not all(p.isdigit() and 0 < int(p) <= 65535 for p in (low, *([high] if dash else []))):
        raise ChangeError(f"Invalid containerPort: {number}")
    if dash and int(high) < int(low):
        raise failure.not_modelled(f"commit --change 'EXPOSE {spec}' (a reversed range)")
    return [f"{p}/{proto.lower()}" for p in range(int(low), int(high or low) + 1)]


# -- podman ------------------------------------------------------------------------------


def on_image_config(config: dict[str, Any], changes: list[str]) -> dict[str, Any]:
    """The committed config: ``config`` (the container's, as podman commits it) with each
    of ``changes`` read on its own, as libimage does."""
    cfg = {**config, "Env": list(config.get("Env") or [])}
    workdir = ""  # each WORKDIR joins the one before it (from nothing: it may stay relative)
    for change in changes:
        keyword, sep, value = change.partition(" ")
        if not sep:
            keyword, sep, value = change.partition("=")
            if not sep:
                raise ChangeError(f'invalid change "{change}" - must be formatted as KEY VALUE')
        keyword, value = keyword.strip().upper(), value.strip()
        if keyword in _PODMAN_NOT_MODELLED:
            raise _not_modelled(keyword)
        if keyword == "WORKDIR":
            if not value:
                raise ChangeError(f'invalid change "{change}" - must provide a non-empty WORKDIR')
            workdir = posixpath.normpath(posixpath.join(workdir, value))
        elif keyword in ("ENV", "LABEL"):
            _podman_pair(cfg, change, keyword, value)
        else:
            _podman_step(cfg, change, keyword, value)
    if workdir:
        cfg["WorkingDir"] = workdir
    return cfg


def _podman_pair(cfg: dict[str, Any], change: str, keyword: str, value: str) -> None:
    """``ENV key=value`` (a value may be missing) or ``LABEL key=value``, quotes stripped."""
    key, eq, val = value.partition("=")
    if keyword == "ENV":
        if not key:
            raise ChangeError(f'invalid change "{change}" - ENV must have at least one argument')
        cfg["Env"] = _set_env(cfg["Env"], _unquote(key), _unquote(val))
        return
    if not eq:
        raise ChangeError(f'invalid change "{change}" - LABEL must be formatted key=value')
    if not _unquote(key):
        raise ChangeError(f'invalid change "{change}" - LABEL must have a non-empty key')
    cfg["Labels"] = {**(cfg.get("Labels") or {}), _unquote(key): _unquote(val)}


def _podman_step(cfg: dict[str, Any], change: str, keyword: str, value: str) -> None:
    if keyword == "USER":
        if not value:
            raise ChangeError(f'invalid change "{change}" - must provide a value to USER')
        cfg["User"] = value
    elif keyword == "EXPOSE":
        cfg["ExposedPorts"] = {**(cfg.get("ExposedPorts") or {}), _podman_port(change, value): {}}
    elif keyword in ("ENTRYPOINT", "CMD"):
        words, exec_form = _json_or_shell(value)
        if not exec_form:
            words = [*_SHELL, *words] if (words or keyword == "CMD") else []
        cfg["Entrypoint" if keyword == "ENTRYPOINT" else "Cmd"] = words
    else:
        raise ChangeError(f'invalid change "{change}" - invalid instruction {keyword}')


def _podman_port(change: str, value: str) -> str:
    parts = value.split("/")
    if len(parts) > 2:
        raise ChangeError(
            f'invalid change "{change}" - EXPOSE port must be formatted as PORT[/PROTO]'
        )
    number = parts[0]
    digits = number[1:] if number[:1] in "+-" else number
    if not digits.isdigit():
        raise ChangeError(
            f'invalid change "{change}" - EXPOSE port must be an integer: '
            f'strconv.Atoi: parsing "{number}": invalid syntax'
        )
    if not 0 < int(number) <= 65535:
        raise ChangeError(f'invalid change "{change}" - EXPOSE port must be a valid port number')
    proto = parts[1].lower() if len(parts) > 1 else "tcp"
    if proto not in ("tcp", "udp"):
        raise ChangeError(f'invalid change "{change}" - EXPOSE protocol must be TCP or UDP')
    return f"{int(number)}/{proto}"


def _unquote(text: str) -> str:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    return text


def _set_env(env: list[str], key: str, value: str) -> list[str]:
    """buildah's SetEnv: a key already there keeps its place, a new one goes last."""
    out = [e for e in env if e.partition("=")[0] != key]
    if len(out) == len(env):
        return [*env, f"{key}={value}"]
    return [f"{key}={value}" if e.partition("=")[0] == key else e for e in env]
