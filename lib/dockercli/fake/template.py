"""The part of Go's text/template that ``--format`` needs, with Go's printing and errors.

Supported: ``{{.A.B}}``, ``{{json .X}}``, ``{{index .M "k"}}``, ``{{join .L ","}}``,
``lower``/``upper``/``title``/``len``/``split``/``printf``/``println``/``truncate``,
``eq``/``ne``/``not``/``and``/``or``, pipes, parenthesised pipelines with a field chain
(``{{(index .M "k" 0).Field}}``), variables (``{{$x := ...}}``, ``$``, ``$x.Field``),
``{{range [$k, ]$v := ...}}``, ``{{if}}``/``{{else [if|with] ...}}``, ``{{with}}``,
``{{/* comments */}}``, ``{{- -}}`` trimming, and ``.Label "k"`` on ps rows. Anything
else fails loudly, with the wording of the Go version the dialect's client was built with.
"""

# The dialect module is imported only to word a parse error: rendering never pays for it.
# ruff: noqa: PLC0415

from __future__ import annotations

from dockercli.fake import jsonio

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Union

    Node = Union["_Text", "_Action", "_Block"]
    Arg = Union["_Tok", "_Paren"]


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
_DELIMS = " \t\r\n|(),"


class TemplateError(Exception):
    """``parse`` errors (docker exits 64) or execution errors (exit 1)."""

    def __init__(self, message: str, *, parse: bool) -> None:
        super().__init__(message)
        self.parse = parse


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


class _Tok:
    """One token: field, var, str, num, ident, dot, bool, nil, or punctuation."""

    def __init__(self, kind: str, value: str, pos: int, raw: str = "") -> None:
        self.kind = kind
        self.value = value
        self.pos = pos
        self.raw = raw or value  # as written: a string keeps its quotes


class _Pipe:
    """Commands joined by ``|``, with the variables the pipeline declares."""

    def __init__(self, decl: list[str], cmds: list[list[Arg]]) -> None:
        self.decl = decl
        self.cmds = cmds


class _Paren:
    """``(pipeline)``, maybe followed by a field chain: ``(index .P "k" 0).HostPort``."""

    kind = "paren"

    def __init__(self, pipe: _Pipe, pos: int, chain: str) -> None:
        self.pipe = pipe
        self.pos = pos
        self.chain = chain
        self.raw = "(" + _pipe_text(pipe) + ")" + chain


def _cmd_text(cmd: list[Arg]) -> str:
    return " ".join(a.raw for a in cmd)


def _pipe_text(pipe: _Pipe) -> str:
    decl = ", ".join(pipe.decl) + " := " if pipe.decl else ""
    return decl + " | ".join(_cmd_text(c) for c in pipe.cmds)


class _Action:
    def __init__(self, pipe: _Pipe) -> None:
        self.pipe = pipe


class _Block:
    def __init__(self, kind: str, pipe: _Pipe) -> None:
        self.kind = kind
        self.pipe = pipe
        self.body: list[Node] = []
        self.other: list[Node] = []


