"""The tar streams of ``docker cp``: one file packed for ``copy_to``, and what
``copy_from`` receives read back as one file's bytes or extracted under a host path.

Extraction trusts nothing in the archive (the container's side may be hostile): every
member must land under the destination (no absolute names, no ``..``, nothing written
through a link, no hard link but to a file the archive wrote, no device or FIFO), and the
whole archive is checked before anything is written. Symbolic links are made as they are
(a link writes nothing where it points). Modes keep their permission bits only (no
setuid, setgid or sticky).
"""

from __future__ import annotations

import io
import os
import posixpath
import tarfile
from pathlib import Path

from dockercli.errors import InvalidOptionError, UnsafeCopyError

_PERMISSIONS = 0o777


def one_file(name: str, data: bytes, mode: int) -> bytes:
    """A tar stream holding one regular file ``name`` with ``data`` and ``mode``."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size, info.mode = len(data), mode & _PERMISSIONS
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _members(data: bytes, source: str) -> tuple[tarfile.TarFile, list[tarfile.TarInfo]]:
    try:
        tar = tarfile.open(fileobj=io.BytesIO(data), mode="r:")  # noqa: SIM115 - the caller closes it
        return tar, tar.getmembers()
    except tarfile.TarError as error:
        raise UnsafeCopyError(
            f"the copy of {source} is not a readable tar stream: {error}"
        ) from None


def file_bytes(data: bytes, source: str) -> bytes:
    """The content of the one regular file the archive of ``source`` holds."""
    tar, members = _members(data, source)
    with tar:
        if len(members) != 1 or not members[0].isfile():
            kind = "a directory" if members and members[0].isdir() else "not one regular file"
            raise InvalidOptionError(
                f"copy_from({source!r}) without dest returns one file's bytes, and "
                f"{source} is {kind}: give dest= (a host path) to copy it there"
            )
        handle = tar.extractfile(members[0])
        return handle.read() if handle is not None else b""


def _inside(name: str) -> bool:
    """Whether archive path ``name`` (relative) stays under the destination."""
    path = posixpath.normpath(posixpath.join("/dest", name))
    return path == "/dest" or path.startswith("/dest/")


def _unsafe(member: tarfile.TarInfo, name: str, links: set[str], files: set[str]) -> bool:
    """Whether writing ``member`` as ``name`` could touch anything outside the
    destination: an absolute name or '..', a path through a link the archive made, a
    hard link to anything but a file already written, or a device or FIFO. A symbolic
    link is made as it is (it writes nothing where it points; nothing is written
    through it)."""
    parts = name.split("/")
    if name.startswith("/") or ".." in parts or not _inside(name):
        return True
    if any("/".join(parts[:i]) in links for i in range(1, len(parts))):
        return True
    if member.islnk():
        return member.linkname.rstrip("/") not in files
    return not (member.isfile() or member.isdir() or member.issym())


def _checked(
    members: list[tarfile.TarInfo], rename: str | None, source: str
) -> list[tuple[tarfile.TarInfo, str]]:
    """Each member with its path under the destination; UnsafeCopyError for the first
    one that could land outside it."""
    placed = []
    links: set[str] = set()
    files: dict[str, str] = {}  # archive name -> placed name, for hard links
    for member in members:
        name = _renamed(member.name, rename)
        if _unsafe(member, name, links, set(files)):
            raise UnsafeCopyError(
                f"the copy of {source} holds {member.name!r}, which could land outside the "
                "destination (an absolute path, '..', a link out, a device): nothing was written"
            )
        if member.issym():
            links.add(name)
        if member.isfile():
            files[member.name.rstrip("/")] = name
        if member.islnk():  # written as a copy of the file it links to
            placed.append((member.replace(linkname=files[member.linkname.rstrip("/")]), name))
        else:
            placed.append((member, name))
    return placed


def _renamed(name: str, rename: str | None) -> str:
    """An archive path under the destination: the archive's top entry becomes ``rename``
    (the destination itself) when one is given."""
    name = name.rstrip("/")
    if rename is None:
        return name
    rest = name.partition("/")[2]
    return posixpath.join(rename, rest) if rest else rename


def extract(data: bytes, dest: Path, source: str) -> None:
    """Write the archive of ``source`` under ``dest`` as ``docker cp`` would: into an
    existing directory ``dest``, else as ``dest`` itself (its parent must exist)."""
    tar, members = _members(data, source)
    with tar:
        into_dir = dest.is_dir()
        if not into_dir and not dest.parent.is_dir():
            raise InvalidOptionError(f"copy_from dest {dest}: its directory does not exist")
        base = dest if into_dir else dest.parent
        placed = _checked(members, None if into_dir else dest.name, source)
        root = os.path.realpath(base)
        for member, name in placed:
            target = base / name
            parent = os.path.realpath(target.parent)
            if parent != root and not parent.startswith(root + os.sep):  # a link already there
                raise UnsafeCopyError(f"copy_from {source}: {name!r} would land in {parent}")
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                os.chmod(target, (member.mode & _PERMISSIONS) | 0o700)
            elif member.issym():
                if target.is_symlink() or target.exists():
                    target.unlink()
                os.symlink(member.linkname, target)
            elif member.islnk():
                if target.is_symlink():
                    target.unlink()
                target.write_bytes((base / member.linkname).read_bytes())
                os.chmod(target, member.mode & _PERMISSIONS)
            else:
                handle = tar.extractfile(member)
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_symlink():
                    target.unlink()  # never write through a link
                target.write_bytes(handle.read() if handle is not None else b"")
                os.chmod(target, member.mode & _PERMISSIONS)
