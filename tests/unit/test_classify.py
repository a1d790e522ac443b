"""classify() on stderr recorded from docker 20.10, docker 28 and podman picks the right class."""

from __future__ import annotations

import pytest

from dockercli import errors
from dockercli.result import Completed
from tests.recordings import Recording, recordings

ERROR_CASES = [r for r in recordings() if r.expected.get("error") and r.exit_code != 0]


def _completed(rec: Recording) -> Completed:
    argv = rec.argv or ("docker",)
    return Completed(argv, rec.exit_code, rec.stdout, rec.stderr)


def test_recordings_cover_every_error_class() -> None:
    """The recordings hold at least one case of each error class, on each docker client."""
    wanted = {
        "DaemonUnreachableError",
        "NotFoundError",
        "NoSuchContainerError",
        "NoSuchImageError",
        "ConflictError",
        "BuildError",
        "UsageError",
        "ContainerStartError",
    }
    for client in ("docker-20.10.24", "docker-28.2.2", "podman-4.3.1"):
        seen = {r.expected["error"] for r in ERROR_CASES if r.client == client}
        assert wanted <= seen, (client, wanted - seen)


@pytest.mark.parametrize("rec", ERROR_CASES, ids=lambda r: r.id)
def test_classify_recorded_errors(rec: Recording) -> None:
    """Each recorded failure classifies as the error class its case records."""
    error = errors.classify(_completed(rec))
    assert type(error) is getattr(errors, rec.expected["error"]), (rec.id, rec.stderr)


@pytest.mark.parametrize("rec", ERROR_CASES, ids=lambda r: r.id)
def test_classified_error_keeps_the_output(rec: Recording) -> None:
    """The classified error carries the exit code and the whole stderr."""
    error = errors.classify(_completed(rec))
    assert (error.returncode, error.stderr) == (rec.exit_code, rec.stderr)


def test_build_error_carries_the_log() -> None:
    """A failed build's BuildError holds the build output as its log."""
    rec = next(r for r in ERROR_CASES if r.id == "docker-28.2.2/build-fail-run")
    error = errors.classify(_completed(rec))
    assert isinstance(error, errors.BuildError)
    assert "exit 3" in error.log


@pytest.mark.parametrize("client", ["docker-28.2.2", "docker-20.10.24"])
def test_port_of_an_unpublished_port_is_not_found(client: str) -> None:
    """``docker port C 8080`` on an unpublished port (exit 1) classifies as NotFoundError."""
    rec = next(r for r in recordings("port-one-unpublished") if r.client == client)
    assert rec.exit_code == 1
    assert type(errors.classify(_completed(rec))) is errors.NotFoundError


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [
        (
            "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?",
            errors.DaemonUnreachableError,
        ),
        (
            "Cannot connect to the Docker daemon at tcp://h:2376. Is the docker daemon running",
            errors.DaemonUnreachableError,
        ),
        (
            'error during connect: Get "http://%2Fx/v1.41/version": '
            "dial unix /x: connect: no such file or directory",
            errors.DaemonUnreachableError,
        ),
        ("Error: No such container: x", errors.NoSuchContainerError),
        ("Error response from daemon: No such container: x", errors.NoSuchContainerError),
        (
            'Error: no container with name or ID "x" found: no such container',
            errors.NoSuchContainerError,
        ),
        ("Error: x: image not known", errors.NoSuchImageError),
        (
            'Error: creating container storage: the container name "web" is already in use '
            "by 1234. You have to remove that container to be able to reuse that name: "
            "that name is already in use",
            errors.ConflictError,
        ),
        ("Error response from daemon: Container 1234 is not running", errors.ConflictError),
        (  # docker 28, when a cleanup and a `with` block removed one container together
            "Error response from daemon: removal of container ab7c71e6bcc5 is already in progress",
            errors.RemovalInProgressError,
        ),
        ("unknown shorthand flag: 'z' in -z", errors.UsageError),
        ('"docker stop" requires at least 1 argument.', errors.UsageError),
        ("something nobody has seen before", errors.DockerError),
    ],
)
def test_classify_wordings(stderr: str, expected: type) -> None:
    """Wordings of each client map to their class; an unknown wording is a plain DockerError."""
    assert type(errors.classify(Completed(("docker", "x"), 1, "", stderr))) is expected


def test_error_message_names_command_and_code() -> None:
    """str(error) shows the first error line, the shell-quoted command and the exit code."""
    error = errors.classify(
        Completed(
            ("docker", "stop", "my box"),
            1,
            "",
            "Error response from daemon: No such container: my box\n",
        )
    )
    text = str(error)
    assert text.splitlines()[0] == "Error response from daemon: No such container: my box"
    assert "command: docker stop 'my box' (exit 1)" in text


def test_daemon_error_says_what_to_do() -> None:
    """DaemonUnreachableError's message names DOCKER_HOST and how to get an engine."""
    error = errors.classify(
        Completed(
            ("docker", "ps"),
            1,
            "",
            "Cannot connect to the Docker daemon at unix:///x. Is the docker daemon running?",
        )
    )
    assert "DOCKER_HOST" in str(error)
    assert "make engine" in str(error)
