"""Fault injection: ``FAKE_DOCKER_FAULTS`` makes chosen invocations fail or misbehave.

Two spellings. JSON: a list of objects (or one object). Text: rules separated by ``;``,
each either ``ACTION``, ``CMD:ACTION`` or ``key=value`` pairs separated by ``,``::

    FAKE_DOCKER_FAULTS='down'                                  # every command: daemon down
    FAKE_DOCKER_FAULTS='ps:down;cmd=inspect,action=truncate'
    FAKE_DOCKER_FAULTS='[{"cmd": "run", "action": "exit", "code": 125, "stderr": "boom\\n"}]'

Keys: ``cmd`` (which command, see below; default ``*``, every one), ``match`` (substring
of some argument), ``times`` (only the first N matching calls), ``optional`` (``1``: the
rule may never fire, see below), ``action`` and the action's parameters:

    down      the dialect's daemon-unreachable message; exit 1 (docker) / 125 (podman)
    exit      print ``stdout``/``stderr`` (``\\n`` escapes allowed), exit ``code`` (default 1)
    hang      sleep ``seconds`` (default 60), then ``then=continue`` (default) or ``then=exit``
    garbage   run the command, replace its stdout with non-JSON junk
    truncate  run the command, keep the first ``bytes`` of stdout (default: half)
    bad-utf8  run the command, put invalid UTF-8 bytes into its stdout
    slow      run the command, sleep ``seconds`` (default 0.2) before every output line

**Which commands a ``cmd`` matches.** ``cmd`` names a command as docker spells it, in any
of its spellings, and matches every spelling of that command: ``ps`` = ``container ls`` =
``container ps`` = ``container list``; ``rm`` = ``container rm``; ``rmi`` = ``image rm``;
``images`` = ``image ls``; ``build`` = ``image build``; ``run`` = ``container run``;
``info`` = ``system info``. A bare verb also matches its ``container``/``image`` forms that
are separate commands: ``inspect`` matches ``inspect``, ``container inspect`` and ``image
inspect`` (what dockercli runs). A grouped name stays narrow: ``container inspect`` matches
only ``container inspect``, ``image rm`` never matches ``rm``, and ``inspect`` never matches
``context inspect``. A ``cmd`` the fake does not model could never fire: it is refused
(exit 125), like a malformed rule.

**Unfired rules.** Every invocation that sees FAKE_DOCKER_FAULTS records, under its state
dir in ``faults.json``, each rule of that value, how often it fired and which commands ran
(``{"specs": {VALUE: {"rules": [TEXT], "optional": [BOOL], "fired": [N], "ran": [ARGV],
"calls": N}}}``). ``dockercli.testing.fake.FakeDocker.close()`` (the pytest plugin's
teardown) fails when a rule that is not ``optional`` never fired, as bats-mock does.
"""

from __future__ import annotations

import fcntl
import os

from dockercli.fake import commands, dialect, jsonio, model, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


ACTIONS = ("down", "exit", "hang", "garbage", "truncate", "bad-utf8", "slow")
_ALIASES = {"daemon-down": "down", "unreachable": "down", "non-utf8": "bad-utf8", "fail": "exit"}
# Groups whose commands a bare verb also names (``inspect`` -> ``image inspect``).
_VERB_GROUPS = ("container", "image")
_RECORD = "faults.json"
_RAN_KEPT = 20  # commands remembered per FAKE_DOCKER_FAULTS value


