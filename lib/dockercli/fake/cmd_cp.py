"""``docker cp``: files kept in the container's record.

What ``cp`` puts into a container (a tar stream on stdin, or a host file or directory)
is kept in its record; ``cp CONTAINER:PATH -`` gives it back as a tar stream, and the
container's ``cat`` reads it. The fake knows no other file of a container: the image's
files and what its programs write are not modelled, so a copy out of anything else, or
into a directory the fake cannot know exists, fails with exit 125 rather than pretend.
"""

# ruff: noqa: PLC0415 - sibling modules and tarfile are imported where needed

from __future__ import annotations

import posixpath

from dockercli.fake import failure, model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    import io
    import tarfile

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, File, State

# Directories every container of the fake's images has (its busybox images: / and /bin;
# every container: /etc, where the engine writes hosts, hostname and resolv.conf).
KNOWN_DIRS = ("/", "/bin", "/etc")
TYPE_BITS = {"0": 0o100000, "5": 0o040000, "2": 0o120000}  # a tar member's mode's type


def _end(text: str) -> tuple[str, str] | None:
    """``(container ref, path)`` of a ``CONTAINER:PATH`` end, None for a host one."""
    ref, colon, path = text.partition(":")
    if not colon or text == "-" or ref.startswith(("/", ".")):
        return None
    return ref, path


def _dirs(ctr: Container) -> set[str]:
    """The directories the fake knows the container has."""
    files = model.all_files(ctr)
    known = set(KNOWN_DIRS) | {p for p, f in files.items() if f["type"] == "5"}
    known.add(ctr["config"].get("WorkingDir") or "/")
    known.update(m["Destination"] for m in ctr.get("mounts", []))
    return known


def cp(c: Ctx) -> int:
    """``docker cp SRC DEST``: a tar stream or a host path into a container, or a
    container's copied files out as a tar stream."""
    if c.flag("follow-link") or c.flag("archive"):
        raise failure.not_modelled("cp --follow-link or --archive")
    source, dest = c.args
    src_end, dest_end = _end(source), _end(dest)
    if (src_end is None) == (dest_end is None):
        raise failure.not_modelled("cp between two containers or two host paths")
    if dest_end is not None:
        return _copy_in(c, source, *dest_end)
    assert src_end is not None
    if dest != "-":
        raise failure.not_modelled("cp CONTAINER:PATH HOST_PATH (only to a tar stream, '-')")
    return _copy_out(c, *src_end)


def _container(c: Ctx, state: State, ref: str, path: str) -> Container:
    cid = refs.find_container(state["containers"], ref)
    if not cid:
        raise c.d.cp_no_container(ref, path)
    return state["containers"][cid]


# -- in ------------------------------------------------------------------------------


def _copy_in(c: Ctx, source: str, ref: str, path: str) -> int:
    from dockercli.fake import lifecycle

    if source == "-":
        members = _read_tar(lifecycle.read_stdin().encode("utf-8", "surrogateescape"))
    else:
        members = _read_host(c, source)
    path = posixpath.normpath(path) if path else "/"
    with store.Locked(c.state_dir) as state:
        ctr = _container(c, state, ref, path)
        dirs = _dirs(ctr)
        if source == "-":  # a stream goes into a directory
            if path not in dirs:
                if _under_known(path, dirs):
                    raise c.d.cp_not_a_directory(ref, path)
                raise failure.not_modelled(f"cp into {path}: the fake does not know that directory")
            base = path
        elif path in dirs:  # a host path goes into a directory, or becomes the path
            base = path
        elif posixpath.dirname(path) in dirs:
            base, members = posixpath.dirname(path), _renamed(members, posixpath.basename(path))
        else:
            raise failure.not_modelled(f"cp to {path}: the fake does not know its directory")
        files = dict(ctr.get("files") or {})
        for name, entry in members:
            files[posixpath.normpath(posixpath.join(base, name))] = entry
        ctr["files"] = files
    return 0


def _under_known(path: str, dirs: set[str]) -> bool:
    """Whether ``path``'s parent is a directory the fake knows (so ``path`` itself is
    known to be missing, as far as dockercli's copies go)."""
    return posixpath.dirname(path) in dirs and path not in dirs


def _renamed(members: list[tuple[str, File]], name: str) -> list[tuple[str, File]]:
    out = []
    for member, entry in members:
        rest = member.partition("/")[2]
        out.append((posixpath.join(name, rest) if rest else name, entry))
    return out


