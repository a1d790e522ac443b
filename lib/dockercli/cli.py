"""``python -m dockercli`` / ``dockercli``: doctor, cleanup, run, argv."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from dockercli._argv import ENV_FILE_ARG, invocation, render
from dockercli._flags import Flag, flag_of
from dockercli._shell import shell_line
from dockercli.container import Container
from dockercli.docker import Docker
from dockercli.doctor import diagnose
from dockercli.errors import (
    ContainerExitedError,
    DockerError,
    InvalidOptionError,
    NoPortMappingError,
    NoSuchContainerError,
    ParseError,
)
from dockercli.options import BuildOptions, RunOptions, StartOptions
from dockercli.progress import Progress
from dockercli.specs import Publish


def _pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    result = {}
    for item in items or ():
        key, eq, value = item.partition("=")
        if not eq:
            raise InvalidOptionError(f"{what} must be KEY=VALUE (got {item!r})")
        result[key] = value
    return result


def cmd_doctor(docker: Docker, args: argparse.Namespace) -> int:
    """Print what the CLI sees; exit 1 when any check fails."""
    checks = diagnose(docker)
    if args.json:
        print(json.dumps([attrs.asdict(c) for c in checks], indent=2))
    else:
        print("\n".join(c.line() for c in checks))
    return 0 if all(c.ok for c in checks) else 1


def cmd_cleanup(docker: Docker, args: argparse.Namespace) -> int:
    """Remove dockercli's stopped matching containers and the images it built for them."""
    labels = _pairs(args.label, "--label")
    if not args.prefix and not labels and not args.session:
        print(
            "refusing to guess what to clean up: give --prefix, --label or --session "
            "(--older-than and --keep only narrow a selection)",
            file=sys.stderr,
        )
        return 2
    report = docker.cleanup(
        prefix=args.prefix,
        labels=labels,
        session=args.session,
        keep=args.keep,
        older_than=args.older_than,
        images=not args.no_images,
        networks=not args.no_networks,
        volumes=not args.no_volumes,
        dry_run=args.dry_run,
        running=args.running,
    )
    verb = "would remove" if report.dry_run else "removed"
    rows = [
        (verb, "container", r.id[:12], r.name, r.created.isoformat() if r.created else "", "")
        for r in report.containers
    ]
    rows += [
        ("kept", "container", r.id[:12], r.name, r.created.isoformat() if r.created else "", "")
        for r in report.kept
    ]
    rows += [(verb, "image", i[:12], "", "", "") for i in report.images]
    rows += [("left", "image", i[:12], "", "", why) for i, why in report.images_left]
    rows += [(verb, "network", i[:12], name, "", "") for i, name in report.networks]
    rows += [("left", "network", i[:12], "", "", why) for i, why in report.networks_left]
    rows += [(verb, "volume", "", name, "", "") for name in report.volumes]
    rows += [("left", "volume", "", name, "", why) for name, why in report.volumes_left]
    rows += [("failed", "", object_id[:12], "", "", why) for object_id, why in report.failures]
    header = ("ACTION", "KIND", "ID", "NAME", "CREATED", "REASON")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 1 if report.failures else 0


def _offered(cls: type, *, without: Sequence[str] = ()) -> tuple[str, ...]:
    """The fields of ``cls`` that a command line can give, in declaration order."""
    return tuple(
        field.name
        for field in attrs.fields(cls)
        if (rule := flag_of(field)) is not None and rule.takes and field.name not in without
    )


