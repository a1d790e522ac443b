"""Old callers' flows, written as devappserver2 and its helpers wrote them."""

from __future__ import annotations

import gc
import logging
import re
import threading
from pathlib import Path

import pytest

from dockercli import legacy as containers
from dockercli._session import SESSION_ID, SESSION_LABEL
from tests.legacy.conftest import ON_ENGINE_ONLY, Backend, http_get, id_of, messages, wait_for


def _app_options(
    backend: Backend, logdir: Path, port_bindings: dict[object, object]
) -> containers.ContainerOptions:
    return containers.ContainerOptions(
        image_opts=containers.ImageOptions(
            dockerfile_dir=backend.context("app"), tag=backend.tag("app.default.v1"), nocache=False
        ),
        port=8080,
        port_bindings=port_bindings,
        environment={"API_PORT": 53811, "GAE_MODULE": "default"},
        volumes={str(logdir): {"bind": "/var/log/app_engine"}},
        name=containers.CleanableContainerName(backend.prefix, "app.default"),
    )


def test_dev_server_flow(
    backend: Backend,
    client: containers._Client,
    tmp_path: Path,
    legacy_logs: pytest.LogCaptureFixture,
) -> None:
    """Build, start with bindings, env, a volume and a cleanable name, talk to it, stop it."""
    logdir = tmp_path / "logs"
    logdir.mkdir()
    port_bindings: dict[object, object] = {8080: None, 5005: None}
    container = containers.Container(client, _app_options(backend, logdir, port_bindings))
    assert container.host == "localhost"
    assert id_of(container) is None
    container.Start()
    try:
        containers.StartDelayedCleanup(client, backend.prefix, 10.0, 10)
        assert container.name is not None
        assert re.fullmatch(
            re.escape(backend.prefix) + r"\.app\.default\.\d{4}-\d\d-\d\dT\d{6}\.\d{6}Z",
            container.name,
        )
        assert container.id is not None
        assert re.fullmatch(r"[0-9a-f]{64}", container.id)
        info = backend.docker.container(container.id).inspect()
        assert info.name == container.name
        assert info.labels[SESSION_LABEL] == SESSION_ID
        assert info.env()["API_PORT"] == "53811"
        assert isinstance(container.port, int)
        assert container.addr == f"localhost:{container.port}"
        api_port = container.PortBinding(5005)
        assert isinstance(api_port, int)
        assert api_port != container.port
        assert container.PortBinding(8080) == container.port
        assert container.PortBinding(9999) is None
        assert container.container_addr == f"{info.ip_address}:8080"
        assert http_get(container.addr) == backend.page(container.name)
        if not backend.is_fake:  # the fake runs no process that could write the file
            wait_for("the volume to receive a file", (logdir / "started").exists)
        container_id = container.id
    finally:
        container.Stop()
    assert id_of(container) is None
    assert backend.status(container_id) == "exited"  # killed, not removed
    container.Stop()  # a second Stop is harmless
    assert port_bindings == {8080: None, 5005: None}  # both bound already: unchanged
    argv_lines = [r.getMessage() for r in legacy_logs.records if r.name == "dockercli"]
    assert any("--env=API_PORT" in line for line in argv_lines)  # the runner logged the run
    assert not any("53811" in line for line in argv_lines)  # values travel by name only
    infos = messages(legacy_logs, logging.INFO)
    assert infos[:2] == [
        f"Building image {backend.tag('app.default.v1')}...",
        f"Image {backend.tag('app.default.v1')} built, id = "
        + backend.docker.inspect_image(backend.tag("app.default.v1")).id[:12],
    ]
    assert infos[2:] == ["Creating container...", f"Container {container_id} created."]
    wait_for(
        "the container's first line at DEBUG",
        lambda: (
            f"Container: {container_id[:12]}: ready api=53811 module=default"
            in messages(legacy_logs, logging.DEBUG)
        ),
    )
    assert any(
        m.startswith("Full Image Build Log:\n") for m in messages(legacy_logs, logging.DEBUG)
    )


