"""The programs the fake's interpreter runs: echo, printf, sleep's argument, and the
stdin filters cat, tr, wc, head and tail (busybox's behaviour and wordings)."""

from __future__ import annotations

from dockercli.fake import syntax

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class Sink(Protocol):
        """Where a program writes (script's Sink; named here so programs need not import it)."""

        def write(self, text: str) -> None: ...


_CLASSES = {
    "alpha": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "digit": "0123456789",
    "alnum": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "space": " \t\n\r\f\v",
    "blank": " \t",
}


def seconds(text: str) -> float | None:
    """busybox sleep's argument: a number with an ``s``/``m``/``h``/``d`` suffix, or inf."""
    if text.lower() in ("inf", "infinity"):
        return float("inf")
    units = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    factor = units.get(text[-1:], 1.0)
    number = text[:-1] if text[-1:] in units else text
    if not number or not all(c.isdigit() or c == "." for c in number) or number.count(".") > 1:
        return None
    if number == ".":
        return None
    return float(number) * factor


def echo(args: list[str], out: Sink) -> int:
    """busybox echo: ``-n``, ``-e`` (backslash escapes, ``\\c``), ``-E``."""
    newline, escapes = True, False
    while args and len(args[0]) > 1 and args[0][0] == "-" and set(args[0][1:]) <= set("neE"):
        for flag in args[0][1:]:
            if flag == "n":
                newline = False
            else:
                escapes = flag == "e"
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text, stop = _backslashes(text)
        newline = newline and not stop
    out.write(text + ("\n" if newline else ""))
    return 0


def _backslashes(text: str) -> tuple[str, bool]:
    r"""echo -e / printf %b escapes; True when ``\c`` cut the output short."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "\\" or i + 1 >= len(text):
            out.append(text[i])
            i += 1
            continue
        if text[i + 1] == "c":
            return "".join(out), True
        value, i = syntax.escape(text, i + 1, octal_zero=True)
        out.append(value)
    return "".join(out), False


def printf(args: list[str], out: Sink, err: Sink) -> int:  # noqa: PLR0912 - one branch per conversion keeps it readable
    """printf FORMAT [ARG...]: escapes, %s %b %c %d %i %o %u %x %X %e %f %g, format reuse."""
    if not args:
        raise syntax.not_interpreted("'printf' without a format")
    fmt, values = args[0], list(args[1:])
    code = 0
    text: list[str] = []
    while True:
        used = 0
        i = 0
        while i < len(fmt):
            ch = fmt[i]
            if ch == "\\" and i + 1 < len(fmt):
                value, i = syntax.escape(fmt, i + 1, octal_zero=False)
                text.append(value)
                continue
            if ch != "%":
                text.append(ch)
                i += 1
                continue
            j = i + 1
            while j < len(fmt) and fmt[j] in "-+ #0123456789.":
                j += 1
            if j >= len(fmt):
                raise syntax.not_interpreted(f"the printf format '{fmt}'")
            conv, spec = fmt[j], fmt[i + 1 : j]
            i = j + 1
            if conv == "%":
                text.append("%")
                continue
            if conv not in "sbcdiouxXfeEgG":
                raise syntax.not_interpreted(f"the printf conversion '%{spec}{conv}'")
            arg = values.pop(0) if values else ""
            used += 1
            if conv in "sb":
                if conv == "b":
                    arg, _stop = _backslashes(arg)
                text.append(f"%{spec}s" % arg)
            elif conv == "c":
                text.append(f"%{spec}s" % arg[:1])
            else:
                number = _number(arg, conv)
                if number is None:
                    err.write(f"sh: invalid number '{arg}'\n")
                    code, number = 1, 0
                text.append(f"%{spec}{'d' if conv in 'iu' else conv}" % number)
        if not values or not used:
            break
    out.write("".join(text))
    return code


def _number(arg: str, conv: str) -> float | int | None:
    if not arg:
        return 0
    try:
        return float(arg) if conv in "feEgG" else int(arg, 0 if arg[:2].lower() == "0x" else 10)
    except ValueError:
        return None


def filter_stdin(name: str, args: list[str], data: str, out: Sink) -> int:
    """cat, tr, wc, head and tail over stdin."""
    if name == "cat":
        if any(a not in ("-", "-u") for a in args):
            raise syntax.Unknown("the fake does not read files ('cat FILE')")
        out.write(data)
        return 0
    if name == "tr":
        out.write(_tr(args, data))
        return 0
    if name == "wc":
        flags = "".join(a[1:] for a in args)
        if any(not a.startswith("-") or a == "-" for a in args) or set(flags) - set("lwc"):
            raise syntax.not_interpreted(f"'wc {' '.join(args)}'")
        counts = {"l": data.count("\n"), "w": len(data.split()), "c": len(data.encode())}
        chosen = [counts[k] for k in "lwc" if k in flags or not flags]
        shown = str(chosen[0]) if len(chosen) == 1 else " ".join(f"{n:9d}" for n in chosen)
        out.write(shown + "\n")
        return 0
    count = 10
    if args[:1] == ["-n"] and len(args) == 2 and args[1].isdigit():
        count = int(args[1])
    elif len(args) == 1 and args[0][:1] == "-" and args[0][1:].isdigit():
        count = int(args[0][1:])
    elif len(args) == 1 and args[0][:2] == "-n" and args[0][2:].isdigit():
        count = int(args[0][2:])
    elif args:
        raise syntax.not_interpreted(f"'{name} {' '.join(args)}'")
    lines = data.splitlines(keepends=True)
    if name == "head":
        out.write("".join(lines[:count]))
    elif count:
        out.write("".join(lines[len(lines) - count :]))
    return 0


def _tr(args: list[str], data: str) -> str:
    delete = args[:1] == ["-d"]
    sets = args[1:] if delete else args
    if any(a.startswith("-") and len(a) > 1 for a in sets) or len(sets) != (1 if delete else 2):
        raise syntax.not_interpreted(f"'tr {' '.join(args)}'")
    first = _tr_set(sets[0])
    if delete:
        return "".join(ch for ch in data if ch not in first)
    second = _tr_set(sets[1])
    if not second:
        raise syntax.not_interpreted(f"'tr {' '.join(args)}'")
    second += second[-1] * max(0, len(first) - len(second))
    table: dict[str, str] = {}
    for a, b in zip(first, second):
        table.setdefault(a, b)
    return "".join(table.get(ch, ch) for ch in data)


def _tr_set(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("[:", i):
            end = text.find(":]", i)
            name = text[i + 2 : end] if end > 0 else ""
            if name not in _CLASSES:
                raise syntax.not_interpreted(f"the tr set '{text}'")
            out.append(_CLASSES[name])
            i = end + 2
            continue
        if text[i] in "[*":
            raise syntax.not_interpreted(f"the tr set '{text}'")
        ch, i = _set_char(text, i)
        if text[i : i + 1] == "-" and i + 1 < len(text):
            last, i = _set_char(text, i + 1)
            if ord(last) < ord(ch):
                raise syntax.not_interpreted(f"the tr set '{text}'")
            out.append("".join(chr(c) for c in range(ord(ch), ord(last) + 1)))
        else:
            out.append(ch)
    return "".join(out)


def _set_char(text: str, i: int) -> tuple[str, int]:
    if text[i] == "\\" and i + 1 < len(text):
        return syntax.escape(text, i + 1, octal_zero=False)
    return text[i], i + 1
