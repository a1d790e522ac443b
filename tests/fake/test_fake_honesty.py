"""The fake never reports a success it did not earn (issue 13, items 5, 6 and 10).

What it interprets behaves as docker does; what it cannot interpret is refused with exit 125
and a message naming it, never turned into an empty success or printed as text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from dockercli.fake import store

if TYPE_CHECKING:
    from tests.fake.conftest import FAKE, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import FAKE, Fake

BASE = "dcli-rec-base:latest"  # CMD ["httpd", "-f", "-p", "8080"]
NETWORK_MISSING = {
    "docker-28": (
        "docker: Error response from daemon: network no-such-net not found\n\n"
        "Run 'docker run --help' for more information\n"
    ),
    "docker-20.10": "docker: Error response from daemon: network no-such-net not found.\n",
    "podman": "Error: unable to find network with name or ID no-such-net: network not found\n",
}


def piped(fake: Fake, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the fake with ``data`` on its stdin (a pipe, not a terminal)."""
    return subprocess.run(
        [str(FAKE), *args], input=data, capture_output=True, env=fake.env, timeout=30, check=False
    )


def container_names(fake: Fake) -> list[str]:
    """Every container the fake knows, running or not."""
    return fake.ok("ps", "-a", "--format", "{{.Names}}").split()


# -- attached runs of what the fake cannot interpret -----------------------------------------


def test_attached_unknown_program_is_refused(any_fake: Fake) -> None:
    """``run img ./run-tests.sh`` exits 125 naming the program and the scripting; no container."""
    any_fake.base_image()
    done = any_fake.run("run", BASE, "./run-tests.sh")
    assert done.returncode == 125
    assert done.stdout == b""
    message = done.stderr.decode()
    assert message.startswith("fake docker: cannot run './run-tests.sh' attached: ")
    assert "does not execute programs" in message
    assert "fake.logs" in message
    assert "Scripting containers" in message
    assert container_names(any_fake) == []


def test_attached_start_of_unknown_program_is_refused(any_fake: Fake) -> None:
    """``start -a`` of a container whose program the fake cannot run is refused too."""
    any_fake.base_image()
    any_fake.ok("create", "--name", "c", BASE, "./run-tests.sh")
    done = any_fake.run("start", "-a", "c")
    assert done.returncode == 125
    assert b"cannot run './run-tests.sh' attached" in done.stderr
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "c") == "created\n"


def test_attached_scripted_container_still_runs(any_fake: Fake) -> None:
    """A scripted container (``fake.logs``, ``fake.exit_code``) is modelled: its output and code."""
    any_fake.base_image()
    done = any_fake.run("run", "-l", r"fake.logs=ready\n", "-l", "fake.exit_code=3", BASE)
    assert (done.returncode, done.stdout) == (3, b"ready\n")
    done = any_fake.run("run", "-e", "FAKE_EXIT_CODE=4", BASE, "./run-tests.sh")
    assert (done.returncode, done.stdout) == (4, b"")


