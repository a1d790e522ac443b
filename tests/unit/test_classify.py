"""classify() on stderr recorded from docker 20.10, docker 28 and podman picks the right class."""

from __future__ import annotations

import json

import pytest

from dockercli import errors
from dockercli.result import Completed
from tests.recordings import DATA, Recording, recordings

ERROR_CASES = [r for r in recordings() if r.expected.get("error") and r.exit_code != 0]
CLIENTS = ("docker-28.2.2", "docker-20.10.24", "docker-20.10.24-buildkit", "podman-4.3.1")


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
        "PortInUseError",
        "NoSuchNetworkError",
        "NoSuchVolumeError",
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


def _matrix() -> dict[str, dict[str, str]]:
    """tests/data/README.md's failure matrix: case -> client -> cell."""
    text = (DATA / "README.md").read_text()
    section = text.split("## Failure matrix", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| command |"):
            header = cells
        elif line.startswith("| ") and header and not line.startswith("|---"):
            row = dict(zip(header, cells))
            case = row["case"].strip("`")
            assert case not in rows, f"{case} is in the matrix twice"
            rows[case] = {c: row[c] for c in CLIENTS}
    return rows


def test_matrix_lists_every_recorded_failure() -> None:
    """The README's failure matrix has a row for every recorded failure, and each cell
    says what that client's recording expects: its class, ``exit 0`` or ``·`` (none)."""
    matrix = _matrix()
    failures = [r for r in recordings() if "error" in r.expected]
    assert {r.case for r in failures} == set(matrix)
    for case, cells in matrix.items():
        for client, cell in cells.items():
            rec = next((r for r in failures if r.case == case and r.client == client), None)
            if rec is None:
                assert cell == "·", (case, client, cell)
            elif rec.expected["error"] is None:
                assert (cell, rec.exit_code) == ("exit 0", 0), (case, client)
            else:
                shown = rec.expected["error"] + (" (exit 0)" if rec.exit_code == 0 else "")
                assert cell == shown, (case, client, cell)


def test_server_errors_of_a_zero_exit_are_a_failure() -> None:
    """Where docker exits 0 and reports the failure in info's JSON (ServerErrors), the
    runner's rule for info raises the recorded class, with the server's errors as stderr."""
    cases = [r for r in recordings() if r.expected.get("error") and r.exit_code == 0]
    assert cases, "no recording of a failure reported with exit 0"
    for rec in cases:
        done = Completed(rec.argv, 0, rec.stdout, rec.stderr)
        error = errors.failure(("info",), done, (0,))
        assert type(error).__name__ == rec.expected["error"], rec.id
        assert error is not None
        assert error.stderr == "\n".join(json.loads(rec.stdout)["ServerErrors"])


@pytest.mark.parametrize(
    "error_class", [errors.PortInUseError, errors.NoSuchNetworkError, errors.NoSuchVolumeError]
)
def test_new_classes_say_what_to_do(error_class: type[errors.DockerError]) -> None:
    """PortInUseError, NoSuchNetworkError and NoSuchVolumeError each carry a hint."""
    assert error_class.hint
    assert error_class.hint != errors.NotFoundError.hint


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("err-run-permission-rlimit", ("default_ulimits = []", "CONTAINERS_CONF")),
        ("err-rmi-in-use-children", ("FROM it", "remove those first")),
        ("err-ps-permission", ("group", "DOCKER_HOST")),
    ],
)
def test_wording_hints(case: str, words: tuple[str, ...]) -> None:
    """A failure with a fix of its own shows that fix as its hint, on every client."""
    recs = [r for r in ERROR_CASES if r.case == case]
    assert recs
    for rec in recs:
        hint = errors.classify(_completed(rec)).hint
        assert all(w in hint for w in words), (rec.id, hint)
        assert f"  hint: {hint}" in str(errors.classify(_completed(rec)))


def test_no_build_error_starts_with_the_deprecation_banner() -> None:
    """docker 28's legacy-builder DEPRECATED block appears in no error text; stderr keeps it."""
    recs = [r for r in ERROR_CASES if r.client == "docker-28.2.2" and "build" in r.argv[1:2]]
    assert len(recs) >= 6
    for rec in recs:
        error = errors.classify(_completed(rec))
        assert "DEPRECATED" in rec.stderr
        assert "DEPRECATED" not in str(error), rec.id
        assert "Install the buildx component" not in str(error), rec.id
        assert error.stderr == rec.stderr


def test_several_refs_a_missing_one_wins() -> None:
    """``rmi A B``, A in use and B missing, is a NoSuchImageError whose message says that
    another ref failed too, in either order, on every client."""
    recs = [r for r in ERROR_CASES if r.case == "err-rmi-missing-and-in-use"]
    assert len(recs) == 3
    for rec in recs:
        error = errors.classify(_completed(rec))
        assert type(error) is errors.NoSuchImageError
        assert "dcli-rec-nosuch" in error.message
        assert "another object's failure" in error.message
        flipped = "\n".join(reversed(rec.stderr.splitlines()))
        assert type(errors.classify(Completed(rec.argv, 1, "", flipped))) is errors.NoSuchImageError


def test_a_global_flag_value_is_not_the_command() -> None:
    """``podman --url URL build`` is a build: an unknown failure is a BuildError."""
    done = Completed(("podman", "--url", "unix:///x.sock", "build", "."), 125, "", "Error: boom")
    assert type(errors.classify(done)) is errors.BuildError


def test_an_exec_start_failure_is_read_from_stdout() -> None:
    """``docker exec`` (126/127) prints its own failure on stdout; classify reads it there,
    but a command's own exit 127 with no such text stays a plain DockerError."""
    said = 'OCI runtime exec failed: exec failed: exec: "x": executable file not found in $PATH'
    failed = errors.classify(Completed(("docker", "exec", "c", "x"), 126, said + "\n", ""))
    assert type(failed) is errors.ContainerStartError
    assert failed.message == said
    own = errors.classify(Completed(("docker", "exec", "c", "sh"), 127, "", "sh: x: not found\n"))
    assert type(own) is errors.DockerError


def test_a_registry_refusal_is_not_the_engine_down() -> None:
    """A daemon's reply about a registry it could not dial is not DaemonUnreachableError."""
    stderr = (
        'Error response from daemon: Get "http://localhost:1/v2/": '
        "dial tcp 127.0.0.1:1: connect: connection refused"
    )
    error = errors.classify(Completed(("docker", "pull", "localhost:1/x"), 1, "", stderr))
    assert type(error) is errors.NoSuchImageError
