"""README.md, checked: every Python block runs on the fake docker, and its tables match the code.

Each ```` ```python ```` block runs in a fresh namespace, with the fake ``docker`` first on
PATH (the ``fake_docker_engine`` fixture) and the current directory a temporary one holding
``app/`` (examples/hello). The quick start builds ``hello:dev``; later blocks use that image,
so the fixture builds it before each block. ``test_*`` functions a block defines are called
too, with the fixtures their parameters name. Blocks in other languages are not run.
"""

from __future__ import annotations

import inspect
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import dockercli
from dockercli import BuildOptions, Docker
from dockercli.cli import main as cli_main, parser as cli_parser
from dockercli.testing.fake import FakeDocker
from tests.docs import options_table

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def fenced(lang: str, text: str = TEXT) -> list[tuple[int, str]]:
    """``(first line number, body)`` of every fenced block in ``lang``."""
    return [
        (text.count("\n", 0, m.start("body")) + 1, m["body"])
        for m in FENCE.finditer(text)
        if m["lang"] == lang
    ]


def section(title: str, text: str = TEXT) -> str:
    """The text of the ``## title`` section, up to the next ``## `` heading."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def _block_id(index: int, body: str) -> str:
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    slug = re.sub(r"[^A-Za-z0-9_.]+", "-", first).strip("-")
    return f"{index}-{slug[:50]}"


PYTHON_BLOCKS = fenced("python")


@pytest.fixture
def readme_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_docker_engine: FakeDocker
) -> Path:
    """A working directory with ``app/`` and the fake (endpoint variables unset) holding
    ``hello:dev``."""
    work = tmp_path / "work"
    app = work / "app"
    shutil.copytree(REPO / "examples" / "hello", app)
    (app / "busybox").write_bytes(b"")  # the Dockerfile copies it in; the fake never runs it
    monkeypatch.chdir(work)
    fake_docker_engine.client().build(BuildOptions(context=str(app), tags=["hello:dev"]))
    return work


def _call_defined_tests(
    namespace: dict[str, Any], request: pytest.FixtureRequest, tmp_path: Path
) -> list[str]:
    """Call each ``test_*`` function the block defined, with the fixtures its parameters name.

    ``tmp_path`` is a fresh directory of its own; any other name is a pytest fixture.
    """
    called = []
    for name, value in list(namespace.items()):
        if name.startswith("test_") and inspect.isfunction(value):
            function: Callable[..., Any] = value
            kwargs: dict[str, Any] = {}
            for param in inspect.signature(function).parameters:
                if param == "tmp_path":
                    kwargs[param] = tmp_path / name
                    kwargs[param].mkdir(parents=True)
                else:
                    kwargs[param] = request.getfixturevalue(param)
            function(**kwargs)
            called.append(name)
    return called


@pytest.mark.parametrize(
    ("line", "code"),
    PYTHON_BLOCKS,
    ids=[_block_id(i, body) for i, (_, body) in enumerate(PYTHON_BLOCKS)],
)
def test_python_block_runs_on_the_fake(
    line: int, code: str, readme_dir: Path, fake_docker: Docker, request: pytest.FixtureRequest
) -> None:
    """The block (and every test it defines) runs to the end and leaves no container behind."""
    # Padding keeps the line numbers of tracebacks equal to the README's.
    compiled = compile("\n" * (line - 1) + code, str(README), "exec")
    namespace: dict[str, Any] = {"__name__": f"readme_block_line_{line}"}
    try:
        exec(compiled, namespace)
        _call_defined_tests(namespace, request, readme_dir.parent / "block-tests")
        left = fake_docker.containers(all=True)
        assert left == [], f"the block at README.md:{line} left containers: {left}"
    finally:
        for value in namespace.values():
            if isinstance(value, Docker):
                value.remove_tracked()


def test_every_python_block_is_collected() -> None:
    """The README has Python blocks to run and no fence spelled so that it would be skipped."""
    assert len(PYTHON_BLOCKS) >= 5
    languages = {m["lang"] for m in FENCE.finditer(TEXT)}
    assert languages <= {"python", "sh", "text", "json"}, languages
    assert not re.search(r"^```\s*(py|python3|pycon)\s*$", TEXT, re.MULTILINE)


def test_option_tables_are_generated_from_the_code() -> None:
    """The README's option tables are exactly what tests/docs/options_table.py generates."""
    assert options_table.current(TEXT) == options_table.block(), (
        "README.md's option tables are out of date: "
        "run .venv/bin/python -m tests.docs.options_table --write"
    )


