"""A very small shell: enough of ``sh -c`` to give a container or a RUN step its outcome.

Nothing is executed. A command is *interpreted* when every part of it is known, and the
outcome records what it printed, on which stream, at what time (after the ``sleep``s before
it) and its exit status. The first thing that is not known stops the interpretation:
``known`` turns False and ``reason`` names it. What ran before stays (its output is real);
a caller decides what an unknown rest means (a detached container runs until stopped, an
attached run or an exec is refused). Nothing unknown is ever printed as if it were text.

Known shell syntax: lists (``;``, newlines, ``&&``, ``||``), pipelines (``|``, ``!``),
quotes (``'...'``, ``"..."``, ``$'...'``, ``\\``), ``$VAR``, ``${VAR}``, ``${VAR:-w}``,
``${VAR-w}``, ``${VAR:+w}``, ``${VAR+w}``, ``$?``, ``$#``, ``$0``-``$9``, field splitting,
assignments (``X=1``, ``X=1 cmd``), comments, and the redirections ``>&2``, ``2>&1``,
``N>/dev/null``, ``N>/dev/stderr``, ``N>/dev/stdout`` (N = 1 or 2) and ``</dev/null``.

Known commands: ``echo`` (``-n``, ``-e``), ``printf``, ``true``, ``:``, ``false``, ``exit``,
``sleep`` (``infinity`` never ends), ``pwd``, ``cd``, ``export``, ``unset``, ``set -e``,
``exec``, ``sh``/``bash``/``ash``/``dash`` (``-c`` or a script on stdin), and on stdin only:
``cat``, ``tr``, ``wc``, ``head``, ``tail``. The parser is ``syntax``; the programs other
than the shell's own builtins are in ``programs``.
"""

from __future__ import annotations

import posixpath

from dockercli.fake import programs, syntax

_SHELLS = ("sh", "bash", "ash", "dash")


class Outcome:
    """What a command did: output events and their times, exit status, whether it ends.

    Attributes:
        output: ``(stream, text)`` events, stream 1 = stdout, 2 = stderr.
        times: seconds after the start at which each output event was written.
        code: the exit status (meaningless when ``forever``).
        seconds: when it ended (the sum of its ``sleep``s).
        forever: it never ends by itself (``sleep infinity``, ``cat`` on a stdin kept open).
        known: every step was interpreted; when False, ``reason`` says what was not.
    """

    def __init__(self) -> None:
        self.output: list[tuple[int, str]] = []
        self.times: list[float] = []
        self.code = 0
        self.seconds = 0.0
        self.forever = False
        self.known = True
        self.reason = ""

    def text(self, stream: int = 1) -> str:
        """All output of one stream."""
        return "".join(t for s, t in self.output if s == stream)


def run(
    argv: list[str],
    env: dict[str, str],
    *,
    cwd: str = "/",
    stdin: str | None = "",
    tty: bool = False,
    strict: bool = False,
    files: dict[str, str] | None = None,
) -> Outcome:
    """Interpret an argv (exec form) or a ``sh -c`` script.

    ``files`` are the container's files the fake knows (copied in with ``docker cp``),
    by absolute path: ``cat`` reads them; any other file is not read.

    ``stdin`` is the data the program can read: ``""`` when stdin is closed (no ``-i``),
    None when it stays open and nothing ever comes (``-d -i``, a terminal).
    ``strict`` (containers, exec): stop at the first program the fake cannot run.
    Otherwise (RUN steps, health checks, as before) such a program succeeds with no
    output and the script goes on. ``known`` turns False either way; shell syntax the
    fake cannot read always stops it.
    """
    out = Outcome()
    while argv and _base(argv[0]) == "busybox" and len(argv) > 1 and not argv[1].startswith("-"):
        argv = argv[1:]
    shell = _Shell(out, dict(env), cwd or "/", [argv[0] if argv else "sh"], _Input(stdin, tty))
    shell.strict = strict
    shell.files = files or {}
    try:
        if argv:
            out.code = shell.program(argv, shell.fds())
    except _Exit as done:
        out.code = done.code
    except _Forever:
        out.forever = True
    except syntax.Unknown as unknown:
        out.known = False
        out.reason = unknown.reason
    out.code %= 256
    return out


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


