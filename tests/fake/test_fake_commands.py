"""Happy paths of every command the fake implements, in every dialect where it matters."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fake.conftest import Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import Fake

BASE = "dcli-rec-base:latest"
ID64 = re.compile(r"^[0-9a-f]{64}$")


def test_version_template_fields(any_fake: Fake) -> None:
    """``version --format`` evaluates simple field paths like ``{{.Client.Version}}``."""
    want = {"docker-28": "28.2.2", "docker-20.10": "20.10.24+dfsg1", "podman": "4.3.1"}
    assert (
        any_fake.ok("version", "--format", "{{.Client.Version}}") == want[any_fake.dialect] + "\n"
    )


def test_version_server_version(fake: Fake) -> None:
    """``version --format '{{.Server.Version}}'`` prints the engine version (dockercli's ping)."""
    assert fake.ok("version", "--format={{.Server.Version}}") == "20.10.24+dfsg1\n"


def test_version_plain_text(fake: Fake) -> None:
    """Plain ``version`` prints the client and server blocks like docker 28, platform: the fake."""
    out = fake.ok("version")
    assert out.startswith("Client: dockercli fake docker\n Version:           28.2.2\n")
    assert "\nServer: dockercli fake docker\n Engine:\n  Version:          20.10.24+dfsg1\n" in out


def test_info_counts_objects(fake: Fake) -> None:
    """``info`` reports the number of images and containers in the fake's state."""
    fake.base_image()
    fake.ok("run", "-d", BASE)
    fake.ok("create", BASE)
    info = json.loads(fake.ok("info", "--format", "{{json .}}"))
    assert (info["Images"], info["Containers"], info["ContainersRunning"]) == (1, 2, 1)
    assert fake.ok("info", "--format", "{{.ServerVersion}}") == "20.10.24+dfsg1\n"
    assert "Containers: 2\n  Running: 1\n" in fake.ok("info")


def test_context_inspect_default(fake: Fake) -> None:
    """``context inspect`` shows the endpoint the fake was pointed at (dockercli's form)."""
    out = fake.ok(
        "-H",
        "unix:///tmp/x.sock",
        "context",
        "inspect",
        "--format={{.Endpoints.docker.Host}}",
        "--",
        "default",
    )
    assert out == "unix:///tmp/x.sock\n"
    doc = json.loads(fake.ok("context", "inspect", env={"DOCKER_HOST": "tcp://10.0.0.1:2375"}))
    assert doc[0]["Endpoints"]["docker"]["Host"] == "tcp://10.0.0.1:2375"


def test_context_inspect_unknown_context(fake: Fake) -> None:
    """An unknown context fails with docker 28's wording and prints ``[]``."""
    done = fake.run("context", "inspect", "nosuch")
    assert done.returncode == 1
    assert done.stdout == b"[]\n"
    assert done.stderr.decode().startswith('context "nosuch": context not found: open ')


def test_run_detached_prints_the_id(any_fake: Fake) -> None:
    """``run -d`` prints the new container's 64-hex ID and the container is running."""
    any_fake.base_image()
    cid = any_fake.ok("run", "-d", "--name", "web", BASE).strip()
    assert ID64.match(cid)
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "web") == "running\n"
    assert any_fake.ok("inspect", "--format", "{{.Id}}", cid[:12]) == cid + "\n"


