"""What dockercli made, and so may remove: the label it builds with, and the rule for images.

dockercli removes only what it created. Containers carry the session labels
(``_session``); images it builds carry one label, ``dockercli.built``, set with
``--label``. Its value is JSON:

- ``build``: a digest of the build's own argv (context, Dockerfile, tags, args, labels).
  The same build gives the same value, so a rebuild still hits the cache; a different
  build gives another, so the image's ID is never one the user built by hand (a
  Dockerfile that is only ``FROM base:1`` gives a new image, not ``base:1``'s ID).
- ``tags``: the tags the build applied, so a cleanup untags only those and never a tag
  the user added with ``docker tag``.
- ``labels``: the keys of the build's other labels. The legacy builder applies each
  ``--label`` as a step of its own, so its hidden intermediate images carry some of
  them; only an image that carries them all is a build's result.

Labels are inherited: an image built by hand ``FROM`` a dockercli image carries the same
value. Such a child is younger than its parent and holds the parent's layers as a prefix
of its own, so :func:`owned` takes an image as dockercli's only when no older result of
the same build is its ancestor in that sense.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from dockercli.models import ImageInfo

BUILT_LABEL = "dockercli.built"
_EPOCH = datetime.min.replace(tzinfo=timezone.utc)


def build_label(argv: Sequence[str], tags: Sequence[str], labels: Iterable[str]) -> str:
    """The value of :data:`BUILT_LABEL` for a build: its argv's digest, tags, label keys."""
    digest = hashlib.sha256("\0".join(argv).encode()).hexdigest()[:16]
    mark = {"build": digest, "tags": list(tags), "labels": sorted(labels)}
    return json.dumps(mark, separators=(",", ":"))


def _mark(info: ImageInfo) -> dict[str, Any] | None:
    try:
        mark = json.loads(info.labels.get(BUILT_LABEL) or "null")
    except ValueError:
        return None
    return mark if isinstance(mark, dict) and isinstance(mark.get("build"), str) else None


def _result(info: ImageInfo) -> str | None:
    """The build digest when ``info`` is a whole result of a dockercli build, else None."""
    mark = _mark(info)
    if mark is None or not all(k in info.labels for k in mark.get("labels") or ()):
        return None
    return str(mark["build"])


def is_build_result(info: ImageInfo) -> bool:
    """True for the whole result of a dockercli build (not one of its step images)."""
    return _result(info) is not None


def normal_ref(ref: str) -> str:
    """A tag as the engine lists it: ``:latest`` added, docker.io's default prefixes dropped."""
    name, _, digest = ref.partition("@")
    if digest:
        return ref
    last = name.rsplit("/", 1)[-1]
    if ":" not in last:
        name += ":latest"
    for prefix in ("docker.io/library/", "docker.io/", "index.docker.io/library/"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def same_ref(ours: str, listed: str) -> bool:
    """True when the engine's ``listed`` tag is the tag ``ours`` (podman adds ``localhost/``)."""
    mine, theirs = normal_ref(ours), normal_ref(listed)
    return theirs in (mine, f"localhost/{mine}")


def ours_among(tags: Iterable[str], listed: Iterable[str]) -> list[str]:
    """The engine's tags of an image (``listed``) that are among ``tags``."""
    mine = tuple(tags)
    return [t for t in listed if any(same_ref(m, t) for m in mine)]


def _layers(info: ImageInfo) -> tuple[str, ...]:
    rootfs = info.raw.get("RootFS")
    layers = rootfs.get("Layers") if isinstance(rootfs, dict) else None
    return tuple(str(x) for x in layers) if isinstance(layers, list) else ()


def descends(child: ImageInfo, parent: ImageInfo) -> bool:
    """True when ``child`` was built on ``parent``: younger, its layers start with parent's."""
    older = (parent.created or _EPOCH) < (child.created or _EPOCH)
    theirs, mine = _layers(parent), _layers(child)
    return older and mine[: len(theirs)] == theirs


def owned(candidates: Iterable[ImageInfo], peers: Iterable[ImageInfo]) -> list[ImageInfo]:
    """The candidates dockercli built: results of its builds, not children of older ones.

    ``peers`` are the images carrying :data:`BUILT_LABEL` (``images --all --filter
    label=dockercli.built``); a candidate that an older result of the same build is an
    ancestor of (its layers start with that image's) was built from it by someone else.
    """
    results = [(p, _result(p)) for p in peers]
    found = []
    for info in candidates:
        build = _result(info)
        if build is None:
            continue
        if any(p.id != info.id and b == build and descends(info, p) for p, b in results):
            continue
        found.append(info)
    return found


def built_tags(info: ImageInfo) -> list[str]:
    """The tags dockercli's build applied to this image."""
    mark = _mark(info) or {}
    tags = mark.get("tags")
    return [str(t) for t in tags] if isinstance(tags, list) else []
