"""Exact argv for every option field: each flag renders once, as ``--flag=value``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest

from dockercli import (
    BindMount,
    BuildOptions,
    ClientOptions,
    CommitOptions,
    ContainerInspectOptions,
    ContextInspectOptions,
    CpOptions,
    DiffOptions,
    ExecOptions,
    ExportOptions,
    ImageInspectOptions,
    ImagesOptions,
    InfoOptions,
    InspectOptions,
    InvalidOptionError,
    KillOptions,
    LogsOptions,
    Mount,
    NetworkConnectOptions,
    NetworkDisconnectOptions,
    NetworkInspectOptions,
    NetworkLsOptions,
    NetworkOptions,
    NetworkRmOptions,
    PauseOptions,
    PortOptions,
    PsOptions,
    Publish,
    PullOptions,
    RenameOptions,
    RestartOptions,
    RmiOptions,
    RmOptions,
    RunOptions,
    StartOptions,
    StatsOptions,
    StopOptions,
    TagOptions,
    TLSConfig,
    TmpfsMount,
    TopOptions,
    Ulimit,
    UnpauseOptions,
    UpdateOptions,
    VersionOptions,
    VolumeInspectOptions,
    VolumeLsOptions,
    VolumeMount,
    VolumeOptions,
    VolumeRmOptions,
    WaitOptions,
    options as options_module,
)
from dockercli._argv import ENV_FILE_ARG, Invocation, invocation, render

CASES = [
    # BuildOptions
    (BuildOptions(context="/ctx"), ["--force-rm", "/ctx"]),
    (
        BuildOptions(dockerfile="sub/Dockerfile", context="/ctx", force_rm=False),
        ["--file=sub/Dockerfile", "/ctx"],
    ),
    (
        BuildOptions(tags=["a:1", "reg:5000/b/c:2"], force_rm=False),
        ["--tag=a:1", "--tag=reg:5000/b/c:2", "."],
    ),
    (
        BuildOptions(labels={"k": "v", "x.y": "a=b"}, force_rm=False),
        ["--label=k=v", "--label=x.y=a=b", "."],
    ),
    (BuildOptions(target="stage", force_rm=False), ["--target=stage", "."]),
    (BuildOptions(no_cache=True, force_rm=False), ["--no-cache", "."]),
    (BuildOptions(rm=False, force_rm=False), ["--rm=false", "."]),
    (BuildOptions(pull=True, force_rm=False), ["--pull", "."]),
    (BuildOptions(platform="linux/amd64", force_rm=False), ["--platform=linux/amd64", "."]),
    (BuildOptions(network="host", force_rm=False), ["--network=host", "."]),
    (BuildOptions(iidfile="/tmp/iid", force_rm=False), ["--iidfile=/tmp/iid", "."]),
    (BuildOptions(progress="plain", force_rm=False), ["--progress=plain", "."]),
    (BuildOptions(quiet=True, force_rm=False), ["--quiet", "."]),
    (BuildOptions(build_args={"VERSION": "1.2"}, force_rm=False), ["--build-arg=VERSION", "."]),
    (BuildOptions(context="-dir", force_rm=False), ["./-dir"]),
    # RunOptions
    (RunOptions(image="img"), ["img"]),
    (RunOptions(image="img", command="sh -c 'echo hi'"), ["img", "sh", "-c", "echo hi"]),
    (RunOptions(image="img", command=["--flag-for-app", "x"]), ["img", "--flag-for-app", "x"]),
    (RunOptions(image="img", name="web_1"), ["--name=web_1", "img"]),
    (RunOptions(image="img", entrypoint="/bin/sh"), ["--entrypoint=/bin/sh", "img"]),
    (
        RunOptions(
            image="img",
            publish=[
                8080,
                "9000/udp",
                "127.0.0.1::80",
                "127.0.0.1:8081:81",
                "8082:82",
                "[::1]::83",
                Publish(container_port=84, host_ip="::", protocol="sctp"),
            ],
        ),
        [
            "--publish=8080/tcp",
            "--publish=9000/udp",
            "--publish=127.0.0.1::80/tcp",
            "--publish=127.0.0.1:8081:81/tcp",
            "--publish=8082:82/tcp",
            "--publish=[::1]::83/tcp",
            "--publish=[::]::84/sctp",
            "img",
        ],
    ),
    (RunOptions(image="img", publish_all=True), ["--publish-all", "img"]),
    (RunOptions(image="img", env={"A": "1", "B": 2}), ["--env=A", "--env=B", "img"]),
    (RunOptions(image="img", env=["A=1=2"]), ["--env=A", "img"]),
    (RunOptions(image="img", env_files=["/e.list"]), ["--env-file=/e.list", "img"]),
    (
        RunOptions(
            image="img",
            volumes=[
                "/h:/c",
                "/h2:/c2:ro",
                "vol:/data",
                "/anon",
                Mount(target="/m", source="/s", read_only=True),
            ],
        ),
        [
            "--volume=/h:/c",
            "--volume=/h2:/c2:ro",
            "--volume=vol:/data",
            "--volume=/anon",
            "--volume=/s:/m:ro",
            "img",
        ],
    ),
    (RunOptions(image="img", tmpfs=["/run"]), ["--tmpfs=/run", "img"]),
    (
        RunOptions(image="img", volumes_from=["data", "other:ro"]),
        ["--volumes-from=data", "--volumes-from=other:ro", "img"],
    ),
    (
        RunOptions(image="img", links=["db", "cache:redis"]),
        ["--link=db", "--link=cache:redis", "img"],
    ),
    (RunOptions(image="img", labels={"a": "1"}), ["--label=a=1", "img"]),
    (RunOptions(image="img", network="net1"), ["--network=net1", "img"]),
    (RunOptions(image="img", network_aliases=["api"]), ["--network-alias=api", "img"]),
    (RunOptions(image="img", hostname="box.local"), ["--hostname=box.local", "img"]),
    (RunOptions(image="img", user="1000:1000"), ["--user=1000:1000", "img"]),
    (RunOptions(image="img", workdir="/app"), ["--workdir=/app", "img"]),
    (RunOptions(image="img", restart="on-failure:3"), ["--restart=on-failure:3", "img"]),
    (RunOptions(image="img", init=True), ["--init", "img"]),
    (
        RunOptions(image="img", ulimits=["nofile=1024:2048", Ulimit(name="nproc", soft=64)]),
        ["--ulimit=nofile=1024:2048", "--ulimit=nproc=64", "img"],
    ),
    (RunOptions(image="img", memory="512m"), ["--memory=512m", "img"]),
    (RunOptions(image="img", memory=1048576), ["--memory=1048576", "img"]),
    (RunOptions(image="img", cpus=1.5), ["--cpus=1.5", "img"]),
    (
        RunOptions(image="img", memory="1g", memory_swap="2g", memory_reservation=1 << 29),
        ["--memory=1g", "--memory-swap=2g", "--memory-reservation=536870912", "img"],
    ),
    (
        RunOptions(image="img", memory="1g", memory_swap=-1),
        ["--memory=1g", "--memory-swap=-1", "img"],
    ),
    (
        RunOptions(image="img", shm_size="256m", cpu_shares=512, cpuset_cpus="0-1,3"),
        ["--shm-size=256m", "--cpu-shares=512", "--cpuset-cpus=0-1,3", "img"],
    ),
    (
        RunOptions(image="img", blkio_weight=300, pids_limit=-1, oom_score_adj=-1000),
        ["--blkio-weight=300", "--pids-limit=-1", "--oom-score-adj=-1000", "img"],
    ),
    (
        RunOptions(image="img", privileged=True, security_opt=["no-new-privileges:true"]),
        ["--privileged", "--security-opt=no-new-privileges:true", "img"],
    ),
    (
        RunOptions(image="img", devices=["/dev/fuse", "/dev/sda:/dev/xvda:rw", "/dev/kvm:m"]),
        ["--device=/dev/fuse", "--device=/dev/sda:/dev/xvda:rw", "--device=/dev/kvm:m", "img"],
    ),
    (RunOptions(image="img", gpus="all"), ["--gpus=all", "img"]),
    (RunOptions(image="img", gpus='"device=0,1"'), ['--gpus="device=0,1"', "img"]),
    (
        RunOptions(image="img", devices=["nvidia.com/gpu=all"]),
        ["--device=nvidia.com/gpu=all", "img"],
    ),
    (
        RunOptions(image="img", expose="8080/TCP", group_add=[1000], dns_search=["corp."]),
        ["--dns-search=corp.", "--expose=8080/tcp", "--group-add=1000", "img"],
    ),
    (RunOptions(image="img", gpus=2), ["--gpus=2", "img"]),
    (
        RunOptions(image="img", sysctls={"net.core.somaxconn": 1024}, group_add=["audio"]),
        ["--sysctl=net.core.somaxconn=1024", "--group-add=audio", "img"],
    ),
    (
        RunOptions(image="img", pid="host", ipc="container:db", userns="host", cgroupns="host"),
        ["--pid=host", "--ipc=container:db", "--userns=host", "--cgroupns=host", "img"],
    ),
    (
        RunOptions(image="img", runtime="runc", isolation="default", storage_opt={"size": "1G"}),
        ["--runtime=runc", "--isolation=default", "--storage-opt=size=1G", "img"],
    ),
    (
        RunOptions(image="img", log_driver="local", log_opts={"max-size": "10m"}),
        ["--log-driver=local", "--log-opt=max-size=10m", "img"],
    ),
    (
        RunOptions(image="img", stop_signal="SIGINT", stop_timeout=30),
        ["--stop-signal=SIGINT", "--stop-timeout=30", "img"],
    ),
    (
        RunOptions(image="img", ip="10.1.0.5", mac_address="02:42:ac:11:00:02"),
        ["--ip=10.1.0.5", "--mac-address=02:42:ac:11:00:02", "img"],
    ),
    (
        RunOptions(image="img", dns=["1.1.1.1", "::1"], dns_search=["."], dns_options=["ndots:2"]),
        ["--dns=1.1.1.1", "--dns=::1", "--dns-search=.", "--dns-option=ndots:2", "img"],
    ),
    (
        RunOptions(image="img", expose=[9000, "8000-8010/udp"]),
        ["--expose=9000", "--expose=8000-8010/udp", "img"],
    ),
    (
        RunOptions(image="img", health_cmd="wget -q localhost"),
        ["--health-cmd=wget -q localhost", "img"],
    ),
    (RunOptions(image="img", health_interval=1.5), ["--health-interval=1.5s", "img"]),
    (RunOptions(image="img", health_timeout=timedelta(seconds=3)), ["--health-timeout=3s", "img"]),
    (RunOptions(image="img", health_start_period=10), ["--health-start-period=10s", "img"]),
    (RunOptions(image="img", health_retries=3), ["--health-retries=3", "img"]),
    (RunOptions(image="img", no_healthcheck=True), ["--no-healthcheck", "img"]),
    (RunOptions(image="img", read_only=True), ["--read-only", "img"]),
    (
        RunOptions(image="img", cap_add=["NET_ADMIN"], cap_drop=["ALL"]),
        ["--cap-add=NET_ADMIN", "--cap-drop=ALL", "img"],
    ),
    (
        RunOptions(image="img", extra_hosts=["db.local:10.0.0.5", "gw:host-gateway"]),
        ["--add-host=db.local:10.0.0.5", "--add-host=gw:host-gateway", "img"],
    ),
    (RunOptions(image="img", platform="linux/arm64/v8"), ["--platform=linux/arm64/v8", "img"]),
    (RunOptions(image="img", pull="never"), ["--pull=never", "img"]),
    (RunOptions(image="img", remove=True, detach=True), ["--rm", "--detach", "img"]),
    (RunOptions(image="img", cidfile="/tmp/cid"), ["--cidfile=/tmp/cid", "img"]),
    # ExecOptions
    (ExecOptions(container="c1", command=["ls", "-l"]), ["c1", "ls", "-l"]),
    (
        ExecOptions(
            container="c1",
            command="sh",
            env={"K": "v"},
            user="root",
            workdir="/w",
            detach=True,
            interactive=True,
            tty=True,
        ),
        [
            "--env=K",
            "--user=root",
            "--workdir=/w",
            "--detach",
            "--interactive",
            "--tty",
            "c1",
            "sh",
        ],
    ),
    # the small ones
    (InspectOptions(refs=["a", "b"]), ["a", "b"]),
    (
        InspectOptions(refs=["a"], type="container", format="{{json .}}", size=True),
        ["--type=container", "--format={{json .}}", "--size", "a"],
    ),
    (StopOptions(refs=["a"], time=3), ["--time=3", "a"]),
    (RestartOptions(refs=["a"], time=0), ["--time=0", "a"]),
    (KillOptions(refs=["a"], signal="SIGTERM"), ["--signal=SIGTERM", "a"]),
    (RenameOptions(container="old", new_name="new"), ["old", "new"]),
    (PauseOptions(refs=["a", "b"]), ["a", "b"]),
    (UnpauseOptions(refs=["a"]), ["a"]),
    (TopOptions(container="a"), ["a"]),
    (TopOptions(container="a", ps_args=["-o", "pid,args"]), ["a", "-o", "pid,args"]),
    (StatsOptions(refs=["a"], format="{{json .}}"), ["--no-stream", "--format={{json .}}", "a"]),
    (StatsOptions(refs=["a"], no_stream=False, no_trunc=True), ["--no-trunc", "a"]),
    (DiffOptions(container="a"), ["a"]),
    (CommitOptions(container="a"), ["a"]),
    (
        CommitOptions(
            container="a",
            ref="app:2",
            message="m",
            author="me <me@example.com>",
            changes=["ENV A=1", 'CMD ["app"]'],
            pause=False,
            format="docker",
        ),
        [
            "--format=docker",
            "--message=m",
            "--author=me <me@example.com>",
            "--change=ENV A=1",
            '--change=CMD ["app"]',
            "--pause=false",
            "a",
            "app:2",
        ],
    ),
    (ExportOptions(output="/tmp/a.tar", container="a"), ["--output=/tmp/a.tar", "a"]),
    (
        UpdateOptions(
            refs=["a"],
            cpus=0.5,
            memory="64m",
            memory_swap=-1,
            memory_reservation="32m",
            cpu_shares=512,
            cpuset_cpus="0-1",
            cpuset_mems="0",
            pids_limit=100,
            blkio_weight=300,
            restart="on-failure:3",
        ),
        [
            "--cpus=0.5",
            "--memory=64m",
            "--memory-swap=-1",
            "--memory-reservation=32m",
            "--cpu-shares=512",
            "--cpuset-cpus=0-1",
            "--cpuset-mems=0",
            "--pids-limit=100",
            "--blkio-weight=300",
            "--restart=on-failure:3",
            "a",
        ],
    ),
    (RmOptions(refs=["a"], force=True, time=0), ["--force", "--time=0", "a"]),
    (StartOptions(refs=["a", "b"]), ["a", "b"]),
    (StartOptions(refs=["a"], attach=True), ["--attach", "a"]),
    (
        ContainerInspectOptions(refs=["a"], format="{{.Id}}", size=True),
        ["--format={{.Id}}", "--size", "a"],
    ),
    (ImageInspectOptions(refs=["img:1"], format="{{.Id}}"), ["--format={{.Id}}", "img:1"]),
    (VersionOptions(format="{{json .}}"), ["--format={{json .}}"]),
    (InfoOptions(), []),
    (InfoOptions(format="{{json .}}"), ["--format={{json .}}"]),
    (ContextInspectOptions(names=["prod"], format="{{.Name}}"), ["--format={{.Name}}", "prod"]),
    (WaitOptions(refs=["a"]), ["a"]),
    (RmOptions(refs=["a"], force=True, volumes=True), ["--force", "--volumes", "a"]),
    (
        LogsOptions(ref="a", follow=True, timestamps=True, since="10m", until="1m", tail=5),
        ["--follow", "--timestamps", "--since=10m", "--until=1m", "--tail=5", "a"],
    ),
    (PortOptions(ref="a"), ["a"]),
    (PortOptions(ref="a", port="8080/tcp"), ["a", "8080/tcp"]),
    (
        PsOptions(
            all=True,
            filters={"label": ["a=1", "b"], "name": "web"},
            format="{{json .}}",
            no_trunc=True,
            quiet=True,
        ),
        [
            "--all",
            "--filter=label=a=1",
            "--filter=label=b",
            "--filter=name=web",
            "--format={{json .}}",
            "--no-trunc",
            "--quiet",
        ],
    ),
    (
        ImagesOptions(
            all=True,
            filters={"dangling": "true"},
            format="{{json .}}",
            no_trunc=True,
            quiet=True,
            reference="dcli/*",
        ),
        [
            "--all",
            "--filter=dangling=true",
            "--format={{json .}}",
            "--no-trunc",
            "--quiet",
            "dcli/*",
        ],
    ),
    (
        NetworkLsOptions(
            filters={"label": ["a=b", "c"], "driver": "bridge"},
            format="{{json .}}",
            no_trunc=True,
            quiet=True,
        ),
        [
            "--filter=label=a=b",
            "--filter=label=c",
            "--filter=driver=bridge",
            "--format={{json .}}",
            "--no-trunc",
            "--quiet",
        ],
    ),
    (
        NetworkOptions(
            name="dcli-net",
            driver="bridge",
            internal=True,
            attachable=True,
            labels={"team": "a"},
            subnet="10.1.0.0/24",
            gateway="10.1.0.1",
            ip_range="10.1.0.128/25",
            ipv6=True,
            options={"com.docker.network.bridge.name": "dcli0"},
        ),
        [
            "--driver=bridge",
            "--internal",
            "--attachable",
            "--label=team=a",
            "--subnet=10.1.0.0/24",
            "--gateway=10.1.0.1",
            "--ip-range=10.1.0.128/25",
            "--ipv6",
            "--opt=com.docker.network.bridge.name=dcli0",
            "dcli-net",
        ],
    ),
    (
        NetworkInspectOptions(refs=["a", "b"], format="{{json .}}"),
        ["--format={{json .}}", "a", "b"],
    ),
    (
        NetworkConnectOptions(network="net", container="web", aliases=["www", "db"], ip="10.1.0.9"),
        ["--alias=www", "--alias=db", "--ip=10.1.0.9", "net", "web"],
    ),
    (
        NetworkDisconnectOptions(network="net", container="web", force=True),
        ["--force", "net", "web"],
    ),
    (NetworkRmOptions(refs=["a", "b"]), ["a", "b"]),
    (
        VolumeLsOptions(filters={"label": "a=b"}, format="{{.Name}}", quiet=True),
        ["--filter=label=a=b", "--format={{.Name}}", "--quiet"],
    ),
    (VolumeOptions(), []),
    (CpOptions(source="-", dest="box:/etc"), ["-", "box:/etc"]),
    (
        RunOptions(
            image="img",
            mounts=[
                BindMount(source="/srv/conf", target="/etc/app", read_only=True),
                VolumeMount(source="data", target="/data", no_copy=True),
                VolumeMount(target="/scratch"),
                TmpfsMount(target="/run/app", size="1m", mode=0o1770),
            ],
        ),
        [
            "--mount=type=bind,source=/srv/conf,target=/etc/app,readonly",
            "--mount=type=volume,source=data,target=/data,volume-nocopy",
            "--mount=type=volume,target=/scratch",
            "--mount=type=tmpfs,target=/run/app,tmpfs-size=1m,tmpfs-mode=1770",
            "img",
        ],
    ),
    (
        CpOptions(source="box:/srv/data", dest="./out:1", archive=True, follow_link=True),
        ["--archive", "--follow-link", "box:/srv/data", "./out:1"],
    ),
    (
        VolumeOptions(name="data", driver="local", labels={"a": "b"}, driver_opts={"o": "nodev"}),
        ["--driver=local", "--label=a=b", "--opt=o=nodev", "data"],
    ),
    (VolumeInspectOptions(refs=["a", "b"], format="{{.Name}}"), ["--format={{.Name}}", "a", "b"]),
    (VolumeRmOptions(refs=["a"], force=True), ["--force", "a"]),
    (RmiOptions(refs=["img:1"], force=True, no_prune=True), ["--force", "--no-prune", "img:1"]),
    (TagOptions(source="img:1", target="img:2"), ["img:1", "img:2"]),
    (
        PullOptions(ref="alpine:3", platform="linux/amd64", quiet=True),
        ["--platform=linux/amd64", "--quiet", "alpine:3"],
    ),
    # global options
    (ClientOptions(binary="docker"), []),
    (
        ClientOptions(host="tcp://10.1.2.3:2376", config="/cfg"),
        ["--host=tcp://10.1.2.3:2376", "--config=/cfg"],
    ),
    (ClientOptions(context="remote"), ["--context=remote"]),
    (
        ClientOptions(tls=TLSConfig(ca_cert="/c/ca.pem", cert="/c/cert.pem", key="/c/key.pem")),
        [
            "--tls",
            "--tlscacert=/c/ca.pem",
            "--tlscert=/c/cert.pem",
            "--tlskey=/c/key.pem",
            "--tlsverify",
        ],
    ),
    (ClientOptions(tls=TLSConfig(verify=False)), ["--tls"]),
]


@pytest.mark.parametrize(
    ("options", "expected"), CASES, ids=lambda x: type(x).__name__ if attrs.has(type(x)) else ""
)
def test_render_exact_argv(options: object, expected: list[str]) -> None:
    """Each option renders to exactly the documented argument list."""
    assert list(render(options).args) == expected


def _flags_of(options_type: type) -> set[str]:
    from dockercli._flags import Kind, flag_of

    return {
        rule.name
        for field in attrs.fields(options_type)
        if (rule := flag_of(field)) is not None and rule.kind not in (Kind.POSITIONAL, Kind.NESTED)
    }


def test_every_flag_is_covered() -> None:
    """The table above renders every flag that any option class declares at least once."""
    rendered = {arg.split("=")[0] for options, _ in CASES for arg in render(options).args}
    declared: set[str] = set()
    for options, _ in CASES:
        declared |= _flags_of(type(options))
    declared |= _flags_of(TLSConfig)
    assert declared - rendered == set()


def _option_classes() -> list[type]:
    # Every class options.py offers, its command families' too (loaded on lookup).
    return [getattr(options_module, name) for name in options_module.__all__]


def test_every_options_class_has_a_case() -> None:
    """Every options class is rendered by the table above, so every flag of it is checked."""
    covered = {type(options) for options, _ in CASES}
    assert {c.__name__ for c in _option_classes()} - {c.__name__ for c in covered} == set()


def test_every_options_class_knows_its_command() -> None:
    """Each options class but the client's declares the docker command it renders for."""
    paths = {c.__name__: getattr(c, "subcommand", None) for c in _option_classes()}
    assert paths.pop("ClientOptions") is None
    assert [n for n, p in paths.items() if not (p and all(isinstance(w, str) for w in p))] == []
    assert paths["ContainerInspectOptions"] == ("container", "inspect")
    assert "subcommand" not in attrs.fields_dict(RunOptions)  # a ClassVar, not a field