# The option fields each subcommand offers. Their flags (long name, docker's short alias,
# whether they repeat or take KEY=VALUE) come from the fields' metadata in dockercli.options,
# so no flag is spelled twice; only the help texts below are the command line's own.
# Every RunOptions field is offered but `detach`, `interactive` and `tty` (dockercli always
# detaches and follows the logs: no stdin or terminal reaches the container) and `mounts`
# (typed objects; the command line's -v covers binds and volumes).
_RUN_FIELDS = _offered(RunOptions, without=("detach", "interactive", "tty", "mounts"))
_BUILD_FIELDS = (
    "tags",
    "dockerfile",
    "build_args",
    "labels",
    "target",
    "no_cache",
    "pull",
    "platform",
)
# `run` builds its own image: its --pull is the build's (a local image is never pulled),
# --platform serves the build and the container alike, --label labels the container.
_RUN_CONTAINER_FIELDS = tuple(n for n in _RUN_FIELDS if n != "pull")
_RUN_BUILD_FIELDS = tuple(n for n in _BUILD_FIELDS if n != "labels")
_METAVARS = {
    "publish": "[IP:][HOST:]PORT[/PROTO]",
    "volumes": "[SRC:]DST[:ro|rw][,z|Z]",
    "tags": "NAME:TAG",
    "env_files": "FILE",
    "tmpfs": "PATH",
    "volumes_from": "CONTAINER[:ro|rw]",
    "links": "NAME[:ALIAS]",
    "network_aliases": "ALIAS",
    "user": "USER[:GROUP]",
    "workdir": "DIR",
    "restart": "POLICY",
    "ulimits": "NAME=SOFT[:HARD]",
    "memory": "SIZE",
    "cpus": "N",
    "health_cmd": "CMD",
    "health_interval": "DURATION",
    "health_timeout": "DURATION",
    "health_start_period": "DURATION",
    "health_retries": "N",
    "cap_add": "CAP",
    "cap_drop": "CAP",
    "extra_hosts": "HOST:IP",
    "platform": "OS/ARCH",
    "pull": "POLICY",
    "cidfile": "FILE",
    "dockerfile": "FILE",
    "memory_swap": "SIZE",
    "memory_reservation": "SIZE",
    "shm_size": "SIZE",
    "cpu_shares": "N",
    "cpuset_cpus": "CPUS",
    "blkio_weight": "N",
    "pids_limit": "N",
    "oom_score_adj": "N",
    "security_opt": "KEY=VALUE",
    "devices": "HOST[:CONTAINER][:rwm]",
    "gpus": "GPUS",
    "group_add": "GROUP",
    "pid": "MODE",
    "ipc": "MODE",
    "userns": "MODE",
    "cgroupns": "MODE",
    "log_driver": "DRIVER",
    "stop_signal": "SIGNAL",
    "stop_timeout": "SECONDS",
    "ip": "IPV4",
    "mac_address": "MAC",
    "dns": "IP",
    "dns_search": "DOMAIN",
    "dns_options": "OPTION",
    "expose": "PORT[/PROTO]",
}
_INTS = ("health_retries", "cpu_shares", "blkio_weight", "pids_limit", "oom_score_adj")
_TYPES: dict[str, Any] = {name: int for name in (*_INTS, "stop_timeout")}
_HELP = {
    "name": "the container's name",
    "entrypoint": "override the image's ENTRYPOINT",
    "publish": "publish a container port, in any of docker's forms",
    "publish_all": "publish every EXPOSEd port on a random host port",
    "env": "set a variable in the container; its value never reaches argv",
    "env_files": "read variables for the container from a file",
    "volumes": "a bind mount (a source starting with '.' is under the cwd) or a volume",
    "tmpfs": "mount a tmpfs at this path in the container",
    "volumes_from": "mount the volumes of another container",
    "links": "link to another container",
    "labels": "label the container",
    "network": "connect the container to this network",
    "network_aliases": "an alias on the container's network",
    "hostname": "the container's host name",
    "user": "run as this user",
    "workdir": "working directory in the container",
    "restart": "no, always, unless-stopped or on-failure[:N]",
    "init": "run an init process that forwards signals and reaps children",
    "ulimits": "a resource limit",
    "memory": "memory limit: bytes or a size like 512m",
    "cpus": "CPU limit, like 1.5 or 0.5",
    "health_cmd": "the command that checks health",
    "health_interval": "time between health checks, like 30s",
    "health_timeout": "time one health check may take, like 5s",
    "health_start_period": "time before failed checks count, like 1m",
    "health_retries": "failed checks in a row that make it unhealthy",
    "no_healthcheck": "disable the image's HEALTHCHECK",
    "read_only": "mount the container's root filesystem read-only",
    "cap_add": "add a Linux capability",
    "cap_drop": "drop a Linux capability",
    "extra_hosts": "add a line to the container's /etc/hosts",
    "platform": "the platform, like linux/amd64",
    "pull": "always, missing or never",
    "remove": "let docker remove the container when it exits",
    "cidfile": "write the container's ID to this file",
    "memory_swap": "memory and swap together (at least --memory), or -1 for unlimited swap",
    "memory_reservation": "soft memory limit, below --memory",
    "shm_size": "size of /dev/shm, like 128m",
    "cpu_shares": "relative CPU weight (1024 is the default share)",
    "cpuset_cpus": "the CPUs it may run on, like 0-2,4",
    "blkio_weight": "relative block IO weight, 10 to 1000",
    "pids_limit": "most processes at once (-1: no limit)",
    "oom_score_adj": "OOM killer preference, -1000 to 1000",
    "privileged": "give the container every capability and the host's devices",
    "security_opt": "a security option, like no-new-privileges or seccomp=FILE",
    "devices": "give the container a host device",
    "gpus": "GPUs to add: all, a count, or docker's device= text (docker only)",
    "sysctls": "set a namespaced kernel parameter, like net.core.somaxconn=1024",
    "group_add": "an extra group for the container's user",
    "pid": "PID namespace: host or container:NAME",
    "ipc": "IPC namespace: none, private, shareable, host or container:NAME",
    "userns": "user namespace: host",
    "cgroupns": "cgroup namespace: host or private",
    "runtime": "the OCI runtime, as `docker info` lists them",
    "isolation": "isolation technology (Linux engines take only default)",
    "storage_opt": "a storage driver option for the container (size needs xfs with pquota)",
    "log_driver": "the logging driver, like json-file or none",
    "log_opts": "a logging driver option, like max-size=10m",
    "stop_signal": "the signal that stops it, like SIGINT",
    "stop_timeout": "seconds stop waits before it kills",
    "ip": "the container's IPv4 address on its user network",
    "mac_address": "the container's MAC address",
    "dns": "a DNS server for the container",
    "dns_search": "a DNS search domain ('.' for none)",
    "dns_options": "a resolv.conf option, like ndots:2",
    "expose": "expose a port or range without publishing it",
    "tags": "tag the image",
    "dockerfile": "the Dockerfile, relative to the context",
    "build_args": "a build-time variable; its value never reaches argv",
    "target": "the build stage to build",
    "no_cache": "build without the layer cache",
}
_BUILD_HELP = {"pull": "always pull newer base images", "labels": "label the image"}
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# --help is plain text: the module docstring's reStructuredText would show its markup.
_DESCRIPTION = "Drive docker through its CLI: doctor, cleanup, run, argv."


