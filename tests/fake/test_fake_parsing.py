"""Dockerfile words: quotes, backslashes, variables, continuations, as each real builder reads them.

``tests/data/dockerfiles/words`` holds the odd inputs; ``words.json`` what docker (legacy
builder of docker 28 and 20.10, and BuildKit) and buildah made of them on a real engine.
The fake must make the same of them in each dialect, and the engine tests keep the
pinned values honest. The error cases likewise pin each builder's wording.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.conftest import podman_env

if TYPE_CHECKING:
    from tests.fake.conftest import DOCKERFILES, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DOCKERFILES, Fake

WORDS = (DOCKERFILES / "words").read_text(encoding="utf-8")
PINNED: dict[str, dict[str, Any]] = json.loads(
    (DOCKERFILES / "words.json").read_text(encoding="utf-8")
)
ESCAPE = '# escape=`\nFROM scratch\nLABEL a="x`"y" b=c\\ d=e`\nf\n'
LABELS = "{{json .Config.Labels}}"
FIELDS = ("Labels", "Env", "WorkingDir", "User", "StopSignal", "ExposedPorts", "Volumes")
STEP_IMAGE = re.compile(r"^(?: --->|-->) ([0-9a-f]{11,12})$", re.MULTILINE)
NODE = re.compile(
    r"Error: resolving step \{Value:(\w+) Next:0xc[0-9a-f]{9} Children:\[\] Attributes:map\[\] "
    r"Original:.* Flags:\[\] StartLine:(\d+) EndLine:(\d+)\}: "
)

# (Dockerfile after FROM, docker's last stderr line, buildah's), None: the build succeeds.
# Pinned from the engine: tests below run each on the fake and on every real builder.
ERRORS: list[tuple[str, str | None, str | None]] = [
    (
        'LABEL a="unterminated',
        'failed to process "\\"unterminated": '
        "unexpected end of statement while looking for matching double-quote",
        "unexpected end of statement while looking for matching double-quote",
    ),
    (
        "LABEL a='unterminated",
        'failed to process "\'unterminated": '
        "unexpected end of statement while looking for matching single-quote",
        "unexpected end of statement while looking for matching single-quote",
    ),
    (
        "LABEL a=${X",
        "failed to process \"${X\": missing ':' in substitution",
        "Missing ':' in substitution: ${X",
    ),
    (
        "LABEL a=${Y-d}",
        "failed to process \"${Y-d}\": missing ':' in substitution",
        "Missing ':' in substitution: ${Y-d}",
    ),
    (
        "LABEL a=${X:?msg}",
        'failed to process "${X:?msg}": X: msg',
        "Unsupported modifier (?) in substitution: ${X:?msg}",
    ),
    (
        "LABEL a=${Y:?}",
        'failed to process "${Y:?}": Y: is not allowed to be unset',
        "Unsupported modifier (?) in substitution: ${Y:?}",
    ),
    (
        'ENV E=\nLABEL a=${E:?"m m"}',
        'failed to process "${E:?\\"m m\\"}": E: m m',
        'Unsupported modifier (?) in substitution: ${E:?"m m"}',
    ),
    (
        "LABEL a=${X:=d}",
        'failed to process "${X:=d}": unsupported modifier (=) in substitution',
        "Unsupported modifier (=) in substitution: ${X:=d}",
    ),
    (
        "LABEL a=${X:-",
        "failed to process \"${X:-\": syntax error: missing '}'",
        "unexpected end of statement while looking for matching }",
    ),
    ("LABEL a=${}", 'failed to process "${}": syntax error: bad substitution', None),
    (
        "ENV a=${10}",
        None,
        "Missing ':' in substitution: ${10}",
    ),
    (
        "LABEL k",
        "Error response from daemon: failed to parse Dockerfile: LABEL must have two arguments",
        "Error: parsing main Dockerfile: {path}: LABEL must have two arguments",
    ),
    (
        "ENV k",
        "Error response from daemon: failed to parse Dockerfile: ENV must have two arguments",
        "Error: parsing main Dockerfile: {path}: ENV must have two arguments",
    ),
    (
        "LABEL k=v k2",
        "Error response from daemon: failed to parse Dockerfile: "
        'Syntax error - can\'t find = in "k2". Must be of the form: name=value',
        "Error: parsing main Dockerfile: {path}: "
        'Syntax error - can\'t find = in "k2". Must be of the form: name=value',
    ),
    (
        "LABEL",
        "Error response from daemon: dockerfile parse error line 2: "
        "LABEL requires at least one argument",
        'Error: building at STEP "LABEL ": LABEL requires at least one argument',
    ),
    (
        "ENV",
        "Error response from daemon: dockerfile parse error line 2: "
        "ENV requires at least one argument",
        'Error: building at STEP "ENV ": ENV requires at least one argument',
    ),
    (
        "LABEL =v",
        "Error response from daemon: dockerfile parse error line 2: LABEL names can not be blank",
        None,
    ),
]


def _config(inspected: dict[str, Any]) -> dict[str, Any]:
    config = {k: inspected.get(k) for k in FIELDS}
    config["Labels"] = {
        k: v for k, v in (config["Labels"] or {}).items() if k != "io.buildah.version"
    }
    return config


def _pinned(family: str) -> dict[str, Any]:
    return {k: PINNED[family][k] for k in FIELDS}


def _check_error(
    family: str, done: subprocess.CompletedProcess[bytes], case: tuple[str, Any, Any], path: str
) -> None:
    """The build failed (or not) with the pinned wording, after the steps the builder shows."""
    text, docker, podman = case
    expected = podman if family == "podman" else docker
    stderr = done.stderr.decode()
    stdout = done.stdout.decode()
    if expected is None:
        assert done.returncode == 0, stderr
        return
    last = stderr.rstrip("\n").splitlines()[-1]
    if family == "podman":
        assert done.returncode == 125, stderr
        if NODE.match(last):
            line = str(text.count("\n") + 2)
            keyword = text.splitlines()[-1].split()[0].lower()
            assert NODE.match(last).groups() == (keyword, line, line)  # type: ignore[union-attr]
            last = NODE.sub("", last)
            assert f"STEP {line}/" not in stdout  # buildah resolves the words before the step
        assert last == expected.replace("{path}", path)
    elif family == "buildkit":
        assert done.returncode == 1, stderr
        core = expected.removeprefix("Error response from daemon: failed to parse Dockerfile: ")
        core = core.removeprefix("Error response from daemon: ")
        assert last.endswith(core), stderr
    else:
        assert done.returncode == 1, stderr
        assert last == expected
        shown = expected.startswith("failed to process")
        assert (f"Step {text.count(chr(10)) + 2}/" in stdout) is shown, stdout


# -- the fake ------------------------------------------------------------------------------


def test_fake_reads_words_as_the_builders_do(any_fake: Fake) -> None:
    """Every odd word of ``words`` lands in the image config exactly as the real builder put it."""
    ctx = any_fake.context("words", dockerfile=WORDS)
    any_fake.ok("build", "-q", "-t", "words:1", str(ctx))
    config = json.loads(any_fake.ok("image", "inspect", "words:1", "--format", "{{json .Config}}"))
    family = "podman" if any_fake.dialect == "podman" else "docker"
    assert _config(config) == _pinned(family)


@pytest.mark.parametrize("case", ERRORS, ids=[c[0] for c in ERRORS])
def test_fake_refuses_words_as_the_builders_do(any_fake: Fake, case: tuple[str, Any, Any]) -> None:
    """A Dockerfile the builder refuses fails on the fake with that builder's wording and code."""
    ctx = any_fake.context("bad", dockerfile=f"FROM scratch\n{case[0]}\n")
    done = any_fake.run("build", str(ctx))
    family = "podman" if any_fake.dialect == "podman" else "docker"
    _check_error(family, done, case, str(ctx / "Dockerfile"))


