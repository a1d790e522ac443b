"""The runner: output kept apart, exit codes classified, timeouts kill the whole group."""

from __future__ import annotations

import gc
import logging
import sys
import time
from pathlib import Path

import pytest

from dockercli import runner
from dockercli._argv import ENV_FILE_ARG, Invocation
from dockercli.errors import (
    DockerError,
    DockerNotFoundError,
    DockerTimeoutError,
    InvalidOptionError,
    NoSuchContainerError,
    StreamStalledError,
)
from dockercli.testing._proc import is_running

SH = "/bin/sh"
_READ_ENV_FILE = 'f="${1#--env-file=}"; stat -c %a "$f"; cat "$f"; echo "$f"'


def _wait_dead(pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not is_running(pid):
            return True
        time.sleep(0.05)
    return False


def test_stdout_and_stderr_are_kept_apart() -> None:
    """stdout and stderr come back separately, decoded as text."""
    done = runner.run([SH, "-c", "echo out; echo err >&2"], timeout=10)
    assert (done.returncode, done.stdout, done.stderr) == (0, "out\n", "err\n")


def test_invalid_utf8_is_replaced_not_raised() -> None:
    """Bytes that are not UTF-8 decode with replacement characters."""
    done = runner.run([SH, "-c", r"printf 'a\377b'"], timeout=10)
    assert done.stdout == "a\ufffdb"


def test_nonzero_exit_is_classified() -> None:
    """A code outside ok_codes raises the class that classify picks from stderr."""
    with pytest.raises(NoSuchContainerError) as caught:
        runner.run(
            [SH, "-c", "echo 'Error response from daemon: No such container: x' >&2; exit 1"],
            timeout=10,
        )
    error = caught.value
    assert error.returncode == 1
    assert error.argv[0] == SH
    assert "No such container: x" in str(error)


def test_ok_codes_accept_other_exit_codes() -> None:
    """Exit codes listed in ok_codes return normally."""
    assert runner.run([SH, "-c", "exit 3"], timeout=10, ok_codes=(0, 3)).returncode == 3


def test_input_is_sent_to_stdin() -> None:
    """``input`` bytes reach the command's stdin."""
    assert runner.run(["cat"], timeout=10, input=b"hello").stdout == "hello"


def test_timeout_kills_the_process_and_its_children(tmp_path: Path) -> None:
    """A command past its timeout is killed with every process in its group."""
    pidfile = tmp_path / "child.pid"
    started = time.monotonic()
    with pytest.raises(DockerTimeoutError) as caught:
        runner.run([SH, "-c", f"sleep 300 & echo $! > {pidfile}; sleep 300"], timeout=0.5)
    assert time.monotonic() - started < 5
    assert "timed out after 0.5s" in str(caught.value)
    assert _wait_dead(int(pidfile.read_text()))


def test_timeout_error_is_a_builtin_timeout() -> None:
    """DockerTimeoutError refines TimeoutError and DockerError."""
    assert issubclass(DockerTimeoutError, TimeoutError)
    assert issubclass(DockerTimeoutError, DockerError)


def test_missing_binary_raises_docker_not_found() -> None:
    """A binary that is not on PATH raises DockerNotFoundError naming it and PATH."""
    with pytest.raises(DockerNotFoundError) as caught:
        runner.resolve("no-such-docker-binary", {"PATH": "/nonexistent"})
    assert "no-such-docker-binary" in str(caught.value)
    assert "PATH=/nonexistent" in str(caught.value)
    assert isinstance(caught.value, FileNotFoundError)


def test_missing_absolute_binary_raises_docker_not_found() -> None:
    """Running an absolute path that does not exist raises DockerNotFoundError."""
    with pytest.raises(DockerNotFoundError):
        runner.run(["/nonexistent/docker", "version"], timeout=10)


def test_env_reaches_the_child() -> None:
    """Extra env values are merged over the parent's environment for the child."""
    done = runner.run(
        Invocation([SH, "-c", 'echo "$SECRET_X"'], env={"SECRET_X": "v1"}), timeout=10
    )
    assert done.stdout == "v1\n"


def test_env_file_is_private_and_removed() -> None:
    """The secret env file exists with mode 0600 during the call and is gone after."""
    done = runner.run(
        Invocation(
            [SH, "-c", _READ_ENV_FILE, "sh", ENV_FILE_ARG],
            env_file=(("PATH", "/x:/y"), ("DOCKER_HOST", "tcp://h:1")),
        ),
        timeout=10,
    )
    mode, first, second, path = done.stdout.splitlines()
    assert (mode, first, second) == ("600", "PATH=/x:/y", "DOCKER_HOST=tcp://h:1")
    assert not Path(path).exists()
    assert ENV_FILE_ARG not in done.argv


def test_commands_are_logged_shell_quoted(caplog: pytest.LogCaptureFixture) -> None:
    """Each command is logged at DEBUG as one shell-quoted line."""
    with caplog.at_level(logging.DEBUG, logger="dockercli"):
        runner.run([SH, "-c", "true", "a b"], timeout=10)
    assert "run: /bin/sh -c true 'a b'" in caplog.text


def test_logged_assignments_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    """A raw ``--env=K=V`` or ``-e K=V`` handed to the runner is logged with its value masked."""
    with caplog.at_level(logging.DEBUG, logger="dockercli"):
        runner.run([SH, "-c", "true", "--env=TOKEN=s3cr3t", "-e", "PW=hunter2"], timeout=10)
    assert "s3cr3t" not in caplog.text
    assert "hunter2" not in caplog.text
    assert "--env=TOKEN=***" in caplog.text
    assert "PW=***" in caplog.text


def test_error_text_is_capped() -> None:
    """A huge stderr is cut to about 750 characters in the message, with a count of the rest."""
    with pytest.raises(DockerError) as caught:
        runner.run(
            [sys.executable, "-c", "import sys; sys.stderr.write('x' * 5000); sys.exit(2)"],
            timeout=10,
        )
    assert "more chars)" in str(caught.value)
    assert len(str(caught.value)) < 1200
    assert len(caught.value.stderr) == 5000


# -- streams -------------------------------------------------------------------------


def test_stream_yields_lines_as_they_arrive() -> None:
    """Lines from both pipes arrive tagged with their source, line endings stripped."""
    stream = runner.stream([SH, "-c", r"echo one; echo two >&2; printf 'three\r\n'; printf tail"])
    lines = [(line.source, line.text) for line in stream]
    assert sorted(lines) == sorted(
        [("stdout", "one"), ("stderr", "two"), ("stdout", "three"), ("stdout", "tail")]
    )


def test_stream_raises_classified_error_at_end() -> None:
    """A stream whose command fails raises the classified error when iteration ends."""
    stream = runner.stream([SH, "-c", "echo 'Error: No such container: x' >&2; exit 1"])
    with pytest.raises(NoSuchContainerError):
        list(stream)


def test_stream_stall_timeout_kills_the_command(tmp_path: Path) -> None:
    """A stream silent for longer than its stall timeout raises and kills its command."""
    pidfile = tmp_path / "pid"
    stream = runner.stream(
        [SH, "-c", f"echo $$ > {pidfile}; echo first; sleep 300"], stall_timeout=0.5
    )
    assert next(stream).text == "first"
    with pytest.raises(StreamStalledError):
        next(stream)
    assert _wait_dead(int(pidfile.read_text()))


def test_stream_total_timeout_is_a_different_error() -> None:
    """A stream that keeps printing past its total timeout raises DockerTimeoutError, not stall."""
    stream = runner.stream(
        [SH, "-c", "while true; do echo tick; sleep 0.05; done"], timeout=0.5, stall_timeout=5
    )
    with pytest.raises(DockerTimeoutError) as caught:
        list(stream)
    assert not isinstance(caught.value, StreamStalledError)


def test_closing_a_stream_kills_its_command(tmp_path: Path) -> None:
    """close() kills the command and its children."""
    pidfile = tmp_path / "pid"
    stream = runner.stream([SH, "-c", f"sleep 300 & echo $! > {pidfile}; echo go; wait"])
    assert next(stream).text == "go"
    stream.close()
    assert _wait_dead(int(pidfile.read_text()))


def test_dropping_a_stream_kills_its_command(tmp_path: Path) -> None:
    """A stream that is garbage-collected kills its command."""
    pidfile = tmp_path / "pid"
    stream = runner.stream([SH, "-c", f"echo $$ > {pidfile}; echo go; sleep 300"])
    assert next(stream).text == "go"
    pid = int(pidfile.read_text())
    del stream
    gc.collect()
    assert _wait_dead(pid)


def test_merged_stream_keeps_order() -> None:
    """With merge_stderr both streams share one pipe, so their relative order survives."""
    stream = runner.stream([SH, "-c", "echo 1; echo 2 >&2; echo 3; echo 4 >&2"], merge_stderr=True)
    assert [line.text for line in stream] == ["1", "2", "3", "4"]


def test_spawn_runs_on_a_terminal() -> None:
    """spawn gives a pexpect child on a pseudo-terminal that answers expect/sendline."""
    child = runner.spawn([SH, "-c", "test -t 0 && echo tty; read x; echo got-$x"], timeout=10)
    try:
        child.expect("tty")
        child.sendline("ping")
        child.expect("got-ping")
    finally:
        child.close(force=True)
    assert not child.isalive()


def test_a_stream_carries_its_env_file_until_the_command_ends() -> None:
    """A streamed Invocation gets its 0600 env file while it runs; it is gone after."""
    with runner.stream(
        Invocation([SH, "-c", _READ_ENV_FILE, "sh", ENV_FILE_ARG], env_file=(("HOME", "/h"),))
    ) as stream:
        mode, entry, path = [line.text for line in stream]
    assert (mode, entry) == ("600", "HOME=/h")
    assert not Path(path).exists()


def test_a_closed_stream_removes_its_env_file(tmp_path: Path) -> None:
    """Closing a stream early (the command still running) removes its env file too."""
    script = 'echo "${1#--env-file=}"; sleep 300'
    stream = runner.stream(
        Invocation([SH, "-c", script, "sh", ENV_FILE_ARG], env_file=(("HOME", "/h"),))
    )
    path = Path(next(stream).text)
    assert path.exists()
    stream.close()
    assert not path.exists()


def test_a_terminal_session_refuses_an_env_file() -> None:
    """spawn() refuses an Invocation that needs an env file, naming the variables, runs nothing."""
    made = Invocation([SH, "-c", "true", ENV_FILE_ARG], env_file=(("HOME", "/h"),))
    with pytest.raises(InvalidOptionError, match="HOME are names the docker CLI reads"):
        runner.spawn(made)


def test_a_missing_binary_path_says_what_is_wrong_with_it(tmp_path: Path) -> None:
    """A binary given as a path is reported as missing or not executable, not as a PATH search."""
    resolve = runner.resolve
    with pytest.raises(DockerNotFoundError, match="docker' does not exist"):
        resolve(str(tmp_path / "nope" / "docker"))
    plain = tmp_path / "docker"
    plain.write_text("#!/bin/sh\n")
    with pytest.raises(DockerNotFoundError, match="docker' is not an executable file"):
        resolve(str(plain))
    with pytest.raises(DockerNotFoundError, match="searched PATH="):
        resolve("dockercli-no-such-binary")
