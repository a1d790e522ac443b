"""``ps`` shows the image as docker does, and ``--format`` templates parse as Go's do.

Each scenario runs on the fake in all three dialects and, with the same code, on the real
engine through each installed client (and podman when it is installed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.conftest import CLIENTS, podman_env

from dockercli.testing.fake import end_helpers

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, FAKE, Fake


class Cli:
    """A docker-like CLI (the fake in one dialect, or a real client) and what it made."""

    def __init__(self, argv0: list[str], env: dict[str, str], dialect: str) -> None:
        self.argv0 = argv0
        self.env = env
        self.dialect = dialect  # as the fake names it: docker-28, docker-20.10 or podman
        self.family = "podman" if dialect == "podman" else "docker"
        self.containers: list[str] = []
        self.tags: list[str] = []

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run it; text output, stdout and stderr apart."""
        return subprocess.run(
            [*self.argv0, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    def ok(self, *args: str) -> str:
        """Run it, require exit 0, return stdout."""
        done = self.run(*args)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    def image(self, context: Path) -> tuple[str, str]:
        """Build a busybox image under a fresh tag; (tag, 64-hex ID)."""
        tag = f"dcli-test/psimg:{uuid.uuid4().hex[:10]}"
        self.tags.append(tag)
        self.ok("build", "-q", "-t", tag, str(context))
        iid = self.ok("image", "inspect", tag, "--format", "{{.Id}}").strip()
        return tag, iid.removeprefix("sha256:")

    def start(self, ref: str, name: str, *extra: str) -> str:
        """A detached ``sleep`` container of ``ref``; its name."""
        name = f"{name}-{uuid.uuid4().hex[:8]}"
        self.containers.append(name)
        self.ok("run", "-d", "--name", name, *extra, ref, "sleep", "300")
        return name

    def cleanup(self) -> None:
        """Remove what this CLI made here."""
        if self.containers:
            # podman's rm -f waits 10 s for a stop that sleep (PID 1) ignores: not with --time 0
            at_once = ("--time", "0") if self.family == "podman" else ()
            self.run("rm", "-f", *at_once, *self.containers)
        for tag in self.tags:
            self.run("rmi", tag)


def _context(root: Path) -> Path:
    busybox = shutil.which("busybox")
    context = root / "ctx"
    context.mkdir()
    if busybox:
        shutil.copy(busybox, context / "busybox")
    else:  # the fake never executes it
        (context / "busybox").write_bytes(b"")
    (context / "Dockerfile").write_text(
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
        "EXPOSE 8080\n"
    )
    return context


CLIS = [
    *[f"fake:{d}" for d in ("docker-28", "docker-20.10", "podman")],
    *[pytest.param(f"engine:{c}", marks=pytest.mark.engine) for c in CLIENTS],
    pytest.param("engine:podman", marks=pytest.mark.engine),
]


@pytest.fixture(params=CLIS)
def cli(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cli]:
    """The fake in each dialect, each real docker client on the engine, and podman."""
    kind, _, what = str(request.param).partition(":")
    env = dict(os.environ)
    if kind == "fake":
        fake = Fake(tmp_path / "fake", what)
        instance = Cli([str(FAKE)], fake.env, what)
    elif what == "podman":
        if shutil.which("podman") is None:
            pytest.skip("podman is not installed")
        env.update(podman_env(tmp_path))
        instance = Cli(["podman"], env, "podman")
    else:
        env["DOCKER_HOST"] = str(request.getfixturevalue("engine_host"))
        version = subprocess.run(
            [what, "version", "--format", "{{.Client.Version}}"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        instance = Cli([what], env, "docker-28" if version.startswith("28.") else "docker-20.10")
    try:
        yield instance
    finally:
        instance.cleanup()
        if kind == "fake":
            end_helpers(tmp_path / "fake" / "state")


# -- ps: the IMAGE column -----------------------------------------------------------------


def test_ps_image_column(cli: Cli, tmp_path: Path) -> None:
    """IMAGE is the ref as run (12 hex for an ID, the ID once the tag moved), like the real CLI."""
    tag, iid = cli.image(_context(tmp_path))
    moved = tag + "-moved"
    cli.ok("tag", tag, moved)
    cli.tags.append(moved)
    refs = {
        "full": iid,
        "sha": "sha256:" + iid,
        "short": iid[:12],
        "prefix": iid[:16],
        "tag": tag,
        "moved": moved,
    }
    names = {key: cli.start(ref, "dcli-psimg-" + key) for key, ref in refs.items()}
    cli.ok("rmi", moved)  # the tag it ran by now names nothing
    cli.tags.remove(moved)

    def shown(*flags: str) -> dict[str, str]:
        out = cli.ok("ps", *flags, "--format", "{{.Names}} {{.Image}}")
        seen = dict(line.split(" ", 1) for line in out.splitlines())
        return {key: seen[name] for key, name in names.items()}

    local = "localhost/" + tag
    if cli.family == "podman":  # a bare ID shows the image's name; sha256: and tags as given
        expected = {
            "full": local,
            "sha": "sha256:" + iid,
            "short": local,
            "prefix": local,
            "tag": local,
            "moved": "localhost/" + moved,
        }
        assert shown() == expected
        assert shown("--no-trunc") == expected
        listed = json.loads(cli.ok("ps", "--format", "json"))
        assert {c["Names"][0]: c["Image"] for c in listed if c["Names"][0] in names.values()} == {
            names[k]: v for k, v in expected.items()
        }
        return
    short = iid[:12]
    assert shown() == {
        "full": short,
        "sha": short,
        "short": short,
        "prefix": short,
        "tag": tag,
        "moved": short,
    }
    assert shown("--no-trunc") == {
        "full": iid,
        "sha": "sha256:" + iid,
        "short": short,
        "prefix": iid[:16],
        "tag": tag,
        "moved": "sha256:" + iid,
    }
    rows = [json.loads(line) for line in cli.ok("ps", "--format", "{{json .}}").splitlines()]
    assert {r["Names"]: r["Image"] for r in rows if r["Names"] == names["full"]} == {
        names["full"]: short
    }
    table = cli.ok("ps", "--filter", f"name={names['full']}").splitlines()
    assert table[1].split()[1] == short


# -- templates ------------------------------------------------------------------------------

# (template, a function of the container facts -> the expected output line, or the error)
TEMPLATES: list[tuple[str, Any]] = [
    ('{{(index (index .NetworkSettings.Ports "8080/tcp") 0).HostPort}}', lambda f: f["port"]),
    (
        '{{ ( index ( index .NetworkSettings.Ports "8080/tcp" ) 0 ).HostPort }}',
        lambda f: f["port"],
    ),
    ("{{range $p, $b := .NetworkSettings.Ports}}{{$p}}{{end}}", lambda f: "8080/tcp"),
    ("{{.State.Status}}", lambda f: "running"),
    ('{{index .Config.Labels "dcli.k"}}', lambda f: "v 1"),
    ("{{len .Config.Labels}}", lambda f: str(f["labels"])),
    ('{{printf "%s-%d" .State.Status 7}}', lambda f: "running-7"),
    ("{{if .State.Running}}up{{else}}down{{end}}", lambda f: "up"),
    ("{{(.State).Status}}", lambda f: "running"),
    ('{{json (index .Config.Labels "dcli.k")}}', lambda f: '"v 1"'),
    ('{{with $x := index .Config.Labels "dcli.k"}}[{{$x}}]{{end}}', lambda f: "[v 1]"),
    ('{{(index .Config.Labels "dcli.k") | printf "%q"}}', lambda f: '"v 1"'),
    ("{{.Config.Labels | len}}", lambda f: str(f["labels"])),
    ('{{println (index .Config.Labels "dcli.k")}}', lambda f: "v 1\n"),
]

# Templates Go refuses to parse: (template, the message after "template: NAME:1: " for each
# dialect). Go 1.22 reworded a stray ")": docker 28 is built with Go 1.24, the others 1.19.
BAD_TEMPLATES: list[tuple[str, dict[str, str]]] = [
    ("{{(index .Config.Labels}}", dict.fromkeys(DIALECTS, "unclosed left paren")),
    ("{{(.State.Status}}", dict.fromkeys(DIALECTS, "unclosed left paren")),
    (
        "{{.State.Status)}}",
        {
            "docker-28": "unexpected right paren",
            "docker-20.10": 'unexpected ")" in command',
            "podman": 'unexpected ")" in command',
        },
    ),
    (
        "{{ ) }}",
        {
            "docker-28": "unexpected right paren",
            "docker-20.10": 'unexpected ")" in command',
            "podman": 'unexpected ")" in command',
        },
    ),
    ("{{()}}", dict.fromkeys(DIALECTS, "missing value for parenthesized pipeline")),
    ("{{(.State).}}", dict.fromkeys(DIALECTS, "unexpected <.> in operand")),
]

# Templates that parse but fail on these data: docker's message (podman words it its own way).
FAILING_TEMPLATES: list[tuple[str, str]] = [
    (
        "{{(.State) .Status}}",
        'template: :1:2: executing "" at <(.State) .Status>: '
        "can't give argument to non-function .State",
    ),
    (
        '{{(index .Config.Labels "dcli.k").Foo}}',
        'template: :1:24: executing "" at <"dcli.k">: can\'t evaluate field Foo in type string',
    ),
    (
        '{{(index (index .NetworkSettings.Ports "8080/tcp") 1).HostPort}}',
        'template: :1:3: executing "" at <index (index .NetworkSettings.Ports "8080/tcp") 1>: '
        "error calling index: reflect: slice index out of range",
    ),
    (
        "{{(.State.Status).x}}",
        'template: :1:9: executing "" at <.State.Status>: can\'t evaluate field x in type string',
    ),
]


def _facts(cli: Cli, name: str) -> dict[str, Any]:
    info = json.loads(cli.ok("inspect", name))[0]
    return {
        "port": info["NetworkSettings"]["Ports"]["8080/tcp"][0]["HostPort"],
        "labels": len(info["Config"]["Labels"] or {}),
        "name": name,
    }


def test_templates_as_docker_reads_them(cli: Cli, tmp_path: Path) -> None:
    """Parenthesised pipelines, index, range, len, printf, if, json render as the real CLI does."""
    tag, _iid = cli.image(_context(tmp_path))
    name = cli.start(tag, "dcli-tmpl", "-p", "127.0.0.1::8080", "--label", "dcli.k=v 1")
    facts = _facts(cli, name)
    for text, expected in TEMPLATES:
        done = cli.run("inspect", "--format", text, name)
        assert (done.returncode, done.stderr, done.stdout) == (0, "", expected(facts) + "\n"), text


@pytest.mark.parametrize("case", BAD_TEMPLATES, ids=[c[0] for c in BAD_TEMPLATES])
def test_bad_templates_fail_as_docker_fails(
    cli: Cli, tmp_path: Path, case: tuple[str, dict[str, str]]
) -> None:
    """A template Go cannot parse fails with that client's wording and code, fake or real."""
    tag, _iid = cli.image(_context(tmp_path))
    name = cli.start(tag, "dcli-tmpl-bad")
    done = cli.run("inspect", "--format", case[0], name)
    if cli.family == "podman":
        expected = (125, f"Error: template: inspect:1: {case[1]['podman']}\n")
    else:
        expected = (64, f"template parsing error: template: :1: {case[1][cli.dialect]}\n")
    assert (done.returncode, done.stderr) == expected


@pytest.mark.parametrize("case", FAILING_TEMPLATES, ids=[c[0] for c in FAILING_TEMPLATES])
def test_failing_templates_say_where(cli: Cli, tmp_path: Path, case: tuple[str, str]) -> None:
    """A template that fails on the data names the failing node and column as docker does."""
    tag, _iid = cli.image(_context(tmp_path))
    name = cli.start(tag, "dcli-tmpl-fail", "-p", "127.0.0.1::8080", "--label", "dcli.k=v")
    done = cli.run("inspect", "--format", case[0], name)
    if cli.family == "podman":  # podman's own wrapping of the error is not pinned here
        assert done.returncode == 125
        assert case[1].split(">: ", 1)[1] in done.stderr
        return
    assert (done.returncode, done.stderr) == (1, f"template parsing error: {case[1]}\n")
