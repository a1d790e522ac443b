"""Scenarios that must behave the same on the fake docker and on a real engine."""

from __future__ import annotations

import urllib.request
import uuid

import pytest

from dockercli import (
    BuildError,
    BuildOptions,
    ConflictError,
    Container,
    NoSuchContainerError,
    NoSuchImageError,
    PsOptions,
    RunOptions,
    UsageError,
    parsers,
)
from tests.contract.conftest import Backend


def _name(prefix: str) -> str:
    return f"dcli-ct-{prefix}-{uuid.uuid4().hex[:8]}"


def test_lifecycle(backend: Backend) -> None:
    """build -> run -> address -> GET -> exec -> logs -> stop -> remove, same results on both."""
    docker = backend.docker
    tag = f"dcli-contract/web:{uuid.uuid4().hex[:8]}"
    with docker.build(BuildOptions(context=str(backend.context), tags=[tag])) as image:
        assert len(image.id) == 64
        info = image.inspect()
        assert tag in info.tags
        assert info.labels["contract.test"] == "1"
        with docker.run(
            RunOptions(image=tag, publish=["127.0.0.1::8080"], name=_name("web"))
        ) as web:
            address = web.wait_for_port(8080, timeout=60)
            assert address.startswith("localhost:")
            with urllib.request.urlopen(f"http://{address}/", timeout=10) as reply:
                assert reply.status == 200
            assert web.exec(["echo", "in-container"]).stdout == "in-container\n"
            state = web.inspect(refresh=True)
            assert (state.status, state.running, state.image_id) == ("running", True, image.id)
            web.stop(1)
            assert web.status == "exited"


def test_exit_code_and_logs(backend: Backend, busybox_ref: str) -> None:
    """A container's output and exit code read back the same way."""
    script = "echo to-out; echo to-err >&2; exit 5"
    with backend.docker.run(RunOptions(image=busybox_ref, command=["sh", "-c", script])) as box:
        assert box.wait(timeout=60) == 5
        # The engine copies a container's stdout and stderr on separate pipes, so two lines
        # written back to back on different streams may be logged in either order.
        assert sorted(box.logs().splitlines()) == ["to-err", "to-out"]
        assert box.inspect(refresh=True).exit_code == 5


def test_start_attach_shows_only_the_new_run(backend: Backend, busybox_ref: str) -> None:
    """``start -a`` of a container that ran before prints that run's output, not the old."""
    box = backend.docker.run(RunOptions(image=busybox_ref, command=["echo", "again"]))
    try:
        assert box.wait(timeout=60) == 0
        for _ in range(2):
            assert backend.docker.command("start", "-a", box.id).stdout == "again\n"
        assert box.logs() == "again\n" * 3
    finally:
        box.remove(force=True)


def test_port_forms(backend: Backend, busybox_ref: str) -> None:
    """Random, fixed-loopback and udp publishes are read back as the same mappings."""
    opts = RunOptions(
        image=busybox_ref,
        command=["sleep", "300"],
        publish=["127.0.0.1::8080", "127.0.0.1::9999/udp"],
    )
    with backend.docker.run(opts) as box:
        ports = {(m.container_port, m.protocol, m.host_ip) for m in box.ports()}
        assert ports == {(8080, "tcp", "127.0.0.1"), (9999, "udp", "127.0.0.1")}
        assert box.host_port(8080) >= 1024
        assert box.host_port(9999, "udp") >= 1024
        printed = backend.docker.command("port", box.id)
        assert {(m.container_port, m.host_port) for m in parsers.port_mappings(printed.stdout)} == {
            (8080, box.host_port(8080)),
            (9999, box.host_port(9999, "udp")),
        }


def test_ps_filters_by_label_and_name(backend: Backend, busybox_ref: str) -> None:
    """ps with label and name filters finds exactly the matching containers on both."""
    mark = uuid.uuid4().hex[:8]
    names = [_name(f"ps{i}") for i in range(2)]
    boxes = [
        backend.docker.create(
            RunOptions(
                image=busybox_ref,
                name=n,
                command=["true"],
                labels={"ct.mark": mark, "ct.i": str(i)},
            )
        )
        for i, n in enumerate(names)
    ]
    try:
        found = backend.docker.containers(all=True, filters={"label": f"ct.mark={mark}"})
        assert {c.id for c in found} == {b.id for b in boxes}
        one = backend.docker.containers(all=True, filters={"label": [f"ct.mark={mark}", "ct.i=1"]})
        assert [c.id for c in one] == [boxes[1].id]
        by_name = backend.docker.containers(all=True, filters={"name": names[0]})
        assert [c.id for c in by_name] == [boxes[0].id]
        listed = backend.docker.call(
            PsOptions(
                all=True, filters={"label": f"ct.mark={mark}"}, format="{{json .}}", no_trunc=True
            ),
        )
        rows = parsers.ps_entries(listed.stdout)
        assert {r.state for r in rows} == {"created"}
        assert {r.labels["ct.i"] for r in rows} == {"0", "1"}
    finally:
        for box in boxes:
            box.remove(force=True)