def _rule(cls: type, name: str) -> Flag:
    rule = flag_of(attrs.fields_dict(cls)[name])
    if rule is None or not rule.takes:
        raise TypeError(f"{cls.__name__}.{name} has no command-line form")
    return rule


def _add_option_flags(parser: argparse.ArgumentParser, cls: type, names: Sequence[str]) -> None:
    for name in names:
        rule = _rule(cls, name)
        spelled = [s for s in (rule.short, rule.name) if s]
        text = (_BUILD_HELP.get(name) if cls is BuildOptions else None) or _HELP[name]
        if rule.takes in ("many", "pairs"):
            text += " (repeatable)"
        # default=None everywhere: a flag not given leaves the field's own default.
        kwargs: dict[str, Any] = {"dest": name, "default": None, "help": text}
        if rule.takes == "switch":
            parser.add_argument(*spelled, action="store_true", **kwargs)
            continue
        if rule.takes == "pairs":
            metavar = "KEY=VALUE"
        else:
            metavar = _METAVARS.get(name) or rule.name.lstrip("-").upper().replace("-", "_")
        if name in _TYPES:
            kwargs["type"] = _TYPES[name]
        action = "store" if rule.takes == "one" else "append"
        parser.add_argument(*spelled, action=action, metavar=metavar, **kwargs)


