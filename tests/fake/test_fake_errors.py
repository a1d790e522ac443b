"""Errors: exact stderr and exit code per dialect, and rejection of what is not modelled."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import Fake

BASE = "dcli-rec-base:latest"


@pytest.mark.parametrize(
    ("dialect", "code", "stderr"),
    [
        (
            "docker-28",
            125,
            "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
            "Run 'docker run --help' for more information\n",
        ),
        ("docker-20.10", 125, "unknown flag: --foo\nSee 'docker run --help'.\n"),
        ("podman", 125, "Error: unknown flag: --foo\nSee 'podman run --help'\n"),
    ],
)
def test_unknown_flag(fake: Fake, dialect: str, code: int, stderr: str) -> None:
    """An unknown flag exits 125 with the dialect's wording (``--foo=x`` too)."""
    fake = fake.with_dialect(dialect)
    for arg in ("--foo", "--foo=x"):
        done = fake.run("run", "-d", arg, BASE)
        assert (done.returncode, done.stderr.decode()) == (code, stderr)


def test_unknown_shorthand(fake: Fake) -> None:
    """An unknown short flag in a cluster names the letter and the cluster."""
    done = fake.with_dialect("docker-20.10").run("run", "-dZ", BASE)
    assert done.returncode == 125
    assert done.stderr == b"unknown shorthand flag: 'Z' in -dZ\nSee 'docker run --help'.\n"


def test_flag_without_value(fake: Fake) -> None:
    """A value flag at the end of argv needs an argument."""
    done = fake.run("run", "--name")
    assert done.returncode == 125
    assert done.stderr.decode().startswith("flag needs an argument: --name\n\nUsage:  docker run")


def test_create_has_no_detach_flag(fake: Fake) -> None:
    """``create`` rejects ``-d`` like docker (only run detaches)."""
    done = fake.run("create", "-d", BASE)
    assert done.returncode == 125
    assert b"unknown shorthand flag: 'd' in -d" in done.stderr


@pytest.mark.parametrize(
    ("dialect", "code", "stderr"),
    [
        (
            "docker-28",
            1,
            "docker: unknown command: docker frobnicate\n\n"
            "Run 'docker --help' for more information\n",
        ),
        ("docker-20.10", 1, "docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n"),
        (
            "podman",
            125,
            "Error: unrecognized command `podman frobnicate`\n"
            "Try 'podman --help' for more information\n",
        ),
    ],
)
def test_unknown_command(fake: Fake, dialect: str, code: int, stderr: str) -> None:
    """A command docker does not have fails like the real client (docker exits 1 here)."""
    done = fake.with_dialect(dialect).run("frobnicate", "x")
    assert (done.returncode, done.stderr.decode()) == (code, stderr)


@pytest.mark.parametrize("argv", [["volume", "prune"], ["cp", "a", "b"], ["image", "save"]])
def test_unmodelled_docker_commands_exit_125(fake: Fake, argv: list[str]) -> None:
    """Real docker commands the fake does not implement never succeed silently: exit 125."""
    done = fake.run(*argv)
    assert done.returncode == 125
    assert b"is not modelled by the fake" in done.stderr


def test_unmodelled_inspect_type(fake: Fake) -> None:
    """``inspect --type network`` is a real type the fake does not model: exit 125."""
    done = fake.run("inspect", "--type", "network", "bridge")
    assert done.returncode == 125


@pytest.mark.parametrize(
    ("dialect", "stderr"),
    [
        (
            "docker-28",
            "docker: 'docker logs' requires 1 argument\n\n"
            "Usage:  docker logs [OPTIONS] CONTAINER\n\n"
            "Run 'docker logs --help' for more information\n",
        ),
        (
            "docker-20.10",
            "\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.\n\n"
            "Usage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n",
        ),
        ("podman", "Error: specify at least one container name or ID to log\n"),
    ],
)
def test_missing_arguments(fake: Fake, dialect: str, stderr: str) -> None:
    """Too few arguments fail with the client's own message."""
    done = fake.with_dialect(dialect).run("logs")
    assert done.stderr.decode() == stderr
    assert done.returncode == (125 if dialect == "podman" else 1)


@pytest.mark.parametrize(
    ("dialect", "command", "code", "stderr"),
    [
        (
            "docker-28",
            "kill",
            1,
            "Error response from daemon: Cannot kill container: nosuch: "
            "No such container: nosuch\n",
        ),
        ("docker-20.10", "port", 1, "Error: No such container: nosuch\n"),
        ("docker-28", "port", 1, "Error response from daemon: No such container: nosuch\n"),
        ("docker-20.10", "wait", 1, "Error response from daemon: No such container: nosuch\n"),
        ("docker-20.10", "exec", 1, "Error: No such container: nosuch\n"),
        (
            "podman",
            "exec",
            125,
            'Error: no container with name or ID "nosuch" found: no such container\n',
        ),
        (
            "docker-28",
            "start",
            1,
            "Error response from daemon: No such container: nosuch\n"
            "Error: failed to start containers: nosuch\n",
        ),
    ],
)
def test_no_such_container_per_command(
    fake: Fake, dialect: str, command: str, code: int, stderr: str
) -> None:
    """Each command words "no such container" the way the real client does."""
    extra = ["true"] if command == "exec" else []
    done = fake.with_dialect(dialect).run(command, "nosuch", *extra)
    assert (done.returncode, done.stderr.decode()) == (code, stderr)


