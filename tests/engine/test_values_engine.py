"""Option values: what validation accepts, docker accepts; what it refuses, docker refuses.

Each accepted value is rendered by dockercli and created on the engine (both docker
clients, podman where it agrees); each refused value is given to the real client raw, as
the flag it would have rendered to, and the client must refuse it too. Values dockercli
refuses on purpose though docker takes them ('..' in a bind, a leading '-') are not here:
they are hostile-value guarantees (tests/hardening).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from dockercli import BuildOptions, Docker, InvalidOptionError, RunOptions
from dockercli._argv import render
from tests.conftest import podman_env

# (RunOptions keywords, where the engine shows the value, what it holds there)
ACCEPTED: list[tuple[dict[str, Any], str, object]] = [
    ({"health_interval": "30s"}, "Config.Healthcheck.Interval", 30_000_000_000),
    ({"health_interval": "1h30m"}, "Config.Healthcheck.Interval", 5400_000_000_000),
    ({"health_interval": "1ms"}, "Config.Healthcheck.Interval", 1_000_000),
    ({"health_interval": 1_000_000}, "Config.Healthcheck.Interval", 10**15),
    ({"health_timeout": timedelta(microseconds=1500)}, "Config.Healthcheck.Timeout", 1_500_000),
    ({"health_start_period": "2m"}, "Config.Healthcheck.StartPeriod", 120_000_000_000),
    ({"cpus": "0.5"}, "HostConfig.NanoCpus", 500_000_000),
    ({"cpus": ".5"}, "HostConfig.NanoCpus", 500_000_000),
    ({"cpus": "5e-1"}, "HostConfig.NanoCpus", 500_000_000),
    ({"cpus": "1/2"}, "HostConfig.NanoCpus", 500_000_000),
    ({"cpus": 0}, "HostConfig.NanoCpus", 0),
    ({"cpus": 1.5}, "HostConfig.NanoCpus", 1_500_000_000),
    ({"volumes": ["{tmp}:/d:z"]}, "HostConfig.Binds", ["{tmp}:/d:z"]),
    ({"volumes": ["{tmp}:/d:Z,ro"]}, "HostConfig.Binds", ["{tmp}:/d:ro,Z"]),
    ({"volumes": ["{tmp}:/d:rw,z"]}, "HostConfig.Binds", ["{tmp}:/d:z"]),
    ({"volumes": ["./sub:/d:ro"]}, "HostConfig.Binds", ["{tmp}/sub:/d:ro"]),
    ({"volumes": [".:/d"]}, "HostConfig.Binds", ["{tmp}:/d"]),
]
# podman's own parser refuses a fraction for --cpus (docker reads it as a rational).
PODMAN_REFUSES = {"1/2"}

# (RunOptions keywords dockercli refuses, the argument docker would have been given)
REFUSED: list[tuple[dict[str, Any], str]] = [
    ({"health_interval": "30"}, "--health-interval=30"),
    ({"health_interval": "500us"}, "--health-interval=500us"),
    ({"health_interval": 0.0005}, "--health-interval=0.0005s"),
    ({"health_timeout": "10ns"}, "--health-timeout=10ns"),
    ({"health_start_period": "0.5ms"}, "--health-start-period=0.5ms"),
    ({"health_interval": "1e3s"}, "--health-interval=1e3s"),
    ({"health_interval": "2562048h"}, "--health-interval=2562048h"),
    ({"cpus": "0.0000000001"}, "--cpus=0.0000000001"),
    ({"cpus": "1/0"}, "--cpus=1/0"),
    ({"cpus": "lots"}, "--cpus=lots"),
    ({"volumes": ["{tmp}:/d:zZ"]}, "--volume={tmp}:/d:zZ"),
    ({"volumes": ["{tmp}:/d:z,Z"]}, "--volume={tmp}:/d:z,Z"),
    ({"volumes": ["{tmp}:/d:ro,ro"]}, "--volume={tmp}:/d:ro,ro"),
    ({"volumes": ["{tmp}:/d:rw,"]}, "--volume={tmp}:/d:rw,"),
    ({"volumes": ["{tmp}:/"]}, "--volume={tmp}:/"),
    ({"volumes": ["~/x:/d"]}, "--volume=~/x:/d"),
]


def _fill(value: Any, tmp: Path) -> Any:
    if isinstance(value, str):
        return value.replace("{tmp}", str(tmp))
    if isinstance(value, list):
        return [_fill(item, tmp) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, tmp) for key, item in value.items()}
    return value


def _at(raw: Mapping[str, Any], path: str) -> Any:
    value: Any = raw
    for key in path.split("."):
        value = value[key]
    return value


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current directory holding ``sub/``, for the relative binds."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda case: repr(case[0]))
def test_accepted_values_are_accepted_by_docker(
    docker: Docker, busybox_image: str, workdir: Path, case: tuple[dict[str, Any], str, object]
) -> None:
    """A value validation accepts is created by the real client and lands in the engine as meant."""
    kwargs, where, held = case
    opts = RunOptions(image=busybox_image, command=["true"], **_fill(kwargs, workdir))
    container = docker.create(opts)
    try:
        assert _at(container.inspect().raw, where) == _fill(held, workdir)
    finally:
        container.remove(force=True)


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case[1])
def test_refused_values_are_refused_by_docker(
    engine_host: str,
    client_path: str,
    busybox_image: str,
    workdir: Path,
    case: tuple[dict[str, Any], str],
) -> None:
    """A value validation refuses is refused by the real client too, given as the raw flag."""
    kwargs, arg = case
    with pytest.raises(InvalidOptionError):
        RunOptions(image=busybox_image, **_fill(kwargs, workdir))
    argv = [client_path, f"--host={engine_host}", "create", _fill(arg, workdir)]
    done = subprocess.run(
        [*argv, busybox_image, "true"], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode == 0:  # docker took it after all: remove what it made, then fail
        subprocess.run(
            [client_path, f"--host={engine_host}", "rm", done.stdout.strip()], check=False
        )
    assert done.returncode != 0, f"{arg} was accepted by {client_path}"


def _client_major(client_path: str) -> int:
    done = subprocess.run(
        [client_path, "version", "--format", "{{.Client.Version}}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return int(done.stdout.strip().split(".")[0])


def test_relative_bind_raw_differs_by_client_resolved_does_not(
    engine_host: str, client_path: str, busybox_image: str, workdir: Path
) -> None:
    """Raw './sub:/d' fails on docker 20.10, works on docker >= 23; resolved, it works on both."""
    base = [client_path, f"--host={engine_host}"]
    raw = subprocess.run(
        [*base, "create", "--volume=./sub:/d", busybox_image, "true"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    created = [raw.stdout.strip()] if raw.returncode == 0 else []
    (resolved,) = render(RunOptions(image=busybox_image, volumes=["./sub:/d"])).args[:1]
    assert resolved == f"--volume={workdir}/sub:/d"
    ours = subprocess.run(
        [*base, "create", resolved, busybox_image, "true"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    created += [ours.stdout.strip()] if ours.returncode == 0 else []
    try:
        assert ours.returncode == 0, ours.stderr
        if _client_major(client_path) >= 23:
            assert raw.returncode == 0, raw.stderr
        else:
            assert raw.returncode != 0
            assert "invalid characters for a local volume name" in raw.stderr
    finally:
        if created:
            subprocess.run([*base, "rm", *created], capture_output=True, check=False)


@pytest.fixture(scope="module")
def podman(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Docker, str]]:
    """podman with a private containers.conf, and a busybox image in its store."""
    if shutil.which("podman") is None or shutil.which("busybox") is None:
        pytest.skip("podman or busybox is not installed")
    root = tmp_path_factory.mktemp("podman-values")
    client = Docker(binary="podman", env=podman_env(root), timeout=300)
    context = root / "ctx"
    context.mkdir()
    shutil.copy(str(shutil.which("busybox")), context / "busybox")
    (context / "Dockerfile").write_text("FROM scratch\nCOPY busybox /bin/busybox\n")
    tag = f"dcli-test/values-{os.getpid()}:1"
    image = client.build(BuildOptions(context=str(context), tags=[tag]))
    try:
        yield client, image.id
    finally:
        client.remove_tracked()
        client.remove_image(tag, force=True)


@pytest.mark.parametrize(
    "kwargs",
    [case[0] for case in ACCEPTED if case[0].get("cpus") not in PODMAN_REFUSES],
    ids=repr,
)
def test_accepted_values_are_accepted_by_podman(
    podman: tuple[Docker, str], workdir: Path, kwargs: dict[str, Any]
) -> None:
    """What validation accepts, podman's CLI creates too (but fractions for --cpus)."""
    client, image = podman
    container = client.create(RunOptions(image=image, command=["true"], **_fill(kwargs, workdir)))
    container.remove(force=True)