# -- control flow ------------------------------------------------------------------------


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Forever(Exception):
    """The program never ends by itself; nothing after it runs."""


# -- where output goes -------------------------------------------------------------------


class Sink:
    """An open file descriptor: stdout/stderr of the outcome, a pipe, or /dev/null."""

    def __init__(self, out: Outcome | None, stream: int) -> None:
        self.out = out
        self.stream = stream
        self.buffer: list[str] = []

    def write(self, text: str) -> None:
        """Write ``text`` at the outcome's current time (or into the pipe's buffer)."""
        if not text:
            return
        if self.stream == 0:
            return
        if self.out is None:
            self.buffer.append(text)
            return
        self.out.output.append((self.stream, text))
        self.out.times.append(self.out.seconds)


class _Input:
    """A stdin: data (read once, then EOF) or None (open; nothing ever comes)."""

    def __init__(self, data: str | None, tty: bool = False, ready: float = 0.0) -> None:
        self.data = data
        self.tty = tty
        self.ready = ready

    def read(self, out: Outcome, program: str) -> str:
        if self.data is None:
            if self.tty:
                raise syntax.Unknown(
                    f"the fake does not model a terminal ('{program}' reads one: -t)"
                )
            raise _Forever
        out.seconds = max(out.seconds, self.ready)
        data, self.data = self.data, ""
        return data


# -- running -----------------------------------------------------------------------------


