"""StartDelayedCleanup: keep the N newest stopped containers, remove the rest and unused images."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest

from dockercli import legacy as containers
from tests.legacy.conftest import ON_FAKE_ONLY, Backend, messages, wait_for

LABEL_ONLY = "FROM {base}\nLABEL dcli.legacy.test={label}\n"


def _image(client: containers._Client, backend: Backend, name: str) -> containers.ImageOptions:
    """Build an image of this test's own: a cleanup may remove it (never the shared base)."""
    opts = containers.ImageOptions(
        dockerfile_dir=backend.context(name, LABEL_ONLY), tag=backend.tag(name)
    )
    containers.Image(client, opts).Build()
    return containers.ImageOptions(tag=backend.tag(name))


def _start(
    client: containers._Client, image: containers.ImageOptions, name: str
) -> containers.Container:
    container = containers.Container(
        client, containers.ContainerOptions(image, name=name, command="sleep 600")
    )
    container.Start()
    return container


def _run(client: containers._Client, image: containers.ImageOptions, name: str) -> str:
    """Start a container and Stop it: a stopped container left for the cleanup."""
    container = _start(client, image, name)
    container_id = container.id
    assert container_id is not None
    container.Stop()
    return container_id


def _wait_for_cleanups(caplog: pytest.LogCaptureFixture, count: int = 1) -> None:
    wait_for(
        f"{count} cleanup(s) to finish",
        lambda: messages(caplog, logging.DEBUG).count("Cleanup finished.") >= count,
    )


