"""Validation at construction: bad values raise InvalidOptionError naming field and value."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from dockercli import (
    BuildOptions,
    ClientOptions,
    ExecOptions,
    InspectOptions,
    InvalidOptionError,
    KillOptions,
    LogsOptions,
    Mount,
    PortOptions,
    PsOptions,
    Publish,
    RunOptions,
    StopOptions,
    TagOptions,
)
from dockercli._argv import render

BAD_RUN: list[tuple[dict[str, Any], str]] = [
    ({"image": "--privileged"}, "'image'"),
    ({"image": "-v/:/host"}, "'image'"),
    ({"image": "Upper/Case"}, "'image'"),
    ({"image": "name:tag:extra"}, "'image'"),
    ({"image": "img@sha256:short"}, "'image'"),
    ({"image": ""}, "'image'"),
    ({"image": "img\nx"}, "'image'"),
    ({"image": "img", "name": "--privileged"}, "'name'"),
    ({"image": "img", "name": "a"}, "'name'"),
    ({"image": "img", "name": "has space"}, "'name'"),
    ({"image": "img", "name": "x/y"}, "'name'"),
    ({"image": "img", "publish": [70000]}, "'publish'"),
    ({"image": "img", "publish": [0]}, "'publish'"),
    ({"image": "img", "publish": ["8080/icmp"]}, "'publish'"),
    ({"image": "img", "publish": ["abc"]}, "'publish'"),
    ({"image": "img", "publish": ["999.1.1.1::80"]}, "'publish'"),
    ({"image": "img", "publish": [True]}, "'publish'"),
    ({"image": "img", "env": {"A=B": "x"}}, "'env'"),
    ({"image": "img", "env": {"": "x"}}, "'env'"),
    ({"image": "img", "env": {"-e": "x"}}, "'env'"),
    ({"image": "img", "env": {"A": "x\x00y"}}, "'env'"),
    ({"image": "img", "env": ["NOEQUALS"]}, "'env'"),
    ({"image": "img", "env": "A=1"}, "'env'"),
    ({"image": "img", "volumes": ["relative/path:/c"]}, "'source'"),
    ({"image": "img", "volumes": ["/h:relative"]}, "'target'"),
    ({"image": "img", "volumes": ["/h/../etc:/c"]}, "'source'"),
    ({"image": "img", "volumes": ["/h:/c:rx:extra"]}, "'volumes'"),
    ({"image": "img", "volumes": ["-v:/c"]}, "'source'"),
    ({"image": "img", "volumes_from": ["c:rx"]}, "'volumes_from'"),
    ({"image": "img", "links": ["--privileged"]}, "'links'"),
    ({"image": "img", "labels": {"-x": "1"}}, "'labels'"),
    ({"image": "img", "labels": {"a=b": "1"}}, "'labels'"),
    ({"image": "img", "network": "--net=host"}, "'network'"),
    ({"image": "img", "hostname": "bad_host!"}, "'hostname'"),
    ({"image": "img", "user": "-u0"}, "'user'"),
    ({"image": "img", "workdir": "relative"}, "'workdir'"),
    ({"image": "img", "restart": "sometimes"}, "'restart'"),
    ({"image": "img", "ulimits": ["nofile"]}, "'ulimits'"),
    ({"image": "img", "memory": "lots"}, "'memory'"),
    ({"image": "img", "memory": -1}, "'memory'"),
    ({"image": "img", "health_interval": -1}, "'health_interval'"),
    ({"image": "img", "health_retries": -2}, "'health_retries'"),
    ({"image": "img", "cap_add": ["net admin"]}, "'cap_add'"),
    ({"image": "img", "extra_hosts": ["host"]}, "'extra_hosts'"),
    ({"image": "img", "extra_hosts": ["host:not-an-ip"]}, "'extra_hosts'"),
    ({"image": "img", "platform": "amd64"}, "'platform'"),
    ({"image": "img", "pull": "sometimes"}, "'pull'"),
    ({"image": "img", "tmpfs": ["run"]}, "'tmpfs'"),
    ({"image": "img", "command": ["ok", "nul\x00"]}, "'command'"),
    ({"image": "img", "memory_swap": "1g"}, "'memory_swap'"),  # needs memory
    ({"image": "img", "memory": "1g", "memory_swap": "512m"}, "'memory_swap'"),
    ({"image": "img", "memory_swap": -2}, "'memory_swap'"),
    ({"image": "img", "shm_size": "lots"}, "'shm_size'"),
    ({"image": "img", "memory_reservation": 0}, "'memory_reservation'"),
    ({"image": "img", "oom_score_adj": 5000}, "'oom_score_adj'"),
    ({"image": "img", "oom_score_adj": True}, "'oom_score_adj'"),
    ({"image": "img", "pids_limit": -2}, "'pids_limit'"),
    ({"image": "img", "blkio_weight": 5}, "'blkio_weight'"),
    ({"image": "img", "cpu_shares": -1}, "'cpu_shares'"),
    ({"image": "img", "cpuset_cpus": "0-"}, "'cpuset_cpus'"),
    ({"image": "img", "sysctls": {"kernel.hostname": "x"}}, "'sysctls'"),
    ({"image": "img", "sysctls": {"NET.X": "1"}}, "'sysctls'"),
    ({"image": "img", "security_opt": ["bogus"]}, "'security_opt'"),
    ({"image": "img", "security_opt": ["--privileged"]}, "'security_opt'"),
    ({"image": "img", "devices": ["dev/null"]}, "'devices'"),
    ({"image": "img", "devices": ["/dev/null:/x:rwx"]}, "'devices'"),
    ({"image": "img", "devices": ["/dev/null:/x:rw:more"]}, "'devices'"),
    ({"image": "img", "gpus": 0}, "'gpus'"),
    ({"image": "img", "gpus": "-all"}, "'gpus'"),
    ({"image": "img", "pid": "bogus"}, "'pid'"),
    ({"image": "img", "ipc": "container:"}, "'ipc'"),
    ({"image": "img", "userns": "--host"}, "'userns'"),
    ({"image": "img", "cgroupns": "bogus"}, "'cgroupns'"),
    ({"image": "img", "isolation": "hyper"}, "'isolation'"),
    ({"image": "img", "stop_signal": "sig int"}, "'stop_signal'"),
    ({"image": "img", "stop_timeout": -1}, "'stop_timeout'"),
    ({"image": "img", "ip": "fd00::5"}, "'ip'"),
    ({"image": "img", "ip": "300.1.1.1"}, "'ip'"),
    ({"image": "img", "mac_address": "02:42:ac:11:00"}, "'mac_address'"),
    ({"image": "img", "dns": ["dns.example.com"]}, "'dns'"),
    ({"image": "img", "dns_search": ["bad domain"]}, "'dns_search'"),
    ({"image": "img", "dns_options": ["ndots 2"]}, "'dns_options'"),
    ({"image": "img", "expose": ["http"]}, "'expose'"),
    ({"image": "img", "expose": ["9000-8000"]}, "'expose'"),
    ({"image": "img", "expose": [70000]}, "'expose'"),
    ({"image": "img", "log_driver": "-x"}, "'log_driver'"),
    ({"image": "img", "runtime": ""}, "'runtime'"),
    ({"image": "img", "devices": ["/dev/sda:rr"]}, "'devices'"),
    ({"image": "img", "gpus": "device=0,1"}, "'gpus'"),  # docker splits it at the comma
    ({"image": "img", "ip": 3232235777}, "'ip'"),
    ({"image": "img", "dns": [134744072]}, "'dns'"),
    ({"image": "img", "sysctls": {"net.core.somaxconn": True}}, "'sysctls'"),
    ({"image": "img", "security_opt": ["seccomp="]}, "'security_opt'"),
    ({"image": "img", "cpuset_cpus": "3-1"}, "'cpuset_cpus'"),
    ({"image": "img", "memory": "64m", "memory_reservation": "128m"}, "'memory_reservation'"),
    ({"image": "img", "mac_address": "02:42:ac:11:00-02"}, "'mac_address'"),
]


@pytest.mark.parametrize(("kwargs", "field"), BAD_RUN)
def test_run_options_reject_bad_values(kwargs: dict[str, Any], field: str) -> None:
    """Each bad RunOptions value raises InvalidOptionError whose message names the field."""
    with pytest.raises(InvalidOptionError) as caught:
        RunOptions(**kwargs)
    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (lambda: BuildOptions(tags=["--tag"]), "'tags'"),
        (lambda: BuildOptions(tags=["img@sha256:" + "a" * 64]), "'tags'"),
        (lambda: BuildOptions(build_args={"A=B": "1"}), "'env'"),
        (lambda: BuildOptions(progress="fancy"), "'progress'"),
        (lambda: BuildOptions(dockerfile="-f"), "'dockerfile'"),
        (lambda: ExecOptions(container="c1", command=[]), "'command'"),
        (lambda: ExecOptions(container="--privileged", command=["sh"]), "'container'"),
        (lambda: InspectOptions(refs=[]), "'refs'"),
        (lambda: InspectOptions(refs=["-f"]), "'refs'"),
        (lambda: InspectOptions(refs=["a"], type="thing"), "'type'"),
        (lambda: StopOptions(refs=["a"], time=-1), "'time'"),
        (lambda: KillOptions(refs=["a"], signal="--x"), "'signal'"),
        (lambda: LogsOptions(ref="a", tail=-1), "'tail'"),
        (lambda: PortOptions(ref="a", port="http"), "'port'"),
        (lambda: PsOptions(filters={"label": "a\nb"}), "'filters'"),
        (lambda: TagOptions(source="a", target="-t"), "'target'"),
        (lambda: ClientOptions(host="tcp://h:1", context="remote"), "'context'"),
        (lambda: ClientOptions(host="--tlsverify"), "'host'"),
        (lambda: Publish(container_port=80, host_ip="localhost"), "'host_ip'"),
        (lambda: Mount(target="/c", source="/x,y"), "'source'"),
        (lambda: Mount(target="/c", source="/x", relabel="y"), "'relabel'"),
        (lambda: Mount(target="/", source="/x"), "'target'"),
    ],
)
def test_other_options_reject_bad_values(factory: Any, field: str) -> None:
    """Each bad value of the other option classes raises InvalidOptionError naming the field."""
    with pytest.raises(InvalidOptionError) as caught:
        factory()
    assert field in str(caught.value)


def test_error_shows_the_bad_value() -> None:
    """The message shows the rejected value itself, so the caller can find it."""
    with pytest.raises(InvalidOptionError, match=r"got 70000"):
        RunOptions(image="img", publish=[70000])


def test_invalid_option_error_is_a_value_error() -> None:
    """InvalidOptionError refines ValueError, so generic handlers still catch it."""
    assert issubclass(InvalidOptionError, ValueError)


@pytest.mark.parametrize(
    "image",
    [
        "busybox",
        "library/busybox:1.36",
        "registry.example.com:5000/team/app:v1.2-rc",
        "localhost/app",
        "app@sha256:" + "0" * 64,
        "app:tag@sha256:" + "0" * 64,
        "sha256:" + "a" * 64,
        "a" * 64,
        "[::1]:5000/app",
        "my_app__x.y-z",
    ],
)
def test_valid_image_references_are_accepted(image: str) -> None:
    """References by docker's grammar, and plain image IDs, are accepted unchanged."""
    assert RunOptions(image=image).image == image