def test_start_adds_the_main_port_to_the_callers_bindings(
    backend: Backend, client: containers._Client, tmp_path: Path
) -> None:
    """Start() mutates the caller's port_bindings dict: the main port is added as None."""
    port_bindings: dict[object, object] = {5005: None}
    with containers.Container(client, _app_options(backend, tmp_path, port_bindings)) as c:
        assert port_bindings == {5005: None, 8080: None}
        assert c.PortBinding(8080) == c.port
        assert c.PortBinding(5005) not in (None, c.port)


def test_every_port_binding_form(backend: Backend, client: containers._Client) -> None:
    """Bindings given as None, (ip,), a HostIp/HostPort dict, a list and a 'P/udp' key publish."""
    bindings: dict[object, object] = {
        8080: None,
        8081: ("127.0.0.1",),
        8082: {"HostIp": "127.0.0.1", "HostPort": ""},
        8083: [None, ("127.0.0.1", "")],
        "5353/udp": None,
    }
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        port=8080,
        port_bindings=bindings,
        name=f"{backend.ns}-ports",
        command="sleep 600",
    )
    with containers.Container(client, opts) as container:
        for key in (8080, 8081, 8082, 8083, "5353/udp"):
            assert isinstance(container.PortBinding(key), int), key
        assert container.id is not None
        published = backend.docker.container(container.id).ports()
        by_port = {(m.container_port, m.protocol) for m in published}
        assert by_port == {(8080, "tcp"), (8081, "tcp"), (8082, "tcp"), (8083, "tcp"),
                           (5353, "udp")}  # fmt: skip
        assert len({m.host_port for m in published if m.container_port == 8083}) == 2


def test_fixed_host_ports_as_int_str_and_pair(backend: Backend, client: containers._Client) -> None:
    """A host port given as an int, a str or an (ip, port) pair is the one published."""
    ports = [_free_port() for _ in range(3)]
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        port_bindings={8080: ports[0], 8081: str(ports[1]), 8082: ("127.0.0.1", ports[2])},
        name=f"{backend.ns}-fixed",
        command=["sleep", "600"],
    )
    with containers.Container(client, opts) as container:
        assert [container.PortBinding(p) for p in (8080, 8081, 8082)] == ports


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_prebuilt_image_with_volumes_from_and_links(
    backend: Backend, client: containers._Client, tmp_path: Path
) -> None:
    """A prebuilt image runs with volumes_from (list or comma str) and links (dict or pairs)."""
    shared, extra = tmp_path / "shared", tmp_path / "extra"
    shared.mkdir()
    extra.mkdir()
    (shared / "seed").write_text("seeded\n")
    base = containers.ImageOptions(tag=backend.base)
    data_names = [f"{backend.ns}-data", f"{backend.ns}-extra"]
    dict_form: dict[str, object] = {"bind": "/data", "ro": True}
    data = [
        containers.Container(
            client,
            containers.ContainerOptions(
                base, volumes={str(shared): dict_form}, name=data_names[0], command="sleep 600"
            ),
        ),
        containers.Container(
            client,
            containers.ContainerOptions(
                base, volumes={str(extra): "/extra:ro"}, name=data_names[1], command="sleep 600"
            ),
        ),
    ]
    web = containers.Container(
        client,
        containers.ContainerOptions(
            containers.ImageOptions(dockerfile_dir=backend.context("web"), tag=backend.tag("web")),
            port=8080,
            name=f"{backend.ns}-web",
        ),
    )
    script = "cat /data/seed; wget -qO- http://db:8080/; sleep 600"
    consumers = [
        containers.Container(
            client,
            containers.ContainerOptions(
                base,
                volumes_from=data_names,
                links={f"{backend.ns}-web": "db"},
                name=f"{backend.ns}-consumer1",
                command=["sh", "-c", script],
            ),
        ),
        containers.Container(
            client,
            containers.ContainerOptions(
                base,
                volumes_from=", ".join(data_names),
                links=[(f"{backend.ns}-web", "db")],
                name=f"{backend.ns}-consumer2",
                command=f'sh -c "{script}"',
            ),
        ),
    ]
    with data[0], data[1], web:
        for consumer in consumers:
            consumer.Start()
        try:
            for consumer in consumers:
                assert consumer.id is not None
                raw = backend.docker.container(consumer.id).inspect().raw["HostConfig"]
                assert raw["VolumesFrom"] == data_names
                assert raw["Links"] == [f"/{backend.ns}-web:/{consumer.name}/db"]
                if not backend.is_fake:  # the fake runs no cat or wget
                    out = backend.docker.container(consumer.id)
                    out.expect_log("hello-legacy", timeout=30)
                    assert out.logs().startswith("seeded\n")
        finally:
            for consumer in consumers:
                consumer.Stop()
        binds = [
            backend.docker.container(name).inspect().raw["HostConfig"]["Binds"]
            for name in data_names
        ]
        assert binds == [[f"{shared}:/data:ro"], [f"{extra}:/extra:ro"]]
        assert web.port == web.PortBinding(8080)