def test_run_attached_prints_logs_and_exit_code(fake: Fake) -> None:
    """A non-detached run prints its output and exits with the container's code."""
    fake.base_image()
    done = fake.run("run", "--name", "job", BASE, "sh", "-c", "echo hello; echo oops >&2; exit 4")
    assert (done.returncode, done.stdout, done.stderr) == (4, b"hello\n", b"oops\n")
    assert (
        fake.ok("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "job")
        == "exited 4\n"
    )


def test_run_rm_removes_the_container(fake: Fake) -> None:
    """``run --rm`` leaves no container behind once it has exited."""
    fake.base_image()
    assert fake.ok("run", "--rm", "--name", "tmp", BASE, "echo", "bye") == "bye\n"
    assert fake.run("inspect", "tmp").returncode == 1


def test_random_names_look_like_docker(fake: Fake) -> None:
    """Unnamed containers get docker's ``adjective_surname`` names, all different."""
    fake.base_image()
    names = {fake.ok("create", BASE) and "" for _ in range(5)}
    assert names == {""}
    listed = fake.ok("ps", "-a", "--format", "{{.Names}}").split()
    assert len(set(listed)) == 5
    assert all(re.fullmatch(r"[a-z]+_[a-z]+\d?", n) for n in listed)


def test_create_then_start(any_fake: Fake) -> None:
    """``create`` makes a created container; ``start`` runs it and prints the name given."""
    any_fake.base_image()
    cid = any_fake.ok("create", "--name", "later", BASE).strip()
    assert ID64.match(cid)
    assert any_fake.ok("inspect", "--format", "{{.State.Status}}", "later") == "created\n"
    assert any_fake.ok("start", "later") == "later\n"
    assert any_fake.ok("inspect", "--format", "{{.State.Running}}", "later") == "true\n"


def test_stop_kill_restart(fake: Fake) -> None:
    """stop exits with 137, kill with 128+signal, restart runs it again (docker 28 says
    on stdout that --time is deprecated)."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "a", BASE)
    deprecated = "Flag --time has been deprecated, use --timeout instead\n"
    assert fake.ok("stop", "--time=0", "a") == deprecated + "a\n"
    assert fake.ok("inspect", "--format", "{{.State.ExitCode}}", "a") == "137\n"
    assert fake.ok("restart", "-t", "1", "a") == "a\n"
    assert fake.ok("inspect", "--format", "{{.State.Running}}", "a") == "true\n"
    assert fake.ok("kill", "--signal=SIGTERM", "a") == "a\n"
    assert fake.ok("inspect", "--format", "{{.State.ExitCode}}", "a") == "143\n"


def test_rm_force_removes_a_running_container(any_fake: Fake) -> None:
    """``rm --force`` removes a running container and prints its name."""
    any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "busy", BASE)
    assert any_fake.ok("rm", "--force", "--volumes", "busy") == "busy\n"
    assert any_fake.ok("ps", "-a", "-q") == ""


def test_container_aliases(fake: Fake) -> None:
    """``container ls/inspect/rm`` behave like ps/inspect/rm."""
    fake.base_image()
    cid = fake.ok("container", "run", "-d", BASE).strip()
    assert fake.ok("container", "ls", "-q", "--no-trunc") == cid + "\n"
    assert fake.ok("container", "inspect", "--format", "{{.Id}}", cid) == cid + "\n"
    assert fake.ok("container", "rm", "-f", cid) == cid + "\n"


def test_ps_filters_and_quiet(fake: Fake) -> None:
    """ps filters by label, name, status and id; -a includes stopped ones."""
    fake.base_image()
    a = fake.ok("run", "-d", "--name", "a", "--label", "team=x", BASE).strip()
    b = fake.ok("create", "--name", "b", "--label", "team=y", BASE).strip()
    assert fake.ok("ps", "-q") == a[:12] + "\n"
    assert fake.ok("ps", "-aq", "--no-trunc") == f"{b}\n{a}\n"
    assert fake.ok("ps", "-a", "-q", "--filter", "label=team=y") == b[:12] + "\n"
    assert fake.ok("ps", "-a", "-q", "-f", "label=team", "-f", "name=a") == a[:12] + "\n"
    assert fake.ok("ps", "-q", "--filter", "status=created") == b[:12] + "\n"
    assert fake.ok("ps", "-a", "-q", "--filter", "name=^/b$") == b[:12] + "\n"
    assert fake.ok("ps", "-a", "-q", "--filter", f"id={a[:5]}") == a[:12] + "\n"


def test_ps_table_and_custom_format(fake: Fake) -> None:
    """Default and ``table`` formats are column-aligned like docker's tabwriter."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", BASE)
    lines = fake.ok("ps").splitlines()
    assert lines[0].startswith("CONTAINER ID   IMAGE                  COMMAND")
    assert lines[1].endswith("   web")
    assert (
        fake.ok("ps", "--format", "table {{.Names}}\t{{.State}}")
        == "NAMES     STATE\nweb       running\n"
    )
    assert fake.ok("ps", "--format", '{{.Names}} {{.Label "dcli.recorder"}}') == "web 1\n"


def test_ps_json_labels_are_key_value_strings(fake: Fake) -> None:
    """docker's ps ``{{json .}}`` has string values; Labels joined as ``k=v,k=v``."""
    fake.base_image()
    fake.ok("run", "-d", "--name", "web", "-l", "b=2", "-l", "a=1", BASE)
    row = json.loads(fake.ok("ps", "--format", "{{json .}}"))
    assert row["Labels"] == "a=1,b=2,dcli.recorder=1,org.example.role=web"
    assert all(isinstance(v, str) for k, v in row.items() if k != "Platform")


def test_podman_ps_json_is_one_array(any_fake: Fake) -> None:
    """podman prints one JSON array (``[]`` when empty), docker one object per line."""
    any_fake.base_image()
    empty = any_fake.ok("ps", "--format", "{{json .}}")
    any_fake.ok("run", "-d", BASE)
    full = any_fake.ok("ps", "--format", "{{json .}}")
    if any_fake.dialect == "podman":
        assert empty == "[]\n"
        assert isinstance(json.loads(full), list)
    else:
        assert empty == ""
        assert isinstance(json.loads(full), dict)


def test_images_listing_and_tags(any_fake: Fake) -> None:
    """tag adds a row; images -q dedups IDs; a reference argument filters."""
    iid = any_fake.base_image()
    any_fake.ok("tag", BASE, "other:1.0")
    assert any_fake.ok("images", "-q") == iid[:12] + "\n"
    assert any_fake.ok("image", "ls", "-q", "--no-trunc") == f"sha256:{iid}\n"
    if any_fake.dialect != "podman":
        rows = [json.loads(x) for x in any_fake.ok("images", "--format", "{{json .}}").splitlines()]
        assert sorted((r["Repository"], r["Tag"]) for r in rows) == [
            ("dcli-rec-base", "latest"),
            ("other", "1.0"),
        ]
        assert (
            any_fake.ok("images", "other", "--format", "{{.Repository}}:{{.Tag}}") == "other:1.0\n"
        )
        assert (
            any_fake.ok("images", "--filter", "reference=dcli-*", "--format", "{{.Tag}}")
            == "latest\n"
        )


def test_image_inspect_and_rmi(any_fake: Fake) -> None:
    """rmi of one of two tags only untags; rmi of the last tag deletes the image."""
    iid = any_fake.base_image()
    any_fake.ok("tag", BASE, "second:latest")
    out = any_fake.ok("rmi", "second")
    assert out.startswith("Untagged: ")
    out = any_fake.ok("rmi", BASE)
    deleted = f"Deleted: {iid}" if any_fake.dialect == "podman" else f"Deleted: sha256:{iid}"
    assert deleted in out
    assert any_fake.ok("images", "-q") == ""


def test_inspect_type_image_and_container(fake: Fake) -> None:
    """``inspect --type`` restricts the lookup; both kinds answer without it."""
    iid = fake.base_image()
    fake.ok("run", "-d", "--name", "c1", BASE)
    assert fake.ok("inspect", "--type", "image", "--format", "{{.Id}}", BASE) == f"sha256:{iid}\n"
    assert fake.ok("inspect", "--type=container", "-f", "{{.Name}}", "c1") == "/c1\n"
    assert fake.run("inspect", "--type", "container", BASE).returncode == 1


def test_inspect_json_fields(any_fake: Fake) -> None:
    """Container inspect carries the keys dockercli reads, with dialect-specific Name/Image."""
    iid = any_fake.base_image()
    any_fake.ok("run", "-d", "--name", "web", "-e", "A=1", "-l", "k=v", "-p", "8080", BASE)
    doc = json.loads(any_fake.ok("inspect", "web"))[0]
    podman = any_fake.dialect == "podman"
    assert doc["Name"] == ("web" if podman else "/web")
    assert doc["Image"] == (iid if podman else f"sha256:{iid}")
    assert doc["State"]["Status"] == "running"
    assert doc["State"]["Running"] is True
    assert "A=1" in doc["Config"]["Env"]
    assert doc["Config"]["Labels"]["k"] == "v"
    assert "8080/tcp" in doc["Config"].get("ExposedPorts", {"8080/tcp": {}})
    assert doc["Config"]["Cmd"] == ["httpd", "-f", "-p", "8080"]
    assert doc["NetworkSettings"]["IPAddress"]
    assert doc["NetworkSettings"]["Ports"]["8080/tcp"]


def test_env_name_only_takes_the_value_from_the_environment(fake: Fake) -> None:
    """``--env NAME`` copies NAME from the CLI's environment; unset names are dropped."""
    fake.base_image()
    fake.ok(
        "run", "-d", "--name", "e", "--env", "SECRET", "--env=MISSING", BASE, env={"SECRET": "s3"}
    )
    env = json.loads(fake.ok("inspect", "--format", "{{json .Config.Env}}", "e"))
    assert "SECRET=s3" in env
    assert not any(e.startswith("MISSING") for e in env)


def test_env_file_lines(fake: Fake) -> None:
    """``--env-file`` reads K=V lines, skips comments and takes bare names from the env."""
    fake.base_image()
    env_file = fake.root / "vars.env"
    env_file.write_text("# comment\nA=1\nB=two words\nFROM_ENV\n")
    fake.ok("create", "--name", "e", "--env-file", str(env_file), BASE, env={"FROM_ENV": "yes"})
    env = json.loads(fake.ok("inspect", "--format", "{{json .Config.Env}}", "e"))
    assert {"A=1", "B=two words", "FROM_ENV=yes"} <= set(env)


def test_run_options_land_in_inspect(fake: Fake) -> None:
    """The run flags dockercli renders are reflected in HostConfig and Config."""
    fake.base_image()
    fake.ok(
        "run",
        "--detach",
        "--name=opts",
        "--entrypoint=/bin/sh",
        "--hostname=h1",
        "--user=1000",
        "--workdir=/srv",
        "--restart=on-failure:3",
        "--init",
        "--memory=64m",
        "--cpus=1.5",
        "--read-only",
        "--cap-add=NET_ADMIN",
        "--cap-drop=ALL",
        "--add-host=db:10.0.0.2",
        "--tmpfs=/run",
        "--volume=/data:/data:ro",
        "--network=bridge",
        "--ulimit=nofile=1024:2048",
        "--platform=linux/amd64",
        "--pull=missing",
        "--health-cmd=true",
        "--health-interval=2s",
        "--health-timeout=1s",
        "--health-start-period=1s",
        "--health-retries=2",
        "--publish-all",
        BASE,
        "-c",
        "sleep 60",
    )
    doc = json.loads(fake.ok("inspect", "opts"))[0]
    hc, cfg = doc["HostConfig"], doc["Config"]
    assert cfg["Entrypoint"] == ["/bin/sh"]
    assert cfg["Cmd"] == ["-c", "sleep 60"]
    assert (cfg["Hostname"], cfg["User"], cfg["WorkingDir"]) == ("h1", "1000", "/srv")
    assert hc["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 3}
    assert hc["Init"] is True
    assert hc["ReadonlyRootfs"] is True
    assert hc["PublishAllPorts"] is True
    assert (hc["Memory"], hc["NanoCpus"]) == (64 * 1024 * 1024, 1_500_000_000)
    assert hc["CapAdd"] == ["NET_ADMIN"]
    assert hc["ExtraHosts"] == ["db:10.0.0.2"]
    assert hc["Binds"] == ["/data:/data:ro"]
    assert hc["Tmpfs"] == {"/run": ""}
    assert hc["Ulimits"] == [{"Name": "nofile", "Hard": 2048, "Soft": 1024}]
    assert cfg["Healthcheck"]["Interval"] == 2_000_000_000
    assert doc["Mounts"][0]["Destination"] == "/data"
    assert doc["Mounts"][0]["RW"] is False


def test_global_flags_are_accepted(fake: Fake) -> None:
    """Global flags (host, TLS, config, log level) are accepted in both forms before the command."""
    out = fake.ok(
        "--host=unix:///tmp/d.sock",
        "--tls",
        "--tlsverify",
        "--tlscacert",
        "/ca.pem",
        "--tlscert=/c.pem",
        "--tlskey",
        "/k.pem",
        "--config",
        "/tmp/cfg",
        "--log-level=error",
        "-D",
        "version",
        "--format",
        "{{.Client.Version}}",
    )
    assert out == "28.2.2\n"
    assert fake.ok("--context", "default", "ps", "-q") == ""
    assert fake.ok("-c", "default", "ps", "-q") == ""