def _new_go() -> bool:
    """Whether the dialect's client was built with Go >= 1.22 (its parse errors differ)."""
    from dockercli.fake import dialect

    return dialect.current().go_1_22


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

    def _parse(self, text: str) -> list[Node]:  # noqa: PLR0912, PLR0915 - one branch per case keeps the mapping readable
        root: list[Node] = []
        # (block, the list it sits in, whether an {{else if}} opened it: one {{end}} closes all)
        stack: list[tuple[_Block, list[Node], bool]] = []
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
            i = end + 2
            inner = text[body_start:body_end].strip()
            if inner.startswith("/*") and inner.endswith("*/"):
                continue
            toks = self._lex(text, body_start, body_end)
            if not toks:
                raise self._fail("missing value for command", start)
            word = toks[0]
            if word.kind == "ident" and word.value in ("range", "if", "with"):
                block = _Block(word.value, self._pipeline_of(toks, 1))
                current.append(block)
                stack.append((block, current, False))
                current = block.body
            elif word.kind == "ident" and word.value == "else":
                if not stack:
                    raise self._fail("unexpected {{else}}", start)
                current = stack[-1][0].other
                if len(toks) > 1 and toks[1].kind == "ident" and toks[1].value in ("if", "with"):
                    block = _Block(toks[1].value, self._pipeline_of(toks, 2))
                    current.append(block)
                    stack.append((block, current, True))
                    current = block.body
            elif word.kind == "ident" and word.value == "end":
                if not stack:
                    raise self._fail("unexpected {{end}}", start)
                while True:
                    _block, current, chained = stack.pop()
                    if not chained:
                        break
            else:
                current.append(_Action(self._pipeline_of(toks, 0)))
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

    def _lex(self, text: str, i: int, end: int) -> list[_Tok]:  # noqa: PLR0912 - one branch per token kind
        toks: list[_Tok] = []
        while i < end:
            ch = text[i]
            if ch in " \t\r\n":
                i += 1
            elif ch in "|(),":
                kind = {"|": "pipe", "(": "lparen", ")": "rparen", ",": "comma"}[ch]
                toks.append(_Tok(kind, ch, i))
                i += 1
                if ch == ")" and i < end and text[i] == ".":  # a field chain: (...).Field
                    j = i
                    while j < end and text[j] not in _DELIMS:
                        j += 1
                    chain = text[i:j]
                    if chain == "." or ".." in chain or chain.endswith("."):
                        raise self._fail("unexpected <.> in operand", i)
                    toks.append(_Tok("chain", chain, i))
                    i = j
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
                toks.append(_Tok("str", "".join(out), i, text[i : j + 1]))
                i = j + 1
            elif ch == "`":
                j = text.find("`", i + 1, end)
                if j < 0:
                    raise self._fail("unterminated raw quoted string", i)
                toks.append(_Tok("str", text[i + 1 : j], i, text[i : j + 1]))
                i = j + 1
            else:
                j = i
                while j < end and text[j] not in _DELIMS:
                    j += 1
                word = text[i:j]
                toks.append(self._word(word, i))
                i = j
        return toks

    def _word(self, word: str, i: int) -> _Tok:  # noqa: PLR0911 - one return per token kind
        if word in (":=", "="):
            return _Tok("decl", word, i)
        if word == ".":
            return _Tok("dot", word, i)
        if word.startswith("$"):
            name = word[1:].split(".", 1)[0]
            if (name and not name.replace("_", "a").isalnum()) or word.endswith("."):
                raise self._fail(f"unexpected {word!r} in command", i)
            return _Tok("var", word, i)
        if word.startswith("."):
            return _Tok("field", word, i)
        if word in ("true", "false"):
            return _Tok("bool", word, i)
        if word == "nil":
            return _Tok("nil", word, i)
        if word.lstrip("-").isdigit():
            return _Tok("num", word, i)
        if word.replace("_", "a").isalnum():
            return _Tok("ident", word, i)
        if "." in word and word.split(".", 1)[0].replace("_", "a").isalnum():
            raise self._fail("unexpected <.> in operand", i)
        raise self._fail(f"unexpected {word!r} in command", i)

    def _pipeline_of(self, toks: list[_Tok], i: int) -> _Pipe:
        return self._parse_pipe(toks, i, None)[0]

    def _parse_pipe(self, toks: list[_Tok], i: int, paren: int | None) -> tuple[_Pipe, int]:
        """The pipeline from ``toks[i]``; ``paren``: the position of its ``(``, if any."""
        decl: list[str] = []
        j = i
        names: list[str] = []
        while j < len(toks) and toks[j].kind == "var" and "." not in toks[j].value:
            names.append(toks[j].value)
            j += 1
            if j < len(toks) and toks[j].kind == "comma" and len(names) < 2:
                j += 1
                continue
            break
        if names and j < len(toks) and toks[j].kind == "decl":
            decl, i = names, j + 1
        cmds: list[list[Arg]] = [[]]
        while i < len(toks):
            tok = toks[i]
            if tok.kind == "rparen":
                if paren is None:
                    raise self._fail(
                        "unexpected right paren" if _new_go() else 'unexpected ")" in command',
                        tok.pos,
                    )
                return self._checked(_Pipe(decl, cmds), paren), i + 1
            if tok.kind == "pipe":
                cmds.append([])
                i += 1
            elif tok.kind == "lparen":
                inner, i = self._parse_pipe(toks, i + 1, tok.pos)
                chain = ""
                if i < len(toks) and toks[i].kind == "chain":
                    chain = toks[i].value
                    i += 1
                cmds[-1].append(_Paren(inner, tok.pos, chain))
            elif tok.kind in ("comma", "decl", "chain"):
                raise self._fail(f"unexpected {tok.value!r} in command", tok.pos)
            else:
                cmds[-1].append(tok)
                i += 1
        if paren is not None:
            raise self._fail("unclosed left paren", paren)
        return self._checked(_Pipe(decl, cmds), None), i

    def _checked(self, pipe: _Pipe, paren: int | None) -> _Pipe:
        if paren is not None and pipe.cmds == [[]]:
            raise self._fail("missing value for parenthesized pipeline", paren)
        for cmd in pipe.cmds:
            if not cmd:
                raise self._fail("missing value for command", paren)
            head = cmd[0]
            if isinstance(head, _Tok) and head.kind == "ident" and head.value not in _FUNCS:
                raise self._fail(f'function "{head.value}" not defined', head.pos)
        return pipe

    # -- execution ---------------------------------------------------------------------

    def render(self, dot: Any) -> str:
        """Execute against ``dot``; TemplateError(parse=False) on a runtime error."""
        out: list[str] = []
        self._run(self.nodes, dot, out, {"$": dot})
        return "".join(out)

    def _run(self, nodes: list[Node], dot: Any, out: list[str], scope: dict[str, Any]) -> None:
        for node in nodes:
            if isinstance(node, _Text):
                out.append(node.text)
            elif isinstance(node, _Action):
                value = self._pipeline(node.pipe, dot, scope)
                if node.pipe.decl:
                    scope[node.pipe.decl[0]] = value
                else:
                    out.append(show(value))
            else:
                self._block(node, dot, out, dict(scope))

    def _block(self, node: _Block, dot: Any, out: list[str], scope: dict[str, Any]) -> None:
        value = self._pipeline(node.pipe, dot, scope)
        decl = node.pipe.decl
        if node.kind == "range":
            value = _unwrap(value)
            items = (
                sorted(value.items()) if isinstance(value, dict) else list(enumerate(value or []))
            )
            for key, item in items:
                inner = dict(scope)
                if len(decl) == 2:
                    inner[decl[0]], inner[decl[1]] = key, item
                elif decl:
                    inner[decl[0]] = item
                self._run(node.body, item, out, inner)
            if not items:
                self._run(node.other, dot, out, scope)
            return
        if decl:
            scope[decl[0]] = value
        if truthy(value):
            self._run(node.body, value if node.kind == "with" else dot, out, scope)
        else:
            self._run(node.other, dot, out, scope)

    def _pipeline(self, pipe: _Pipe, dot: Any, scope: dict[str, Any]) -> Any:
        result: Any = None
        for n, cmd in enumerate(pipe.cmds):
            head = cmd[0]
            if isinstance(head, _Tok) and head.kind == "ident":
                args = [self._arg(t, dot, scope) for t in cmd[1:]]
                if n:
                    args.append(result)
                result = self._call(head, cmd, args)
            elif (
                isinstance(head, _Tok)
                and head.kind == "field"
                and head.value == ".Label"
                and len(cmd) == 2
            ):
                labels = dot.get("_labels", {}) if isinstance(dot, dict) else {}
                result = labels.get(self._arg(cmd[1], dot, scope), "")
            elif len(cmd) > 1 or n:
                if isinstance(head, _Paren):
                    raise self._exec_at(
                        head.pos,
                        _cmd_text(cmd),
                        f"can't give argument to non-function {_pipe_text(head.pipe)}",
                    )
                raise self._exec_error(head, f"can't give argument to non-function {head.value}")
            else:
                result = self._arg(head, dot, scope)
        return result

    def _arg(self, node: Arg, dot: Any, scope: dict[str, Any]) -> Any:  # noqa: PLR0911 - one return per kind
        if isinstance(node, _Paren):
            value = self._pipeline(node.pipe, dot, scope)
            if not node.chain:
                return value
            last = node.pipe.cmds[-1][-1]
            where = last if isinstance(last, _Tok) else _Tok("paren", last.raw, last.pos)
            return self._walk(value, node.chain[1:].split("."), where, typed=False)
        tok = node
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
            return self._walk(dot, tok.value[1:].split("."), tok, typed=True)
        if tok.kind == "var":
            name, _, rest = tok.value.partition(".")
            if name not in scope:
                raise self._fail(f'undefined variable "{name}"', tok.pos)
            if not rest:
                return scope[name]
            return self._walk(scope[name], rest.split("."), tok, typed=False)
        raise self._exec_error(tok, f"can't use {tok.value} as a value")

    def _walk(self, value: Any, parts: list[str], tok: _Tok, *, typed: bool) -> Any:
        for depth, key in enumerate(parts):
            if isinstance(value, dict):
                if key in value and not key.startswith("_"):
                    value = value[key]
                    if value is None:
                        value = NilValue(key)
                    continue
                if typed and self.typed and depth == 0:
                    raise self._exec_error(tok, f"can't evaluate field {key} in type {self.typed}")
                raise self._exec_error(tok, f'map has no entry for key "{key}"')
            if isinstance(value, NilValue):
                raise self._exec_error(tok, f"nil pointer evaluating interface {{}}.{key}")
            raise self._exec_error(tok, f"can't evaluate field {key} in type {_go_type(value)}")
        return value

    def _call(self, head: _Tok, cmd: list[Arg], args: list[Any]) -> Any:
        try:
            return _FUNCS[head.value](*args)
        except TypeError:
            raise self._exec_error(head, f"wrong number of args for {head.value}") from None
        except (KeyError, IndexError, ValueError) as exc:
            raise self._exec_at(
                head.pos, _cmd_text(cmd), f"error calling {head.value}: {exc}"
            ) from None

    def _exec_error(self, tok: _Tok, message: str) -> TemplateError:
        pos = tok.pos
        if tok.kind in ("field", "var") and tok.value.count(".") > 1:
            pos += tok.value.index(".", 1)
        return self._exec_at(pos, tok.raw, message)

    def _exec_at(self, pos: int, text: str, message: str) -> TemplateError:
        line = self.source.count("\n", 0, pos) + 1
        col = pos - (self.source.rfind("\n", 0, pos) + 1)
        return TemplateError(
            f'template: {self.name}:{line}:{col}: executing "{self.name}" at <{text}>: {message}',
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
            if not 0 <= int(key) < len(value):
                raise ValueError("reflect: slice index out of range")
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


def _and(first: Any, *rest: Any) -> Any:
    for value in (first, *rest):
        if not truthy(value):
            return value
    return value


def _or(first: Any, *rest: Any) -> Any:
    for value in (first, *rest):
        if truthy(value):
            return value
    return value


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
    "and": _and,
    "or": _or,
    "pad": lambda v, left, right: " " * left + show(v) + " " * right,
}