def test_detached_unknown_program_runs_until_stopped(any_fake: Fake) -> None:
    """A detached ``httpd -f`` the fake cannot interpret runs until someone stops it."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "web", BASE)
    assert any_fake.ok("inspect", "--format", "{{.State.Running}}", "web") == "true\n"
    any_fake.ok("stop", "web")
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "web") == "exited\n"


# -- the shell: interpreted, or refused, never printed as text --------------------------------


@pytest.mark.parametrize(
    ("script", "stdout"),
    [
        ("echo a | tr a b", "b\n"),
        ("printf 'x\\ny\\n' | wc -l", "2\n"),
        ("echo hello | tr -d l | cat", "heo\n"),
        ("echo $'a\\tb\\x41'", "a\tbA\n"),
        ("false; echo $?", "1\n"),
        ("X='a  b'; echo $X; echo \"$X\"", "a b\na  b\n"),
        ("true || echo no && echo yes", "yes\n"),
        ("echo out; echo err >&2 2>/dev/null; echo gone >/dev/null", "out\n"),
    ],
)
def test_shell_syntax_is_interpreted(any_fake: Fake, script: str, stdout: str) -> None:
    """Pipes, ``$'...'``, ``$?``, field splitting, lists and redirections behave as in sh."""
    any_fake.base_image()
    done = any_fake.run("run", "--rm", BASE, "sh", "-c", script)
    assert (done.returncode, done.stdout.decode()) == (0, stdout)


@pytest.mark.parametrize(
    ("script", "named"),
    [
        ("echo a | grep a", "'grep'"),
        ("echo $(date)", "'$(...)'"),
        ("echo `date`", "'`...`'"),
        ("echo $((1 + 1))", "'$((...))'"),
        ("echo *", "globbing"),
        ("echo ~", "tilde"),
        ("cat <<EOF\nx\nEOF", "here-documents"),
        ("sleep 1 &", "background"),
        ("if true; then echo y; fi", "'if'"),
        ("for i in 1 2; do echo $i; done", "'for'"),
        ("(echo a)", "subshells"),
        ("{ echo a; }", "'{'"),
        ("echo a > /tmp/file", "writing the file '/tmp/file'"),
        ("cat < /etc/hostname", "reading the file"),
        ("cat /etc/hostname", "does not read files"),
        ("echo a 3>&1", "file descriptor 3"),
        ("echo ${#X}", "'${#X}'"),
        ('echo "unterminated', "unterminated quote"),
    ],
)
def test_shell_syntax_it_cannot_interpret_is_refused(
    any_fake: Fake, script: str, named: str
) -> None:
    """What the shell cannot interpret: an attached run exits 125 naming it and prints nothing."""
    any_fake.base_image()
    done = any_fake.run("run", "--rm", BASE, "sh", "-c", script)
    assert done.returncode == 125
    assert done.stdout == b""
    assert done.stderr.decode().startswith("fake docker: cannot run 'sh -c ")
    assert named in done.stderr.decode()


def test_output_before_an_unknown_step_stays_in_the_logs(any_fake: Fake) -> None:
    """``echo ready; exec httpd`` detached: ``ready`` is logged, then it runs until stopped."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "w", BASE, "sh", "-c", "echo ready; exec httpd -f")
    assert any_fake.ok("logs", "w") == "ready\n"
    assert any_fake.ok("inspect", "--format", "{{.State.Running}}", "w") == "true\n"


BUSYBOX_SCRIPTS = [
    "echo a | tr a b",
    "printf '%s-%s\\n' a b c",
    "echo hi | wc -c; printf 'a b\\nc\\n' | wc; printf 'a\\nb\\n' | wc -l -c",
    "false; echo $?; X=1; echo $X",
    "Y='a  b'; echo $Y; echo \"$Y\"; echo ${Z:-d} ${Z-e} ${Y:+s} ${Z+t}.",
    "echo $'q\\tr\\x41\\101\\e'",
    "echo -e 'a\\tb\\101\\c zzz'; echo after; echo -n x; echo -- -n",
    "true || echo x && echo y; false && echo no || echo or",
    "set -e; echo a; false; echo b",
    "set -e; false || false; echo b",
    "echo a >&2 2>/dev/null; echo b 2>/dev/null >&2; echo c 2>&1 >/dev/null",
    "exit 300",
    "echo a | exit 3; echo $?; ! true; echo $?",
    "cd /etc; pwd; cd ..; pwd; cd /usr/./lib/../bin; pwd",
    "printf '%5s|%-3d|%05d|%x|%X|%o|%c|%%\\n' hi 7 42 255 255 8 xyz",
    "printf '%d\\n' abc; echo $?",
    "printf '1\\n2\\n3\\n' | head -n 2; printf '1\\n2\\n3\\n' | tail -1",
    "echo hello | tr -d l; echo abc | tr '[:lower:]' '[:upper:]'; echo abc | tr a-c x",
    'echo {a,b} a=b \'a\\nb\' "a\\tb" "\\$x\\\\" $',
    "sh -c 'echo nested; exit 4'; echo $?; sh -c 'echo $0 $1 $#' zero one",
    "A=1 sh -c 'echo $A'; echo ${A:-unset}; export B=2; sh -c 'echo $B'; unset B; echo ${B-gone}",
    "printf x; printf '\\n'; printf '%b\\n' 'a\\tb'; printf '%s\\n' 1 2",
    "# a comment\necho one  # another\n\necho two;echo three",
    "echo a\\\nb; echo 'x''y'\"z\"",
    "echo hi | sh -c 'cat; echo $?'",
]


