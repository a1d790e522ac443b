"""Volumes on the real engine through every client (docker 28, docker 20.10, podman): data
written by one container is read by the next, a taken name is refused (docker would hand
back the user's volume), and what a hand-made container uses is never removed."""

from __future__ import annotations

import uuid

import pytest

from dockercli import ConflictError, Docker, NoSuchVolumeError, RunOptions, VolumeOptions


def _name(what: str) -> str:
    return f"dcli-test-vol-{what}-{uuid.uuid4().hex[:8]}"


def test_a_volume_carries_data_from_one_container_to_the_next(
    client: tuple[str, Docker, str],
) -> None:
    """A file one container writes into dockercli's volume is read back by a second one
    mounting it read-only; the with block removes the volume after both containers."""
    _, docker, image = client
    with docker.create_volume(VolumeOptions(name=_name("data"))) as vol:
        write = ["sh", "-c", "echo kept across containers > /data/note"]
        with docker.run(RunOptions(image=image, command=write, volumes=[f"{vol.name}:/data"])) as w:
            assert w.wait() == 0
        read = RunOptions(
            image=image, command=["cat", "/data/note"], volumes=[f"{vol.name}:/data:ro"]
        )
        with docker.run(read) as r:
            assert r.wait() == 0
            assert r.logs() == "kept across containers\n"
            assert [m.read_only for m in r.inspect().mounts] == [True]
    with pytest.raises(NoSuchVolumeError):
        docker.volume(vol.name)


def test_a_taken_name_is_refused_and_the_users_volume_kept(client: tuple[str, Docker, str]) -> None:
    """create_volume() of a name the user's volume holds is a ConflictError on every
    client (docker answers with the user's volume, podman refuses), and that volume keeps
    its labels through the session's exit removal."""
    _, docker, _ = client
    name = _name("taken")
    docker.command("volume", "create", "--label", "owner=user", name)
    try:
        with pytest.raises(ConflictError):
            docker.create_volume(VolumeOptions(name=name, labels={"owner": "dockercli"}))
        docker.remove_tracked()
        assert docker.volume(name).inspect().labels == {"owner": "user"}
    finally:
        docker.command("volume", "rm", name, ok_codes=range(256))


def test_a_volume_a_hand_made_container_uses_survives_everything(
    client: tuple[str, Docker, str],
) -> None:
    """dockercli's volume mounted by a stopped container made by hand: remove() is a
    ConflictError, the with block and cleanup leave it (podman's --force would have
    removed that container), and the container is still there."""
    _, docker, image = client
    name = _name("held")
    hand = f"{name}-hand"
    try:
        with docker.create_volume(VolumeOptions(name=name)) as vol:
            docker.command("run", "--name", hand, "-v", f"{name}:/data", image, "true")
            with pytest.raises(ConflictError, match="volume"):
                vol.remove()
        report = docker.cleanup(prefix=name, images=False, running=True)
        assert [n for n, _ in report.volumes_left] == [name]
        assert docker.volume(name).name == name
        assert docker.command("inspect", "--format", "{{.Name}}", hand).stdout.strip("/\n") == hand
    finally:
        docker.call(docker.session.rm([hand], force=True), ok_codes=range(256))  # podman: at once
        docker.command("volume", "rm", name, ok_codes=range(256))
