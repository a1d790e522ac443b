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


class Spec:
    """One command's flags, indexed by long name and by shorthand."""

    def __init__(self, text: str) -> None:
        self.kinds: dict[str, str] = {}
        self.shorts: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        # flag -> pflag's deprecation advice ("use --timeout instead"), said at each use
        self.deprecated: dict[str, str] = {}
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


def spec_for(d: dialect.Dialect, path: str) -> Spec:
    """The spec of a command path in dialect ``d`` (its own flags where they differ)."""
    spec = Spec(d.flag_specs.get(path) or commands.BY_TYPED[path].flags)
    spec.deprecated = d.deprecated_flags.get(path, {})
    return spec


_TRUE = ("1", "t", "T", "TRUE", "true", "True")
_FALSE = ("0", "f", "F", "FALSE", "false", "False")


def parse(  # noqa: PLR0912, PLR0915 - one branch per case keeps the mapping readable
    d: dialect.Dialect,
    path: str,
    spec: Spec,
    args: list[str],
    *,
    interspersed: bool = True,
    notices: list[str] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Split ``args`` into ``{long name: value}`` and positionals, or raise FakeError.

    ``notices`` gets pflag's line for each use of a deprecated long flag, as pflag prints
    it (on stdout) once the value is taken."""
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
                raise d.unknown_flag(path, arg)
            if not eq and kind != "!":
                if i >= len(args):
                    raise d.flag_error(path, f"flag needs an argument: --{name}")
                value = args[i]
                i += 1
            _store(d, path, spec, opts, name, kind, value if (eq or kind != "!") else None)
            if name in spec.deprecated and notices is not None:
                notices.append(f"Flag --{name} has been deprecated, {spec.deprecated[name]}\n")
            continue
        cluster = arg[1:]
        j = 0
        while j < len(cluster):
            ch = cluster[j]
            name = spec.shorts.get(ch, "")
            if not name:
                raise d.flag_error(path, f"unknown shorthand flag: '{ch}' in {arg}")
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
                raise d.flag_error(path, f"flag needs an argument: '{ch}' in -{ch}")
            _store(d, path, spec, opts, name, kind, value)
            break
    return opts, positional


def _store(  # noqa: PLR0917 - internal helper, called in one place
    d: dialect.Dialect,
    path: str,
    spec: Spec,
    opts: dict[str, Any],
    name: str,
    kind: str,
    value: str | None,
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
            raise _bad_value(
                d,
                path,
                spec,
                name,
                text,
                f'strconv.{d.int_parser}: parsing "{text}": invalid syntax',
            )
        opts[name] = int(text)
    else:
        opts[name] = value


def _bad_value(  # noqa: PLR0917 - internal helper, called in one place
    d: dialect.Dialect, path: str, spec: Spec, name: str, value: str, why: str
) -> dialect.FakeError:
    label = f"--{name}" if name in d.long_only_labels else spec.label(name)
    return d.flag_error(path, f'invalid argument "{value}" for "{label}" flag: {why}')


def bad_value(d: dialect.Dialect, path: str, name: str, value: str, why: str) -> dialect.FakeError:
    """A flag value the command rejects after parsing (sizes, durations, numbers)."""
    return _bad_value(d, path, spec_for(d, path), name, value, why)