@pytest.mark.parametrize("script", BUSYBOX_SCRIPTS)
def test_interpreter_agrees_with_busybox(any_fake: Fake, script: str) -> None:
    """Each script the fake interprets prints and exits exactly as busybox sh does."""
    busybox = shutil.which("busybox")
    if busybox is None:
        pytest.skip("busybox is not installed")
    real = subprocess.run(
        [busybox, "sh", "-c", script],
        capture_output=True,
        env={"PATH": "/bin:/usr/bin"},
        cwd="/",
        stdin=subprocess.DEVNULL,
        timeout=30,
        check=False,
    )
    any_fake.base_image()
    done = any_fake.run("run", "--rm", BASE, "sh", "-c", script)
    assert (done.returncode, done.stdout, done.stderr) == (
        real.returncode,
        real.stdout,
        real.stderr,
    )


# -- stdin and terminals -------------------------------------------------------------------


def test_interactive_run_reads_stdin(any_fake: Fake) -> None:
    """``echo hi | run -i img cat`` prints ``hi``; without ``-i`` stdin is closed (no output)."""
    any_fake.base_image()
    assert piped(any_fake, b"hi\n", "run", "--rm", "-i", BASE, "cat").stdout == b"hi\n"
    done = piped(any_fake, b"hi\n", "run", "--rm", BASE, "cat")
    assert (done.returncode, done.stdout) == (0, b"")
    done = piped(any_fake, b"echo from stdin; exit 3\n", "run", "--rm", "-i", BASE, "sh")
    assert (done.returncode, done.stdout) == (3, b"from stdin\n")
    done = piped(any_fake, b"a-b\n", "run", "--rm", "-i", BASE, "sh", "-c", "tr - + | wc -c")
    assert done.stdout == b"4\n"


def test_interactive_exec_reads_stdin(any_fake: Fake) -> None:
    """``exec -i c cat`` prints what is piped in; without ``-i`` nothing."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", BASE)
    assert piped(any_fake, b"hi\n", "exec", "-i", "c", "cat").stdout == b"hi\n"
    assert piped(any_fake, b"hi\n", "exec", "c", "cat").stdout == b""


def test_detached_interactive_cat_keeps_running(any_fake: Fake) -> None:
    """``run -d -i img cat``: stdin stays open, so cat never exits."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "-i", "--name", "c", BASE, "cat")
    assert any_fake.ok("inspect", "--format", "{{.State.Running}}", "c") == "true\n"


def test_tty_without_a_terminal(any_fake: Fake) -> None:
    """``-it`` with stdin not a terminal: docker refuses (exit 1, no container); podman warns."""
    any_fake.base_image()
    done = any_fake.run("run", "-it", BASE, "sh", "-c", "echo x")
    if any_fake.dialect == "podman":
        assert (done.returncode, done.stdout) == (0, b"x\r\n")
        assert done.stderr.decode().endswith(
            'level=warning msg="The input device is not a TTY. '
            'The --tty and --interactive flags might not work properly"\n'
        )
    else:
        assert (done.returncode, done.stdout, done.stderr) == (
            1,
            b"",
            b"the input device is not a TTY\n",
        )
        assert container_names(any_fake) == []


def test_tty_output_and_an_interactive_shell(any_fake: Fake) -> None:
    """``-t`` merges the streams and ends lines with CRLF; a shell waiting on it is refused."""
    any_fake.base_image()
    done = any_fake.run("run", "--rm", "-t", BASE, "sh", "-c", "echo x; echo y >&2")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"x\r\ny\r\n", b"")
    done = any_fake.run("run", "--rm", "-t", BASE, "sh")
    assert done.returncode == 125
    assert b"does not model a terminal" in done.stderr


