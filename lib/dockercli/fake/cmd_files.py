"""``diff`` and ``export``: a container's filesystem, as far as the fake knows it.

The fake knows a container's files when ``docker cp`` put them there (its own layer) or
its image was committed with them; and the directories every container of its images has:
``/`` and ``/bin`` (busybox) and ``/etc`` (where the engine writes hosts, hostname and
resolv.conf). ``diff`` reports the paths ``cp`` added or changed and their directories:
``C`` for one the image (or the engine, for /etc) has, ``A`` for one ``cp`` made; podman
also reports ``C /etc`` once the container has started, as it does. Where a change could
come from something the fake does not know (an uninterpreted program that ran, a working
directory or mount point docker's engine made and the image may have had) it refuses with
exit 125. ``export`` writes a real tar: the engine's own entries (/etc/hosts, /dev, ...),
the directories the fake knows and the files it knows, none of the image's other files.
"""

# ruff: noqa: PLC0415 - tarfile and io are imported where needed

from __future__ import annotations

import posixpath

from dockercli.fake import failure, model, refs, store
from dockercli.fake.cmd_cp import KNOWN_DIRS, TYPE_BITS, keep_type_bits

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, File, State


def _lower(state: State, ctr: Container) -> set[str]:
    """The paths the container's image (and the engine's init layer) has, as far as known."""
    known = set(KNOWN_DIRS)
    for path in ctr.get("image_files") or {}:
        known.add(path)
        known.update(_parents(path))
    image = state["images"].get(ctr["image"])
    if image and image["config"].get("WorkingDir"):  # a build's WORKDIR made it
        known.add(posixpath.normpath(image["config"]["WorkingDir"]))
    return known


def _parents(path: str) -> list[str]:
    """``/a/b/c`` -> ``/a/b``, ``/a`` (never ``/``)."""
    out = []
    parent = posixpath.dirname(path)
    while parent not in ("/", ""):
        out.append(parent)
        parent = posixpath.dirname(parent)
    return out


def changes(state: State, at_start: tuple[str, ...], ctr: Container) -> list[str]:
    """``KIND PATH`` lines of the container's layer, sorted by path (``at_start``: what
    the engine changes in every container it has started)."""
    lower = _lower(state, ctr)
    kinds: dict[str, str] = {}
    for path in ctr.get("files") or {}:
        for p in [path, *_parents(path)]:
            kinds[p] = "C" if p in lower else "A"
    if ctr["runs"]:
        for p in at_start:
            kinds.setdefault(p, "C")
    return [f"{kinds[p]} {p}" for p in sorted(kinds)]


def _refuse_unknown(c: Ctx, state: State, ctr: Container) -> None:
    """What the fake cannot know of a container's layer: exit 125."""
    if ctr["runs"] and not ctr["script"].get("known", True):
        raise failure.not_modelled(
            f"diff of a container whose program ({ctr['path']}) the fake does not interpret: "
            "what it wrote is unknown"
        )
    if not c.d.makes_engine_dirs:
        return
    lower = _lower(state, ctr)
    made = [ctr["config"].get("WorkingDir") or "/"]
    if ctr["runs"]:  # docker's engine makes mount points in the layer when it starts one
        made += [m["Destination"] for m in ctr.get("mounts", [])]
        made += list(ctr["host"].get("Tmpfs") or {})
    for path in made:
        if posixpath.normpath(path) not in lower:
            raise failure.not_modelled(
                f"diff of a container whose engine made {path}: whether its image has that "
                "directory the fake cannot know"
            )


def diff(c: Ctx) -> int:
    """``docker diff CONTAINER``: the paths ``cp`` added or changed (see the module)."""
    if len(c.args) > 1:
        raise failure.not_modelled("podman diff of two containers or images")
    for flag in ("format", "latest"):
        if c.flag(flag):
            raise failure.not_modelled(f"diff --{flag}")
    state = store.load(c.state_dir)
    ref = c.args[0]
    cid = refs.find_container(model.view(state, store.now_ns()), ref)
    if not cid:
        if c.d.diffs_images and refs.find_image(c.d, state, ref):
            raise failure.not_modelled("podman diff of an image")
        raise c.d.diff_missing(ref)
    ctr = state["containers"][cid]
    _refuse_unknown(c, state, ctr)
    c.io.out("".join(line + "\n" for line in changes(state, c.d.changed_at_start, ctr)))
    return 0


# -- export ----------------------------------------------------------------------------


def export(c: Ctx) -> int:
    """``docker export [--output PATH] CONTAINER``: a tar of what the fake knows."""
    import posix

    output = c.flag("output")
    if not output and posix.isatty(1):
        raise c.d.export_to_terminal()
    if output and c.d.export_checks_path_first:
        _check_output(c, output)
    state = store.load(c.state_dir)
    ref = c.args[0]
    cid = refs.find_container(model.view(state, store.now_ns()), ref)
    if not cid:
        raise c.d.no_such_container(ref, "export")
    if output and not c.d.export_checks_path_first:
        _check_output(c, output)
    data = _tar(c, state["containers"][cid])
    if not output:
        c.io.out_bytes(data)
        return 0
    _write(output, data)
    return 0


def _check_output(c: Ctx, output: str) -> None:
    import os

    directory = os.path.dirname(os.path.normpath(output))
    if directory not in ("", ".") and not os.path.exists(directory):
        raise c.d.export_no_dir(directory, output)
    if os.path.isdir(output):
        raise failure.not_modelled(f"export --output {output}: a directory")


def _write(output: str, data: bytes) -> None:
    """Write the tar beside its place, then rename it there (as docker's client does)."""
    import os

    tmp = os.path.join(os.path.dirname(os.path.abspath(output)), f".fake_export_{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, output)
    except OSError as exc:
        raise failure.not_modelled(f"export to {output} ({exc.strerror or exc})") from None


def _tar(c: Ctx, ctr: Container) -> bytes:
    """The tar of the engine's entries, the known directories and the known files, in
    the depth-first order of the real walk."""
    import base64
    import io
    import tarfile

    created = ctr["created"] // 1_000_000_000
    entries: dict[str, File] = {
        name: {"type": kind, "mode": mode, "data": "", "target": target}
        for name, kind, mode, target in c.d.export_skeleton(started=bool(ctr["runs"]))
    }
    entries.setdefault("bin", {"type": "5", "mode": 0o755, "data": "", "target": ""})
    for path, f in model.all_files(ctr).items():
        name = path.lstrip("/")
        for parent in _parents(path):
            entries.setdefault(
                parent.lstrip("/"), {"type": "5", "mode": 0o755, "data": "", "target": ""}
            )
        entries[name] = f
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(entries, key=lambda n: n.split("/")):
            f = entries[name]
            info = tarfile.TarInfo(name)
            info.type = f["type"].encode()
            info.mode = f["mode"] | TYPE_BITS[f["type"]]
            info.mtime = f.get("mtime", created)
            info.uname = info.gname = c.d.tar_owner
            data = base64.b64decode(f["data"]) if f["type"] == "0" else b""
            info.size = len(data)
            info.linkname = f["target"]
            tar.addfile(info, io.BytesIO(data) if f["type"] == "0" else None)
            keep_type_bits(buf, info.size, info.mode)
    return buf.getvalue()