def test_inspect_fields(backend: Backend, busybox_ref: str) -> None:
    """The fields users read from inspect agree on both."""
    opts = RunOptions(
        image=busybox_ref,
        name=_name("insp"),
        command=["sleep", "300"],
        env={"K": "v"},
        labels={"a": "b"},
    )
    with backend.docker.run(opts) as box:
        info = box.inspect()
        assert info.name == opts.name
        assert info.running is True
        assert info.labels["a"] == "b"
        assert "K" in info.env_names
        assert info.cmd == ("sleep", "300")
        assert info.started_at is not None
        assert info.finished_at is None
        assert info.ip_address is not None


def test_error_classes(backend: Backend, busybox_ref: str) -> None:
    """Missing container, missing image, name conflict and a failed build raise the same classes."""
    docker = backend.docker
    with pytest.raises(NoSuchContainerError):
        docker.container("dcli-ct-no-such-container")
    with pytest.raises(NoSuchImageError):
        docker.image("dcli-contract/absent:1")
    with pytest.raises(NoSuchImageError):
        docker.run(RunOptions(image="dcli-contract/absent:1", pull="never"))
    name = _name("dup")
    sleeper = RunOptions(image=busybox_ref, name=name, command=["sleep", "300"])
    with docker.run(sleeper), pytest.raises(ConflictError):
        docker.run(sleeper)
    (backend.context / "Dockerfile").write_text("FROM scratch\nCOPY no-such-file /x\n")
    with pytest.raises(BuildError):
        docker.build(BuildOptions(context=str(backend.context)))


def test_create_without_a_command_is_refused(backend: Backend, busybox_ref: str) -> None:
    """An image with no CMD and no command given is refused with UsageError on both."""
    with pytest.raises(UsageError):
        backend.docker.create(RunOptions(image=busybox_ref))


def test_cleanup_keeps_newest(backend: Backend, busybox_ref: str) -> None:
    """cleanup by prefix keeps the newest N stopped containers on both."""
    prefix = _name("cl") + "-"
    for i in range(3):
        box = backend.docker.run(
            RunOptions(image=busybox_ref, name=f"{prefix}{i}", command=["true"])
        )
        box.wait(timeout=60)
    report = backend.docker.cleanup(prefix=prefix, keep=1, images=False)
    assert sorted(r.name for r in report.containers) == [f"{prefix}0", f"{prefix}1"]
    assert [r.name for r in report.kept] == [f"{prefix}2"]
    backend.docker.cleanup(prefix=prefix, images=False)
    assert backend.docker.containers(all=True, filters={"name": prefix}) == []


def test_removal_by_someone_else(backend: Backend, busybox_ref: str) -> None:
    """A container removed behind our back: remove() raises NoSuchContainerError, `with` not."""
    docker = backend.docker
    with docker.run(RunOptions(image=busybox_ref, command=["sleep", "300"])) as box:
        Container(docker, box.id).remove(force=True)  # as a scheduled cleanup would
        with pytest.raises(NoSuchContainerError):
            box.remove()  # (`rm --force` itself exits 0 for a missing container)
        box.remove(missing_ok=True)
    assert docker.inspect_containers([box.id], missing_ok=True) == []


def test_networks_lists_the_engines_own(backend: Backend) -> None:
    """networks() lists bridge, host and none with their drivers and full IDs on both; a
    filter narrows it, an unknown filter key is a UsageError."""
    docker = backend.docker
    own = {n.name: n for n in docker.networks()}
    assert {name: own[name].driver for name in ("bridge", "host", "none")} == {
        "bridge": "bridge",
        "host": "host",
        "none": "null",
    }
    assert all(len(own[name].id) == 64 and own[name].scope == "local" for name in own)
    assert [n.name for n in docker.networks(filters={"driver": "host"})] == ["host"]
    with pytest.raises(UsageError):
        docker.networks(filters={"no-such-key": "x"})
