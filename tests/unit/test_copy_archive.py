"""The tar streams of copy_to/copy_from: one file packed, one file read back, a directory
written as docker cp writes it, and hostile archives refused before anything is written."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from dockercli import InvalidOptionError, UnsafeCopyError
from dockercli._copy import extract, file_bytes, one_file


def _tar(*members: tuple[str, bytes, str]) -> bytes:
    """A tar of (name, content, kind) members; kind: file, dir, sym:T, hard:T or fifo."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data, kind in members:
            info = tarfile.TarInfo(name)
            if kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o755
            elif kind.startswith("sym:"):
                info.type, info.linkname = tarfile.SYMTYPE, kind[4:]
            elif kind.startswith("hard:"):
                info.type, info.linkname = tarfile.LNKTYPE, kind[5:]
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
            else:
                info.size, info.mode = len(data), 0o4755  # setuid: must not survive
            tar.addfile(info, io.BytesIO(data) if kind == "file" else None)
    return buf.getvalue()


def test_one_file_round_trips_with_its_mode() -> None:
    """A packed file reads back as the same bytes, its mode kept to permission bits."""
    packed = one_file("app.ini", b"port = 8080\n", 0o4640)
    assert file_bytes(packed, "/etc/app.ini") == b"port = 8080\n"
    with tarfile.open(fileobj=io.BytesIO(packed)) as tar:
        (member,) = tar.getmembers()
    assert (member.name, member.mode) == ("app.ini", 0o640)


def test_a_directory_is_not_one_files_bytes() -> None:
    """Reading a directory's archive as bytes is refused, saying to give dest."""
    with pytest.raises(InvalidOptionError, match="give dest"):
        file_bytes(_tar(("data", b"", "dir"), ("data/a", b"x", "file")), "/data")


def test_a_directory_lands_in_an_existing_dir_or_as_the_new_name(tmp_path: Path) -> None:
    """Into an existing directory the archive keeps its top name; to a new path the top
    entry becomes that path; a relative link is made as it is; setuid is dropped."""
    archive = _tar(
        ("data", b"", "dir"), ("data/note", b"kept\n", "file"), ("data/link", b"", "sym:note")
    )
    extract(archive, tmp_path, "/srv/data")
    assert (tmp_path / "data" / "note").read_bytes() == b"kept\n"
    assert (tmp_path / "data" / "link").readlink() == Path("note")
    assert (tmp_path / "data" / "note").stat().st_mode & 0o7777 == 0o755
    extract(archive, tmp_path / "copy", "/srv/data")
    assert (tmp_path / "copy" / "note").read_bytes() == b"kept\n"


def test_a_hard_link_is_written_as_a_copy_of_its_file(tmp_path: Path) -> None:
    """A hard link to a file the archive wrote becomes a copy of that file."""
    extract(_tar(("a", b"same\n", "file"), ("b", b"", "hard:a")), tmp_path, "/x")
    assert (tmp_path / "b").read_bytes() == b"same\n"


@pytest.mark.parametrize(
    "members",
    [
        [("/etc/evil", b"x", "file")],
        [("../evil", b"x", "file")],
        [("d/../../evil", b"x", "file")],
        [("out", b"", "sym:/"), ("out/evil", b"x", "file")],
        [("up", b"", "sym:.."), ("up/evil", b"x", "file")],
        [("h", b"", "hard:/etc/passwd")],
        [("p", b"", "fifo")],
    ],
    ids=[
        "absolute",
        "dotdot",
        "nested-dotdot",
        "through-abs-link",
        "through-up-link",
        "hard-out",
        "fifo",
    ],
)
def test_a_hostile_archive_writes_nothing(
    tmp_path: Path, members: list[tuple[str, bytes, str]]
) -> None:
    """An archive with a member that could land outside dest is refused whole: nothing
    at all is written, not even its harmless members."""
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(UnsafeCopyError):
        extract(_tar(("fine", b"ok", "file"), *members), dest, "/srv")
    assert list(dest.iterdir()) == []
    assert not (tmp_path / "evil").exists()


def test_a_link_already_in_dest_is_not_written_through(tmp_path: Path) -> None:
    """A link that was in dest before (pointing out) is not followed by a member."""
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "sub").symlink_to(outside)
    with pytest.raises(UnsafeCopyError):
        extract(_tar(("sub/evil", b"x", "file")), dest, "/srv")
    assert list(outside.iterdir()) == []
