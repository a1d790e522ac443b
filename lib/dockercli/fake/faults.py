"""Fault injection: ``FAKE_DOCKER_FAULTS`` makes chosen invocations fail or misbehave.

Two spellings. JSON: a list of objects (or one object). Text: rules separated by ``;``,
each either ``ACTION``, ``CMD:ACTION`` or ``key=value`` pairs separated by ``,``::

    FAKE_DOCKER_FAULTS='down'                                  # every command: daemon down
    FAKE_DOCKER_FAULTS='ps:down;cmd=inspect,action=truncate'
    FAKE_DOCKER_FAULTS='[{"cmd": "run", "action": "exit", "code": 125, "stderr": "boom\\n"}]'

Keys: ``cmd`` (command path as typed or canonical: ``ps``, ``image inspect``, ``*``),
``match`` (substring of some argument), ``times`` (only the first N matching calls),
``action`` and the action's parameters:

    down      the dialect's daemon-unreachable message; exit 1 (docker) / 125 (podman)
    exit      print ``stdout``/``stderr`` (``\\n`` escapes allowed), exit ``code`` (default 1)
    hang      sleep ``seconds`` (default 60), then ``then=continue`` (default) or ``then=exit``
    garbage   run the command, replace its stdout with non-JSON junk
    truncate  run the command, keep the first ``bytes`` of stdout (default: half)
    bad-utf8  run the command, put invalid UTF-8 bytes into its stdout
    slow      run the command, sleep ``seconds`` (default 0.2) before every output line
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake import dialect, jsonio, model, store
else:
    import dialect
    import jsonio
    import model
    import store

ACTIONS = ("down", "exit", "hang", "garbage", "truncate", "bad-utf8", "slow")
_ALIASES = {"daemon-down": "down", "unreachable": "down", "non-utf8": "bad-utf8", "fail": "exit"}


def parse(text: str) -> list[dict[str, Any]]:
    """The rules of a FAKE_DOCKER_FAULTS value; FakeError (exit 125) when malformed."""
    text = text.strip()
    if not text:
        return []
    rules: list[dict[str, Any]]
    if text[0] in "[{":
        try:
            loaded = jsonio.loads(text)
        except ValueError as exc:
            raise _bad(f"not valid JSON ({exc})") from None
        rules = loaded if isinstance(loaded, list) else [loaded]
    else:
        rules = [_text_rule(part) for part in text.split(";") if part.strip()]
    for rule in rules:
        if not isinstance(rule, dict):
            raise _bad("each rule must be an object")
        action = _ALIASES.get(str(rule.get("action", "")), str(rule.get("action", "")))
        if action not in ACTIONS:
            raise _bad(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
        rule["action"] = action
    return rules


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


def select(
    rules: list[dict[str, Any]], names: tuple[str, ...], argv: list[str], state_dir: str
) -> list[dict[str, Any]]:
    """The rules that apply to this invocation (``times`` counted under the state lock)."""
    chosen: list[dict[str, Any]] = []
    for index, rule in enumerate(rules):
        cmd = str(rule.get("cmd", "*"))
        if cmd not in ("*", "") and cmd not in names:
            continue
        needle = rule.get("match")
        if needle and not any(str(needle) in arg for arg in argv):
            continue
        if "times" in rule and not _count(state_dir, index, int(rule["times"])):
            continue
        chosen.append(rule)
    return chosen


def _count(state_dir: str, index: int, limit: int) -> bool:
    with store.Locked(state_dir) as state:
        counts = state.setdefault("fault_counts", {})
        used = int(counts.get(str(index), 0))
        if used >= limit:
            return False
        counts[str(index)] = used + 1
        return True


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
