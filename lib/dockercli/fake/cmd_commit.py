"""``commit``: a new image from a container.

The image is the container's image plus what the fake knows of the container's layer (the
files ``docker cp`` put there: a container run from the image has them) and its config as
each engine commits it: docker's engine takes the container's config (its env, command,
labels, user, working directory ...) and applies the ``--change`` instructions; podman
starts from the image's and takes the container's env (with its TERM and container
variables), command, labels, ports, user and working directory, then the changes, and adds
its ``io.buildah.version`` label. ``--message`` and ``--author`` are kept as the image's
Comment and Author (podman keeps a message in docker's format only).
"""

from __future__ import annotations

from dockercli.fake import changes, failure, lifecycle, model, refs, render, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, Image, State

BUILDAH_VERSION = "1.28.2"  # the buildah podman 4.3.1 commits with (buildah.py's)
_PODMAN_ENV = ("TERM=xterm", "container=podman")  # what podman adds to every container


def _check_ref(c: Ctx, ref: str) -> None:
    problem = refs.error_text(c.d, ref)
    if problem:
        raise c.d.commit_bad_ref(problem)
    if refs.split(ref)[2]:
        raise c.d.commit_digest_ref()


def commit(c: Ctx) -> int:
    """``docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]``: print the new image's ID."""
    for flag in ("iidfile", "include-volumes", "squash"):
        if c.flag(flag):
            raise failure.not_modelled(f"commit --{flag}")
    message, fmt = str(c.flag("message") or ""), c.flag("format")
    refused = c.d.commit_format_refused(fmt, message)
    if refused is not None:
        raise refused
    ref = c.args[1] if len(c.args) > 1 else ""
    if ref and c.d.commit_checks_ref_first:
        _check_ref(c, ref)
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        cid = refs.find_container(model.view(state, store.now_ns()), c.args[0])
        if not cid:
            raise c.d.no_such_container(c.args[0], "commit")
        if ref and not c.d.commit_checks_ref_first:
            _check_ref(c, ref)
        ctr = state["containers"][cid]
        try:
            config = _config(c, state, ctr)
        except changes.ChangeError as exc:
            raise c.d.commit_refused(str(exc)) from None
        image = _image(c, state, ctr, config, fmt)
        state["images"][image["id"]] = image
        if ref:
            state["tags"][refs.normalize(c.d, ref)] = image["id"]
    quiet = bool(c.flag("quiet"))
    c.io.err(c.d.commit_said(image["id"], image["layers"], quiet=quiet, message=message))
    c.io.out(c.d.commit_id(image["id"]))
    return 0


def _config(c: Ctx, state: State, ctr: Container) -> dict[str, Any]:
    """The new image's config, as the dialect's engine commits it."""
    given = [str(x) for x in c.flag("change") or []]
    if not c.d.commits_from_image_config:
        if not given:
            return dict(ctr["config"])
        return changes.on_container_config(ctr["config"], given)
    return changes.on_image_config(_podman_base(state, ctr), given)


def _podman_base(state: State, ctr: Container) -> dict[str, Any]:
    """What podman commits of a container before the changes: the image's config with the
    container's env, command, ports, user, working directory and labels."""
    image = state["images"].get(ctr["image"])
    icfg: dict[str, Any] = dict(image["config"]) if image else {}
    cfg = ctr["config"]
    own = {e.partition("=")[0] for e in icfg.get("Env") or []}
    env = list(cfg.get("Env") or [])
    ordered = [e for e in env if e.partition("=")[0] in own]  # the image's first, as in its spec
    ordered += [e for e in _PODMAN_ENV if e.partition("=")[0] not in own]
    ordered += [e for e in env if e.partition("=")[0] not in own]
    labels = {**(cfg.get("Labels") or {}), "io.buildah.version": BUILDAH_VERSION}
    return {
        **icfg,
        "User": cfg.get("User") or "",
        "ExposedPorts": dict(cfg.get("ExposedPorts") or {}) or None,
        "Env": ordered,
        "Entrypoint": cfg.get("Entrypoint"),
        "Cmd": cfg.get("Cmd"),
        "WorkingDir": cfg.get("WorkingDir") or "/",
        "Labels": labels,
    }


def _image(c: Ctx, state: State, ctr: Container, config: dict[str, Any], fmt: Any) -> Image:
    """The image record: the container's image, one layer more (the files it knows)."""
    now = store.now_ns()
    iid = store.new_id()
    base = state["images"].get(ctr["image"])
    files = model.all_files(ctr)
    added = sum(len(text) for text in model.texts(ctr.get("files") or {}).values())
    image: Image = {
        "id": iid,
        "parent": ctr["image"] if base else "",
        "created": now,
        "size": (base["size"] if base else 0) + added,
        "config": config,
        "layers": [*(base["layers"] if base else []), render.derived("commit" + iid)],
        "parent_step": "",
        "container": ctr["id"],
        "history": [*(base["history"] if base else []), "/bin/sh"],
        "last_step": "",
        "tagged": now,
        "comment": str(c.flag("message") or ""),
        "author": str(c.flag("author") or ""),
        "container_config": dict(ctr["config"]),
    }
    if files:
        image["files"] = files
    if fmt == "docker":
        image["manifest"] = "docker"
    return image