def _option_values(args: argparse.Namespace, cls: type, names: Sequence[str]) -> dict[str, Any]:
    """The flags given for ``names``, as keyword arguments for ``cls``."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(args, name, None)
        rule = _rule(cls, name)
        if value is not None:
            values[name] = _pairs(value, rule.name) if rule.takes == "pairs" else value
    return values


def _run_options(args: argparse.Namespace, image: str, names: Sequence[str]) -> RunOptions:
    return RunOptions(
        image=image,
        command=getattr(args, "command", None) or [],
        **_option_values(args, RunOptions, names),
    )


def _build_options(
    args: argparse.Namespace, context: str, names: Sequence[str], **fixed: Any
) -> BuildOptions:
    values = _option_values(args, BuildOptions, names)
    return BuildOptions(context=context, **{**values, **fixed})


class _Stop:
    """SIGINT, SIGTERM and SIGHUP while ``run`` works: each stops it the way Ctrl-C does.

    SIGINT too, not only Python's default handler: a command started in the background
    by a non-interactive shell (``cmd &``) inherits SIGINT ignored, and Python then never
    raises KeyboardInterrupt. SIGHUP is a closed terminal or a lost ssh session. While
    ``holding``, a signal is only noted (``release()`` acts on it), so a container is
    never left half-started or half-removed.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.holding = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        self._previous = {number: signal.signal(number, self._caught) for number in _STOP_SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _caught(self, signum: int, _frame: Any) -> None:
        first = self.signum is None
        self.signum = self.signum or signum
        if first and not self.holding:
            raise KeyboardInterrupt

    def release(self) -> None:
        """Stop holding; raise KeyboardInterrupt if a signal came meanwhile."""
        self.holding = False
        if self.signum is not None:
            raise KeyboardInterrupt


_OUT = threading.Lock()  # whole lines: the attach thread and the main thread both print


def _say(text: str) -> None:
    with _OUT:
        print(text, flush=True)


class _Attached:
    """``docker start --attach`` of a created container, printed by a thread as it comes.

    The attach is made before the container starts, so it sees all the output and ends
    with the container's exit status even when docker removes it at once (``--rm``),
    where ``logs``, ``wait`` and ``inspect`` may find it gone already.
    """

    def __init__(self, docker: Docker, container: Container, name: str) -> None:
        # docker exits with the container's status, or 1 (podman: 125-127) when it cannot
        # start; then docker's "Error response from daemon: ..." (podman's "Error: ...")
        # ends its stderr.
        self._stream = docker.stream(
            StartOptions(refs=(container.id,), attach=True), ok_codes=range(256)
        )
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._pump, args=(name,), daemon=True)
        self._thread.start()

    def _pump(self, name: str) -> None:
        try:
            for line in self._stream:
                _say(f"{name}| {line.text}")
        except Exception as error:  # handed to the main thread by wait()
            self._failure = error

    @property
    def running(self) -> bool:
        """True until the attach (and so the container) has ended."""
        return self._thread.is_alive()

    def wait(self) -> int:
        """The container's exit status once it ends (interruptible by the stop signals)."""
        while self._thread.is_alive():
            self._thread.join(0.5)
        if self._failure is not None:
            raise self._failure
        # The stream has raised by now when docker said the container could not start (a
        # port in use, no command: errors.failure's rule for start); any other status is
        # the container's own.
        return self._stream.returncode or 0

    def close(self) -> None:
        """End the attach if it still runs (the container is removed by then)."""
        self._thread.join(10)
        self._stream.close()


def _ready_port(args: argparse.Namespace, options: RunOptions) -> int | None:
    """The container port to wait on: --ready-port, else the first TCP port given."""
    given = [
        p.container_port for p in options.publish if isinstance(p, Publish) and p.protocol == "tcp"
    ]
    if args.ready_port is None:
        return given[0] if given else None
    if args.ready_port not in given and not options.publish_all:
        shown = ", ".join(map(str, given)) or "none"
        raise InvalidOptionError(
            f"--ready-port {args.ready_port} is not published: add -p {args.ready_port} "
            f"(published TCP ports: {shown})"
        )
    return int(args.ready_port)