def _check_escape(family: str, done: subprocess.CompletedProcess[bytes], labels: Any) -> None:
    if family == "podman":
        assert done.returncode == 125
        assert done.stderr.decode().endswith(
            "unexpected end of statement while looking for matching double-quote\n"
        )
    else:
        assert done.returncode == 0, done.stderr.decode()
        assert labels() == {"a": 'x"y', "b": "c\\", "d": "ef"}


def test_escape_directive_backtick(any_fake: Fake) -> None:
    """Under ``# escape=``` docker escapes with a backtick; buildah's lexer keeps the backslash."""
    ctx = any_fake.context("escape", dockerfile=ESCAPE)
    done = any_fake.run("build", "-q", "-t", "esc:1", str(ctx))
    _check_escape(
        "podman" if any_fake.dialect == "podman" else "docker",
        done,
        lambda: json.loads(any_fake.ok("image", "inspect", "esc:1", "--format", LABELS)),
    )


FLAG_LABELS = {"a": "it's", "b": 'x\\ny "q" $X'}


def test_label_flag_values_are_taken_as_given(any_fake: Fake) -> None:
    """``--label`` values keep quotes, backslashes and ``$``: no Dockerfile lexing applies."""
    ctx = any_fake.context("flags", dockerfile="FROM scratch\nENV X=1\nLABEL x=1\n")
    flags = [f"--label={k}={v}" for k, v in FLAG_LABELS.items()]
    any_fake.ok("build", "-q", *flags, "-t", "flags:1", str(ctx))
    labels = json.loads(any_fake.ok("image", "inspect", "flags:1", "--format", LABELS))
    labels.pop("io.buildah.version", None)
    assert labels == {**FLAG_LABELS, "x": "1"}


