"""``update``: change a container's limits and restart policy.

docker's engine checks the new values as it checks run's (6MB minimums, swap above memory,
the host's CPUs), refuses a memory limit above a swap limit it keeps unless the swap moves
too, and keeps what it takes in HostConfig (inspect shows it; a block IO weight it cannot
apply here is discarded with a warning). podman 4.3 applies the limits to the container's
cgroup and keeps none of them: inspect and stats show the old values, as the fake does.

Where the outcome depends on what the fake does not have (cgroup files the kernel may
refuse, podman's runc failures, CFS periods and real-time limits) it exits 125.
"""

from __future__ import annotations

from dockercli.fake import failure, flags, lifecycle, model, refs, settings, store, units

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container

_MIN_MEMORY = 6 * 1024 * 1024  # linuxMinMemory: the engines' smallest limit
_NOT_MODELLED = (
    "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "kernel-memory",
    "blkio-weight-device", "device-read-bps", "device-read-iops", "device-write-bps",
    "device-write-iops", "memory-swappiness",
)  # fmt: skip
_SIZES = ("memory", "memory-reservation", "memory-swap")


def update(c: Ctx) -> int:
    """``docker update [OPTIONS] CONTAINER...``: print each container as the client does."""
    for flag in _NOT_MODELLED:
        if c.flag(flag) is not None:
            raise failure.not_modelled(f"update --{flag}")
    if not c.opts:
        refused = c.d.update_without_flags()
        if refused is not None:
            raise refused
    wanted = _wanted(c)
    warnings: list[str] = []
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        containers = model.view(state, store.now_ns())
        for ref in c.args:
            cid = refs.find_container(containers, ref)
            if not cid:
                c.report(c.d.no_such_container(ref, "update"))
                continue
            ctr = containers[cid]
            try:
                if c.d.update_keeps_values:
                    _podman_checks(ctr, wanted)
                else:
                    warnings += _docker_update(c, ctr, wanted)
            except failure.NotModelled:
                raise
            except failure.FakeError as exc:
                c.report(exc)
                continue
            c.io.out((cid if c.d.update_prints_id else ref) + "\n")
    c.io.out("".join(w + "\n" for w in warnings))
    return 1 if c.failed else 0


def _wanted(c: Ctx) -> dict[str, Any]:
    """The values given, as the client reads them (its own errors come first)."""
    out: dict[str, Any] = {}
    for flag in _SIZES:
        value = c.flag(flag)
        if value is None:
            continue
        if flag == "memory-swap" and value == "-1":
            out[flag] = -1
            continue
        try:
            out[flag] = units.size_bytes(c, flag, value)
        except failure.FakeError:
            own = c.d.bad_size(flag, value)  # podman's wording; docker's is the flag's
            if own is None:
                raise
            raise own from None
    cpus = c.flag("cpus")
    if cpus is not None:
        try:
            out["cpus"] = int(float(cpus) * 1_000_000_000)
        except ValueError:
            raise flags.bad_value(c.d, c.typed, "cpus", cpus, c.d.bad_cpus(cpus)) from None
    for flag in ("cpu-shares", "pids-limit", "blkio-weight", "cpuset-cpus", "cpuset-mems"):
        if c.flag(flag) is not None:
            out[flag] = c.flag(flag)
    restart = c.flag("restart")
    if restart:
        out["restart"] = _restart_policy(restart)
    return out


def _restart_policy(text: str) -> dict[str, Any]:
    """docker's client reads ``NAME[:COUNT]`` (the engine checks the name)."""
    parts = text.split(":")
    if len(parts) > 2:
        raise failure.FakeError("invalid restart policy format\n")
    count = parts[1] if len(parts) == 2 else "0"
    digits = count[1:] if count[:1] in "+-" else count
    if not digits.isdigit():
        raise failure.FakeError("maximum retry count must be an integer\n")
    return {"Name": parts[0], "MaximumRetryCount": int(count)}


# -- docker's engine ---------------------------------------------------------------------


def _docker_update(c: Ctx, ctr: Container, wanted: dict[str, Any]) -> list[str]:
    """Check and keep the new values in ``ctr``'s HostConfig; the engine's warnings."""
    _check_restart(c, wanted.get("restart"))
    warnings = _check_resources(c, wanted)
    host = ctr["host"]
    new = dict(host)
    memory, swap = wanted.get("memory", 0), wanted.get("memory-swap", 0)
    if memory:
        if memory > int(host.get("MemorySwap") or 0) and not swap:
            raise c.d.update_refused(
                "Memory limit should be smaller than already set memoryswap limit, update "
                "the memoryswap at the same time",
                ctr["id"],
            )
        new["Memory"] = memory
    policy = wanted.get("restart")
    if policy and policy != host["RestartPolicy"] and host.get("AutoRemove"):
        raise c.d.update_refused(
            "Restart policy cannot be updated because AutoRemove is enabled for the container",
            ctr["id"],
        )
    for flag, key in (
        ("memory-swap", "MemorySwap"),
        ("memory-reservation", "MemoryReservation"),
        ("cpus", "NanoCpus"),
        ("cpu-shares", "CpuShares"),
        ("cpuset-cpus", "CpusetCpus"),
        ("cpuset-mems", "CpusetMems"),
    ):
        if wanted.get(flag):
            new[key] = wanted[flag]
    if "pids-limit" in wanted:  # 0 and -1 both mean unlimited
        new["PidsLimit"] = max(int(wanted["pids-limit"]), 0)
    if policy:
        new["RestartPolicy"] = policy
    _check_cgroup(int(new.get("Memory") or 0), int(new.get("MemorySwap") or 0))
    host.update(new)
    return warnings


