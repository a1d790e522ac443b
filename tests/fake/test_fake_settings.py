"""run's settings on the fake beyond the recordings: when each client refuses, what a
refusal leaves, what the engine discards, and what the fake refuses to pretend."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fake.conftest import DIALECTS, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DIALECTS, Fake

BASE = "dcli-rec-base:latest"


def _names(fake: Fake) -> list[str]:
    return fake.ok("ps", "-a", "--format", "{{.Names}}").split()


@pytest.mark.parametrize(
    ("dialect", "left"), [("docker-28", 1), ("docker-20.10", 1), ("podman", 0)]
)
def test_a_missing_device_is_found_at_start_by_docker_and_at_create_by_podman(
    fake: Fake, dialect: str, left: int
) -> None:
    """docker's engine refuses a missing device when the container starts, leaving it
    created, and its client exits 127; podman refuses at create and leaves nothing."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    done = fake.run("run", "-d", "--name", "dev", "--device", "/dev/dcli-nosuch", BASE, "true")
    assert done.returncode == (127 if left else 125)
    assert "/dev/dcli-nosuch" in done.stderr.decode()
    assert _names(fake) == ["dev"] * left
    if left:  # it stays refused at every start
        again = fake.run("start", "dev")
        assert (again.returncode, "custom device" in again.stderr.decode()) == (1, True)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_block_io_weight_is_discarded_with_the_engines_warning(fake: Fake, dialect: str) -> None:
    """The engine here cannot weigh block IO: it warns on stderr, creates the container and
    shows the weight as 0, as the real engine does."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    done = fake.run("create", "--name", "w", "--blkio-weight", "300", BASE, "true")
    assert done.returncode == 0
    assert "Block I/O weight" in done.stderr.decode()
    (doc,) = json.loads(fake.ok("inspect", "w"))
    assert doc["HostConfig"]["BlkioWeight"] == 0


NOT_MODELLED = [
    ("docker-20.10", ["--ip", "172.17.0.50"]),
    ("docker-20.10", ["--mac-address", "02:42:ac:11:00:99"]),
    ("podman", ["--mac-address", "02:42:ac:11:00:99"]),
    ("podman", ["--gpus", "all"]),
    ("podman", ["--oom-score-adj", "5000"]),
    ("podman", ["--log-opt", "max-file=3"]),
    ("docker-28", ["--security-opt", "seccomp=/profile.json"]),
    ("docker-28", ["--log-driver", "local", "--log-opt", "max-size=1m"]),
    ("docker-28", ["--network", "dcli-net", "--ip", "10.1.0.5"]),
    ("docker-28", ["--log-driver", "gelf"]),
    ("podman", ["--log-driver", "journald"]),
    ("podman", ["--security-opt", "mask=/proc/acpi"]),
    ("docker-28", ["--log-opt", "max-size=10mb"]),
]


@pytest.mark.parametrize(("dialect", "flags"), NOT_MODELLED)
def test_what_the_fake_cannot_know_is_refused_not_faked(
    fake: Fake, dialect: str, flags: list[str]
) -> None:
    """A setting whose effect the fake cannot know (an address the user picks, an option
    podman ignores, a profile file) exits 125 naming the flag, and leaves no container."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    if "dcli-net" in flags:
        fake.ok("network", "create", "--subnet", "10.1.0.0/24", "dcli-net")
    done = fake.run("run", "-d", "--name", "nm", *flags, BASE, "true")
    assert done.returncode == 125
    said = done.stderr.decode()
    assert said.startswith("fake docker: ")
    assert flags[-2] in said or flags[0] in said
    assert _names(fake) == []


@pytest.mark.parametrize(
    ("dialect", "flags", "words"),
    [
        ("docker-28", ["--pid", "bogus"], "docker: --pid: invalid PID mode\n"),
        ("docker-20.10", ["--cgroupns", "bogus"], "docker: --cgroupns: invalid CGROUP mode.\n"),
        ("podman", ["--userns", "bogus"], "Error: unrecognized namespace mode bogus passed\n"),
        ("docker-28", ["--security-opt", "bogus"], 'docker: Invalid --security-opt: "bogus"\n'),
        ("podman", ["--isolation", "default"], "Error: unknown flag: --isolation\n"),
        (
            "docker-28",
            ["--log-opt", "bogus=1"],
            "docker: Error response from daemon: unknown log opt 'bogus' for json-file log "
            "driver\n",
        ),
        (
            "docker-28",
            ["--pid", "container:dcli-nosuch"],
            "docker: Error response from daemon: No such container: dcli-nosuch\n",
        ),
        (
            "podman",
            ["--ipc", "container:dcli-nosuch"],
            "Error: looking up container to share ipc namespace with: no container with name or "
            'ID "dcli-nosuch" found: no such container\n',
        ),
        (
            "podman",
            ["--memory-swap", "1g"],
            "Error: you should always set a memory limit when using a memoryswap limit, see "
            "usage\n",
        ),
    ],
)
def test_a_refused_setting_is_worded_as_the_client_words_it(
    fake: Fake, dialect: str, flags: list[str], words: str
) -> None:
    """Namespace modes, security options, logging options, a swap limit without a memory
    limit and podman's missing --isolation are refused in the client's words (tried by
    hand on docker 28, docker 20.10 and podman 4.3), exit 125."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    done = fake.run("run", "-d", *flags, BASE, "true")
    assert done.returncode == 125
    assert done.stderr.decode().startswith(words)


@pytest.mark.parametrize(
    ("dialect", "words"),
    [
        ("docker-28", "Error response from daemon: configured logging driver does not support"),
        ("podman", "Error: this container is using the 'none' log driver, cannot read logs"),
    ],
)
def test_logs_of_a_container_that_keeps_none_are_refused(
    fake: Fake, dialect: str, words: str
) -> None:
    """A container run with --log-driver none keeps no logs: ``logs`` fails in the client's
    words (tried by hand) instead of printing what the program wrote."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("run", "--name", "quiet", "--log-driver", "none", BASE, "echo", "hi")
    done = fake.run("logs", "quiet")
    assert (done.returncode, done.stdout) == (125 if dialect == "podman" else 1, b"")
    assert done.stderr.decode().startswith(words)


@pytest.mark.parametrize(("dialect", "code"), [("docker-28", 1), ("podman", 0)])
def test_renaming_to_the_same_name_is_refused_by_docker_only(
    fake: Fake, dialect: str, code: int
) -> None:
    """docker refuses to rename a container to the name it has (tried by hand); podman
    does nothing and exits 0."""
    fake = fake.with_dialect(dialect)
    fake.base_image()
    fake.ok("create", "--name", "same", BASE, "true")
    done = fake.run("rename", "same", "same")
    assert done.returncode == code
    assert ("same name as its current name" in done.stderr.decode()) is (code == 1)
