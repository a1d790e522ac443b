"""``pause`` and ``unpause``: a paused container stays running, its program's clock stands
still (``model.wall_time``) until it is unpaused, stopped or killed."""

from __future__ import annotations

from dockercli.fake import commands, failure, lifecycle, model, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State


def _found(c: Ctx, command: str, state: State) -> list[tuple[str, Container]]:
    """(ref, container) of each argument; docker reports a missing one and goes on,
    podman looks every one up before it changes any."""
    for flag in ("all", "cidfile", "filter", "latest"):  # podman's ways to choose them
        if c.flag(flag):
            raise failure.not_modelled(f"{command} --{flag}")
    if not c.args:  # only podman gets here: it counts names after its choosing flags
        raise failure.FakeError(f"Error: {commands.BY_TYPED[c.path].podman_no_args}\n", 125)
    found: list[tuple[str, Container]] = []
    for ref in c.args:
        cid = refs.find_container(state["containers"], ref)
        if cid and not model.gone(state["containers"][cid]):
            found.append((ref, state["containers"][cid]))
        else:
            c.report(c.d.no_such_container(ref, command))
    return found


def pause(c: Ctx) -> int:
    """``docker pause``: freeze each running container; print each name as given."""
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref, ctr in _found(c, "pause", state):
            if ctr["status"] != "running" or model.paused(ctr):
                c.report(c.d.pause_refused(ctr["id"], model.state_name(ctr)))
                continue
            ctr.setdefault("pauses", []).append([store.now_ns(), 0])
            c.io.out(ref + "\n")
    return 1 if c.failed else 0


def unpause(c: Ctx) -> int:
    """``docker unpause``: thaw each paused container; print each name as given."""
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref, ctr in _found(c, "unpause", state):
            if not model.paused(ctr):
                c.report(c.d.unpause_refused(ctr["id"]))
                continue
            ctr["pauses"][-1][1] = store.now_ns()
            c.io.out(ref + "\n")
    return 1 if c.failed else 0
