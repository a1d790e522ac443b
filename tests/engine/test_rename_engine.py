"""rename through every client (docker 28, docker 20.10, podman): the new name holds, a
taken one is refused with the engine's ConflictError."""

from __future__ import annotations

import uuid

import pytest

from dockercli import ConflictError, Docker, RunOptions


def test_rename_keeps_the_container_and_refuses_a_taken_name(
    client: tuple[str, Docker, str],
) -> None:
    """The renamed container is found by its new name with the same ID; renaming it to a
    name another container has is a ConflictError."""
    _, docker, image = client
    tag = uuid.uuid4().hex[:8]
    sleep = ["sleep", "300"]
    first = RunOptions(image=image, name=f"dcli-test-ren-a-{tag}", command=sleep)
    second = RunOptions(image=image, name=f"dcli-test-ren-b-{tag}", command=sleep)
    with docker.run(first) as a, docker.run(second):
        a.rename(f"dcli-test-ren-c-{tag}")
        assert docker.container(f"dcli-test-ren-c-{tag}").id == a.id
        with pytest.raises(ConflictError):
            a.rename(f"dcli-test-ren-b-{tag}")