def test_exec_tty_without_a_terminal(any_fake: Fake) -> None:
    """``exec -it`` with stdin not a terminal: docker says so (exit 1); podman goes on."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", BASE)
    done = any_fake.run("exec", "-it", "c", "sh", "-c", "echo x")
    if any_fake.dialect == "podman":
        assert (done.returncode, done.stdout) == (0, b"x\r\n")
    else:
        assert (done.returncode, done.stderr) == (1, b"the input device is not a TTY\n")


# -- networks ------------------------------------------------------------------------------


def test_missing_network_fails_like_docker(any_fake: Fake) -> None:
    """``--network no-such-net``: the engine's error, exit 125; docker keeps a created container."""
    any_fake.base_image()
    done = any_fake.run("run", "--name", "n", "--network", "no-such-net", BASE, "true")
    assert (done.returncode, done.stdout) == (125, b"")
    stderr = done.stderr.decode()
    if any_fake.dialect == "docker-20.10":
        assert stderr.startswith(NETWORK_MISSING["docker-20.10"])
        assert 'msg="error waiting for container: context canceled"' in stderr
    else:
        assert stderr == NETWORK_MISSING[any_fake.dialect]
    if any_fake.dialect == "podman":
        assert container_names(any_fake) == []
        return
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "n") == "created\n"
    done = any_fake.run("start", "n")
    assert (done.returncode, done.stderr) == (
        1,
        b"Error response from daemon: network no-such-net not found\n"
        b"Error: failed to start containers: n\n",
    )


def test_missing_network_detached_and_rm(any_fake: Fake) -> None:
    """docker prints the ID of a detached run before the start fails; ``--rm`` leaves nothing."""
    any_fake.base_image()
    done = any_fake.run("run", "-d", "--network", "no-such-net", BASE, "true")
    assert done.returncode == 125
    if any_fake.dialect == "podman":
        assert (done.stdout, container_names(any_fake)) == (b"", [])
    else:
        assert len(done.stdout.strip()) == 64
        assert done.stderr.decode() == NETWORK_MISSING[any_fake.dialect]
        any_fake.ok("rm", done.stdout.decode().strip())
    done = any_fake.run("run", "--rm", "--network", "no-such-net", BASE, "true")
    assert done.returncode == 125
    assert container_names(any_fake) == []


def test_default_networks_are_accepted(any_fake: Fake) -> None:
    """bridge, host, none and default exist on every engine (podman's own names too)."""
    any_fake.base_image()
    names = ["bridge", "host", "none", "default"]
    if any_fake.dialect == "podman":
        names += ["podman", "slirp4netns", "private"]
    for name in names:
        assert any_fake.ok("run", "--rm", "--network", name, BASE, "true") == ""


def test_container_network_needs_a_running_container(any_fake: Fake) -> None:
    """``--network container:X`` joins a running X; a missing or stopped X fails as docker does."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "web", BASE)
    any_fake.ok("run", "--rm", "--network", "container:web", BASE, "true")
    done = any_fake.run("run", "--rm", "--network", "container:nope", BASE, "true")
    assert done.returncode == 125
    wanted = {
        "docker-28": b"docker: Error response from daemon: No such container: nope\n",
        "docker-20.10": b"docker: Error response from daemon: No such container: nope.\n",
        "podman": b"Error: looking up container to share net namespace with: "
        b'no container with name or ID "nope" found: no such container\n',
    }
    assert done.stderr.startswith(wanted[any_fake.dialect])
    any_fake.ok("stop", "web")
    done = any_fake.run("run", "--rm", "--network", "container:web", BASE, "true")
    assert done.returncode == (126 if any_fake.dialect == "podman" else 125)
    assert b"running" in done.stderr


# -- the clock -----------------------------------------------------------------------------


def test_output_follows_the_sleeps(any_fake: Fake) -> None:
    """``sleep 30 && echo dodo`` logs nothing yet; a line is stamped after the sleeps before it."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "dodo", BASE, "sh", "-c", "sleep 30 && echo dodo")
    assert any_fake.ok("logs", "dodo") == ""
    any_fake.ok("kill", "dodo")
    assert any_fake.ok("logs", "dodo") == ""
    any_fake.ok("run", "-d", "--name", "ab", BASE, "sh", "-c", "echo a; sleep 0.3; echo b")
    assert any_fake.ok("wait", "ab") == "0\n"
    stamped = any_fake.ok("logs", "--timestamps", "ab").splitlines()
    assert [line.split(" ", 1)[1] for line in stamped] == ["a", "b"]
    seconds = [float(line.split(" ")[0].rstrip("Z").split(":")[-1]) for line in stamped]
    assert round((seconds[1] - seconds[0]) % 60, 3) == 0.3


