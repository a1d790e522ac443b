"""Readiness waits (HTTP, exec, file, composites) on the fake and the engine alike."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator, Sequence

import pytest

from dockercli import (
    Container,
    ContainerExitedError,
    DockerTimeoutError,
    NotModelledError,
    RunOptions,
    waits,
)
from tests.contract.conftest import Backend

WEB = ("sh", "-c", "echo web starting; exec httpd -f -p 8080 -h /www")


@pytest.fixture
def web_image(backend: Backend) -> Iterator[str]:
    """The contract image (httpd serving /www, EXPOSE 8080), built once for the test."""
    from dockercli import BuildOptions

    with backend.docker.build(BuildOptions(context=str(backend.context))) as image:
        yield image.id


def _run(backend: Backend, image: str, command: Sequence[str] = WEB) -> Container:
    return backend.docker.run(RunOptions(image=image, command=tuple(command), publish=[8080]))


def test_wait_for_http_gives_the_url_that_answers(backend: Backend, web_image: str) -> None:
    """``wait_for_http`` returns a URL whose GET answers with an accepted status."""
    with _run(backend, web_image) as box:
        url = box.wait_for_http(8080, "/index.html", timeout=60)
        assert url.startswith("http://")
        assert url.endswith("/index.html")
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert reply.status == 200


def test_wait_for_all_returns_each_result_in_order(backend: Backend, web_image: str) -> None:
    """``wait_for_all`` waits for every condition and returns their results in order."""
    with _run(backend, web_image) as box:
        box.copy_to(b"ok\n", "/marker")
        address, match, path = box.wait_for_all(
            waits.port(8080), waits.log(r"web (\w+)"), waits.file("/marker"), timeout=60
        )
        assert address == box.address(8080)
        assert match.group(1) == "starting"
        assert path == "/marker"


def test_wait_for_any_says_which_condition_held(backend: Backend, web_image: str) -> None:
    """``wait_for_any`` returns the index and result of the condition that held."""
    with _run(backend, web_image) as box:
        index, result = box.wait_for_any(waits.exec(["false"]), waits.port(8080), timeout=60)
        assert index == 1
        assert result == box.address(8080)


def test_wait_for_file_sees_a_file_copied_in(backend: Backend, web_image: str) -> None:
    """``wait_for_file`` holds once the path exists; before, the engine keeps waiting while
    the fake, which cannot know the image's files, refuses instead of saying "missing"."""
    with _run(backend, web_image) as box:
        if backend.kind == "engine":
            with pytest.raises(DockerTimeoutError, match="/marker to exist"):
                box.wait_for_file("/marker", timeout=1)
        else:
            with pytest.raises(NotModelledError):
                box.wait_for_file("/marker", timeout=1)
        box.copy_to(b"ok\n", "/marker")
        assert box.wait_for_file("/marker", timeout=30) == "/marker"


def test_wait_for_exec_returns_the_run_that_exited_zero(backend: Backend, web_image: str) -> None:
    """``wait_for_exec`` returns the exec that exited 0; one that never does times out,
    naming the command."""
    with _run(backend, web_image) as box:
        done = box.wait_for_exec(["echo", "ready"], timeout=30)
        assert (done.returncode, done.stdout) == (0, "ready\n")
        with pytest.raises(DockerTimeoutError, match="'false' to exit 0"):
            box.wait_for_exec("false", timeout=1)


def test_a_wait_ends_at_once_when_the_container_exits(backend: Backend, web_image: str) -> None:
    """A container that exits ends the wait with ContainerExitedError and its last lines."""
    exits = ("sh", "-c", "echo cannot bind; exit 3")
    failure = pytest.raises(ContainerExitedError, match=r"(?s)exit code 3.*cannot bind")
    with _run(backend, web_image, exits) as box, failure:
        box.wait_for_http(8080, timeout=60)


def test_a_timeout_names_only_what_was_still_awaited(backend: Backend, web_image: str) -> None:
    """A composite's timeout names the conditions that did not hold, not the ones that did."""
    with _run(backend, web_image) as box:
        with pytest.raises(DockerTimeoutError) as caught:
            box.wait_for_all(waits.port(8080), waits.exec(["false"]), timeout=3)
        assert "'false' to exit 0" in str(caught.value)
        assert "port 8080" not in str(caught.value)


def test_nothing_to_wait_for_is_refused(backend: Backend, web_image: str) -> None:
    """``wait_for_all()`` with no condition is a ValueError, not an instant success."""
    with _run(backend, web_image) as box, pytest.raises(ValueError, match="nothing to wait for"):
        box.wait_for_all()