def parse(text: str) -> list[tuple[dict[str, Any], str]]:
    """The rules of a FAKE_DOCKER_FAULTS value, each with its own spelling (the text between
    ``;``, or its JSON); FakeError (exit 125) when malformed, as is a ``cmd`` that is no
    spelling of a command the fake models."""
    text = text.strip()
    if not text:
        return []
    pairs: list[tuple[Any, str]]
    if text[0] in "[{":
        try:
            loaded = jsonio.loads(text)
        except ValueError as exc:
            raise _bad(f"not valid JSON ({exc})") from None
        items = loaded if isinstance(loaded, list) else [loaded]
        pairs = [(item, jsonio.dumps(item)) for item in items]
    else:
        pairs = [(_text_rule(part), part.strip()) for part in text.split(";") if part.strip()]
    for rule, _source in pairs:
        if not isinstance(rule, dict):
            raise _bad("each rule must be an object")
        action = _ALIASES.get(str(rule.get("action", "")), str(rule.get("action", "")))
        if action not in ACTIONS:
            raise _bad(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
        rule["action"] = action
        cmd = str(rule.get("cmd", "*"))
        if cmd not in ("*", "") and commands.canonical(cmd) is None:
            raise _bad(f"unknown cmd {cmd!r} (not a command the fake models)")
    return pairs


def _text_rule(part: str) -> dict[str, Any]:
    part = part.strip()
    if "=" not in part:
        cmd, _, action = part.rpartition(":")
        return {"cmd": cmd or "*", "action": action}
    rule: dict[str, Any] = {}
    for item in part.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise _bad(f"expected key=value, got {item!r}")
        rule[key.strip()] = model.unescape(value)
    return rule


def _bad(why: str) -> dialect.FakeError:
    return dialect.FakeError(f"fake docker: FAKE_DOCKER_FAULTS: {why}\n", 125)


def applies(cmd: str, canonical: str) -> bool:
    """True when a rule's ``cmd`` names the command whose canonical path is ``canonical``."""
    if cmd in ("*", ""):
        return True
    wanted = commands.canonical(cmd) or cmd
    group, _, verb = canonical.partition(" ")
    return wanted == canonical or (group in _VERB_GROUPS and wanted == verb)


def is_optional(rule: Mapping[str, Any]) -> bool:
    """True when the rule says it may never fire (``optional=1`` / ``"optional": true``)."""
    return str(rule.get("optional", "")).lower() in ("1", "true", "yes")


def select(
    text: str,
    canonical: str,
    argv: list[str],
    shown: str,
    state_dir: str,
) -> list[dict[str, Any]]:
    """The rules of ``text`` that apply to this invocation; each firing is recorded.

    ``shown`` is the invocation as the record shows it (secrets masked); ``times`` is
    counted in the same record, under its lock.
    """
    pairs = parse(text)
    wanted = [
        index
        for index, (rule, _source) in enumerate(pairs)
        if applies(str(rule.get("cmd", "*")), canonical)
        and (not rule.get("match") or any(str(rule["match"]) in arg for arg in argv))
    ]
    with _Record(state_dir) as record:
        spec = record.setdefault("specs", {}).get(text)
        if spec is None or len(spec.get("fired", ())) != len(pairs):
            spec = record["specs"][text] = {
                "rules": [source for _rule, source in pairs],
                "optional": [is_optional(rule) for rule, _source in pairs],
                "fired": [0] * len(pairs),
                "ran": [],
                "calls": 0,
            }
        spec["calls"] += 1
        if len(spec["ran"]) < _RAN_KEPT:
            spec["ran"].append(shown)
        chosen: list[dict[str, Any]] = []
        for index in wanted:
            rule = pairs[index][0]
            if "times" in rule and spec["fired"][index] >= int(rule["times"]):
                continue
            spec["fired"][index] += 1
            chosen.append(rule)
    return chosen


class _Record:
    """``with _Record(dir) as record:`` faults.json, changed under its own lock."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.record: dict[str, Any] = {}
        self._fd = -1

    def __enter__(self) -> dict[str, Any]:
        store.makedirs(self.directory)
        self._fd = os.open(store.join(self.directory, "faults.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            with open(store.join(self.directory, _RECORD), encoding="utf-8") as fh:
                loaded = jsonio.loads(fh.read() or "{}")
            self.record = loaded if isinstance(loaded, dict) else {}
        except (FileNotFoundError, ValueError):
            self.record = {}  # a damaged record is rebuilt, never a reason to fail the command
        return self.record

    def __exit__(self, kind: object, *_rest: object) -> None:
        try:
            if kind is None:
                tmp = store.join(self.directory, f".{_RECORD}.{os.getpid()}.tmp")
                with open(tmp, "w", encoding="utf-8") as fh:
                    fh.write(jsonio.dumps(self.record))
                os.rename(tmp, store.join(self.directory, _RECORD))
        finally:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = -1


def unfired(directory: str, configured: str | None = None, *, shown: int = 10) -> list[str]:
    """One line per rule recorded under ``directory`` that never fired (``optional=1``
    rules left out), and one for ``configured`` (a FAKE_DOCKER_FAULTS value the caller
    set) when no command ran with it at all. Each names up to ``shown`` commands run with
    the rule's value."""
    try:
        with open(store.join(directory, _RECORD), encoding="utf-8") as fh:
            loaded = jsonio.loads(fh.read() or "{}")
    except (FileNotFoundError, ValueError):
        loaded = {}
    specs: dict[str, Any] = loaded.get("specs", {}) if isinstance(loaded, dict) else {}
    lines: list[str] = []
    if configured and configured.strip() and configured.strip() not in specs:
        lines.append(f"FAKE_DOCKER_FAULTS={configured!r}: no docker command ran with it")
    for spec in specs.values():
        ran = list(spec["ran"])
        more = spec["calls"] - min(len(ran), shown)
        with_it = "; ".join(ran[:shown]) + (f" (and {more} more)" if more > 0 else "")
        lines.extend(
            f"{rule!r} never fired; the commands run with it: {with_it}"
            for rule, optional, fired in zip(spec["rules"], spec["optional"], spec["fired"])
            if not fired and not optional
        )
    return lines


def garbage() -> bytes:
    """Output that no JSON or table parser accepts."""
    return b"\x1b[31m<html>502 Bad Gateway</html>\x1b[0m ~~~ not docker output ~~~\n"


def truncate(data: bytes, rule: dict[str, Any]) -> bytes:
    """The first ``bytes`` bytes (default: half) of ``data``."""
    n = int(rule["bytes"]) if "bytes" in rule else len(data) // 2
    return data[:n]


def bad_utf8(data: bytes) -> bytes:
    """``data`` with invalid UTF-8 in the middle of its first line."""
    cut = data.find(b"\n")
    cut = len(data) // 2 if cut < 0 else cut // 2
    return data[:cut] + b"\xff\xfe\xc3(" + data[cut:]


def environ() -> str:
    """The raw FAKE_DOCKER_FAULTS value."""
    return os.environ.get("FAKE_DOCKER_FAULTS", "")
