"""The part of Go's text/template that ``--format`` needs, with Go's printing and errors.

Supported: ``{{.A.B}}``, ``{{json .X}}``, ``{{index .M "k"}}``, ``{{join .L ","}}``,
``lower``/``upper``/``title``/``len``/``split``/``printf``/``println``/``truncate``,
``eq``/``ne``/``not``, pipes, ``{{range}}``, ``{{if}}``/``{{else}}``, ``{{with}}``,
``{{- -}}`` trimming, and ``.Label "k"`` on ps rows. Anything else fails loudly.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Union

    from dockercli.fake import jsonio

    Node = Union["_Text", "_Action", "_Block"]
else:
    import jsonio

# JSON nulls that docker's typed structs print as an empty slice or map.
_NIL_SLICES = frozenset(
    (
        "Entrypoint",
        "Cmd",
        "OnBuild",
        "Binds",
        "Links",
        "CapAdd",
        "CapDrop",
        "ExtraHosts",
        "Mounts",
        "ExecIDs",
        "RepoTags",
        "RepoDigests",
        "Env",
        "Dns",
        "DnsOptions",
        "DnsSearch",
        "Aliases",
        "Shell",
    )
)
_NIL_MAPS = frozenset(("Labels", "Volumes", "ExposedPorts", "Ports", "PortBindings", "Networks"))


class TemplateError(Exception):
    """``parse`` errors (docker exits 64) or execution errors (exit 1)."""

    def __init__(self, message: str, *, parse: bool) -> None:
        super().__init__(message)
        self.parse = parse


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


class _Action:
    def __init__(self, pipe: list[list[_Tok]]) -> None:
        self.pipe = pipe


class _Block:
    def __init__(self, kind: str, pipe: list[list[_Tok]]) -> None:
        self.kind = kind
        self.pipe = pipe
        self.body: list[Node] = []
        self.other: list[Node] = []


class _Tok:
    """One argument of a command: kind is field, str, num, ident, dot, bool or nil."""

    def __init__(self, kind: str, value: str, pos: int) -> None:
        self.kind = kind
        self.value = value
        self.pos = pos


class Template:
    """A parsed template; ``render(dot)`` executes it."""

    def __init__(self, text: str, name: str = "", typed: str = "") -> None:
        self.source = text
        self.name = name
        self.typed = typed  # Go type named in "can't evaluate field" errors ("" = a map)
        self.nodes = self._parse(text)

    # -- parsing -----------------------------------------------------------------------

    def _fail(self, message: str, pos: int | None = None) -> TemplateError:
        where = f"{self._line(pos)}" if pos is not None else "1"
        return TemplateError(f"template: {self.name}:{where}: {message}", parse=True)

    def _line(self, pos: int | None) -> str:
        if pos is None:
            return "1"
        return str(self.source.count("\n", 0, pos) + 1)

    def _parse(self, text: str) -> list[Node]:  # noqa: PLR0912 - one branch per case keeps the mapping readable
        root: list[Node] = []
        stack: list[tuple[_Block, list[Node]]] = []
        current = root
        i = 0
        trim_next = False
        while i < len(text):
            start = text.find("{{", i)
            chunk = text[i:] if start < 0 else text[i:start]
            if trim_next:
                chunk = chunk.lstrip(" \t\r\n")
            if start < 0:
                if chunk:
                    current.append(_Text(chunk))
                break
            body_start = start + 2
            if text.startswith("- ", body_start) or text.startswith("-\t", body_start):
                chunk = chunk.rstrip(" \t\r\n")
                body_start += 1
            if chunk:
                current.append(_Text(chunk))
            end = self._close(text, body_start)
            body_end = end
            trim_next = False
            if text[end - 2 : end] in (" -", "\t-", "\n-"):
                body_end = end - 1
                trim_next = True
            toks = self._lex(text, body_start, body_end)
            i = end + 2
            if not toks:
                raise self._fail("missing value for command", start)
            word = toks[0]
            if word.kind == "ident" and word.value in ("range", "if", "with"):
                block = _Block(word.value, self._pipe(toks[1:], start))
                current.append(block)
                stack.append((block, current))
                current = block.body
            elif word.kind == "ident" and word.value == "else":
                if not stack:
                    raise self._fail("unexpected {{else}}", start)
                current = stack[-1][0].other
            elif word.kind == "ident" and word.value == "end":
                if not stack:
                    raise self._fail("unexpected {{end}}", start)
                current = stack.pop()[1]
            else:
                current.append(_Action(self._pipe(toks, start)))
        if stack:
            raise self._fail(f"unexpected EOF in {stack[-1][0].kind}", None)
        return root

    def _close(self, text: str, i: int) -> int:
        quote = ""
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == "\\" and quote == '"':
                    i += 2
                    continue
                if ch == quote:
                    quote = ""
            elif ch in '"`':
                quote = ch
            elif text.startswith("}}", i):
                return i
            i += 1
        raise TemplateError(
            f"template: {self.name}:{self._line(i - 1)}: unclosed action", parse=True
        )

    def _lex(self, text: str, i: int, end: int) -> list[_Tok]:  # noqa: PLR0912, PLR0915 - one branch per token kind
        toks: list[_Tok] = []
        while i < end:
            ch = text[i]
            if ch in " \t\r\n":
                i += 1
            elif ch == "|":
                toks.append(_Tok("pipe", "|", i))
                i += 1
            elif ch == '"':
                j = i + 1
                out: list[str] = []
                while j < end and text[j] != '"':
                    if text[j] == "\\" and j + 1 < end:
                        nxt = text[j + 1]
                        out.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"'}.get(nxt, nxt))
                        j += 2
                        continue
                    out.append(text[j])
                    j += 1
                if j >= end:
                    raise self._fail("unterminated quoted string", i)
                toks.append(_Tok("str", "".join(out), i))
                i = j + 1
            elif ch == "`":
                j = text.find("`", i + 1, end)
                if j < 0:
                    raise self._fail("unterminated raw quoted string", i)
                toks.append(_Tok("str", text[i + 1 : j], i))
                i = j + 1
            else:
                j = i
                while j < end and text[j] not in " \t\r\n|":
                    j += 1
                word = text[i:j]
                if word == ".":
                    toks.append(_Tok("dot", word, i))
                elif word.startswith("."):
                    toks.append(_Tok("field", word, i))
                elif word in ("true", "false"):
                    toks.append(_Tok("bool", word, i))
                elif word == "nil":
                    toks.append(_Tok("nil", word, i))
                elif word.lstrip("-").isdigit():
                    toks.append(_Tok("num", word, i))
                elif word.replace("_", "a").isalnum():
                    toks.append(_Tok("ident", word, i))
                elif "." in word and word.split(".", 1)[0].replace("_", "a").isalnum():
                    raise self._fail("unexpected <.> in operand", i)
                else:
                    raise self._fail(f"unexpected {word!r} in command", i)
                i = j
        return toks

    def _pipe(self, toks: list[_Tok], pos: int) -> list[list[_Tok]]:
        cmds: list[list[_Tok]] = [[]]
        for tok in toks:
            if tok.kind == "pipe":
                cmds.append([])
            else:
                cmds[-1].append(tok)
        for cmd in cmds:
            if not cmd:
                raise self._fail("missing value for command", pos)
            head = cmd[0]
            if head.kind == "ident" and head.value not in _FUNCS:
                raise self._fail(f'function "{head.value}" not defined', head.pos)
        return cmds

    # -- execution ---------------------------------------------------------------------

    def render(self, dot: Any) -> str:
        """Execute against ``dot``; TemplateError(parse=False) on a runtime error."""
        out: list[str] = []
        self._run(self.nodes, dot, out)
        return "".join(out)

    def _run(self, nodes: list[Node], dot: Any, out: list[str]) -> None:
        for node in nodes:
            if isinstance(node, _Text):
                out.append(node.text)
            elif isinstance(node, _Action):
                out.append(show(self._pipeline(node.pipe, dot)))
            else:
                value = self._pipeline(node.pipe, dot)
                if node.kind == "range":
                    items = list(value.values()) if isinstance(value, dict) else value or []
                    for item in items:
                        self._run(node.body, item, out)
                    if not items:
                        self._run(node.other, dot, out)
                elif truthy(value):
                    self._run(node.body, value if node.kind == "with" else dot, out)
                else:
                    self._run(node.other, dot, out)

    def _pipeline(self, cmds: list[list[_Tok]], dot: Any) -> Any:
        result: Any = None
        for n, cmd in enumerate(cmds):
            head = cmd[0]
            if head.kind == "ident":
                args = [self._arg(t, dot) for t in cmd[1:]]
                if n:
                    args.append(result)
                result = self._call(head, args)
            elif head.kind == "field" and head.value == ".Label" and len(cmd) == 2:
                labels = dot.get("_labels", {}) if isinstance(dot, dict) else {}
                result = labels.get(self._arg(cmd[1], dot), "")
            elif len(cmd) > 1 or n:
                raise self._exec_error(head, f"can't give argument to non-function {head.value}")
            else:
                result = self._arg(head, dot)
        return result

    def _arg(self, tok: _Tok, dot: Any) -> Any:
        if tok.kind == "dot":
            return dot
        if tok.kind == "str":
            return tok.value
        if tok.kind == "num":
            return int(tok.value)
        if tok.kind == "bool":
            return tok.value == "true"
        if tok.kind == "nil":
            return None
        if tok.kind == "field":
            return self._field(tok, dot)
        raise self._exec_error(tok, f"can't use {tok.value} as a value")

    def _field(self, tok: _Tok, dot: Any) -> Any:
        value = dot
        parts = tok.value[1:].split(".")
        for depth, key in enumerate(parts):
            if isinstance(value, dict):
                if key in value and not key.startswith("_"):
                    value = value[key]
                    if value is None:
                        value = NilValue(key)
                    continue
                if self.typed and depth == 0:
                    raise self._exec_error(tok, f"can't evaluate field {key} in type {self.typed}")
                raise self._exec_error(tok, f'map has no entry for key "{key}"')
            if isinstance(value, NilValue):
                raise self._exec_error(tok, f"nil pointer evaluating interface {{}}.{key}")
            raise self._exec_error(tok, f"can't evaluate field {key} in type {_go_type(value)}")
        return value

    def _call(self, head: _Tok, args: list[Any]) -> Any:
        try:
            return _FUNCS[head.value](*args)
        except TypeError:
            raise self._exec_error(head, f"wrong number of args for {head.value}") from None
        except (KeyError, IndexError, ValueError) as exc:
            raise self._exec_error(head, f"error calling {head.value}: {exc}") from None

    def _exec_error(self, tok: _Tok, message: str) -> TemplateError:
        pos = tok.pos
        if tok.kind == "field" and tok.value.count(".") > 1:
            pos += tok.value.index(".", 1)
        line = self.source.count("\n", 0, pos) + 1
        col = pos - (self.source.rfind("\n", 0, pos) + 1)
        return TemplateError(
            f'template: {self.name}:{line}:{col}: executing "{self.name}" '
            f"at <{tok.value}>: {message}",
            parse=False,
        )


class NilValue:
    """A null field value; ``show`` prints ``[]``, ``map[]`` or ``<nil>`` as Go would."""

    def __init__(self, key: str) -> None:
        self.key = key


def _go_type(value: Any) -> str:
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, list):
        return "[]interface {}"
    return "interface {}"


def truthy(value: Any) -> bool:
    """Go's notion of an empty value."""
    if isinstance(value, NilValue):
        return False
    return bool(value)