def test_rm_force_of_a_missing_container_succeeds(any_fake: Fake) -> None:
    """``rm -f`` of a missing container exits 0 (docker still prints the error)."""
    done = any_fake.run("rm", "-f", "nosuch")
    assert done.returncode == 0
    assert (done.stderr == b"") == (any_fake.dialect == "podman")


def test_kill_of_a_stopped_container(fake: Fake) -> None:
    """Killing a container that is not running is a conflict."""
    fake.base_image()
    cid = fake.ok("create", "--name", "idle", BASE).strip()
    done = fake.run("kill", "idle")
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"Error response from daemon: Cannot kill container: idle: Container {cid} is not running\n"
    )


def test_invalid_signal(any_fake: Fake) -> None:
    """An unknown signal name is rejected before any container is touched."""
    done = any_fake.run("kill", "--signal", "FOO", "x")
    assert done.stderr.decode() in (
        "Error response from daemon: Invalid signal: FOO\n",
        "Error: invalid signal: FOO\n",
    )


def test_exec_in_a_stopped_container(any_fake: Fake) -> None:
    """exec needs a running container."""
    any_fake.base_image()
    cid = any_fake.ok("create", "--name", "idle", BASE).strip()
    done = any_fake.run("exec", "idle", "true")
    want = {
        "podman": "Error: can only create exec sessions on running containers: "
        "container state improper\n",
    }.get(any_fake.dialect, f"Error response from daemon: Container {cid} is not running\n")
    assert done.stderr.decode() == want


def test_invalid_filter(any_fake: Fake) -> None:
    """An unknown ps filter is refused like the engine refuses it."""
    done = any_fake.run("ps", "--filter", "foo=bar")
    want = (
        "Error: foo is an invalid filter\n"
        if any_fake.dialect == "podman"
        else ("Error response from daemon: Invalid filter 'foo'\n")
    )
    assert done.stderr.decode() == want


def test_template_errors(fake: Fake) -> None:
    """A missing key and an unclosed action fail like docker's template engine."""
    fake.base_image()
    done = fake.run("image", "inspect", BASE, "--format", "{{.Config.Foo}}")
    assert done.returncode == 1
    assert done.stderr == (
        b'template parsing error: template: :1:9: executing "" at <.Config.Foo>: '
        b'map has no entry for key "Foo"\n'
    )
    done = fake.run("image", "inspect", BASE, "--format", "{{.Id")
    assert (done.returncode, done.stderr) == (
        64,
        b"template parsing error: template: :1: unclosed action\n",
    )
    done = fake.run("ps", "--format", "{{.Foo}}")
    assert done.stderr == (
        b'failed to execute template: template: :1:2: executing "" at <.Foo>: '
        b"can't evaluate field Foo in type *formatter.ContainerContext\n"
    )


def test_tag_invalid_target(fake: Fake) -> None:
    """``tag`` with an uppercase target fails with docker 28's reference error."""
    fake.base_image()
    done = fake.run("tag", BASE, "Bad:Tag")
    assert done.returncode == 1
    assert done.stderr == (
        b'Error parsing reference: "Bad:Tag" is not a valid repository/tag: invalid '
        b"reference format: repository name (library/Bad) must be lowercase\n"
    )


def test_rmi_image_used_by_running_container_by_id(fake: Fake) -> None:
    """Removing an image by ID that a running container uses cannot be forced."""
    iid = fake.base_image()
    cid = fake.ok("run", "-d", BASE).strip()
    done = fake.run("rmi", "-f", iid)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"Error response from daemon: conflict: unable to delete {iid[:12]} (cannot be forced) - "
        f"image is being used by running container {cid[:12]}\n"
    )


def test_pull_fails_offline(any_fake: Fake) -> None:
    """The fake has no registry: pull fails like an engine without network."""
    done = any_fake.run("pull", "alpine")
    assert done.returncode == (125 if any_fake.dialect == "podman" else 1)
    assert b"registr" in done.stderr


def test_conflicting_host_and_context(fake: Fake) -> None:
    """--host and --context together are refused."""
    done = fake.run("-H", "unix:///x", "--context", "default", "ps")
    assert done.stderr == b"Conflicting options: either specify --host or --context, not both\n"


def test_unknown_dialect_is_rejected(fake: Fake) -> None:
    """A misspelt FAKE_DOCKER_DIALECT fails loudly instead of guessing."""
    done = fake.run("ps", env={"FAKE_DOCKER_DIALECT": "dokcer"})
    assert done.returncode == 125
    assert b"FAKE_DOCKER_DIALECT" in done.stderr
