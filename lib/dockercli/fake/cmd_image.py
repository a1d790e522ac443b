"""``tag``, ``rmi`` and ``pull`` (the fake has no registry: pulls fail as offline)."""

from __future__ import annotations

from dockercli.fake import dialect, model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State


def _with_tag(ref: str) -> str:
    _name, tag, digest = refs.split(ref)
    return ref if (tag or digest) else ref + ":latest"


def tag(c: Ctx) -> int:
    """``docker tag SOURCE TARGET``: point TARGET at SOURCE's image."""
    source, targets = c.args[0], c.args[1:]
    for target in targets:
        problem = refs.error_text(c.d, target)
        if problem:
            raise c.d.bad_tag(target, problem)
    with store.Locked(c.state_dir) as state:
        iid = refs.find_image(c.d, state, source)
        if not iid:
            raise c.d.no_such_image(source, "tag")
        for target in targets:
            state["tags"][refs.normalize(c.d, target)] = iid
        state["images"][iid]["tagged"] = store.now_ns()
    return 0


def rmi(c: Ctx) -> int:
    """``docker rmi``: untag, and delete the image once no tag and no container needs it.

    Every client goes on past a ref it cannot remove and reports it on stderr (podman
    4.3.1 too: recorded by hand, ``podman rmi a nope b`` untags ``a`` and ``b``); the exit
    status is 1, or podman's 2 when an image was in use.
    """
    force = bool(c.flag("force"))
    status = 0
    with store.Locked(c.state_dir) as state:
        containers = model.view(state, store.now_ns())
        for ref in c.args:
            problem = (
                refs.error_text(c.d, ref) if not refs.is_hex(ref.removeprefix("sha256:")) else ""
            )
            if problem and not refs.find_image(c.d, state, ref):
                c.io.err(c.d.rmi_bad_reference(problem))
                status = max(status, 1)
                continue
            iid = refs.find_image(c.d, state, ref)
            if not iid:
                if force and c.d.force_ignores_missing:
                    continue
                c.io.err(c.d.no_such_image(ref, "rmi").stderr)
                status = max(status, 0 if force else 1)
                continue
            try:
                c.io.out(_remove(c, state, containers, ref, iid, force))
            except dialect.FakeError as exc:
                c.io.err(exc.stderr)
                status = max(status, exc.code)  # docker's are all 1; podman's in use is 2
    return status


def _remove(  # noqa: PLR0912, PLR0917 - one branch per case keeps the mapping readable
    c: Ctx, state: State, containers: dict[str, Any], ref: str, iid: str, force: bool
) -> str:
    key = refs.normalize(c.d, ref)
    tags = [t for t, i in state["tags"].items() if i == iid]
    users = [x for x in containers.values() if x["image"] == iid]
    by_tag = key in tags
    short = iid[:12]
    lines: list[str] = []
    if c.d.engine == "libpod":  # podman's own removal rules, not dockerd's
        if by_tag and len(tags) > 1:  # podman untags even an image in use
            del state["tags"][key]
            return f"Untagged: {refs.display(c.d, key)}\n"
        if users and not force:
            raise dialect.FakeError(
                f"Error: image used by {users[0]['id']}: image is in use by a container: consider "
                "listing external containers and force-removing image\n",
                2,
            )
        for user in users:
            model.forget(state, user)
        for t in tags:
            del state["tags"][t]
            lines.append(f"Untagged: {refs.display(c.d, t)}\n")
        parent = state["images"].pop(iid).get("parent", "")
        lines.append(f"Deleted: {iid}\n")
        return "".join(lines) + _prune(c, state, containers, parent)
    running = [x for x in users if x["status"] == "running"]
    if by_tag and (len(tags) > 1 or (force and users)):
        del state["tags"][key]
        return f"Untagged: {key}\n"
    if by_tag and users:
        raise dialect.FakeError(
            dialect.daemon(
                f'conflict: unable to remove repository reference "{ref}" (must force) - container '
                f"{users[0]['id'][:12]} is using its referenced image {short}\n"
            )
        )
    if not by_tag:
        if len(tags) > 1 and not force:
            raise dialect.FakeError(
                dialect.daemon(
                    f"conflict: unable to delete {short} (must be forced) - image is referenced in "
                    "multiple repositories\n"
                )
            )
        if running:
            raise dialect.FakeError(
                dialect.daemon(
                    f"conflict: unable to delete {short} (cannot be forced) - "
                    "image is being used by "
                    f"running container {running[0]['id'][:12]}\n"
                )
            )
        if users and not force:
            raise dialect.FakeError(
                dialect.daemon(
                    f"conflict: unable to delete {short} (must be forced) - image is being used by "
                    f"stopped container {users[0]['id'][:12]}\n"
                )
            )
    children = [i for i, img in state["images"].items() if img.get("parent") == iid]
    if children and not by_tag and not tags:
        raise dialect.FakeError(
            dialect.daemon(
                f"conflict: unable to delete {short} (cannot be forced) - "
                "image has dependent child images\n"
            )
        )
    for t in tags:
        del state["tags"][t]
        lines.append(f"Untagged: {t}\n")
    if not children:
        parent = state["images"].pop(iid).get("parent", "")
        lines.append(f"Deleted: sha256:{iid}\n")
        lines.append(_prune(c, state, containers, parent))
    return "".join(lines)


def _prune(c: Ctx, state: State, containers: dict[str, Container], parent: str) -> str:
    """Delete the untagged parents nothing else needs, as the engine does without --no-prune."""
    lines = []
    while parent and not c.flag("no-prune") and parent in state["images"]:
        tagged = any(i == parent for i in state["tags"].values())
        children = any(img.get("parent") == parent for img in state["images"].values())
        used = any(x["image"] == parent for x in containers.values())
        if tagged or children or used:
            break
        grand = state["images"].pop(parent).get("parent", "")
        lines.append(f"Deleted: {c.d.image_id_prefix}{parent}\n")
        parent = grand
    return "".join(lines)


def pull(c: Ctx) -> int:
    """``docker pull``: the fake has no registry, so every pull fails like an offline engine."""
    ref = c.args[0]
    problem = refs.error_text(c.d, ref)
    if problem:
        raise c.d.bad_reference(problem)
    if not c.flag("quiet") and _with_tag(ref) != ref:
        c.io.out(c.d.default_tag_note)
    raise c.d.offline_pull(_with_tag(ref))