def test_options_table_covers_every_option_class() -> None:
    """Every public *Options class (and TLSConfig) has a table or a row of its own."""
    listed = {cls.__name__ for cls in options_table.MAIN + options_table.SMALL}
    public = {n for n in dockercli.__all__ if n.endswith("Options")} | {"TLSConfig"}
    assert listed == public


def test_every_public_exception_has_a_row_in_the_errors_section() -> None:
    """Each exception class dockercli exports heads a row of the errors table."""
    errors = section("Errors and what to do")
    exported = [
        name
        for name in dockercli.__all__
        if isinstance(getattr(dockercli, name), type)
        and issubclass(getattr(dockercli, name), BaseException)
    ]
    assert len(exported) >= 15
    missing = [name for name in exported if f"\n| `{name}`" not in errors]
    assert missing == []


def test_argv_examples_match_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``$ python -m dockercli argv ...`` example prints exactly the lines shown under it."""
    monkeypatch.delenv("DOCKERCLI_BINARY", raising=False)
    checked = 0
    for _, body in fenced("sh"):
        lines = body.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ python -m dockercli argv "):
                continue
            shown = []
            for out in lines[i + 1 :]:
                if out.startswith("$ "):
                    break
                shown.append(out)
            assert cli_main(shlex.split(line)[4:]) == 0  # after "$ python -m dockercli"
            assert capsys.readouterr().out.splitlines() == shown, line
            checked += 1
    assert checked >= 2


def test_command_line_table_lists_every_subcommand() -> None:
    """The command-line section has a row for each subcommand the parser knows, and no more."""
    sub = next(a for a in cli_parser()._actions if a.dest == "cmd")
    assert sub.choices is not None
    rows = re.findall(r"^\| `(\w+)", section("The command line"), re.MULTILINE)
    assert set(rows) == set(sub.choices)


def test_make_targets_exist() -> None:
    """Every ``make X`` the README mentions is a target in the Makefile."""
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    mentioned = set(re.findall(r"`make ([a-z][\w-]*)", TEXT))
    assert mentioned
    assert mentioned <= targets, mentioned - targets


def test_named_files_exist() -> None:
    """Every repository path the README names in backticks exists."""
    paths = set(re.findall(r"`((?:tests|lib|bench|examples|fakes)/[\w./-]+)`", TEXT))
    assert len(paths) >= 10
    assert sorted(p for p in paths if not (REPO / p).exists()) == []


def test_benchmark_quote_matches_bench_readme() -> None:
    """The benchmark table and targets quoted in the README are lines of bench/README.md."""
    bench = set((REPO / "bench" / "README.md").read_text(encoding="utf-8").splitlines())
    part = section("Benchmarks")
    (quote,) = [body for _, body in fenced("text", part)]
    rows = [line for line in part.splitlines() if line.startswith("| ")]
    assert len(quote.splitlines()) > 20
    assert len(rows) > 5
    assert [line for line in quote.splitlines() + rows if line not in bench] == []


def test_guarantee_figures_match_the_hardening_tests() -> None:
    """The injection counts and the number of timed-out methods are those the tests compute."""
    from tests.hardening.hostile import HOSTILE
    from tests.hardening.test_injection import CASES, injection_figures
    from tests.hardening.test_timeouts import METHODS

    tried, rejected, as_values = injection_figures()
    guarantees = section("Guarantees")
    assert (
        f"{len(HOSTILE)} hostile values × {len(CASES)} string options = {tried} cases: "  # noqa: RUF001 - the README's multiplication sign
        f"{rejected} rejected before any process starts, {as_values} rendered only as values"
    ) in " ".join(guarantees.split())
    assert f"{len(METHODS)} client and container method cases" in " ".join(guarantees.split())


@pytest.mark.parametrize(
    ("pointer", "anchor"),
    [
        ("fakes/README-fake.md", "the-fake-docker-binary-and-its-fixtures"),
        ("tests/legacy/MIGRATING.md", "migrating-from-containerspy"),
    ],
)
def test_moved_docs_point_at_their_readme_section(pointer: str, anchor: str) -> None:
    """The old doc files link to the README section that replaced them, and that section exists."""
    assert f"README.md#{anchor}" in (REPO / pointer).read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", TEXT, re.MULTILINE)
    }
    assert anchor in anchors