def test_log_manager_style_container_without_ports(
    backend: Backend, client: containers._Client, tmp_path: Path
) -> None:
    """A container with string volumes, a list env and no port starts and stops."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        volumes=dict([(str(tmp_path), "/var/log/app:rw")]),
        environment=["LOG_LEVEL=debug", "ROTATE=7"],
        name=f"{backend.ns}-logs",
        command="sleep 600",
    )
    container = containers.Container(client, opts)
    container.Start()
    try:
        assert container.id is not None
        info = backend.docker.container(container.id).inspect()
        assert (info.env()["LOG_LEVEL"], info.env()["ROTATE"]) == ("debug", "7")
        assert info.raw["HostConfig"]["Binds"] == [f"{tmp_path}:/var/log/app"]
        assert container.PortBinding(8080) is None
    finally:
        container.Stop()
    assert backend.status(f"{backend.ns}-logs") == "exited"


def test_with_forms(backend: Backend, client: containers._Client) -> None:
    """`with Image` builds then forgets the id; `with Container` starts, then kills (no removal)."""
    with containers.Image(
        client,
        containers.ImageOptions(dockerfile_dir=backend.context("reg"), tag=backend.tag("reg")),
    ) as image:
        assert image.tag == backend.tag("reg")
        assert image.id is not None
        assert re.fullmatch(r"[0-9a-f]{12}", image.id)
        built_id = image.id
    assert id_of(image) is None
    assert backend.exists(built_id, image=True)  # Remove() only forgets the id
    with containers.PrebuiltImage(client, containers.ImageOptions(tag=backend.tag("reg"))) as found:
        assert found.id is not None
        assert re.fullmatch(r"[0-9a-f]{64}", found.id)
        assert found.id.startswith(built_id)
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.tag("reg")),
        name=f"{backend.ns}-with",
        command="sleep 600",
    )
    with containers.Container(client, opts) as container:
        assert backend.status(f"{backend.ns}-with") == "running"
        with pytest.raises(containers.ContainerError, match=r"^Trying to start already running"):
            container.Start()
    assert container.id is None
    assert backend.status(f"{backend.ns}-with") == "exited"


def test_missing_tag_raises_image_error(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """A prebuilt tag that is not there raises ImageError, and Start then creates nothing."""
    tag = backend.tag("missing")
    with pytest.raises(
        containers.ImageError, match=f"^Image with tag {re.escape(tag)} was not found$"
    ):
        containers.PrebuiltImage(client, containers.ImageOptions(tag=tag)).Build()
    container = containers.Container(
        client,
        containers.ContainerOptions(containers.ImageOptions(tag=tag), name=f"{backend.ns}-none"),
    )
    with pytest.raises(containers.ImageError):
        container.Start()
    assert container.id is None
    assert not backend.exists(f"{backend.ns}-none")
    assert (
        messages(legacy_logs, logging.INFO)
        == [f"Looking for image_id for image with tag {tag}"] * 2
    )


def test_failed_build_logs_errors_and_raises(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """A failing RUN step logs three ERRORs (with the build log) and raises ImageError."""
    ctx = backend.context("broken", "FROM {base}\nRUN echo about-to-fail {label} && exit 7\n")
    image = containers.Image(
        client, containers.ImageOptions(dockerfile_dir=ctx, tag=backend.tag("broken"))
    )
    with pytest.raises(containers.ImageError) as caught:
        image.Build()
    assert image.id is None
    errors = messages(legacy_logs, logging.ERROR)
    assert len(errors) == 3
    assert errors[0] == f"Error building docker image {backend.tag('broken')}"
    assert errors[1].startswith("Build Error: ")
    reason = errors[1].removeprefix("Build Error: ").removesuffix(".")
    assert "7" in reason
    assert reason in str(caught.value)
    assert errors[2].startswith("Full Image Build Log:\n")
    assert "about-to-fail" in errors[2]


def test_container_output_is_logged_until_it_stops(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """Output lines are logged at DEBUG as 'Container: <id12>: <line>' until Stop ends it."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        name=f"{backend.ns}-talk",
        command='sh -c "echo first line; echo second line >&2; sleep 600"',
    )
    container = containers.Container(client, opts)
    container.Start()
    assert container.id is not None
    short = container.id[:12]
    expected = [f"Container: {short}: first line", f"Container: {short}: second line"]
    wait_for(
        "both lines at DEBUG",
        lambda: all(line in messages(legacy_logs, logging.DEBUG) for line in expected),
    )
    container.Stop()
    wait_for(
        "the log listener to end",
        lambda: not any(t.name == f"Container-{short}-logs" for t in threading.enumerate()),
    )