def cmd_run(docker: Docker, args: argparse.Namespace) -> int:
    """Build DIR, run it, wait for its port, print the address, follow its output until it stops."""
    context = Path(args.dir)
    if not (context / (args.dockerfile or "Dockerfile")).is_file():
        print(f"{context} has no {args.dockerfile or 'Dockerfile'}", file=sys.stderr)
        return 2
    tag = args.tags[0] if args.tags else f"dockercli-run/{_slug(context)}:latest"
    build = _build_options(args, str(context), _RUN_BUILD_FIELDS, tags=[tag])
    options = _run_options(args, tag, _RUN_CONTAINER_FIELDS)  # bad values fail before the build
    port = _ready_port(args, options)
    progress = Progress(sys.stdout, quiet=args.quiet)
    with _Stop() as stop:
        try:
            image = docker.build(build, on_line=progress)
            progress.done(f"built {tag} ({image.short_id})")
        except KeyboardInterrupt:
            if not args.quiet and sys.stdout.isatty():
                print(flush=True)  # end the live progress line
            print("dockercli: interrupted; the build was stopped", file=sys.stderr)
            return 128 + (stop.signum or signal.SIGINT)
        return _serve(docker, attrs.evolve(options, image=image.id), port, args.ready_timeout, stop)


def _serve(
    docker: Docker, options: RunOptions, port: int | None, timeout: float, stop: _Stop
) -> int:
    """Start the container, announce it, print its output; remove it however this ends."""
    stop.holding = True  # a signal now would leave a container nobody removes
    container = docker.create(options) if options.remove else docker.run(options)
    attached: _Attached | None = None
    name, status = container.id[:12], 0
    try:
        name = container.name
        if options.remove:
            attached = _Attached(docker, container, name)
        stop.release()
        address = _wait_ready(container, port, timeout, attached)
        if address is not None:
            _say(f"ready: http://{address}/")
        elif attached is None or attached.running:
            _say(f"running: {name}")
        status = attached.wait() if attached else _follow(container, name)
    except KeyboardInterrupt:
        pass
    finally:
        stop.holding = True
        container.remove(force=True, missing_ok=True)
        if attached is not None:
            attached.close()
        _say(f"removed {name}")
    return status


def _wait_ready(
    container: Container, port: int | None, timeout: float, attached: _Attached | None
) -> str | None:
    """``host:port`` once ``port`` answers; None without a port or when the container stopped."""
    if attached is not None and not _started(container, attached, timeout):
        return None
    if port is None:  # -P alone: the lowest port it published
        tcp = [m.container_port for m in container.ports() if m.protocol == "tcp"]
        if not tcp or tcp[0] is None:
            return None
        port = tcp[0]
    try:
        return container.wait_for_port(port, timeout=timeout)
    except (ContainerExitedError, NoSuchContainerError):
        if attached is None:
            raise
        return None  # it stopped by itself: its status and output come through the attach


def _started(container: Container, attached: _Attached, timeout: float) -> bool:
    """Wait until the attach has started the container; False if it is gone already."""
    deadline = time.monotonic() + timeout
    while attached.running and time.monotonic() < deadline:
        try:
            if container.inspect(refresh=True).status != "created":
                return True
        except NoSuchContainerError:
            return False
        time.sleep(0.1)
    return attached.running


def _follow(container: Container, name: str) -> int:
    """Print the output until the container stops; its exit status."""
    for line in container.follow_logs():
        _say(f"{name}| {line}")
    return container.inspect(refresh=True).exit_code or 0  # it stopped by itself


def _slug(path: Path) -> str:
    name = path.resolve().name.lower()
    slug = "".join(ch if ch.isalnum() else "-" for ch in name).strip("-")
    return slug or "app"


