"""``create``, ``run``, ``start`` and ``restart``."""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import os

from dockercli.fake import (
    dialect,
    failure,
    flags,
    lifecycle,
    model,
    names,
    ports,
    refs,
    settings,
    store,
    units,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx
    from dockercli.fake.records import Container, State


def _merge_env(base: list[str], extra: list[str]) -> list[str]:
    merged = model.env_dict(base)
    merged.update(model.env_dict(extra))
    return [f"{k}={v}" for k, v in merged.items()]


def _labels(c: Ctx) -> dict[str, str]:
    labels: dict[str, str] = {}
    for path in c.flag("label-file") or []:
        try:
            with open(path, encoding="utf-8") as fh:
                items = [x for x in fh.read().splitlines() if x.strip() and not x.startswith("#")]
        except OSError as exc:
            raise c.d.run_error(
                c.typed, f"open {path}: {(exc.strerror or str(exc)).lower()}"
            ) from None
        labels.update({key: value for key, _, value in (x.partition("=") for x in items)})
    for item in c.flag("label") or []:
        key, _, value = item.partition("=")
        labels[key] = value
    return labels


def _mounts(
    c: Ctx,
) -> tuple[list[str], list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    """``-v`` and ``--mount``: the binds, the inspect's Mounts, the anonymous volumes'
    paths and HostConfig.Mounts (the ``--mount`` specs, as docker keeps them)."""
    binds: list[str] = []
    mounts: list[dict[str, Any]] = []
    anonymous: dict[str, Any] = {}
    for spec in c.flag("volume") or []:
        parts = spec.split(":")
        if len(parts) == 1:
            anonymous[parts[0]] = {}
            name = store.new_id()
            mounts.append(
                {
                    "Type": "volume",
                    "Name": name,
                    "Source": f"{c.d.volume_root}/{name}/_data",
                    "Destination": parts[0],
                    "Driver": "local",
                    "Mode": "",
                    "RW": True,
                    "Propagation": "",
                }
            )
            continue
        source, target, mode = parts[0], parts[1], ":".join(parts[2:])
        binds.append(spec)
        rw = "ro" not in mode.split(",")
        if source.startswith("/"):
            mounts.append(
                {
                    "Type": "bind",
                    "Source": source,
                    "Destination": target,
                    "Mode": mode,
                    "RW": rw,
                    "Propagation": "rprivate",
                }
            )
        else:
            mounts.append(
                {
                    "Type": "volume",
                    "Name": source,
                    "Source": f"{c.d.volume_root}/{source}/_data",
                    "Destination": target,
                    "Driver": "local",
                    "Mode": mode or "z",
                    "RW": rw,
                    "Propagation": "",
                }
            )
    specs: list[dict[str, Any]] = []
    for spec in c.flag("mount") or []:
        shown, kept = _mount(c, spec)
        mounts.append(shown)
        specs.append(kept)
    return binds, mounts, anonymous, specs


def _mount(c: Ctx, spec: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """One ``--mount`` (``type=bind|volume|tmpfs,source=,target=,readonly,...``): as the
    container's inspect lists it, and as HostConfig.Mounts keeps it."""
    keys: dict[str, str] = {}
    for item in spec.split(","):
        key, _, value = item.partition("=")
        keys[
            {"src": "source", "dst": "target", "destination": "target", "ro": "readonly"}.get(
                key, key
            )
        ] = value
    kind, target = keys.pop("type", "volume"), keys.pop("target", "")
    source = keys.pop("source", "")
    rw = keys.pop("readonly", "false") in ("false", "0") if "readonly" in keys else True
    nocopy = "volume-nocopy" in keys
    keys.pop("volume-nocopy", None)
    size, mode = keys.pop("tmpfs-size", None), keys.pop("tmpfs-mode", None)
    if keys or not target or kind not in ("bind", "volume", "tmpfs"):
        raise failure.not_modelled(f"--mount {spec} (the fake knows bind, volume and tmpfs)")
    kept: dict[str, Any] = {"Type": kind, **({"Source": source} if source else {})}
    kept["Target"] = target
    if not rw:
        kept["ReadOnly"] = True
    if nocopy:
        kept["VolumeOptions"] = {"NoCopy": True}
    if kind == "bind":
        if not os.path.exists(source):
            if c.d.name == "podman":
                raise failure.not_modelled("podman's wording for a missing bind source")
            raise c.d.run_error(
                c.typed,
                dialect.daemon(
                    'invalid mount config for type "bind": bind source path does not exist: '
                    + source
                ),
                daemon=True,
            )
        entry = {"Type": "bind", "Source": source, "Destination": target, "Mode": ""}
        return {**entry, "RW": rw, "Propagation": "rprivate"}, kept
    if kind == "tmpfs":
        options = {"SizeBytes": units.size_bytes(c, "tmpfs-size", size)} if size else {}
        if mode:
            options["Mode"] = int(mode, 8)
        kept.update({"TmpfsOptions": options} if options else {})
        entry = {"Type": "tmpfs", "Source": "", "Destination": target, "Mode": ""}
        return {**entry, "RW": True, "Propagation": ""}, kept
    name = source or store.new_id()
    volume: dict[str, Any] = {"Type": "volume", "Name": name}
    volume["Source"] = f"{c.d.volume_root}/{name}/_data"
    volume |= {"Destination": target, "Driver": "local", "Mode": "z", "RW": rw, "Propagation": ""}
    return volume, kept


def _health(c: Ctx, image_check: dict[str, Any] | None) -> dict[str, Any] | None:
    if c.flag("no-healthcheck"):
        return {"Test": ["NONE"]}
    check: dict[str, Any] = dict(image_check or {})
    cmd = c.flag("health-cmd")
    if cmd is not None:
        check["Test"] = ["CMD-SHELL", cmd]
    for flag, key in (
        ("health-interval", "Interval"),
        ("health-timeout", "Timeout"),
        ("health-start-period", "StartPeriod"),
    ):
        value = c.flag(flag)
        if value is not None:
            check[key] = units.duration_ns(c, flag, value)
    if c.flag("health-retries") is not None:
        check["Retries"] = int(c.flag("health-retries"))
    return check or None


def _restart(c: Ctx) -> dict[str, Any]:
    text = str(c.flag("restart") or "no")
    name, _, count = text.partition(":")
    if name not in ("no", "always", "unless-stopped", "on-failure") or (
        count and not count.isdigit()
    ):
        raise c.d.run_error(
            c.typed, dialect.daemon(f"invalid restart policy '{text}'"), daemon=True
        )
    if c.flag("rm") and name != "no":
        raise c.d.run_error(c.typed, "Conflicting options: --restart and --rm")
    return {"Name": name, "MaximumRetryCount": int(count or 0)}


def _ulimits(values: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for spec in values:
        name, _, limits = spec.partition("=")
        soft, _, hard = limits.partition(":")
        out.append({"Name": name, "Hard": int(hard or soft or 0), "Soft": int(soft or 0)})
    return out


def _validate(c: Ctx) -> tuple[str, dict[str, list[dict[str, str]]]]:
    """Client-side checks, in docker's order; return the image ref and port bindings."""
    image_ref = c.args[0]
    bindings: dict[str, list[dict[str, str]]] = {}
    for spec in c.flag("publish") or []:
        try:
            for key, binding in ports.parse_publish(c.d, spec):
                bindings.setdefault(key, []).append(binding)
        except dialect.FakeError as exc:
            raise c.d.run_error(c.typed, exc.stderr) from None
    pull = c.flag("pull")
    if pull is not None and pull not in ("always", "missing", "never"):
        refused = c.d.bad_pull_policy(c.typed, pull)
        if refused:
            raise refused
    network = str(c.flag("network") or "default")
    if c.flag("network-alias") and c.d.refuses_bridge_alias and _engine_mode(c, network):
        said = "network-scoped aliases are only supported for user-defined networks"
        raise c.d.run_error(c.typed, said)
    problem = refs.error_text(c.d, image_ref)
    if problem:
        raise c.d.run_error(c.typed, problem, daemon=True)
    for flag in ("memory", "memory-swap", "memory-reservation", "shm-size"):
        value = c.flag(flag)
        if value is not None and not (flag == "memory-swap" and value == "-1"):
            units.size_bytes(c, flag, value)
    settings.check_client(c)
    cpus = c.flag("cpus")
    if cpus is not None:
        try:
            float(cpus)
        except ValueError:
            raise flags.bad_value(c.d, c.typed, "cpus", cpus, c.d.bad_cpus(cpus)) from None
    return image_ref, bindings


def _engine_mode(c: Ctx, mode: str) -> bool:
    """``--network MODE`` is one of the engine's own networks or modes (``container:X``
    and the dialect's ``KIND:X``), no user network."""
    kind, colon, _ = mode.partition(":")
    return mode in c.d.run_networks or (
        bool(colon) and kind in ("container", *c.d.run_network_kinds)
    )


def _pull_failure(c: Ctx, ref: str) -> dialect.FakeError:
    _name, tag, digest = refs.split(ref)
    shown = ref if (tag or digest) else ref + ":latest"
    if c.flag("pull") == "never":
        return c.d.no_image_to_run(c.typed, ref, shown)
    c.io.err(c.d.pulling(shown))
    return c.d.pull_failed(c.typed, shown)


def _new_container(
    c: Ctx,
    state: State,
    image_id: str,
    image_ref: str,
    bindings: dict[str, list[dict[str, str]]],
    *,
    detached: bool,
    stdin: str | None,
) -> Container:
    image = state["images"][image_id]
    icfg = image["config"]
    name = c.flag("name")
    taken = {x["name"] for x in state["containers"].values() if not model.gone(x)}
    if name is not None:
        name = name[1:] if name.startswith("/") else name
        if not model.valid_name(name):
            raise c.d.run_error(
                c.typed,
                dialect.daemon(
                    f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                ),
                daemon=True,
            )
        for other in state["containers"].values():
            if other["name"] == name and not model.gone(other):
                raise c.d.name_in_use(c.typed, name, other["id"])
    else:
        name = names.random_name(taken)
    cid = store.new_id()
    entrypoint_flag = c.flag("entrypoint")
    cmd = list(c.args[1:])
    if entrypoint_flag is not None:
        entrypoint = [entrypoint_flag] if entrypoint_flag else None
        cmd = cmd or []
    else:
        entrypoint = icfg.get("Entrypoint")
        cmd = cmd or list(icfg.get("Cmd") or [])
    full = list(entrypoint or []) + cmd
    if not full:
        raise c.d.no_command(c.typed)
    labels = dict(icfg.get("Labels") or {})
    labels.update(_labels(c))
    env = _merge_env(list(icfg.get("Env") or []), c.env_entries())
    exposed = dict(icfg.get("ExposedPorts") or {})
    for spec in c.flag("expose") or []:
        key = spec if "/" in spec else spec + "/tcp"
        exposed[key] = {}
    for key in bindings:
        exposed[key] = {}
    binds, mounts, anonymous, specs = _mounts(c)
    interactive = bool(c.flag("interactive"))
    attach = not detached
    config: dict[str, Any] = {
        "Hostname": c.flag("hostname") or cid[:12],
        "User": c.flag("user") or icfg.get("User", ""),
        "AttachStdin": interactive and attach,
        "AttachStdout": attach,
        "AttachStderr": attach,
        "ExposedPorts": exposed,
        "Tty": bool(c.flag("tty")),
        "OpenStdin": interactive,
        "StdinOnce": interactive and attach,
        "Env": env,
        "Cmd": cmd or None,
        "Healthcheck": _health(c, icfg.get("Healthcheck")),
        "Image": image_ref,
        "Volumes": {**(icfg.get("Volumes") or {}), **anonymous} or None,
        "WorkingDir": c.flag("workdir") or icfg.get("WorkingDir", ""),
        "Entrypoint": entrypoint,
        "Labels": labels,
        "StopSignal": c.flag("stop-signal") or icfg.get("StopSignal", ""),
        "StopTimeout": c.flag("stop-timeout"),
    }
    memory = c.flag("memory")
    host: dict[str, Any] = {
        "Binds": binds,
        "Mounts": specs,
        "ContainerIDFile": c.flag("cidfile") or "",
        "NetworkMode": c.flag("network") or "default",
        "PortBindings": bindings,
        "RestartPolicy": _restart(c),
        "AutoRemove": bool(c.flag("rm")),
        "VolumesFrom": c.flag("volumes-from"),
        "CapAdd": c.flag("cap-add"),
        "CapDrop": c.flag("cap-drop"),
        "ExtraHosts": c.flag("add-host"),
        "Links": [f"/{x.split(':')[0]}:/{name}/{x.split(':')[-1]}" for x in c.flag("link") or []],
        "Privileged": bool(c.flag("privileged")),
        "PublishAllPorts": bool(c.flag("publish-all")),
        "ReadonlyRootfs": bool(c.flag("read-only")),
        "Tmpfs": {t.split(":")[0]: ":".join(t.split(":")[1:]) for t in c.flag("tmpfs") or []},
        "CpuShares": int(c.flag("cpu-shares") or 0),
        "Memory": units.size_bytes(c, "memory", memory) if memory else 0,
        "NanoCpus": int(float(c.flag("cpus") or 0) * 1_000_000_000),
        "Ulimits": _ulimits(c.flag("ulimit") or []),
        "Init": bool(c.flag("init")),
        **settings.host_fields(c),
    }
    network = c.flag("network")
    now = store.now_ns()
    image_files = dict(image.get("files") or {})  # a committed image's: its command may read them
    ctr: Container = {
        "id": cid,
        "name": name,
        "created": now,
        "image": image_id,
        "image_name": _image_name(c, state, image_id, image_ref),
        "path": full[0],
        "args": full[1:],
        "config": config,
        "host": host,
        "status": "created",
        "exit_code": 0,
        "error": "",
        "started": 0,
        "finished": 0,
        "pid": 0,
        "ports": {},
        "helper": 0,
        "runs": [],
        "mounts": mounts,
        "network": "bridge" if network in (None, "default", "bridge") else network,
        "aliases": c.flag("network-alias"),
        "script": model.outcome(
            full,
            env,
            labels,
            cwd=config["WorkingDir"] or "/",
            stdin=stdin,
            tty=config["Tty"],
            files=model.texts(image_files) or None,
        ),
        "create_argv": ["/usr/bin/podman", c.typed, *_original_args(c)],
    }
    if image_files:
        ctr["image_files"] = image_files
    return ctr


def _image_name(c: Ctx, state: State, image_id: str, ref: str) -> str:
    if refs.check(ref):
        return ref
    key = refs.normalize(c.d, ref)
    return key if key in state["tags"] else ref


def _original_args(c: Ctx) -> list[str]:
    args: list[str] = []
    for key, value in c.opts.items():
        for item in value if isinstance(value, list) else [value]:
            args.extend([f"--{key}"] if item is True else [f"--{key}", str(item)])
    return args + c.args


def start_container(c: Ctx, state: State, ctr: Container, *, attached: bool = False) -> None:
    """Start ``ctr`` in ``state`` (held under the lock): ports, helper, clocks.

    ``attached``: someone waits for its output and exit (``run`` without ``-d``,
    ``start -a``); a command the fake cannot interpret is then refused, not faked.
    """
    if model.all_files(ctr) and not ctr["runs"]:  # its command may read what was copied in
        cfg = ctr["config"]
        ctr["script"] = model.outcome(
            [ctr["path"], *ctr["args"]],
            cfg["Env"],
            cfg["Labels"],
            cwd=cfg["WorkingDir"] or "/",
            stdin=None if cfg["OpenStdin"] else "",
            tty=cfg["Tty"],
            files=model.file_texts(ctr),
        )
    failure = ctr["script"]["start_error"]
    if failure:
        raise _start_error(c, ctr, failure)
    problem = _network_problem(c, state, ctr)
    if problem:
        ctr["error"] = problem
        raise _start_failure(c, problem)
    refused = settings.start_refusal(c.d, ctr)
    if refused:
        ctr["error"], code = refused
        error = _start_failure(c, refused[0])
        if c.path != "start":
            error.code = code
        raise error
    try:
        sockets = ports.publish(c.d, state, ctr)
    except dialect.FakeError as exc:
        raise c.d.publish_failed(c.path, c.typed, exc) from None
    refusal = not_modelled_attached(ctr) if attached else None
    if refusal:  # after every check docker makes, so its own errors come first
        for sock in sockets:
            sock.close()
        ctr["ports"] = {}
        raise refusal
    now = store.now_ns()
    state["next_ip"] += 1
    ctr.update(
        {
            "status": "running",
            "started": now,
            "exit_code": 0,
            "error": "",
            "pid": 1000 + int(ctr["id"][:4], 16) % 60000,
            "ip_index": state["next_ip"],
        }
    )
    ctr["runs"].append([now, 0])
    ctr["helper"] = ports.spawn_helper(c.state_dir, ctr, sockets)


def _network_problem(c: Ctx, state: State, ctr: Container) -> str:
    """What the engine says of ``ctr``'s networks: "" when it can start; else that its
    ``--network`` names no network, or a network it was on has been removed since."""
    mode = ctr["host"]["NetworkMode"]
    kind, colon, ref = mode.partition(":")
    if kind == "container" and colon:
        return _shared_network_problem(c, state, ref)
    for name, endpoint in (ctr.get("endpoints") or {}).items():
        if endpoint["network"] not in state["networks"]:
            return c.d.network_not_found(name)
    if _engine_mode(c, mode):
        return ""
    from dockercli.fake import cmd_network  # a user network's name or ID

    if cmd_network.find(state, mode) is not None:
        return ""
    return c.d.network_not_found(mode)


def _join_user_network(c: Ctx, state: State, ctr: Container) -> None:
    """A container created on a user network (``--network NET``) joins it, with its
    ``--network-alias`` names; the engine's own networks are modes, not endpoints."""
    if _engine_mode(c, ctr["host"]["NetworkMode"]):
        return
    from dockercli.fake import cmd_network

    net = cmd_network.find(state, ctr["host"]["NetworkMode"])
    if net is not None:
        ctr["network"] = net["name"]
        cmd_network.join(state, ctr, net, list(ctr.get("aliases") or []))


def _shared_network_problem(c: Ctx, state: State, ref: str) -> str:
    """``--network container:REF`` needs REF to exist and run."""
    cid = refs.find_container(state["containers"], ref)
    other = state["containers"].get(cid) if cid else None
    if other is None or model.gone(other):
        return c.d.share_missing(ref)
    if other["status"] == "running":
        return ""
    return c.d.share_stopped(other["id"])


def _start_failure(c: Ctx, message: str) -> dialect.FakeError:
    """A daemon error of starting a container, as ``start`` or ``run`` reports it."""
    return c.d.start_failed(c.path, c.typed, message, wait_line=_wait_canceled(c))


def _wait_canceled(c: Ctx) -> str:
    """docker 20.10's line when an attached run (without --rm) fails to start."""
    if c.flag("detach") or c.flag("rm"):
        return ""
    stamp = store.rfc3339(store.now_ns()).split(".")[0].rstrip("Z") + "Z"
    return f'time="{stamp}" level=error msg="error waiting for container: context canceled"\n'


def not_modelled_attached(ctr: Container) -> failure.NotModelled | None:
    """The refusal of an attached run whose command the fake cannot interpret, unscripted."""
    sc = ctr["script"]
    if sc.get("known", True) or sc.get("scripted"):
        return None
    return failure.NotModelled(
        f"fake docker: cannot run {lifecycle.shown_command([ctr['path'], *ctr['args']])} attached: "
        f"{sc.get('reason') or 'the fake does not execute programs'}; script its output and "
        "exit with the fake.logs / fake.exit_code labels (or FAKE_LOGS / FAKE_EXIT_CODE in its "
        "env; a server that runs until stopped: fake.exit_after=never), see README "
        "'Scripting containers'\n",
        125,
    )


def _start_error(c: Ctx, ctr: Container, kind: str) -> dialect.FakeError:
    program = ctr["path"]
    found = kind not in ("not-executable", "permission-denied", "126")
    if found:
        code, why = 127, f'exec: "{program}": stat {program}: no such file or directory'
    else:
        code, why = 126, f'exec: "{program}": permission denied'
    ctr["exit_code"] = code
    message = f"runc create failed: unable to start container process: {why}"
    ctr["error"] = message
    return c.d.runtime_failed(c.path, c.typed, message, code, wait_line=_wait_canceled(c))


def _stdin(c: Ctx, *, attached: bool) -> str | None:
    """What the container's program can read: "" (closed), the data piped in, None (open)."""
    if c.flag("tty"):
        return None  # a terminal: input may come at any time
    if not c.flag("interactive"):
        return ""
    if not attached:
        return None  # -d -i: stdin stays open and nobody writes to it
    return lifecycle.read_stdin()


def _check_terminal(c: Ctx) -> None:
    """``-it`` without a terminal on stdin: docker refuses, podman warns and goes on."""
    import posix

    if not (c.flag("tty") and c.flag("interactive")) or posix.isatty(0):
        return
    if c.d.needs_a_terminal:
        raise dialect.FakeError("the input device is not a TTY\n", 1)
    stamp = store.rfc3339(store.now_ns()).split(".")[0].rstrip("Z") + "Z"
    c.io.err(
        f'time="{stamp}" level=warning msg="The input device is not a TTY. '
        'The --tty and --interactive flags might not work properly"\n'
    )


def _create(c: Ctx, *, start: bool, detached: bool) -> Container:
    image_ref, bindings = _validate(c)
    attached = start and not detached
    if attached and c.path == "run":
        _check_terminal(c)
    stdin = _stdin(c, attached=attached)
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        image_id = refs.find_image(c.d, state, image_ref)
        if not image_id or c.flag("pull") == "always":
            raise _pull_failure(c, image_ref)
        refused_at_start = settings.check(c, state)
        settings.blkio_warning(c)
        ctr = _new_container(
            c, state, image_id, image_ref, bindings, detached=detached, stdin=stdin
        )
        if refused_at_start:
            ctr["refused_at_start"] = refused_at_start
        _join_user_network(c, state, ctr)
        if c.d.checks_network_at_create:
            problem = _network_problem(c, state, ctr)
            if problem and not problem.startswith("cannot get namespace path"):
                raise dialect.FakeError(f"Error: {problem}\n", 125)
        cidfile = c.flag("cidfile")
        if cidfile:
            if os.path.exists(cidfile):
                raise c.d.run_error(
                    c.typed,
                    f"Container ID file found, make sure the other "
                    f"container isn't running or delete {cidfile}",
                )
            with open(cidfile, "w", encoding="utf-8") as fh:
                fh.write(ctr["id"])
        state["containers"][ctr["id"]] = ctr
        if ctr["mounts"]:
            from dockercli.fake import cmd_volume

            cmd_volume.mount_volumes(c, state, ctr)
        if start:
            _attached_exit(ctr, attached=attached)
            try:
                start_container(c, state, ctr, attached=attached)
            except dialect.FakeError as exc:
                # docker removes a --rm container that failed to start; a refusal leaves nothing
                if isinstance(exc, failure.NotModelled) or ctr["host"]["AutoRemove"]:
                    model.forget(state, ctr)
                elif detached and c.d.prints_id_before_start:
                    c.io.out(ctr["id"] + "\n")
                store.save(c.state_dir, state)  # any container left is in state "created"
                raise
        return ctr


def _attached_exit(ctr: Container, *, attached: bool) -> None:
    """An attached run of a scripted but uninterpreted program ends after its scripted output.

    Without ``fake.exit_after`` nothing says when such a program ends; a known command
    that never ends (``sleep infinity``) keeps running, as on docker, until stopped.
    """
    sc = ctr["script"]
    if attached and sc["exit_after"] < 0 and sc.get("attached_exit", -1.0) >= 0:
        sc["exit_after"] = sc["attached_exit"]


def create(c: Ctx) -> int:
    """``docker create``: print the new ID."""
    ctr = _create(c, start=False, detached=True)
    c.io.out(ctr["id"] + "\n")
    return 0


def run(c: Ctx) -> int:
    """``docker run``: ``-d`` prints the ID; attached runs print the logs and exit with the code."""
    detached = bool(c.flag("detach"))
    ctr = _create(c, start=True, detached=detached)
    if detached:
        c.io.out(ctr["id"] + "\n")
        return 0
    final = lifecycle.follow(c, ctr["id"], 0)
    return int(final["exit_code"]) if final else 0


def start(c: Ctx) -> int:
    """``docker start``: start each container that is not running; print its name."""
    failed: list[str] = []
    attached = bool(c.flag("attach")) and len(c.args) == 1
    piped = _stdin(c, attached=True) if attached and c.flag("interactive") else None
    seen = 0  # log lines from before this start: an attach shows only what comes after
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref in c.args:
            cid = refs.find_container(state["containers"], ref)
            if not cid:
                c.report(c.d.no_such_container(ref, "start"))
                failed.append(ref)
                continue
            ctr = state["containers"][cid]
            seen = len(model.log_lines(ctr, store.now_ns()))
            if model.paused(ctr):  # docker reports it with the others; podman stops here
                c.report(c.d.start_paused(cid))
                failed.append(ref)
                continue
            if ctr["status"] != "running":
                if piped is not None and ctr["config"]["OpenStdin"]:
                    _attach_stdin(ctr, piped)
                _attached_exit(ctr, attached=attached)
                try:
                    start_container(c, state, ctr, attached=attached)
                except dialect.FakeError as exc:
                    if isinstance(exc, failure.NotModelled):
                        raise
                    c.report(exc)
                    failed.append(ref)
                    continue
            if not c.flag("attach"):
                c.io.out(ref + "\n")
    if failed:
        raise dialect.FakeError(f"Error: failed to start containers: {', '.join(failed)}\n")
    if c.flag("attach") and len(c.args) == 1:
        cid = refs.find_container(store.load(c.state_dir)["containers"], c.args[0])
        final = lifecycle.follow(c, cid, seen)
        return int(final["exit_code"]) if final else 0
    return 0


def _attach_stdin(ctr: Container, piped: str) -> None:
    """``start -a -i``: the program now reads what is piped in (the outcome is fixed again)."""
    cfg = ctr["config"]
    stdin = None if cfg["Tty"] else piped
    ctr["script"] = model.outcome(
        [ctr["path"], *ctr["args"]],
        list(cfg.get("Env") or []),
        dict(cfg.get("Labels") or {}),
        cwd=cfg.get("WorkingDir") or "/",
        stdin=stdin,
        tty=bool(cfg["Tty"]),
    )


def restart(c: Ctx) -> int:
    """``docker restart``: stop (if running) and start again."""
    failed = False
    with store.Locked(c.state_dir) as state:
        lifecycle.prune(state)
        for ref in c.args:
            cid = refs.find_container(state["containers"], ref)
            if not cid:
                c.report(c.d.no_such_container(ref, "restart"))
                failed = True
                continue
            ctr = state["containers"][cid]
            refused = c.d.restart_paused() if model.paused(ctr) else None
            if refused is not None:  # podman 4.3; docker's engine restarts a paused one
                c.report(refused)
                failed = True
                continue
            if ctr["status"] == "running":
                ports.stop_helper(ctr)
                model.finish(ctr, store.now_ns(), model.stop_code(ctr))
            start_container(c, state, ctr)
            c.io.out(ref + "\n")
    return 1 if failed else 0