class _Shell:
    """One shell (or subshell): variables, directory, positional parameters, stdin."""

    def __init__(
        self, out: Outcome, env: dict[str, str], cwd: str, params: list[str], stdin: _Input
    ) -> None:
        self.out = out
        self.env = env
        self.cwd = cwd
        self.params = params
        self.stdin = stdin
        self.status = 0
        self.errexit = False
        self.strict = True
        self.stdout = Sink(out, 1)
        self.stderr = Sink(out, 2)
        self.files: dict[str, str] = {}

    def fds(self) -> dict[int, Sink]:
        """The shell's own stdout and stderr."""
        return {1: self.stdout, 2: self.stderr}

    def subshell(self, stdin: _Input, stdout: Sink) -> _Shell:
        """A copy for one stage of a pipeline: its changes do not reach this shell."""
        sub = _Shell(self.out, dict(self.env), self.cwd, list(self.params), stdin)
        sub.status, sub.errexit, sub.strict = self.status, self.errexit, self.strict
        sub.stdout, sub.stderr, sub.files = stdout, self.stderr, self.files
        return sub

    # script level

    def script(self, text: str) -> int:
        """Run a script; its exit status (``exit`` raises ``_Exit``)."""
        for items, reason in syntax.Parser(text).lines():
            run_next = True
            for index, (pipe, op) in enumerate(items):
                ran = run_next
                if ran:
                    self.status = self.pipeline(pipe)
                last = index == len(items) - 1 or op not in ("&&", "||")
                if ran and last and self.errexit and self.status and not pipe.negate:
                    raise _Exit(self.status)
                if op == "&&":
                    run_next = self.status == 0
                elif op == "||":
                    run_next = self.status != 0
                else:
                    run_next = True
            if reason:
                raise syntax.Unknown(reason)
        return self.status

    def pipeline(self, pipe: syntax.Pipeline) -> int:
        """Run each stage with the previous stage's stdout as its stdin; the last one's status."""
        if len(pipe.commands) == 1:
            code = self.command(pipe.commands[0], self.stdin, self.fds())
        else:
            start = self.out.seconds
            end = start
            stdin = self.stdin
            code = 0
            for index, command in enumerate(pipe.commands):
                last = index == len(pipe.commands) - 1
                pipe_out = self.stdout if last else Sink(None, 1)
                sub = self.subshell(stdin, pipe_out)
                self.out.seconds = start
                try:
                    code = sub.command(command, stdin, sub.fds())
                except _Exit as done:
                    code = done.code
                end = max(end, self.out.seconds)
                stdin = _Input("".join(pipe_out.buffer), ready=self.out.seconds)
            self.out.seconds = end
        if pipe.negate:
            return int(code == 0)
        return code % 256

    def command(self, command: syntax.Command, stdin: _Input, fds: dict[int, Sink]) -> int:
        """Expand, redirect and run one simple command."""
        assigned: dict[str, str] = {}
        words: list[str] = []
        for word in command.words:
            name = _assignment(word) if not words else None
            if name is not None:
                assigned[name] = self.expand(word, split=False)[0][len(name) + 1 :]
            else:
                words.extend(self.expand(word, split=True))
        fds = dict(fds)
        for fd, op, target in command.redirs:
            stdin = self._redirect(fds, stdin, fd, op, "".join(self.expand(target, split=False)))
        if not words:
            self.env.update(assigned)
            return 0
        if not assigned:
            return self.program(words, fds, stdin)
        saved, self.env = self.env, {**self.env, **assigned}
        try:
            return self.program(words, fds, stdin)
        finally:
            self.env = saved

    def _redirect(
        self, fds: dict[int, Sink], stdin: _Input, fd: int, op: str, target: str
    ) -> _Input:
        if fd not in (0, 1, 2):
            raise syntax.not_interpreted(f"redirecting file descriptor {fd}")
        if op == "<":
            if target != "/dev/null":
                raise syntax.not_interpreted(f"reading the file '{target}' ('<')")
            return _Input("")
        if op in (">&", "<&"):
            if target in ("1", "2") and fd in (1, 2):
                fds[fd] = fds[int(target)]
                return stdin
            raise syntax.not_interpreted(f"the redirection '{fd}{op}{target}'")
        if fd == 0:
            raise syntax.not_interpreted(f"the redirection '0{op}'")
        if target in ("/dev/stdout", "/dev/stderr"):
            fds[fd] = fds[1 if target == "/dev/stdout" else 2]
        elif target == "/dev/null":
            fds[fd] = Sink(None, 0)
        else:  # it may or may not exist in the image: the fake has no file system
            raise syntax.not_interpreted(f"writing the file '{target}' ('{op}')")
        return stdin

    def expand(self, word: list[syntax.Part], *, split: bool) -> list[str]:
        """The fields of a word after parameter expansion (and field splitting if ``split``)."""
        fields: list[str] = []
        current: list[str] = []
        have = False
        for part in word:
            text = self._value(part) if part.param else part.text
            if not part.param or part.quoted or not split:
                current.append(text)
                have = have or part.quoted or bool(text)
                continue
            pieces = text.split()
            if text[:1].isspace() and have:
                fields.append("".join(current))
                current, have = [], False
            for n, piece in enumerate(pieces):
                if n:
                    fields.append("".join(current))
                    current = []
                current.append(piece)
                have = True
            if pieces and text[-1:].isspace():
                fields.append("".join(current))
                current, have = [], False
        if have:
            fields.append("".join(current))
        return fields if split else ["".join(fields)]

    def _value(self, part: syntax.Part) -> str:
        name = part.text
        if name == "?":
            value: str | None = str(self.status)
        elif name == "#":
            value = str(len(self.params) - 1)
        elif name.isdigit():
            index = int(name)
            value = self.params[index] if index < len(self.params) else None
        else:
            value = self.env.get(name)
        if part.op == ":-":
            return value or part.alt
        if part.op == "-":
            return part.alt if value is None else value
        if part.op == ":+":
            return part.alt if value else ""
        if part.op == "+":
            return "" if value is None else part.alt
        return value or ""

    # programs

    def program(  # noqa: PLR0911, PLR0912 - one branch per program keeps the table readable
        self, argv: list[str], fds: dict[int, Sink], stdin: _Input | None = None
    ) -> int:
        """Run one command by name; its exit status."""
        stdin = self.stdin if stdin is None else stdin
        name, args = _base(argv[0]), argv[1:]
        out, err = fds[1], fds[2]
        if name in ("true", ":"):
            return 0
        if name == "false":
            return 1
        if name == "echo":
            return programs.echo(args, out)
        if name == "printf":
            return programs.printf(args, out, err)
        if name == "sleep":
            return self._sleep(args)
        if name == "exit":
            return self._exit(args)
        if name == "pwd":
            out.write(self.cwd + "\n")
            return 0
        if name == "cd":
            return self._cd(args)
        if name in ("export", "unset", "set"):
            return self._variables(name, args)
        if name == "exec":
            if not args:
                raise syntax.not_interpreted("'exec' without a command")
            raise _Exit(self.program(args, fds, stdin))
        if name in _SHELLS:
            return self._shell(argv, fds, stdin)
        if name == "cat" and args and all(a not in ("-", "-u") for a in args):
            return self._cat(args, out)
        if name in ("cat", "tr", "wc", "head", "tail"):
            return programs.filter_stdin(name, args, stdin.read(self.out, name), out)
        unknown = syntax.program_unknown(argv[0])
        if self.strict:
            raise unknown
        if self.out.known:
            self.out.known, self.out.reason = False, unknown.reason
        return 0

    def _cat(self, args: list[str], out: Sink) -> int:
        """``cat FILE...`` of files copied into the container; any other is not read."""
        paths = [a if a.startswith("/") else posixpath.join(self.cwd, a) for a in args]
        unknown = [p for p in paths if posixpath.normpath(p) not in self.files]
        if unknown:
            raise syntax.Unknown(
                f"the fake does not read files but those docker cp put in ('cat {unknown[0]}')"
            )
        for p in paths:
            out.write(self.files[posixpath.normpath(p)])
        return 0

    def _sleep(self, args: list[str]) -> int:
        if not args:
            raise syntax.not_interpreted("'sleep' without an argument")
        total = 0.0
        for arg in args:
            seconds = programs.seconds(arg)
            if seconds is None:  # busybox's message for these is not regular enough to copy
                raise syntax.not_interpreted(f"'sleep {arg}'")
            total += seconds
        if total == float("inf"):
            raise _Forever
        self.out.seconds += total
        return 0

    def _exit(self, args: list[str]) -> int:
        if not args:
            raise _Exit(self.status)
        if not args[0].isdigit():  # sh: exit: line N: Illegal number: x
            raise syntax.not_interpreted(f"'exit {args[0]}'")
        raise _Exit(int(args[0]) % 256)

    def _cd(self, args: list[str]) -> int:
        target = args[0] if args else self.env.get("HOME", "")
        if not target or target == "-":
            raise syntax.not_interpreted("'cd' without a directory" if not target else "'cd -'")
        path = target if target.startswith("/") else self.cwd.rstrip("/") + "/" + target
        parts: list[str] = []
        for piece in path.split("/"):
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        self.cwd = "/" + "/".join(parts)
        return 0

    def _variables(self, name: str, args: list[str]) -> int:
        if name == "set":
            for arg in args:
                if arg in ("-e", "+e"):
                    self.errexit = arg == "-e"
                else:
                    raise syntax.not_interpreted(f"'set {arg}'")
            if not args:
                raise syntax.not_interpreted("'set' without options")
            return 0
        for arg in args:
            if arg.startswith("-"):
                raise syntax.not_interpreted(f"'{name} {arg}'")
            key, eq, value = arg.partition("=")
            if name == "unset":
                self.env.pop(arg, None)
            elif eq:
                self.env[key] = value
        return 0

    def _shell(self, argv: list[str], fds: dict[int, Sink], stdin: _Input) -> int:
        args = argv[1:]
        errexit = False
        command = False
        while args and args[0].startswith("-") and args[0] != "-" and len(args[0]) > 1:
            flags = args[0][1:]
            if set(flags) - {"c", "e"}:
                raise syntax.not_interpreted(f"the shell option '{args[0]}'")
            command = command or "c" in flags
            errexit = errexit or "e" in flags
            args = args[1:]
        if command:
            if not args:
                fds[2].write(f"{_base(argv[0])}: -c requires an argument\n")
                return 2
            text, params = args[0], args[1:] or [argv[0]]
        elif args:
            raise syntax.Unknown(f"the fake does not read files (the script '{args[0]}')")
        else:
            text, params = stdin.read(self.out, _base(argv[0])), [argv[0]]
        sub = _Shell(self.out, dict(self.env), self.cwd, params, stdin)
        sub.stdout, sub.stderr, sub.errexit, sub.strict = fds[1], fds[2], errexit, self.strict
        try:
            return sub.script(text)
        except _Exit as done:
            return done.code


def _assignment(word: list[syntax.Part]) -> str | None:
    """The variable name when a word is ``NAME=value`` (the ``=`` unquoted)."""
    if not word or word[0].quoted or word[0].param:
        return None
    name, eq, _ = word[0].text.partition("=")
    if eq and name and name[0] in syntax.NAME_FIRST and set(name) <= syntax.NAME_CHARS:
        return name
    return None