def show(value: Any, nested: bool = False) -> str:  # noqa: PLR0911 - one return per case keeps the mapping readable
    """Print a value as Go's ``fmt.Print`` does for the decoded JSON."""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "<nil>"
    if isinstance(value, NilValue):
        if value.key in _NIL_SLICES:
            return "[]"
        if value.key in _NIL_MAPS:
            return "map[]"
        return "<nil>"
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + " ".join(show(v, True) for v in value) + "]"
    if isinstance(value, dict):
        if not value and nested:
            return "{}"
        return "map[" + " ".join(f"{k}:{show(value[k], True)}" for k in sorted(value)) + "]"
    return str(value)


def _unwrap(value: Any) -> Any:
    return None if isinstance(value, NilValue) else value


def _json(value: Any) -> str:
    return jsonio.dumps(_unwrap(value))


def _index(value: Any, *keys: Any) -> Any:
    for key in keys:
        value = _unwrap(value)
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list):
            value = value[int(key)]
        else:
            raise ValueError(f"can't index item of type {_go_type(value)}")
    return "<no value>" if value is None else value


def _join(value: Any, sep: str) -> str:
    return sep.join(show(v) for v in _unwrap(value) or [])


def _printf(fmt: str, *args: Any) -> str:
    out = fmt
    for arg in args:
        for verb in ("%s", "%v", "%d", "%q"):
            if verb in out:
                text = jsonio.quote(show(arg)) if verb == "%q" else show(arg)
                out = out.replace(verb, text, 1)
                break
    return out


def _truncate(value: Any, n: int) -> str:
    text = show(value)
    return text[:n]


_FUNCS: dict[str, Any] = {
    "json": _json,
    "index": _index,
    "join": _join,
    "lower": lambda v: show(v).lower(),
    "upper": lambda v: show(v).upper(),
    "title": lambda v: show(v).title(),
    "len": lambda v: len(_unwrap(v) or ()),
    "split": lambda v, sep: show(v).split(sep),
    "printf": _printf,
    "print": lambda *v: "".join(show(x) for x in v),
    "println": lambda *v: " ".join(show(x) for x in v) + "\n",
    "truncate": _truncate,
    "eq": lambda a, *b: any(_unwrap(a) == _unwrap(x) for x in b),
    "ne": lambda a, b: _unwrap(a) != _unwrap(b),
    "not": lambda v: not truthy(v),
    "pad": lambda v, left, right: " " * left + show(v) + " " * right,
}