def _check_restart(c: Ctx, policy: dict[str, Any] | None) -> None:
    if not policy:
        return
    name, count = policy["Name"], policy["MaximumRetryCount"]
    if name in ("always", "unless-stopped", "no") and count:
        raise c.d.update_refused(f"maximum retry count cannot be used with restart policy '{name}'")
    if name == "on-failure" and count < 0:
        raise c.d.update_refused("maximum retry count cannot be negative")
    if name not in ("always", "unless-stopped", "no", "on-failure", ""):
        raise c.d.update_refused(f"invalid restart policy '{name}'")


def _check_resources(c: Ctx, wanted: dict[str, Any]) -> list[str]:
    """The engine's checks of the values given (``verifyPlatformContainerResources``)."""
    memory, swap = wanted.get("memory", 0), wanted.get("memory-swap", 0)
    reservation = wanted.get("memory-reservation", 0)
    refusal = ""
    if memory and memory < _MIN_MEMORY:
        refusal = "Minimum memory limit allowed is 6MB"
    elif memory > 0 and 0 < swap < memory:
        refusal = "Minimum memoryswap limit should be larger than memory limit, see usage"
    elif reservation and reservation < _MIN_MEMORY:
        refusal = "Minimum memory reservation allowed is 6MB"
    elif memory > 0 and 0 < memory < reservation:
        refusal = "Minimum memory limit can not be less than memory reservation limit, see usage"
    if refusal:
        raise c.d.update_refused(refusal)
    count, available = settings.cpus_available()
    nano = wanted.get("cpus", 0)
    if nano < 0 or nano > count * 1_000_000_000:
        raise c.d.update_refused(
            f"Range of CPUs is from 0.01 to {count}.00, as there are only {count} CPUs available"
        )
    cpus = wanted.get("cpuset-cpus")
    if cpus and not _within(cpus, set(range(count))):
        raise c.d.update_refused(
            f"Requested CPUs are not available - requested {cpus}, available: {available}"
        )
    mems = wanted.get("cpuset-mems")
    if mems:
        nodes, shown = _memory_nodes()
        if not _within(mems, nodes):
            raise c.d.update_refused(
                f"Requested memory nodes are not available - requested {mems}, available: {shown}"
            )
    if wanted.get("blkio-weight"):  # this engine discards it, as it does at create
        return [c.d.blkio_warning.removeprefix("WARNING: ").rstrip("\n")]
    return []


def _check_cgroup(memory: int, swap: int) -> None:
    """A swap limit below the memory limit (or beside none) the kernel refuses, in words
    with the host's cgroup paths."""
    if swap > 0 and (memory == 0 or swap < memory):
        raise failure.not_modelled(
            "update leaving a swap limit below the memory limit (the kernel refuses it in "
            "words with the host's cgroup paths)"
        )


def _within(spec: str, allowed: set[int]) -> bool:
    """Whether a cpuset list (``0-1,3``) names only ``allowed``; unreadable lists are not
    modelled (the engine's parser words them)."""
    wanted: set[int] = set()
    for part in spec.split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise failure.not_modelled(f"update with the cpuset {spec!r}")
        wanted.update(range(int(first), int(last or first) + 1))
    return wanted <= allowed


def _memory_nodes() -> tuple[set[int], str]:
    """The host's memory nodes and how the engine shows them (``0``)."""
    for path in ("/sys/fs/cgroup/cpuset/cpuset.mems", "/sys/fs/cgroup/cpuset.mems.effective",
                 "/sys/devices/system/node/online"):  # fmt: skip
        try:
            with open(path, encoding="ascii") as fh:
                text = fh.read().strip()
        except OSError:
            continue
        nodes: set[int] = set()
        for part in text.split(","):
            first, _, last = part.partition("-")
            if first.isdigit():
                nodes.update(range(int(first), int(last or first) + 1))
        return nodes, text
    raise failure.not_modelled("update --cpuset-mems (the host's memory nodes are unknown)")


# -- podman 4.3: the cgroup only ----------------------------------------------------------


def _podman_checks(ctr: Container, wanted: dict[str, Any]) -> None:
    """What podman's runc would refuse, in words with temporary files and cgroup paths:
    not modelled. What it takes it keeps nowhere the fake shows."""
    if ctr["status"] != "running":
        raise failure.not_modelled(
            "podman update of a container that is not running (podman 4.3 fails in runc)"
        )
    if wanted.get("blkio-weight"):
        raise failure.not_modelled("podman update --blkio-weight (runc fails on this kernel)")
    count, _ = settings.cpus_available()
    if wanted.get("cpuset-cpus") and not _within(wanted["cpuset-cpus"], set(range(count))):
        raise failure.not_modelled("podman update --cpuset-cpus of CPUs the host lacks")
    if wanted.get("cpuset-mems") and not _within(wanted["cpuset-mems"], _memory_nodes()[0]):
        raise failure.not_modelled("podman update --cpuset-mems of nodes the host lacks")
    memory = wanted.get("memory", 0)
    if memory and memory < _MIN_MEMORY:
        raise failure.not_modelled(
            "podman update --memory below 6MB (whether the kernel takes it depends on the "
            "memory the real program uses)"
        )
    host = ctr["host"]
    swap = wanted.get("memory-swap", 2 * memory if memory else int(host.get("MemorySwap") or 0))
    _check_cgroup(memory or int(host.get("Memory") or 0), swap)