def test_dropping_a_started_container_kills_it(
    backend: Backend, client: containers._Client
) -> None:
    """When a started Container is garbage-collected, __del__ stops (kills) the container."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base), name=f"{backend.ns}-dropped", command="sleep 600"
    )
    container = containers.Container(client, opts)
    container.Start()
    assert backend.status(f"{backend.ns}-dropped") == "running"
    del container
    gc.collect()
    wait_for(
        "the dropped container to stop", lambda: backend.status(f"{backend.ns}-dropped") == "exited"
    )


def test_del_never_raises(
    backend: Backend, client: containers._Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """__del__ swallows a failing Stop (the kill is made to fail) instead of raising."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        name=f"{backend.ns}-stubborn",
        command="sleep 600",
    )
    container = containers.Container(client, opts)
    container.Start()
    unraisable: list[object] = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)
    if backend.is_fake:
        monkeypatch.setenv("FAKE_DOCKER_FAULTS", "cmd=kill,action=exit,code=1,stderr=boom")
    else:
        monkeypatch.setenv("DOCKER_API_VERSION", "1.0")
    with pytest.raises(containers.ContainerError, match="could not be stopped"):
        container.Stop()
    del container
    gc.collect()
    assert unraisable == []
    monkeypatch.delenv("FAKE_DOCKER_FAULTS" if backend.is_fake else "DOCKER_API_VERSION")
    assert backend.status(f"{backend.ns}-stubborn") == "running"  # Stop really failed


def test_start_failure_raises_container_error(backend: Backend, client: containers._Client) -> None:
    """A name already in use makes Start raise ContainerError and leaves the id None."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base), name=f"{backend.ns}-twice", command="sleep 600"
    )
    with containers.Container(client, opts):
        second = containers.Container(client, opts)
        with pytest.raises(containers.ContainerError, match="already in use"):
            second.Start()
        assert second.id is None


@ON_ENGINE_ONLY  # the fake's RUN sleep takes no time, so no timeout could cut it short
def test_a_build_may_outlast_the_client_timeout(backend: Backend) -> None:
    """A build that prints more often than the client's timeout may run longer than it."""
    client = containers.NewDockerClient(timeout=2)
    steps = "RUN for i in 1 2 3 4; do echo tick-$i; sleep 1; done && echo {label}"
    ctx = backend.context("slow", "FROM {base}\n" + steps + "\n")
    image = containers.Image(client, containers.ImageOptions(ctx, backend.tag("slow")))
    image.Build()
    assert image.id is not None


@ON_ENGINE_ONLY  # the fake's RUN sleep takes no time
def test_a_build_silent_for_longer_than_the_client_timeout_fails(backend: Backend) -> None:
    """A build step silent for longer than the client's timeout is an ImageError (read timeout)."""
    client = containers.NewDockerClient(timeout=2)
    ctx = backend.context("silent", "FROM {base}\nRUN sleep 6 && echo {label}\n")
    image = containers.Image(client, containers.ImageOptions(ctx, backend.tag("silent")))
    with pytest.raises(containers.ImageError, match="no output for 2s"):
        image.Build()