def test_exec_takes_as_long_as_its_sleeps(any_fake: Fake) -> None:
    """An exec of ``echo a; sleep 0.2; echo b`` prints both lines (after the sleep) and exits 0."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", BASE)
    assert any_fake.ok("exec", "c", "sh", "-c", "echo a; sleep 0.2; echo b") == "a\nb\n"


# -- state that stays readable -------------------------------------------------------------


def test_sleep_infinity_never_exits_and_keeps_the_state_readable(any_fake: Fake) -> None:
    """``sleep infinity`` (also with ``-p``) runs until stopped; state.json stays strict JSON."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "inf", BASE, "sleep", "infinity")
    any_fake.ok("run", "-d", "--name", "port", "-p", "127.0.0.1::90", BASE, "sleep", "inf")
    assert sorted(any_fake.ok("ps", "--format", "{{.Names}}").split()) == ["inf", "port"]

    def refuse(name: str) -> float:
        raise AssertionError(f"state.json holds {name}")

    json.loads((any_fake.state_dir / "state.json").read_text(), parse_constant=refuse)
    any_fake.ok("stop", "inf", "port")


@pytest.mark.parametrize(
    "label", ["fake.exit_after=1e999", "fake.log_interval=inf", "fake.exit_after=nan"]
)
def test_non_finite_scripting_values_keep_the_state_readable(any_fake: Fake, label: str) -> None:
    """Infinite or NaN scripting values never reach state.json; every later command works."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", "-l", label, "-l", "fake.logs=x", BASE)
    assert any_fake.ok("ps", "-a", "--format", "{{.Names}}") == "c\n"
    text = (any_fake.state_dir / "state.json").read_text()
    assert "Infinity" not in text
    assert "NaN" not in text


@pytest.mark.parametrize(
    "content", [b'{"containers": {"abc', b"garbage", b"[1, 2]", b"\xff\xfe", b'{"tags": 1}']
)
def test_damaged_state_file_gives_one_clear_line(fake: Fake, content: bytes) -> None:
    """A truncated or foreign state.json: exit 125, one line naming the file and the reset;
    the file is left as it was, and deleting the state directory resets the fake."""
    fake.state_dir.mkdir(parents=True)
    (fake.state_dir / "state.json").write_bytes(content)
    for args in (("ps",), ("run", "-d", BASE), ("images",)):
        done = fake.run(*args)
        assert done.returncode == 125, args
        message = done.stderr.decode()
        assert message.count("\n") == 1
        assert "Traceback" not in message
        assert str(fake.state_dir / "state.json") in message
        assert f"delete the state directory {fake.state_dir}" in message
    assert (fake.state_dir / "state.json").read_bytes() == content
    shutil.rmtree(fake.state_dir)  # the reset the message tells of
    assert fake.ok("ps", "-q") == ""


def test_state_from_before_the_schema_number_is_upgraded(fake: Fake) -> None:
    """A state file written before schema numbers (no schema, engine start, build cache or
    address counter) still serves every command, and the next change saves it upgraded."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "old", "-l", "fake.exit_after=never", BASE)
    path = fake.state_dir / "state.json"
    old = json.loads(path.read_text())
    for key in ("schema", "created", "cache", "next_ip"):
        old.pop(key)
    path.write_text(json.dumps(old))
    assert fake.ok("ps", "--format", "{{.Names}}") == "old\n"
    assert "bridge" in fake.ok("network", "ls")
    fake.ok("run", "-d", "--name", "new", "-l", "fake.exit_after=never", BASE)
    saved = json.loads(path.read_text())
    assert saved["schema"] == store.SCHEMA
    oldest = min(c["created"] for c in old["containers"].values())
    assert saved["created"] <= oldest
    assert {c["name"] for c in saved["containers"].values()} == {"old", "new"}