def _read_tar(data: bytes) -> list[tuple[str, File]]:
    import io
    import tarfile

    out: list[tuple[str, File]] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            for m in tar.getmembers():
                out.append((m.name.rstrip("/"), _entry(m, tar)))
    except tarfile.TarError as exc:
        raise failure.not_modelled(f"cp of a stream that is not a tar ({exc})") from None
    return out


def _entry(m: tarfile.TarInfo, tar: tarfile.TarFile) -> File:
    import base64

    if not (m.isfile() or m.isdir() or m.issym()):
        raise failure.not_modelled(f"cp of {m.name}: only files, directories and links")
    handle = tar.extractfile(m) if m.isfile() else None
    data = base64.b64encode(handle.read()).decode() if handle is not None else ""
    kind = "0" if m.isfile() else "5" if m.isdir() else "2"
    return {
        "type": kind,
        "mode": m.mode & 0o7777,
        "data": data,
        "target": m.linkname,
        "mtime": int(m.mtime),
    }


def _read_host(c: Ctx, source: str) -> list[tuple[str, File]]:
    import base64
    import os

    if not os.path.lexists(source):
        raise c.d.cp_no_host_path(source)
    top = os.path.basename(source.rstrip("/")) or "/"
    out: list[tuple[str, File]] = []
    for path in [source, *_walk(source)]:
        rel = os.path.relpath(path, source)
        name = top if rel == "." else posixpath.join(top, rel)
        info = os.lstat(path)
        mode, mtime = info.st_mode & 0o7777, int(info.st_mtime)
        entry: File = {"type": "0", "mode": mode, "data": "", "target": "", "mtime": mtime}
        if os.path.islink(path):
            entry["type"], entry["target"] = "2", os.readlink(path)
        elif os.path.isdir(path):
            entry["type"] = "5"
        else:
            with open(path, "rb") as fh:
                entry["data"] = base64.b64encode(fh.read()).decode()
        out.append((name, entry))
    return out


def _walk(top: str) -> list[str]:
    import os

    if os.path.islink(top) or not os.path.isdir(top):
        return []
    found = []
    for root, dirs, files in os.walk(top):
        found += [os.path.join(root, n) for n in sorted(dirs + files)]
    return sorted(found)


# -- out -----------------------------------------------------------------------------


def _copy_out(c: Ctx, ref: str, path: str) -> int:
    state = store.load(c.state_dir)
    ctr = _container(c, state, ref, path)
    files = model.all_files(ctr)
    path = posixpath.normpath(path) if path else "/"
    chosen = sorted(p for p in files if p == path or p.startswith(path.rstrip("/") + "/"))
    if not chosen:
        if posixpath.dirname(path) in {p for p, f in files.items() if f["type"] == "5"}:
            raise c.d.cp_no_path(ref, path)  # its directory is one the fake made: known missing
        raise failure.not_modelled(
            f"cp of {path} out of a container: the fake keeps only files copied in"
        )
    parent = posixpath.dirname(path)
    c.io.out_bytes(_write_tar(c, [(posixpath.relpath(p, parent), files[p]) for p in chosen]))
    return 0


def _write_tar(c: Ctx, members: list[tuple[str, File]]) -> bytes:
    import base64
    import io
    import tarfile

    buf = io.BytesIO()
    now = store.now_ns() // 1_000_000_000
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, f in members:
            info = tarfile.TarInfo(name)
            info.type, info.mtime = f["type"].encode(), now
            info.mode = f["mode"] | (TYPE_BITS[f["type"]] if c.d.tar_modes_with_type else 0)
            info.uname = info.gname = c.d.tar_owner
            data = base64.b64decode(f["data"])
            info.size = len(data) if f["type"] == "0" else 0
            info.linkname = f["target"]
            tar.addfile(info, io.BytesIO(data) if f["type"] == "0" else None)
            if c.d.tar_modes_with_type:
                keep_type_bits(buf, info.size, info.mode)
    return buf.getvalue()


def keep_type_bits(buf: io.BytesIO, size: int, mode: int) -> None:
    """Write ``mode`` with its type bits into the header just written to ``buf``, as Go's
    archive/tar does (Python's tarfile keeps only the permission bits)."""
    end = buf.tell()
    start = end - -(-size // 512) * 512 - 512  # the header is before the padded data
    with buf.getbuffer() as view:
        header = bytearray(view[start : start + 512])
        header[100:108] = b"%07o\0" % mode
        header[148:156] = b" " * 8  # a checksum is summed over blanks in its own place
        header[148:156] = b"%06o\0 " % sum(header)
        view[start : start + 512] = header
