"""A very small shell: enough of ``sh -c`` to give a container or a RUN step its outcome.

Known programs: ``echo``, ``printf``, ``true``, ``:``, ``false``, ``exit N``, ``sleep N``;
lists with ``&&``, ``||``, ``;`` and newlines; ``$VAR``/``${VAR}``/``${VAR:-x}``; ``>&2``
and ``>/dev/null``. Any other program "runs" with no output and status 0, and makes the
outcome ``known=False`` (a container then keeps running, like a server would).
"""

from __future__ import annotations

_SHELLS = ("sh", "bash", "ash", "dash", "zsh")


class Outcome:
    """What a command did: output events, exit status, time it took, all-known flag."""

    def __init__(self) -> None:
        self.output: list[tuple[int, str]] = []  # (1 = stdout | 2 = stderr, text)
        self.code = 0
        self.seconds = 0.0
        self.known = True

    def text(self, stream: int = 1) -> str:
        """All output of one stream."""
        return "".join(t for s, t in self.output if s == stream)


def run(argv: list[str], env: dict[str, str]) -> Outcome:
    """Interpret an argv (exec form) or a ``sh -c`` script."""
    out = Outcome()
    while argv and _base(argv[0]) == "busybox" and len(argv) > 1 and not argv[1].startswith("-"):
        argv = argv[1:]
    if len(argv) >= 3 and _base(argv[0]) in _SHELLS and argv[1] == "-c":
        _script(argv[2], env, out)
    elif argv:
        _simple(argv, env, out, 1)
    return out


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _script(text: str, env: dict[str, str], out: Outcome) -> None:
    run_next = True
    for words, op in _commands(text, env, out):
        if run_next and words:
            stream = 1
            kept: list[str] = []
            for w in words:
                if w in (">&2", "1>&2"):
                    stream = 2
                elif w.startswith((">", "1>", "2>")):
                    stream = 0 if stream == 1 else stream
                else:
                    kept.append(w)
            if _simple(kept, env, out, stream):
                return
        if op == "&&":
            run_next = out.code == 0 if run_next else False
        elif op == "||":
            run_next = out.code != 0 if run_next else True
        else:
            run_next = True


def _simple(words: list[str], env: dict[str, str], out: Outcome, stream: int) -> bool:
    """Run one command; True when it ends the script (``exit``)."""
    if not words:
        return False
    name, args = _base(words[0]), words[1:]
    if name == "exit":
        out.code = int(args[0]) if args and args[0].lstrip("-").isdigit() else out.code
        out.code %= 256
        return True
    if name in ("true", ":"):
        out.code = 0
    elif name == "false":
        out.code = 1
    elif name == "echo":
        newline = "\n"
        if args[:1] == ["-n"]:
            newline, args = "", args[1:]
        _emit(out, stream, " ".join(args) + newline)
        out.code = 0
    elif name == "printf" and args:
        text = args[0].replace("\\n", "\n").replace("\\t", "\t")
        for arg in args[1:]:
            text = text.replace("%s", arg, 1).replace("%d", arg, 1)
        _emit(out, stream, text)
        out.code = 0
    elif name == "sleep" and args:
        out.seconds += _seconds(args[0])
        out.code = 0
    elif name in _SHELLS and args[:1] == ["-c"] and len(args) > 1:
        _script(args[1], env, out)
    else:
        out.known = False
        out.code = 0
    return False


def _emit(out: Outcome, stream: int, text: str) -> None:
    if stream:
        out.output.append((stream, text))


def _seconds(text: str) -> float:
    units = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    factor = units.get(text[-1:], 1.0)
    number = text[:-1] if text[-1:] in units else text
    try:
        return float(number) * factor
    except ValueError:
        return 0.0


def _commands(text: str, env: dict[str, str], out: Outcome) -> list[tuple[list[str], str]]:  # noqa: PLR0912, PLR0915 - one branch per case keeps the mapping readable
    """Split a script into (words, following operator) with quotes and expansion."""
    result: list[tuple[list[str], str]] = []
    words: list[str] = []
    word: list[str] = []
    has_word = False
    i = 0
    n = len(text)

    def flush() -> None:
        nonlocal has_word
        if has_word:
            words.append("".join(word))
        word.clear()
        has_word = False

    while i < n:
        ch = text[i]
        if ch == "'":
            j = text.find("'", i + 1)
            j = n if j < 0 else j
            word.append(text[i + 1 : j])
            has_word = True
            i = j + 1
        elif ch == '"':
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n and text[i + 1] in '"\\$`':
                    word.append(text[i + 1])
                    i += 2
                elif text[i] == "$":
                    value, i = _expand(text, i, env, out)
                    word.append(value)
                else:
                    word.append(text[i])
                    i += 1
            has_word = True
            i += 1
        elif ch == "\\" and i + 1 < n:
            if text[i + 1] != "\n":
                word.append(text[i + 1])
                has_word = True
            i += 2
        elif ch == "$":
            value, i = _expand(text, i, env, out)
            word.append(value)
            has_word = has_word or bool(value)
        elif ch in " \t":
            flush()
            i += 1
        elif ch == "#" and not has_word:
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith(("&&", "||"), i) or ch in ";\n":
            flush()
            op = text[i : i + 2] if ch in "&|" else ";"
            result.append((list(words), op))
            words.clear()
            i += len(op)
        else:
            word.append(ch)
            has_word = True
            i += 1
    flush()
    if words:
        result.append((list(words), ";"))
    return result


def _expand(text: str, i: int, env: dict[str, str], out: Outcome) -> tuple[str, int]:  # noqa: PLR0911 - one return per case keeps the mapping readable
    """Expand the ``$`` at ``i``; return the value and the index after it."""
    if text.startswith("${", i):
        end = text.find("}", i)
        if end < 0:
            return "$", i + 1
        body = text[i + 2 : end]
        for op in (":-", ":+", "-", "+"):
            name, sep, alt = body.partition(op)
            if sep:
                value = env.get(name, "")
                if op == ":-":
                    return (value or alt), end + 1
                if op == ":+":
                    return (alt if value else ""), end + 1
                if op == "-":
                    return (env.get(name, alt)), end + 1
                return (alt if name in env else ""), end + 1
        return env.get(body, ""), end + 1
    if text.startswith("$?", i):
        return str(out.code), i + 2
    j = i + 1
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    if j == i + 1:
        return "$", j
    return env.get(text[i + 1 : j], ""), j
