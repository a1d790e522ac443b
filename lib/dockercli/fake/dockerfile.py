"""Dockerfile text -> instructions and words, by the rules of docker's parser and shell lexer.

Two layers, as in docker: the parser joins continuation lines, skips comments and splits
``KEY=VALUE`` words keeping their quotes; the lexer (``process_word``) then removes quotes,
resolves backslashes and substitutes variables. Pinned against the legacy builder and
BuildKit of docker 20.10 and buildah 1.28 (tests/data/dockerfiles/words.json). buildah
differs in three ways, kept here: any trailing escape continues the line, its lexer knows
only ``${X:-w}``/``${X:+w}`` and one-digit names, and it always escapes with a backslash.
"""

from __future__ import annotations

import re

from dockercli.fake import jsonio

_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
_SPECIAL = "@*#?-$!0"


class ParseError(Exception):
    """A Dockerfile docker refuses before running any step (``failed to parse Dockerfile``)."""


class WordError(Exception):
    """A word the lexer cannot process: the word as written and the lexer's message."""

    def __init__(self, word: str, message: str) -> None:
        super().__init__(message)
        self.word = word
        self.message = message


class Parsed:
    """The instructions ``(line, KEYWORD, args, original)``, their last lines, the escape."""

    def __init__(self) -> None:
        self.instructions: list[tuple[int, str, str, str]] = []
        self.end_lines: dict[int, int] = {}
        self.escape = "\\"


def _continues(line: str, escape: str, always: bool) -> tuple[str, bool]:
    """``line`` without its continuation token, and whether there was one."""
    body = line.rstrip(" \t")
    if not body.endswith(escape):
        return line, False
    before = body[:-1]
    # docker: not when the token is itself escaped ("a\\"); buildah: always
    if always or not before or not before.endswith(escape):
        return before, True
    return line, False


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def parse(text: str, *, always_continue: bool = False) -> Parsed:
    """Split a Dockerfile into instructions as docker's parser does (``always_continue``:
    as buildah's, where an escaped escape at the end of a line still continues it)."""
    parsed = Parsed()
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    number = 0
    while number < len(lines):  # parser directives: only before anything else
        match = _DIRECTIVE.match(lines[number].strip())
        if not match:
            break
        if match.group(1).lower() == "escape" and match.group(2) in ("\\", "`"):
            parsed.escape = match.group(2)
        number += 1
    escape = parsed.escape
    while number < len(lines):
        first = lines[number].lstrip()
        number += 1
        start = number
        if not first or _comment(first):
            continue
        joined, more = _continues(first, escape, always_continue)
        while more and number < len(lines):
            line = lines[number]
            number += 1
            if _comment(line) or not line.strip():
                continue
            part, more = _continues(line, escape, always_continue)
            joined += part
        parts = _WHITESPACE.split(joined.strip(), 1)
        rest = parts[1] if len(parts) > 1 else ""
        parsed.instructions.append((start, parts[0].upper(), rest, joined.strip()))
        parsed.end_lines[start] = number
    return parsed


def split_words(rest: str, escape: str) -> list[str]:  # noqa: PLR0912 - the branches follow docker's parseWords one for one
    """Blank-separated words, quotes and escapes kept (docker's ``parseWords``)."""
    words: list[str] = []
    word = ""
    quote = ""
    blank_ok = False
    in_word = False
    i = 0
    while i < len(rest):
        ch = rest[i]
        if not in_word:
            if ch.isspace():
                i += 1
                continue
            in_word = True
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote != "'":
                if i + 1 == len(rest):
                    break
                word += ch
                i += 1
                ch = rest[i]
            word += ch
        elif ch.isspace():
            if blank_ok or word:
                words.append(word)
            word, blank_ok, in_word = "", False, False
        else:
            if ch in "'\"":
                quote = ch
                blank_ok = True
            elif ch == escape:
                if i + 1 == len(rest):
                    break
                word += ch
                i += 1
                ch = rest[i]
            word += ch
        i += 1
    if in_word and (blank_ok or word):
        words.append(word)
    return words


def name_values(keyword: str, rest: str, escape: str) -> list[tuple[str, str]]:
    """The raw ``(key, value)`` pairs of ENV or LABEL, in either of its two forms."""
    words = split_words(rest, escape)
    if not words:
        return []
    if "=" not in words[0]:  # the old form: KEY the rest of the line
        parts = _WHITESPACE.split(rest, 1)
        if len(parts) < 2:
            raise ParseError(f"{keyword} must have two arguments")
        return [(parts[0], parts[1])]
    pairs: list[tuple[str, str]] = []
    for word in words:
        if "=" not in word:
            raise ParseError(
                f"Syntax error - can't find = in {go_quote(word)}. Must be of the form: name=value"
            )
        key, _, value = word.partition("=")
        pairs.append((key, value))
    return pairs


