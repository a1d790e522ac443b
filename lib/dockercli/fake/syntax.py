"""The sh syntax the fake's interpreter reads, parsed one line at a time as ash does.

A construct it does not read (command substitution, globbing, ``if``/``for``, here-documents,
background jobs...) raises ``Unknown`` with a reason naming it; the interpreter
(``script``) stops there, so nothing it cannot read is ever taken for text.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# fmt: off
_KEYWORDS = frozenset((
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "function", "select", "{", "}", "[[", "]]",
))
# fmt: on
_META = " \t\n;&|<>()"
NAME_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
NAME_CHARS = NAME_FIRST | frozenset("0123456789")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


class Unknown(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SyntaxProblem(Unknown):
    """A syntax error: like sh, nothing of that line runs."""


def program_unknown(name: str) -> Unknown:
    return Unknown(f"the fake does not execute programs ('{name}' is not one it interprets)")


def not_interpreted(what: str) -> Unknown:
    return Unknown(f"the fake's shell does not interpret {what}")


def syntax_error(what: str) -> SyntaxProblem:
    return SyntaxProblem(f"the fake's shell does not interpret {what} (a syntax error in sh)")


# -- parsing -----------------------------------------------------------------------------


class Part:
    """A piece of a word: literal text, or a parameter (``name``, ``op``, ``alt``)."""

    def __init__(self, text: str, quoted: bool, *, param: bool = False, op: str = "") -> None:
        self.text = text
        self.quoted = quoted
        self.param = param
        self.op = op
        self.alt = ""


class Command:
    def __init__(self) -> None:
        self.words: list[list[Part]] = []
        self.redirs: list[tuple[int, str, list[Part]]] = []


class Pipeline:
    def __init__(self) -> None:
        self.commands: list[Command] = []
        self.negate = False


class Parser:
    """Reads a script one line (complete command list) at a time, as ash does."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def lines(self) -> Iterator[tuple[list[tuple[Pipeline, str]], str]]:
        """Each line's ``(pipeline, following operator)`` items and the reason it stopped.

        A reason (something not modelled) ends the script after the items before it. A
        syntax error in a line raises before any of that line runs.
        """
        while self.i < len(self.s):
            items: list[tuple[Pipeline, str]] = []
            try:
                self._line(items)
            except SyntaxProblem as error:
                yield [], error.reason
                return
            except Unknown as unknown:
                yield items, unknown.reason
                return
            yield items, ""

    def _line(self, items: list[tuple[Pipeline, str]]) -> None:
        while True:
            self._blanks()
            if self.i >= len(self.s):
                return
            if self.s[self.i] == "\n":
                self.i += 1
                if not items:
                    continue
                return
            pipe = self._pipeline()
            self._blanks()
            op = self._operator()
            items.append((pipe, op))
            if op in ("&&", "||"):
                self._blanks(newlines=True)
            elif op == "\n" or self.i >= len(self.s):
                return

    def _blanks(self, *, newlines: bool = False) -> None:
        s = self.s
        while self.i < len(s):
            ch = s[self.i]
            if ch in " \t" or (newlines and ch == "\n"):
                self.i += 1
            elif s.startswith("\\\n", self.i):
                self.i += 2
            elif ch == "#":
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
            else:
                return

    def _operator(self) -> str:
        s, i = self.s, self.i
        if i >= len(s):
            return ";"
        for op in ("&&", "||"):
            if s.startswith(op, i):
                self.i += 2
                return op
        if s.startswith(";;", i):
            raise syntax_error("';;' outside 'case'")
        if s[i] in ";\n":
            self.i += 1
            return ";" if s[i] == ";" else "\n"
        if s[i] == "&":
            raise not_interpreted("'&' (background jobs)" if s[i : i + 2] != "&>" else "'&>'")
        raise syntax_error(f"'{s[i]}' here")

    def _pipeline(self) -> Pipeline:
        pipe = Pipeline()
        if self.s.startswith("!", self.i) and self.s[self.i + 1 : self.i + 2] in (" ", "\t"):
            pipe.negate = True
            self.i += 1
        pipe.commands.append(self._command())
        while self.s.startswith("|", self.i) and not self.s.startswith("||", self.i):
            if self.s.startswith("|&", self.i):
                raise not_interpreted("'|&'")
            self.i += 1
            self._blanks(newlines=True)
            pipe.commands.append(self._command())
        return pipe

    def _command(self) -> Command:
        cmd = Command()
        s = self.s
        while True:
            self._blanks()
            if self.i >= len(s) or s[self.i] in ";&|\n)":
                break
            if s[self.i] == "(":
                raise not_interpreted("subshells '( ... )'")
            j = self.i
            while j < len(s) and s[j].isdigit():
                j += 1
            if j < len(s) and s[j] in "<>":
                self._redirect(cmd, int(s[self.i : j]) if j > self.i else -1, j)
                continue
            word = self._word()
            if not cmd.words and not cmd.redirs and not any(p.quoted or p.param for p in word):
                plain = "".join(p.text for p in word)
                if plain in _KEYWORDS:
                    raise not_interpreted(f"the keyword '{plain}'")
            cmd.words.append(word)
        if not cmd.words and not cmd.redirs:
            here = s[self.i] if self.i < len(s) else "end of input"
            raise syntax_error(f"'{here}' here")
        return cmd

    def _redirect(self, cmd: Command, fd: int, j: int) -> None:
        s = self.s
        for op in ("<<<", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">"):
            if s.startswith(op, j):
                break
        if op in ("<<<", "<<"):
            raise not_interpreted("here-documents '<<'")
        if op in ("<>", ">|"):
            raise not_interpreted(f"the redirection '{op}'")
        self.i = j + len(op)
        self._blanks()
        if self.i >= len(s) or s[self.i] in _META:
            raise syntax_error(f"'{op}' without a target")
        target = self._word()
        cmd.redirs.append(((0 if op[0] == "<" else 1) if fd < 0 else fd, op, target))

    def _word(self) -> list[Part]:  # noqa: PLR0912 - one branch per quoting form keeps it readable
        s = self.s
        parts: list[Part] = []
        start = self.i
        while self.i < len(s) and s[self.i] not in _META:
            ch = s[self.i]
            if ch == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    raise syntax_error("an unterminated quote")
                parts.append(Part(s[self.i + 1 : end], True))
                self.i = end + 1
            elif s.startswith("$'", self.i):
                parts.append(Part(self._dollar_single(), True))
            elif ch == '"':
                self.i += 1
                self._double(parts)
            elif ch == "\\":
                if s.startswith("\\\n", self.i):
                    self.i += 2
                    continue
                parts.append(Part(s[self.i + 1 : self.i + 2], True))
                self.i += 2
            elif ch == "$":
                parts.append(self._dollar(quoted=False))
            elif ch == "`":
                raise not_interpreted("command substitution '`...`'")
            elif ch in "*?" or (ch == "[" and "]" in s[self.i : self._word_end()]):
                raise not_interpreted(f"filename globbing ('{ch}')")
            elif ch == "~" and self.i == start:
                raise not_interpreted("tilde expansion ('~')")
            else:
                j = self.i
                while j < len(s) and s[j] not in _META and s[j] not in "'\"\\$`*?[~":
                    j += 1
                j = max(j, self.i + 1)
                parts.append(Part(s[self.i : j], False))
                self.i = j
        return parts

    def _word_end(self) -> int:
        j = self.i
        while j < len(self.s) and self.s[j] not in _META:
            j += 1
        return j

    def _double(self, parts: list[Part]) -> None:
        s = self.s
        text: list[str] = []
        while True:
            if self.i >= len(s):
                raise syntax_error("an unterminated quote")
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                break
            if ch == "\\" and s[self.i + 1 : self.i + 2] in ('"', "\\", "$", "`", "\n"):
                if s[self.i + 1] != "\n":
                    text.append(s[self.i + 1])
                self.i += 2
            elif ch == "$":
                parts.append(Part("".join(text), True))
                text.clear()
                parts.append(self._dollar(quoted=True))
            elif ch == "`":
                raise not_interpreted("command substitution '`...`'")
            else:
                text.append(ch)
                self.i += 1
        parts.append(Part("".join(text), True))

    def _dollar_single(self) -> str:
        s = self.s
        self.i += 2
        text: list[str] = []
        while True:
            if self.i >= len(s):
                raise syntax_error("an unterminated quote")
            ch = s[self.i]
            if ch == "'":
                self.i += 1
                return "".join(text)
            if ch != "\\" or self.i + 1 >= len(s):
                text.append(ch)
                self.i += 1
                continue
            value, self.i = escape(s, self.i + 1, octal_zero=False)
            text.append(value)

    def _dollar(self, *, quoted: bool) -> Part:
        s = self.s
        nxt = s[self.i + 1 : self.i + 2]
        if s.startswith("$((", self.i):
            raise not_interpreted("arithmetic '$((...))'")
        if nxt == "(":
            raise not_interpreted("command substitution '$(...)'")
        if nxt == "{":
            return self._braced(quoted)
        if nxt in ("?", "#") or nxt.isdigit():
            self.i += 2
            return Part(nxt, quoted, param=True)
        if nxt in ("@", "*", "$", "!", "-"):
            raise not_interpreted(f"the special parameter '${nxt}'")
        if nxt and nxt in NAME_FIRST:
            j = self.i + 1
            while j < len(s) and s[j] in NAME_CHARS:
                j += 1
            part = Part(s[self.i + 1 : j], quoted, param=True)
            self.i = j
            return part
        self.i += 1
        return Part("$", quoted)

    def _braced(self, quoted: bool) -> Part:
        s = self.s
        end = s.find("}", self.i)
        if end < 0:
            raise syntax_error("an unterminated '${'")
        body = s[self.i + 2 : end]
        j = 0
        while j < len(body) and body[j] in NAME_CHARS:
            j += 1
        name, rest = body[:j], body[j:]
        ok_name = bool(name) and (name[0] in NAME_FIRST or name.isdigit())
        if not ok_name and body in ("?", "#"):
            name, rest, ok_name = body, "", True
        op = next((o for o in (":-", ":+", "-", "+") if rest.startswith(o)), "")
        alt = rest[len(op) :]
        if not ok_name or (rest and not op) or any(c in alt for c in "$`\"'\\{}"):
            raise not_interpreted(f"the parameter expansion '${{{body}}}'")
        self.i = end + 1
        part = Part(name, quoted, param=True, op=op)
        part.alt = alt
        return part


def escape(s: str, i: int, *, octal_zero: bool) -> tuple[str, int]:
    r"""The escape after a backslash at ``i - 1``: ``\n``, ``\NNN`` (``\0NNN``), ``\xHH``."""
    ch = s[i]
    if ch in _ESCAPES:
        return _ESCAPES[ch], i + 1
    if ch in "\\'\"":
        return ch, i + 1
    if ch == "x":
        j = i + 1
        while j < len(s) and j < i + 3 and s[j] in "0123456789abcdefABCDEF":
            j += 1
        if j > i + 1:
            return chr(int(s[i + 1 : j], 16)), j
        return "\\x", i + 1
    if ch in "01234567":
        j = i + 1 if (octal_zero and ch == "0") else i
        k = j
        while k < len(s) and k < j + 3 and s[k] in "01234567":
            k += 1
        return (chr(int(s[j:k], 8) % 256) if k > j else "\0"), k
    return "\\" + ch, i + 1