def test_podman_empty_arg_crashes_like_buildah(tmp_path: Path) -> None:
    """An ``ARG`` without a name panics buildah 1.28 (exit 2); docker refuses it at parse time."""
    fake = Fake(tmp_path, "podman")
    done = fake.run("build", str(fake.context("arg", dockerfile="FROM scratch\nARG\n")))
    assert (done.returncode, done.stderr.decode().split("\n")[0]) == (
        2,
        "panic: runtime error: invalid memory address or nil pointer dereference",
    )
    done = fake.with_dialect("docker-20.10").run("build", str(fake.root / "arg"))
    assert done.returncode == 1
    assert done.stderr.decode().endswith(
        "dockerfile parse error line 2: ARG requires at least one argument\n"
    )


# -- the real builders ---------------------------------------------------------------------

BUILDERS = {
    "legacy-28": ("/usr/local/bin/docker", {}),
    "legacy-20.10": ("/usr/bin/docker", {"DOCKER_BUILDKIT": "0"}),
    "buildkit": ("/usr/bin/docker", {"DOCKER_BUILDKIT": "1"}),
    "podman": ("podman", {}),
}


class Builder:
    """One real builder: a client binary and its environment."""

    def __init__(self, name: str, binary: str, env: dict[str, str]) -> None:
        self.name = name
        self.family = "podman" if name == "podman" else "buildkit" if name == "buildkit" else ""
        self.binary = binary
        self.env = env
        self.tags: list[str] = []
        self.steps: list[str] = []

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        """The client with this builder's environment."""
        return subprocess.run(
            [self.binary, *args],
            capture_output=True,
            env={**os.environ, **self.env},
            timeout=300,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    def build(self, context: Path) -> tuple[subprocess.CompletedProcess[bytes], str]:
        """Build with a fresh tag; the tag is removed at teardown."""
        tag = f"dcli-test/words:{uuid.uuid4().hex[:12]}"
        self.tags.append(tag)
        done = self.run("build", "--no-cache", "-t", tag, str(context))
        # a build that fails after a step leaves that step's image: ours to remove
        self.steps.extend(STEP_IMAGE.findall(done.stdout.decode()))
        return done, tag


# Real builders only: each needs the engine or podman's storage, never the compat runs.
@pytest.fixture(params=[pytest.param(name, marks=pytest.mark.engine) for name in BUILDERS])
def builder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Builder]:
    """Each real builder in turn: the legacy builder of both clients, BuildKit, buildah."""
    name = str(request.param)
    binary, env = BUILDERS[name]
    if name == "podman":
        if shutil.which("podman") is None:
            pytest.skip("podman is not installed")
        env = podman_env(tmp_path)
    else:
        env = {**env, "DOCKER_HOST": str(request.getfixturevalue("engine_host"))}
        if not os.access(binary, os.X_OK):
            pytest.skip(f"no {binary}")
    instance = Builder(name, binary, env)
    yield instance
    for tag in instance.tags:
        instance.run("rmi", tag)
    for step in reversed(instance.steps):  # gone already unless a failed build left it
        instance.run("rmi", step)


def test_engine_reads_words_as_pinned(builder: Builder, tmp_path: Path) -> None:
    """Each real builder still makes of ``words`` what words.json says (the fake's reference)."""
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(WORDS, encoding="utf-8")
    done, tag = builder.build(ctx)
    assert done.returncode == 0, done.stderr.decode()
    inspected = builder.run("image", "inspect", tag, "--format", "{{json .Config}}")
    config = _config(json.loads(inspected.stdout))
    family = "podman" if builder.family == "podman" else "docker"
    assert config == _pinned(family)


@pytest.mark.parametrize("case", ERRORS, ids=[c[0] for c in ERRORS])
def test_engine_refuses_words_as_pinned(
    builder: Builder, tmp_path: Path, case: tuple[str, Any, Any]
) -> None:
    """Each real builder refuses the bad Dockerfiles with the wording the fake reproduces."""
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(f"FROM scratch\n{case[0]}\n")
    done, _tag = builder.build(ctx)
    _check_error(builder.family or "docker", done, case, str(ctx / "Dockerfile"))


def test_engine_escape_directive(builder: Builder, tmp_path: Path) -> None:
    """Each real builder reads ``# escape=``` as the fake's escape test pins."""
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(ESCAPE)
    done, tag = builder.build(ctx)
    _check_escape(
        "podman" if builder.family == "podman" else "docker",
        done,
        lambda: json.loads(builder.run("image", "inspect", tag, "--format", LABELS).stdout),
    )


def test_engine_label_flag_values_are_taken_as_given(builder: Builder, tmp_path: Path) -> None:
    """Each real builder stores ``--label`` values as given (the fake's flag-label test)."""
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text("FROM scratch\nENV X=1\nLABEL x=1\n")
    tag = f"dcli-test/words:{uuid.uuid4().hex[:12]}"
    builder.tags.append(tag)
    flags = [f"--label={k}={v}" for k, v in FLAG_LABELS.items()]
    done = builder.run("build", "-q", *flags, "-t", tag, str(ctx))
    assert done.returncode == 0, done.stderr.decode()
    labels = json.loads(builder.run("image", "inspect", tag, "--format", LABELS).stdout)
    labels.pop("io.buildah.version", None)
    assert labels == {**FLAG_LABELS, "x": "1"}