def go_quote(text: str) -> str:
    """``text`` as Go's ``%q`` prints it."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append("\\" + "abfnrtv"["\a\b\f\n\r\t\v".index(ch)])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Lexer:
    """docker's ``ProcessWord`` over one word (``BuildahLexer`` is buildah's older one)."""

    def __init__(self, word: str, env: dict[str, str], escape: str) -> None:
        self.word = word
        self.env = env
        self.escape = escape
        self.pos = 0

    def peek(self) -> str:
        return self.word[self.pos] if self.pos < len(self.word) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1 if ch else 0
        return ch

    def fail(self, message: str) -> WordError:
        return WordError(self.word, message)

    def stop_on(self, stop: str) -> str:
        out: list[str] = []
        while self.peek():
            ch = self.peek()
            if stop and ch == stop:
                self.next()
                return "".join(out)
            if ch == "'":
                out.append(self.single())
            elif ch == '"':
                out.append(self.double())
            elif ch == "$":
                out.append(self.dollar())
            else:
                self.next()
                if ch == self.escape:
                    ch = self.next()
                    if not ch:
                        break
                out.append(ch)
        if stop:
            raise self.unclosed(stop)
        return "".join(out)

    def unclosed(self, stop: str) -> WordError:
        return self.fail("syntax error: missing '}'")

    def single(self) -> str:
        self.next()
        end = self.word.find("'", self.pos)
        if end < 0:
            raise self.fail("unexpected end of statement while looking for matching single-quote")
        text = self.word[self.pos : end]
        self.pos = end + 1
        return text

    def double(self) -> str:
        self.next()
        out: list[str] = []
        while True:
            ch = self.peek()
            if not ch:
                raise self.fail(
                    "unexpected end of statement while looking for matching double-quote"
                )
            if ch == '"':
                self.next()
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.next()
            if ch == self.escape:
                after = self.peek()
                if not after:
                    continue
                if after in ('"', "$", self.escape):
                    ch = self.next()
            out.append(ch)

    def name(self) -> str:
        ch = self.peek()
        if ch.isdecimal():
            digits = ""
            while self.peek().isdecimal():
                digits += self.next()
            return digits
        if ch and ch in _SPECIAL:
            return self.next()
        return self.identifier()

    def identifier(self) -> str:
        name = ""
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            name += self.next()
        return name

    def dollar(self) -> str:
        self.next()
        if self.peek() != "{":
            name = self.name()
            return self.env.get(name, "") if name else "$"
        self.next()
        return self.braced()

    def braced(self) -> str:
        """``${...}`` after its brace."""
        self.check_brace()
        name = self.name()
        ch = self.next()
        if ch == "}":
            return self.env.get(name, "")
        if ch != ":":
            raise self.missing_colon()
        modifier = self.next()
        word = self.stop_on("}")
        value = self.env.get(name)
        if modifier == "+":
            return word if value else ""
        if modifier == "-":
            return value or word
        return self.other_modifier(modifier, name, word, value)

    def check_brace(self) -> None:
        """What docker refuses right after ``${``."""
        if not self.peek():
            raise self.fail("syntax error: missing '}'")
        if self.peek() in "{}:":
            raise self.fail("syntax error: bad substitution")

    def missing_colon(self) -> WordError:
        return self.fail("missing ':' in substitution")

    def other_modifier(self, modifier: str, name: str, word: str, value: str | None) -> str:
        if modifier == "?":
            if value is None:
                raise self.fail(f"{name}: {word or 'is not allowed to be unset'}")
            if not value:
                raise self.fail(f"{name}: {word or 'is not allowed to be empty'}")
            return value
        raise self.fail(f"unsupported modifier ({modifier}) in substitution")


class BuildahLexer(Lexer):
    """buildah 1.28's lexer: always a backslash, ``${X:-w}``/``${X:+w}`` only, one-digit
    names, no special parameters, and its own wordings."""

    def __init__(self, word: str, env: dict[str, str], escape: str) -> None:
        super().__init__(word, env, "\\")

    def unclosed(self, stop: str) -> WordError:
        return self.fail(f"unexpected end of statement while looking for matching {stop}")

    def name(self) -> str:
        return self.next() if self.peek().isdecimal() else self.identifier()

    def check_brace(self) -> None:
        return None

    def missing_colon(self) -> WordError:
        return self.fail(f"Missing ':' in substitution: {self.word}")

    def other_modifier(self, modifier: str, name: str, word: str, value: str | None) -> str:
        raise self.fail(f"Unsupported modifier ({modifier}) in substitution: {self.word}")


def process_word(
    word: str, env: dict[str, str], escape: str = "\\", *, lexer: type[Lexer] = Lexer
) -> str:
    """One word with quotes removed, escapes resolved and variables substituted."""
    return lexer(word, env, escape).stop_on("")


def process_fields(
    text: str, env: dict[str, str], escape: str = "\\", *, lexer: type[Lexer] = Lexer
) -> list[str]:
    """Blank-separated fields (no quote awareness, as docker splits them), each processed."""
    return [process_word(w, env, escape, lexer=lexer) for w in text.split()]


def json_or_shell(text: str, shell: list[str]) -> tuple[list[str], bool]:
    """An instruction's words: a JSON array of strings (exec form, True), else ``shell``
    followed by the text (shell form, False)."""
    if text.startswith("["):
        try:
            value = jsonio.loads(text)
        except ValueError:
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value), True
    return [*shell, text], False