def test_cleanup_keeps_the_newest_and_removes_unused_images(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """All but the N newest stopped prefixed containers go, with images no container still uses."""
    image_a = _image(client, backend, "a")
    image_b = _image(client, backend, "b")
    b_id = backend.docker.inspect_image(str(image_b.tag)).id
    name = backend.prefix + ".{}"
    oldest = _run(client, image_b, name.format("m.1"))
    older = _run(client, image_a, name.format("m.2"))
    newest = _run(client, image_a, name.format("m.3"))
    running = _start(client, image_a, name.format("m.4"))  # kept referenced: keeps running
    other = _run(client, containers.ImageOptions(tag=backend.base), f"{backend.ns}-other")

    containers.StartDelayedCleanup(client, backend.prefix, 0.05, 1)
    _wait_for_cleanups(legacy_logs)

    assert not backend.exists(oldest)
    assert not backend.exists(older)
    assert backend.exists(newest)
    assert backend.status(name.format("m.4")) == "running"
    assert running.id is not None
    assert backend.exists(other)  # stopped, but not named with the prefix
    assert not backend.exists(b_id, image=True)  # no container uses it any more
    assert backend.exists(str(image_a.tag), image=True)  # still used: kept without a warning
    debug = messages(legacy_logs, logging.DEBUG)
    start = debug.index("Automatic cleanup...")
    assert set(debug[start + 1 : start + 3]) == {
        f"Removing old container: {oldest}:{name.format('m.1')}",
        f"Removing old container: {older}:{name.format('m.2')}",
    }
    assert debug[start + 3 :] == [f"Removing old image: {b_id}", "Cleanup finished."]
    assert messages(legacy_logs, logging.WARNING) == []


def test_zero_spared_removes_nothing(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """The original's quirk: old_instances_to_spare=0 (the default) removes nothing at all."""
    image = _image(client, backend, "q")
    first = _run(client, image, backend.prefix + ".q.1")
    second = _run(client, image, backend.prefix + ".q.2")
    containers.StartDelayedCleanup(client, backend.prefix, 0.05)
    _wait_for_cleanups(legacy_logs)
    assert backend.exists(first)
    assert backend.exists(second)
    assert messages(legacy_logs, logging.DEBUG)[-2:] == [
        "Automatic cleanup...",
        "Cleanup finished.",
    ]


def test_one_pending_cleanup_per_process(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """A call while a cleanup is pending does nothing; once it fired, a new one can be scheduled."""
    base = _image(client, backend, "p")
    first_a = _run(client, base, backend.prefix + ".a.1")
    _run(client, base, backend.prefix + ".a.2")
    first_b = _run(client, base, f"{backend.ns}.b.1")
    _run(client, base, f"{backend.ns}.b.2")

    containers.StartDelayedCleanup(client, backend.prefix, 0.5, 1)
    containers.StartDelayedCleanup(client, f"{backend.ns}.b", 0.01, 1)  # ignored: one is pending
    _wait_for_cleanups(legacy_logs)
    assert not backend.exists(first_a)
    assert backend.exists(first_b)

    containers.StartDelayedCleanup(client, f"{backend.ns}.b", 0.01, 1)
    _wait_for_cleanups(legacy_logs, 2)
    assert not backend.exists(first_b)


def test_an_image_that_cannot_be_removed_is_a_warning(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """An unused image that another tag still names is left and logged as a WARNING."""
    image = _image(client, backend, "twotags")
    backend.docker.tag(str(image.tag), backend.tag("twotags-alias"))
    image_id = backend.docker.inspect_image(str(image.tag)).id
    _run(client, image, backend.prefix + ".t.1")
    _run(client, _image(client, backend, "t"), backend.prefix + ".t.2")

    containers.StartDelayedCleanup(client, backend.prefix, 0.05, 1)
    _wait_for_cleanups(legacy_logs)

    assert backend.exists(image_id, image=True)
    (warning,) = messages(legacy_logs, logging.WARNING)
    head, _, tail = warning.partition(": ")
    assert head == f"Image Id {image_id} cannot be removed"
    assert tail.endswith(
        '.\nTry cleaning up old images manually.\nThey can be listed with "docker images".'
    )
    assert f"still tagged {backend.tag('twotags-alias')}" in tail  # only its own tag went
    assert backend.docker.inspect_image(image_id).tags == (backend.tag("twotags-alias"),)


@ON_FAKE_ONLY  # a real engine removes any stopped container; the fake can be made to refuse
def test_a_container_that_cannot_be_removed_is_a_warning(
    backend: Backend,
    client: containers._Client,
    legacy_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A container the engine refuses to remove is logged as a WARNING; the cleanup carries on."""
    image = _image(client, backend, "s")
    stuck = _run(client, image, backend.prefix + ".s.1")
    _run(client, image, backend.prefix + ".s.2")
    reason = f"Error response from daemon: cannot remove container {stuck[:12]}: device busy"
    rule = {"cmd": "rm", "action": "exit", "code": 1, "stderr": reason + "\n", "times": 1}
    monkeypatch.setenv("FAKE_DOCKER_FAULTS", json.dumps(rule))

    containers.StartDelayedCleanup(client, backend.prefix, 0.05, 1)
    _wait_for_cleanups(legacy_logs)

    assert backend.exists(stuck)
    assert messages(legacy_logs, logging.WARNING) == [
        f"Container {backend.prefix}.s.1 (id={stuck}) cannot be removed: {reason}.\n"
        "Try cleaning up old containers manually.\n"
        'They can be listed with "docker ps -a".'
    ]


def test_start_and_cleanup_share_one_lock(
    backend: Backend, client: containers._Client, legacy_logs: pytest.LogCaptureFixture
) -> None:
    """Start() and the delayed cleanup wait for the same module lock, so they never overlap."""
    opts = containers.ContainerOptions(
        containers.ImageOptions(tag=backend.base),
        name=f"{backend.prefix}.locked",
        command="sleep 600",
    )
    container = containers.Container(client, opts)
    legacy_logs.clear()
    with containers._cleanup_lock:
        starter = threading.Thread(target=container.Start)
        starter.start()
        containers.StartDelayedCleanup(client, backend.prefix, 0.01, 1)
        time.sleep(1.0)
        assert messages(legacy_logs) == []  # neither looked up the image nor began a cleanup
    starter.join(timeout=60)
    _wait_for_cleanups(legacy_logs)
    try:
        assert container.id is not None
        assert backend.status(container.id) == "running"
    finally:
        container.Stop()
