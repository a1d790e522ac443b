"""Command-line parsing with pflag's rules: ``--x=v``, ``--x v``, ``-x v``, ``-xv``, ``-abc``.

A spec is a space-separated list of ``[s,]long<kind>`` where ``s`` is the shorthand and
kind is ``!`` (switch), ``=`` (value), ``*`` (repeatable value) or ``#`` (integer);
``alias=target`` makes ``--alias`` another name of ``--target``. Anything not in the
spec is an unknown flag: the fake never guesses.
"""

from __future__ import annotations

from dockercli.fake import commands, dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


GLOBAL = (
    "H,host* c,context= tls! tlsverify! tlscacert= tlscert= tlskey= config= l,log-level= D,debug!"
)
GLOBAL_PODMAN = GLOBAL + " url= connection= r,remote! identity= root= runroot= storage-driver="

_STOP28 = "t,timeout# time# s,signal="


class Spec:
    """One command's flags, indexed by long name and by shorthand."""

    def __init__(self, text: str) -> None:
        self.kinds: dict[str, str] = {}
        self.shorts: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        for item in text.split():
            if "=" in item and not item.endswith("="):
                alias, target = item.split("=", 1)
                self.aliases[alias] = target
                continue
            short, _, rest = item.rpartition(",")
            name, kind = rest[:-1], rest[-1]
            self.kinds[name] = kind
            if short:
                self.shorts[short] = name

    def label(self, name: str) -> str:
        """How pflag names a flag in errors: ``-t, --tag`` or ``--file``."""
        for short, long in self.shorts.items():
            if long == name:
                return f"-{short}, --{name}"
        return f"--{name}"


def spec_for(d: str, path: str) -> Spec:
    """The spec of a command path; docker 28 renamed ``stop -t`` to ``--timeout``."""
    text = commands.BY_TYPED[path].flags
    if d == dialect.DOCKER28 and path in ("stop", "restart"):
        text = _STOP28
    return Spec(text)


_TRUE = ("1", "t", "T", "TRUE", "true", "True")
_FALSE = ("0", "f", "F", "FALSE", "false", "False")


def parse(  # noqa: PLR0912, PLR0915 - one branch per case keeps the mapping readable
    d: str, path: str, spec: Spec, args: list[str], *, interspersed: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """Split ``args`` into ``{long name: value}`` and positionals, or raise FakeError."""
    opts: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            positional.extend(args[i:])
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            if not interspersed:
                positional.extend(args[i:])
                break
            continue
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            name = spec.aliases.get(name, name)
            kind = spec.kinds.get(name)
            if kind is None:
                raise dialect.unknown_flag(d, path, arg)
            if not eq and kind != "!":
                if i >= len(args):
                    raise dialect.flag_error(d, path, f"flag needs an argument: --{name}")
                value = args[i]
                i += 1
            _store(d, path, spec, opts, name, kind, value if (eq or kind != "!") else None)
            continue
        cluster = arg[1:]
        j = 0
        while j < len(cluster):
            ch = cluster[j]
            name = spec.shorts.get(ch, "")
            if not name:
                raise dialect.flag_error(d, path, f"unknown shorthand flag: '{ch}' in {arg}")
            kind = spec.kinds[name]
            rest = cluster[j + 1 :]
            if kind == "!":
                if rest.startswith("="):
                    _store(d, path, spec, opts, name, kind, rest[1:])
                    break
                _store(d, path, spec, opts, name, kind, None)
                j += 1
                continue
            if rest:
                value = rest[1:] if rest.startswith("=") else rest
            elif i < len(args):
                value = args[i]
                i += 1
            else:
                raise dialect.flag_error(d, path, f"flag needs an argument: '{ch}' in -{ch}")
            _store(d, path, spec, opts, name, kind, value)
            break
    return opts, positional


def _store(  # noqa: PLR0917 - internal helper, called in one place
    d: str, path: str, spec: Spec, opts: dict[str, Any], name: str, kind: str, value: str | None
) -> None:
    if kind == "!":
        if value is None or value in _TRUE:
            opts[name] = True
        elif value in _FALSE:
            opts[name] = False
        else:
            raise _bad_value(
                d, path, spec, name, value, f'strconv.ParseBool: parsing "{value}": invalid syntax'
            )
    elif kind == "*":
        opts.setdefault(name, []).append(value)
    elif kind == "#":
        text = value or ""
        digits = text[1:] if text[:1] in "+-" else text
        if not digits.isdigit():
            func = "ParseUint" if d == dialect.PODMAN else "ParseInt"
            raise _bad_value(
                d, path, spec, name, text, f'strconv.{func}: parsing "{text}": invalid syntax'
            )
        opts[name] = int(text)
    else:
        opts[name] = value


def _bad_value(d: str, path: str, spec: Spec, name: str, value: str, why: str) -> dialect.FakeError:  # noqa: PLR0917 - internal helper, called in one place
    label = "--time" if (d == dialect.DOCKER28 and name == "time") else spec.label(name)
    return dialect.flag_error(d, path, f'invalid argument "{value}" for "{label}" flag: {why}')


def bad_value(d: str, path: str, name: str, value: str, why: str) -> dialect.FakeError:
    """A flag value the command rejects after parsing (sizes, durations, numbers)."""
    return _bad_value(d, path, spec_for(d, path), name, value, why)