def test_options_are_frozen() -> None:
    """Options are immutable once built."""
    import attrs

    opts = RunOptions(image="img")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        opts.image = "other"  # type: ignore[misc]


# Values docker accepts (checked on the engine with both clients in
# tests/engine/test_values_engine.py), with the argument each renders to.
GOOD_RUN: list[tuple[dict[str, Any], str]] = [
    ({"health_interval": "30s"}, "--health-interval=30s"),
    ({"health_interval": "1h30m"}, "--health-interval=1h30m"),
    ({"health_interval": "1.5s"}, "--health-interval=1.5s"),
    ({"health_interval": "1ms"}, "--health-interval=1ms"),
    ({"health_interval": "0"}, "--health-interval=0"),
    ({"health_timeout": "500ms"}, "--health-timeout=500ms"),
    ({"health_start_period": "2m"}, "--health-start-period=2m"),
    ({"health_interval": 30}, "--health-interval=30s"),
    ({"health_interval": 1.5}, "--health-interval=1.5s"),
    ({"health_interval": 1_000_000}, "--health-interval=1000000s"),
    ({"health_interval": 0.001}, "--health-interval=0.001s"),
    ({"health_interval": timedelta(minutes=2)}, "--health-interval=120s"),
    ({"health_interval": timedelta(microseconds=1500)}, "--health-interval=0.0015s"),
    ({"cpus": "0.5"}, "--cpus=0.5"),
    ({"cpus": ".5"}, "--cpus=.5"),
    ({"cpus": "1/2"}, "--cpus=1/2"),
    ({"cpus": "5e-1"}, "--cpus=5e-1"),
    ({"cpus": "0"}, "--cpus=0"),
    ({"cpus": 0}, "--cpus=0"),
    ({"cpus": 1.5}, "--cpus=1.5"),
    ({"cpus": 2}, "--cpus=2"),
    ({"volumes": ["/h:/c:z"]}, "--volume=/h:/c:z"),
    ({"volumes": ["/h:/c:Z"]}, "--volume=/h:/c:Z"),
    ({"volumes": ["/h:/c:ro,z"]}, "--volume=/h:/c:ro,z"),
    ({"volumes": ["/h:/c:Z,ro"]}, "--volume=/h:/c:ro,Z"),
    ({"volumes": ["/h:/c:rw,Z"]}, "--volume=/h:/c:Z"),
    ({"volumes": ["data:/c:z"]}, "--volume=data:/c:z"),
    ({"volumes": [Mount(source="/h", target="/c", relabel="z")]}, "--volume=/h:/c:z"),
]