def test_state_from_a_newer_fake_is_refused_and_kept(fake: Fake) -> None:
    """A state file with a schema number above this fake's: exit 125, one line saying a
    newer fake wrote it and how to reset; the file is left as it was."""
    fake.state_dir.mkdir(parents=True)
    newer = dict(store.empty(), schema=store.SCHEMA + 1)
    content = json.dumps(newer).encode()
    (fake.state_dir / "state.json").write_bytes(content)
    done = fake.run("ps")
    message = done.stderr.decode()
    assert done.returncode == 125
    assert f"a newer fake wrote it (state schema {store.SCHEMA + 1}" in message
    assert f"delete the state directory {fake.state_dir}" in message
    assert (fake.state_dir / "state.json").read_bytes() == content


# -- exec ----------------------------------------------------------------------------------


def test_exec_workdir_and_pwd(any_fake: Fake) -> None:
    """``exec -w /dir c pwd`` prints /dir; plain ``pwd`` prints the run's ``-w`` (else /)."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", "-w", "/srv", BASE)
    assert any_fake.ok("exec", "-w", "/dir", "c", "pwd") == "/dir\n"
    assert any_fake.ok("exec", "c", "pwd") == "/srv\n"
    assert any_fake.ok("exec", "c", "sh", "-c", "cd data && pwd") == "/srv/data\n"
    assert any_fake.ok("run", "--rm", "-w", "/app", BASE, "pwd") == "/app\n"
    assert any_fake.ok("run", "--rm", BASE, "pwd") == "/\n"


def test_workdir_of_the_image(any_fake: Fake) -> None:
    """An image's WORKDIR is where its container's ``pwd`` is."""
    context = any_fake.context("wd", dockerfile=f"FROM {BASE}\nWORKDIR /opt/app\n")
    any_fake.base_image()
    any_fake.ok("build", "-q", "-t", "wd:1", str(context))
    assert any_fake.ok("run", "--rm", "wd:1", "pwd") == "/opt/app\n"


def test_exec_of_an_unknown_program_is_refused(any_fake: Fake) -> None:
    """An unscripted exec the fake cannot interpret exits 125 naming the scripting labels."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "c", BASE)
    done = any_fake.run("exec", "c", "pg_isready", "-q")
    assert (done.returncode, done.stdout) == (125, b"")
    message = done.stderr.decode()
    assert message.startswith("fake docker: cannot exec 'pg_isready -q': ")
    assert "fake.exec.pg_isready" in message
    assert "FAKE_EXEC_PG_ISREADY" in message
    done = any_fake.run("exec", "c", "sh", "-c", "echo a | grep a")
    assert (done.returncode, done.stdout) == (125, b"")
    assert any_fake.run("exec", "-d", "c", "pg_isready").returncode == 0


def test_scripted_exec_still_answers(any_fake: Fake) -> None:
    """``fake.exec.<program>`` and ``fake.exec_output`` keep scripting what the fake cannot run."""
    any_fake.base_image()
    any_fake.ok(
        "run",
        "-d",
        "--name",
        "c",
        "-l",
        "fake.exec.pg_isready=accepting\\n",
        "-l",
        "fake.exec_output=generic",
        BASE,
    )
    assert any_fake.ok("exec", "c", "pg_isready") == "accepting\n"
    assert any_fake.ok("exec", "c", "ls", "/") == "generic"