def test_an_invocation_is_prefix_path_then_options() -> None:
    """invocation() puts the binary and global flags, then the command path, then the options."""
    made = invocation(("docker", "--host=h"), StopOptions(refs=["c"], time=3), env={"A": "1"})
    assert made == Invocation(
        ("docker", "--host=h", "stop", "--time=3", "c"), ("stop",), {"A": "1"}, ()
    )
    create = invocation(("docker",), RunOptions(image="img"), subcommand=("create",))
    assert (create.argv, create.path) == (("docker", "create", "img"), ("create",))


def test_an_invocation_carries_secrets_beside_the_argv() -> None:
    """Secret env values travel in env and env_file, never in the invocation's argv."""
    made = invocation(("docker",), RunOptions(image="img", env={"TOKEN": "s3", "HOME": "/h"}))
    assert made.argv == ("docker", "run", "--env=TOKEN", ENV_FILE_ARG, "img")
    assert (made.env, made.env_file) == ({"TOKEN": "s3"}, (("HOME", "/h"),))
    assert "s3" not in repr(made)
    assert "/h" not in repr(made)


def test_an_object_without_a_command_needs_a_subcommand() -> None:
    """Rendering options that name no command, with no subcommand given, is a TypeError."""
    with pytest.raises(TypeError, match="subcommand="):
        invocation(("docker",), None)
    assert invocation(("docker",), None, subcommand=("buildx", "version")).argv[1:] == (
        "buildx",
        "version",
    )


