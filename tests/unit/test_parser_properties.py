"""Property tests: every parser is total, whatever text or JSON it is given.

Inputs are random text, recordings mutated (truncated, garbage inserted, lines swapped,
dropped or repeated) and recorded JSON with one field replaced by a random JSON value.
The only exception allowed out of a parser is ParseError.

Each property runs twice: a quick run (200 examples) in the unit suite and a long one
marked ``slow``, which runs only when selected (``-m slow``; ``make test-slow``, and CI).
The long runs give every parser at least 10,000 examples: 10,000 for a property of its
own, or 5,000 random texts plus 5,000 mutated recordings where it has both.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dockercli import parsers
from dockercli.models import (
    PortMapping,
)
from tests.parser_checks import (
    check_build,
    check_choose,
    check_classify,
    check_container,
    check_engine,
    check_image,
    check_inspect,
    check_json_constructors,
    check_lists,
    check_parse_time,
    check_port_mappings,
    check_rows,
    total,
)
from tests.recordings import recordings

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def both(
    check: Callable[..., None],
    quick: int = 200,
    slow: int = 10_000,
    **strategies: st.SearchStrategy[Any],
) -> tuple[Any, Any]:
    """A quick (``quick`` examples) and a long (``slow`` examples) test of one property."""
    fast = settings(FAST, max_examples=quick)(given(**strategies)(check))
    long = settings(SLOW, max_examples=slow)(given(**strategies)(check))
    return fast, pytest.mark.slow(long)


HALF = 5_000  # for a parser tested both on random text and on mutated recordings


# -- inputs ----------------------------------------------------------------------------------


def texts(prefix: str) -> list[str]:
    """Every recorded stdout and stderr of the cases starting with ``prefix``."""
    found = [t for r in recordings(prefix) for t in (r.stdout, r.stderr) if t]
    return found or ["[]"]


def docs(prefix: str) -> list[Any]:
    """The JSON objects of the recorded cases starting with ``prefix``."""
    found: list[Any] = []
    for r in recordings(prefix):
        text = r.stdout.strip()
        if not text:
            continue
        if text.startswith(("[", "{")) and "\n{" not in text:
            value = json.loads(text)
            found.extend(value if isinstance(value, list) else [value])
        else:
            found.extend(json.loads(line) for line in text.splitlines() if line.strip())
    return found


BUILD_TEXTS = texts("build-")
ERROR_TEXTS = texts("err-") + texts("build-fail-")
ARGVS = sorted({r.argv for r in recordings() if r.exit_code and r.argv})
PORT_TEXTS = [*texts("port-"), "8080/tcp -> [::]:1\n", ":::2\n"]
INSPECT_TEXTS = texts("inspect-")
ENGINE_TEXTS = texts("version") + texts("info")
LIST_TEXTS = texts("ps-json") + texts("images-json") + texts("network-ls-json")
# the container tools' output, read by the same list check
LIST_TEXTS += texts("stats") + texts("top") + texts("diff") + texts("commit")
# one container of each recorded kind: the multi-container cases add no new shapes
CONTAINERS = [
    d for kind in ("running", "exited", "created", "healthy") for d in docs(f"inspect-{kind}")
]
IMAGES = docs("inspect-image")
PS_ROWS = docs("ps-json")
IMAGE_ROWS = docs("images-json")
VERSIONS = docs("version")

SNIPPETS = [
    *("\x00", "\x1b[", "\x1b[1A", "\x1b]0;t\x07", "\r", "\r\r\n", "\n", "\ufffd", "\u2028", "\x85"),
    *('"', "{", "}", "[", "]", ",", ":", "::", "->", "=", "-", "null", "1e999", "99999"),
    *("sha256:", "0" * 70, "a" * 64, "Successfully built ", "#6 writing image sha256:"),
    *("COMMIT", "STEP 1/1: "),
]
GARBAGE = st.one_of(st.text(max_size=12), st.sampled_from(SNIPPETS))
SHAPED_TEXT = st.lists(GARBAGE, max_size=30).map("".join)
RANDOM_TEXT = st.one_of(st.text(), SHAPED_TEXT)

# Text in the shapes the parsers look for, with out-of-range and malformed parts.
TIME_TEXT = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}{}".format,
    st.sampled_from([1, 2026, 9999]),
    *(st.integers(0, 99) for _ in range(5)),
    st.sampled_from(["", ".5", ".123456789", "." + "9" * 30]),
    st.sampled_from(["Z", "+00:00", "-05:30", "+99:99", "+2400", " +0000 UTC", "", "z"]),
)
HOSTS = ["0.0.0.0", "127.0.0.1", "[::]", "::", "[::1]", "", "[", "1.2.3.4.5", "fe80::1%eth0", "x"]
PORT_NUMBER = st.sampled_from([0, 1, 65535, 65536, 99999, 100000]) | st.integers(0, 10**6)
PORT_LINE = st.builds(
    "{}{}:{}".format,
    st.just("") | st.builds("{}/{} -> ".format, PORT_NUMBER, st.sampled_from(["tcp", ""])),
    st.sampled_from(HOSTS) | st.text(max_size=6),
    PORT_NUMBER,
)
PORT_TEXT = st.lists(PORT_LINE, max_size=5).map("\n".join)
BUILD_PREFIXES = [
    *("Successfully built ", "#6 writing image sha256:", "=> => writing image sha256:"),
    *("sha256:", "", "--> ", "COMMIT ", "Step 1/2 : ", "STEP 1/2: "),
]
BUILD_LINE = st.builds(
    "{}{}{}".format,
    st.sampled_from(BUILD_PREFIXES),
    st.text("0123456789abcdefA", max_size=70),
    st.sampled_from(["", " done", "  0.0s", "x"]),
)
BUILD_TEXT = st.lists(BUILD_LINE | GARBAGE, max_size=8).map("\n".join)

ODD_STRINGS = ["", "sha256:", "0001-01-01T00:00:00Z", "2026-02-30T25:61:61Z", "8080/tcp", "::"]
JSON_SCALARS = st.one_of(
    TIME_TEXT,
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(ODD_STRINGS),
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=10), children, max_size=4
    )


JSON_VALUES = st.recursive(JSON_SCALARS, _containers, max_leaves=12)


@st.composite
def mutated(draw: st.DrawFn, sources: list[str]) -> str:
    """A recorded text after one to four random edits."""
    text = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(["truncate", "insert", "digits", "swap", "drop", "repeat", "cut"])
        )
        lines = text.split("\n")
        if op == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif op in ("insert", "digits"):
            at = draw(st.integers(0, len(text)))
            extra = draw(
                GARBAGE if op == "insert" else st.text("0123456789", min_size=1, max_size=6)
            )
            text = text[:at] + extra + text[at:]
        elif op == "cut":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif op == "drop":
                del lines[i]
            else:
                lines.insert(j, lines[i])
            text = "\n".join(lines)
    return text


# The keys the models read: a mutation mostly lands on one of them (or on a key under an
# object whose keys are data, such as Ports or Labels) rather than on the many ignored ones.
READ_KEYS = frozenset(
    {
        *("Id", "ID", "Name", "Names", "Image", "ImageName", "Created", "CreatedAt", "Command"),
        *("State", "Status", "Running", "ExitCode", "Exited", "StartedAt", "FinishedAt"),
        *("Health", "Healthcheck", "Config", "Labels", "Env", "Cmd", "Entrypoint"),
        *("NetworkSettings", "IPAddress", "Networks", "Ports", "HostIp", "HostPort"),
        *("RepoTags", "RepoDigests", "Size", "ExposedPorts", "Architecture", "Os"),
        *("Digest", "Repository", "Tag", "Client", "Server", "Version", "ApiVersion"),
        *("APIVersion", "Components", "host_ip", "container_port", "host_port", "range"),
        "protocol",
    }
)
DATA_KEYED = frozenset({"Ports", "Networks", "ExposedPorts", "Labels"})


def _read(path: tuple[Any, ...]) -> bool:
    parent = None
    for part in path:
        if isinstance(part, str) and part not in READ_KEYS and parent not in DATA_KEYED:
            return False
        parent = part
    return True


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _json_type(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def _other_type(value: Any) -> Callable[[Any], bool]:
    kind = _json_type(value)
    return lambda other: _json_type(other) != kind


# A recorded document's paths (all, and those the models read), computed once per source:
# the first edit of every example starts from the recorded document.
_PATHS: dict[int, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = {}


def _paths_of(doc: Any, pristine: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    if pristine is not None and id(pristine) in _PATHS:
        return _PATHS[id(pristine)]
    every = list(_paths(doc))
    found = (every, [path for path in every if _read(path)] or every)
    if pristine is not None:
        _PATHS[id(pristine)] = found
    return found


@st.composite
def json_mutated(draw: st.DrawFn, sources: list[Any]) -> Any:
    """A recorded JSON object with one to three fields replaced, deleted or added."""
    source = draw(st.sampled_from(sources))
    doc = json.loads(json.dumps(source))  # a deep copy: the recordings are plain JSON
    pristine = source
    for _ in range(draw(st.integers(1, 3))):
        every, read = _paths_of(doc, pristine)
        pristine = None  # edited from here on: its paths are computed afresh
        paths = read if draw(st.integers(0, 9)) else every
        if not paths or draw(st.integers(0, 9)) == 0:
            return draw(JSON_VALUES) if draw(st.booleans()) else doc
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        op = draw(st.sampled_from(["retype", "retype", "replace", "delete", "add"]))
        if op == "retype":  # a value of another JSON type than the recorded one
            parent[path[-1]] = draw(JSON_VALUES.filter(_other_type(parent[path[-1]])))
        elif op == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return doc


MAPPINGS = st.lists(
    st.builds(
        PortMapping,
        st.one_of(st.none(), st.sampled_from([80, 8080, 9999])),
        st.one_of(st.none(), st.sampled_from(["tcp", "udp"])),
        st.sampled_from(["0.0.0.0", "127.0.0.1", "127.0.0.2", "10.0.0.1", "::", "::1", "fe80::1"]),
        st.integers(0, 65535),
    ),
    max_size=8,
)

TEXT_FOR_BUILD = st.one_of(RANDOM_TEXT, BUILD_TEXT)
TEXT_FOR_PORT = st.one_of(RANDOM_TEXT, PORT_TEXT)
TIMES = st.one_of(TIME_TEXT, st.integers(), st.floats(), st.text(max_size=40))
FAMILIES = st.sampled_from(["ipv4", "ipv6", "any"])
PORTS = st.one_of(st.none(), st.sampled_from([80, 8080, 9999, 1]))

test_build_random, test_build_random_slow = both(
    check_build, slow=HALF, stdout=TEXT_FOR_BUILD, stderr=TEXT_FOR_BUILD
)
test_build_mutated, test_build_mutated_slow = both(
    check_build, slow=HALF, stdout=mutated(BUILD_TEXTS), stderr=mutated(BUILD_TEXTS)
)
test_ports_random, test_ports_random_slow = both(check_port_mappings, slow=HALF, text=TEXT_FOR_PORT)
test_ports_mutated, test_ports_mutated_slow = both(
    check_port_mappings, slow=HALF, text=mutated(PORT_TEXTS)
)
test_inspect_random, test_inspect_random_slow = both(check_inspect, slow=HALF, text=RANDOM_TEXT)
test_inspect_mutated, test_inspect_mutated_slow = both(
    check_inspect, slow=HALF, text=mutated(INSPECT_TEXTS)
)
test_lists_random, test_lists_random_slow = both(check_lists, slow=HALF, text=RANDOM_TEXT)
test_lists_mutated, test_lists_mutated_slow = both(check_lists, slow=HALF, text=mutated(LIST_TEXTS))
test_engine_random, test_engine_random_slow = both(check_engine, slow=HALF, text=RANDOM_TEXT)
test_engine_mutated, test_engine_mutated_slow = both(
    check_engine, slow=HALF, text=mutated(ENGINE_TEXTS)
)
test_json_values, test_json_values_slow = both(check_json_constructors, value=JSON_VALUES)
test_times, test_times_slow = both(check_parse_time, value=TIMES)
test_container_json, test_container_json_slow = both(
    check_container, quick=300, d=json_mutated(CONTAINERS)
)
test_image_json, test_image_json_slow = both(check_image, d=json_mutated(IMAGES))
test_rows_json, test_rows_json_slow = both(
    check_rows,
    ps_row=json_mutated(PS_ROWS),
    image_row=json_mutated(IMAGE_ROWS),
    version=json_mutated(VERSIONS),
)
test_choose, test_choose_slow = both(check_choose, mappings=MAPPINGS, port=PORTS, family=FAMILIES)
test_classify_random, test_classify_random_slow = both(
    check_classify,
    slow=HALF,
    argv=st.sampled_from(ARGVS) | st.lists(st.text(max_size=8), max_size=4).map(tuple),
    returncode=st.integers(-(2**31), 2**31),
    stdout=RANDOM_TEXT,
    stderr=RANDOM_TEXT,
)
test_classify_mutated, test_classify_mutated_slow = both(
    check_classify,
    slow=HALF,
    argv=st.sampled_from(ARGVS),
    returncode=st.sampled_from([1, 2, 125, 126, 127, 255]),
    stdout=st.just("") | mutated(BUILD_TEXTS),
    stderr=mutated(ERROR_TEXTS),
)


# -- speed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parsers.port_mappings, "1" * 200_000),
        (parsers.port_mappings, "8080/tcp -> " + ":" * 200_000),
        (parsers.port_mappings, "8080/tcp -> 0.0.0.0:1\n" * 20_000),
        (parsers.build_image_id, "\x1b[" * 100_000),
        (parsers.build_image_id, ("Step 1/2 : RUN x\n ---> Running in abcdefabcdef\n" * 10_000)),
        (parsers.build_image_id, "#5 sha256:" + "a" * 200_000),
        (parsers.ps_entries, '{"ID":"a","Labels":"' + "k=v," * 50_000 + '"}\n'),
        (parsers.ps_entries, '{"ID":"a","Labels":"k=' + "," * 100_000 + '"}\n'),
        (parsers.image_entries, '{"ID":"a","Repository":"r","Tag":"t"}\n' * 10_000),
        (parsers.inspect_list, "[" * 100_000),
        (parsers.exit_code, " " * 200_000),
    ],
    ids=lambda v: getattr(v, "__name__", None) or f"{len(v)}-chars",
)
def test_parsers_are_fast_on_large_or_pathological_input(
    parse: Callable[[str], Any], text: str
) -> None:
    """Large and backtracking-prone inputs parse (or fail) well within a second."""
    started = time.perf_counter()
    total(parse, text)
    assert time.perf_counter() - started < 1.0