@pytest.mark.parametrize(("kwargs", "arg"), GOOD_RUN)
def test_run_options_accept_what_docker_accepts(kwargs: dict[str, Any], arg: str) -> None:
    """Go durations, cpus as a string, SELinux volume modes: accepted, rendered as docker reads."""
    assert render(RunOptions(image="img", **kwargs)).args == (arg, "img")


@pytest.mark.parametrize(
    ("spec", "source"),
    [
        ("./data:/data", "data"),
        (".:/data", ""),
        ("./:/data", ""),
        (".hidden:/data:ro", ".hidden"),
        ("./a/b/:/data:z", "a/b"),
    ],
)
def test_relative_binds_resolve_against_the_cwd(
    spec: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bind source starting with '.' is a path under the cwd, made absolute (as docker >= 23)."""
    monkeypatch.chdir(tmp_path)
    (mount,) = RunOptions(image="img", volumes=[spec]).volumes
    assert isinstance(mount, Mount)
    assert mount.source == str(tmp_path / source) if source else str(tmp_path)
    assert mount.target == "/data"


BAD_VALUES: list[tuple[dict[str, Any], str]] = [
    ({"health_interval": "30"}, "'health_interval'"),  # Go: missing unit
    ({"health_interval": "500us"}, "'health_interval'"),  # the daemon: at least 1ms
    ({"health_interval": 0.0005}, "'health_interval'"),
    ({"health_timeout": "10ns"}, "'health_timeout'"),
    ({"health_start_period": "0.5ms"}, "'health_start_period'"),
    ({"health_interval": "-1s"}, "'health_interval'"),
    ({"health_interval": "1S"}, "'health_interval'"),
    ({"health_interval": "1e3s"}, "'health_interval'"),
    ({"health_interval": "."}, "'health_interval'"),
    ({"health_interval": "2562048h"}, "'health_interval'"),  # past Go's int64 nanoseconds
    ({"health_interval": 1e10}, "'health_interval'"),
    ({"health_interval": True}, "'health_interval'"),
    ({"cpus": "-1"}, "'cpus'"),
    ({"cpus": -1}, "'cpus'"),
    ({"cpus": "0.0000000001"}, "'cpus'"),  # docker: value is too precise
    ({"cpus": 1e-10}, "'cpus'"),
    ({"cpus": "1/0"}, "'cpus'"),
    ({"cpus": " 1"}, "'cpus'"),
    ({"cpus": "lots"}, "'cpus'"),
    ({"cpus": float("nan")}, "'cpus'"),
    ({"cpus": True}, "'cpus'"),
    ({"volumes": ["/h:/c:zZ"]}, "'volumes'"),
    ({"volumes": ["/h:/c:z,Z"]}, "'volumes'"),
    ({"volumes": ["/h:/c:ro,ro"]}, "'volumes'"),
    ({"volumes": ["/h:/c:ro,rw"]}, "'volumes'"),
    ({"volumes": ["/h:/c:rw,"]}, "'volumes'"),
    ({"volumes": ["/h:/c:"]}, "'volumes'"),
    ({"volumes": ["/h:/"]}, "'target'"),
    ({"volumes": ["~/x:/c"]}, "'source'"),
    ({"volumes": ["../data:/c"]}, "'source'"),  # '..' stays refused, as for absolute paths
    ({"volumes": ["./a/../../etc:/c"]}, "'source'"),
]


@pytest.mark.parametrize(("kwargs", "field"), BAD_VALUES)
def test_run_options_reject_what_docker_rejects(kwargs: dict[str, Any], field: str) -> None:
    """Durations under 1ms or without a unit, too-precise cpus, doubled volume modes: refused."""
    with pytest.raises(InvalidOptionError) as caught:
        RunOptions(image="img", **kwargs)
    assert field in str(caught.value)