def test_a_subcommand_is_a_tuple_of_words() -> None:
    """A path given as one string, or holding non-strings, is refused, not split or rendered."""
    with pytest.raises(TypeError, match="tuple of words"):
        invocation(("docker",), PsOptions(), subcommand="ps")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tuple of words"):
        invocation(("docker",), None, subcommand=(1,))  # type: ignore[arg-type]


def test_values_never_render_as_separate_arguments() -> None:
    """A value that looks like a flag stays inside its own ``--flag=value`` argument."""
    args = render(RunOptions(image="img", labels={"x": "--privileged"}, user="1000")).args
    assert "--privileged" not in args
    assert "--label=x=--privileged" in args


def test_secrets_that_cannot_travel_are_refused_when_made() -> None:
    """A reserved build-arg name, or a reserved env value with a line break, is refused by
    the options class itself (not first at render time), and the message holds no value."""
    with pytest.raises(InvalidOptionError, match="'DOCKER_HOST' is a variable") as caught:
        BuildOptions(build_args={"DOCKER_HOST": "s3cret-value"})
    assert "s3cret-value" not in str(caught.value)
    for make in (
        lambda: RunOptions(image="img", env={"HOME": "s3cret\nvalue"}),
        lambda: ExecOptions(container="c", command=["sh"], env={"HOME": "s3cret\nvalue"}),
    ):
        with pytest.raises(InvalidOptionError, match="cannot hold line breaks") as caught:
            make()
        assert "s3cret" not in str(caught.value)
    assert RunOptions(image="img", env={"APP": "a\nb"}).env == {"APP": "a\nb"}