def cmd_argv(docker: Docker, args: argparse.Namespace) -> int:
    """Print the exact docker command dockercli would run (secrets never in it)."""
    if args.what == "run":
        options: Any = _run_options(args, args.image, _RUN_FIELDS)
        command: tuple[str, ...] = ("run", "--detach")
    else:
        options = _build_options(args, args.context, _BUILD_FIELDS)
        command = ("build",)
    # The binary as given, not resolved: this prints even where docker is not installed.
    prefix = (docker.options.binary, *render(docker.options).args)
    shown = invocation(prefix, options, subcommand=command)
    print(
        shell_line(
            [
                "--env-file=<temporary 0600 file>" if arg == ENV_FILE_ARG else arg
                for arg in shown.argv
            ]
        )
    )
    for name in shown.env:
        print(f"# {name}: value passed through the docker CLI's environment, not argv")
    for name, _ in shown.env_file:
        print(f"# {name}: value passed in a temporary 0600 --env-file, not argv")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    top = argparse.ArgumentParser(prog="dockercli", description=_DESCRIPTION)
    top.add_argument("--binary", help="docker binary (default: docker, or DOCKERCLI_BINARY)")
    top.add_argument("-H", "--host", help="engine address (default: DOCKER_HOST / context)")
    top.add_argument("-c", "--context", dest="docker_context", help="docker context name")
    top.add_argument("--timeout", type=float, default=120.0, help="seconds per docker call")
    sub = top.add_subparsers(dest="cmd", required=True)

    doctor = sub.add_parser(
        "doctor", help="check the binary, the engine and where ports are reached"
    )
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(func=cmd_doctor)

    cleanup = sub.add_parser(
        "cleanup",
        help="remove dockercli's stopped containers (and the images, networks, volumes it made)",
        description="Remove stopped containers that dockercli made and that match a selection "
        "(--prefix, --label, --session), then the images dockercli built that they ran, when "
        "nothing else needs them, then the matching networks and volumes dockercli created "
        "that no container uses. What was made by hand is never touched.",
    )
    cleanup.add_argument("--prefix", help="names (of containers, networks, volumes) starting so")
    cleanup.add_argument("--label", action="append", metavar="KEY=VALUE")
    cleanup.add_argument(
        "--session", metavar="ID", help="a dockercli session's ID ('*': every session's)"
    )
    cleanup.add_argument("--keep", type=int, default=0)
    cleanup.add_argument("--older-than", metavar="AGE", help="e.g. 90s, 30m, 2h, 1d")
    cleanup.add_argument("--dry-run", action="store_true")
    cleanup.add_argument("--running", action="store_true", help="also force-remove running ones")
    cleanup.add_argument("--no-images", action="store_true")
    cleanup.add_argument("--no-networks", action="store_true")
    cleanup.add_argument("--no-volumes", action="store_true")
    cleanup.set_defaults(func=cmd_cleanup)

    run = sub.add_parser("run", help="build DIR, run it, print its address, follow its logs")
    run.add_argument("dir", help="the build context, holding the Dockerfile")
    _add_option_flags(run, RunOptions, _RUN_CONTAINER_FIELDS)
    _add_option_flags(
        run, BuildOptions, [n for n in _RUN_BUILD_FIELDS if n not in _RUN_CONTAINER_FIELDS]
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no build progress")
    run.add_argument(
        "--ready-port",
        type=int,
        metavar="PORT",
        help="the container port to wait for (default: the first TCP port given with -p)",
    )
    run.add_argument(
        "--ready-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for that port to answer (default: 60)",
    )
    run.set_defaults(func=cmd_run)

    argv = sub.add_parser("argv", help="print the docker command dockercli would run")
    what = argv.add_subparsers(dest="what", required=True)
    argv_run = what.add_parser("run")
    _add_option_flags(argv_run, RunOptions, _RUN_FIELDS)
    argv_run.add_argument("image")
    argv_run.add_argument("command", nargs=argparse.REMAINDER)
    argv_build = what.add_parser("build")
    _add_option_flags(argv_build, BuildOptions, _BUILD_FIELDS)
    argv_build.add_argument("context")
    argv.set_defaults(func=cmd_argv)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = parser().parse_args(argv)
    binary = args.binary or os.environ.get("DOCKERCLI_BINARY") or None
    try:
        docker = Docker(
            binary=binary, host=args.host, context=args.docker_context, timeout=args.timeout
        )
        status: int = args.func(docker, args)
    except InvalidOptionError as error:
        print(f"dockercli: {error}", file=sys.stderr)
        return 2
    except (ParseError, NoPortMappingError):
        raise  # dockercli's own fault, not docker's: the traceback is the bug report
    except DockerError as error:
        print(f"dockercli: {error}", file=sys.stderr)
        return 1
    return status
