"""Copying files through every client (docker 28, docker 20.10, podman): binary bytes
into a created container and back, and a directory with a link round-tripped."""

from __future__ import annotations

from pathlib import Path

from dockercli import Docker, RunOptions

BLOB = bytes(range(256)) * 32  # every byte value: the tar streams are binary-safe


def test_binary_bytes_go_in_before_the_start_and_come_back(client: tuple[str, Docker, str]) -> None:
    """Bytes copied into a created container are there once it runs (its wc counts them)
    and copy back out unchanged, with the mode given."""
    _, docker, image = client
    box = docker.create(RunOptions(image=image, command=["sh", "-c", "wc -c < /etc/blob"]))
    box.copy_to(BLOB, "/etc/blob", mode=0o600)
    with box:
        assert box.wait() == 0
        assert box.logs().strip() == str(len(BLOB))
        assert box.copy_from("/etc/blob") == BLOB


def test_a_directory_with_a_link_round_trips(
    client: tuple[str, Docker, str], tmp_path: Path
) -> None:
    """A host directory holding a file and a relative link goes in and comes back out
    with both, the link still a link."""
    _, docker, image = client
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "note").write_text("kept\n")
    (tree / "link").symlink_to("note")
    with docker.run(RunOptions(image=image, command=["sleep", "300"])) as box:
        box.copy_to(tree, "/etc")
        assert box.exec(["cat", "/etc/tree/link"]).stdout == "kept\n"
        box.copy_from("/etc/tree", tmp_path / "back")
    assert (tmp_path / "back" / "note").read_text() == "kept\n"
    assert (tmp_path / "back" / "link").readlink() == Path("note")