def test_reserved_env_names_go_to_an_env_file() -> None:
    """Env names the CLI reads itself (PATH, HOME, DOCKER_*, proxies) go to the env file slot."""
    rendered = render(
        RunOptions(
            image="img", env={"PATH": "/x", "DOCKER_HOST": "tcp://h", "http_proxy": "p", "APP": "1"}
        )
    )
    assert rendered.args == ("--env=APP", ENV_FILE_ARG, "img")
    assert dict(rendered.env_file) == {"PATH": "/x", "DOCKER_HOST": "tcp://h", "http_proxy": "p"}
    assert dict(rendered.env) == {"APP": "1"}


def test_switch_with_docker_default_on_renders_false() -> None:
    """``rm`` is on by default in docker, so only turning it off renders (``--rm=false``)."""
    assert "--rm=false" in render(BuildOptions(rm=False)).args
    assert not any(a.startswith("--rm") for a in render(BuildOptions()).args)


def test_render_none_is_empty() -> None:
    """Rendering no options gives no arguments."""
    assert render(None).args == ()


@pytest.mark.parametrize(
    ("source", "dest"),
    [("a", "b"), ("box:/x", "other:/y"), ("-", "-"), ("box:", "-"), ("--privileged", "box:/x")],
)
def test_cp_needs_exactly_one_container_end(source: str, dest: str) -> None:
    """docker cp needs one CONTAINER:PATH end and one host path or '-'; a value that
    docker would read as a flag is refused too."""
    with pytest.raises(InvalidOptionError):
        CpOptions(source=source, dest=dest)


@pytest.mark.parametrize(
    "make",
    [
        lambda: BindMount(source="relative/x", target="/b"),
        lambda: BindMount(source="/a,type=bind", target="/b"),
        lambda: VolumeMount(source="bad name", target="/v"),
        lambda: TmpfsMount(target="/t", mode=0o17777),
        lambda: RunOptions(image="img", mounts=["type=bind,source=/a,target=/b"]),  # type: ignore[list-item]
    ],
    ids=["relative-bind", "comma-in-path", "bad-volume-name", "mode", "a-string"],
)
def test_a_mount_docker_would_misread_is_refused(make: Any) -> None:
    """A mount whose value would change the --mount CSV (a comma), a relative bind, a bad
    volume name, a mode out of range or an untyped string is refused before any call."""
    with pytest.raises(InvalidOptionError):
        make()
