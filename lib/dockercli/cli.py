"""``python -m dockercli`` / ``dockercli``: doctor, cleanup, run, argv."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from dockercli._argv import ENV_FILE_ARG, render
from dockercli._flags import Flag, flag_of
from dockercli._shell import shell_line
from dockercli.docker import Docker
from dockercli.doctor import diagnose
from dockercli.errors import DockerError, InvalidOptionError
from dockercli.options import BuildOptions, RunOptions
from dockercli.progress import Progress


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
    rows += [("failed", "", object_id[:12], "", "", why) for object_id, why in report.failures]
    header = ("ACTION", "KIND", "ID", "NAME", "CREATED", "REASON")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 1 if report.failures else 0


# The option fields each subcommand offers. Their flags (long name, docker's short alias,
# whether they repeat or take KEY=VALUE) come from the fields' metadata in dockercli.options,
# so no flag is spelled twice; only the help texts below are the command line's own.
_RUN_FIELDS = (
    "publish",
    "env",
    "volumes",
    "labels",
    "name",
    "network",
    "user",
    "workdir",
    "entrypoint",
    "remove",
)
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
# `run` labels the container, not the image: its build takes every build flag but --label.
_RUN_BUILD_FIELDS = tuple(n for n in _BUILD_FIELDS if n != "labels")
_METAVARS = {"publish": "[IP:][HOST:]PORT[/PROTO]", "volumes": "SRC:DST[:ro]", "tags": "NAME:TAG"}
_HELP = {
    "publish": "publish a container port (docker's forms; repeatable)",
    "volumes": "bind mount or named volume (repeatable)",
    "remove": "let docker remove the container when it exits",
}


def _rule(cls: type, name: str) -> Flag:
    rule = flag_of(attrs.fields_dict(cls)[name])
    if rule is None or not rule.takes:
        raise TypeError(f"{cls.__name__}.{name} has no command-line form")
    return rule


def _add_option_flags(parser: argparse.ArgumentParser, cls: type, names: Sequence[str]) -> None:
    for name in names:
        rule = _rule(cls, name)
        spelled = [s for s in (rule.short, rule.name) if s]
        # default=None everywhere: a flag not given leaves the field's own default.
        kwargs: dict[str, Any] = {"dest": name, "default": None, "help": _HELP.get(name)}
        if rule.takes == "switch":
            parser.add_argument(*spelled, action="store_true", **kwargs)
            continue
        if rule.takes == "pairs":
            metavar = "KEY=VALUE"
        else:
            metavar = _METAVARS.get(name) or rule.name.lstrip("-").upper().replace("-", "_")
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


def _run_options(args: argparse.Namespace, image: str) -> RunOptions:
    return RunOptions(
        image=image,
        command=getattr(args, "command", None) or [],
        **_option_values(args, RunOptions, _RUN_FIELDS),
    )


def _build_options(
    args: argparse.Namespace, context: str, names: Sequence[str], **fixed: Any
) -> BuildOptions:
    values = _option_values(args, BuildOptions, names)
    return BuildOptions(context=context, **{**values, **fixed})


def cmd_run(docker: Docker, args: argparse.Namespace) -> int:
    """Build DIR, run it, wait for its first port, print the address, follow logs until Ctrl-C."""
    context = Path(args.dir)
    if not (context / (args.dockerfile or "Dockerfile")).is_file():
        print(f"{context} has no {args.dockerfile or 'Dockerfile'}", file=sys.stderr)
        return 2
    progress = Progress(sys.stdout, quiet=args.quiet)
    tag = args.tags[0] if args.tags else f"dockercli-run/{_slug(context)}:latest"
    build = _build_options(args, str(context), _RUN_BUILD_FIELDS, tags=[tag])
    image = docker.build(build, on_line=progress)
    progress.done(f"built {tag} ({image.short_id})")
    container = docker.run(_run_options(args, image.id))
    status = 0

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    # SIGINT too, not only Python's default handler: a command started in the background
    # by a non-interactive shell (`cmd &`) inherits SIGINT ignored, and Python then never
    # raises KeyboardInterrupt, so Ctrl-C / kill -INT left it following logs forever.
    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        mappings = container.ports()
        if mappings and mappings[0].container_port is not None:
            address = container.wait_for_port(
                mappings[0].container_port, timeout=args.ready_timeout
            )
            print(f"ready: http://{address}/", flush=True)
        else:
            print(f"running: {container.name}", flush=True)
        for line in container.follow_logs():
            print(f"{container.name}| {line}", flush=True)
        status = container.inspect(refresh=True).exit_code or 0  # it stopped by itself
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        container.remove(force=True)
        print(f"removed {container.name}", flush=True)
    return status


def _slug(path: Path) -> str:
    name = path.resolve().name.lower()
    slug = "".join(ch if ch.isalnum() else "-" for ch in name).strip("-")
    return slug or "app"


def cmd_argv(docker: Docker, args: argparse.Namespace) -> int:
    """Print the exact docker command dockercli would run (secrets never in it)."""
    if args.what == "run":
        options: Any = _run_options(args, args.image)
        command: tuple[str, ...] = ("run", "--detach")
    else:
        options = _build_options(args, args.context, _BUILD_FIELDS)
        command = ("build",)
    rendered = render(options)
    args_shown = [
        "--env-file=<temporary 0600 file>" if arg == ENV_FILE_ARG else arg for arg in rendered.args
    ]
    print(shell_line([docker.options.binary, *render(docker.options).args, *command, *args_shown]))
    for name in rendered.env:
        print(f"# {name}: value passed through the docker CLI's environment, not argv")
    for name, _ in rendered.env_file:
        print(f"# {name}: value passed in a temporary 0600 --env-file, not argv")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    top = argparse.ArgumentParser(prog="dockercli", description=__doc__)
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
        help="remove dockercli's stopped containers (and the images it built for them)",
        description="Remove stopped containers that dockercli made and that match a selection "
        "(--prefix, --label, --session), then the images dockercli built that they ran, when "
        "nothing else needs them. Containers and images made by hand are never touched.",
    )
    cleanup.add_argument("--prefix", help="container names starting with this")
    cleanup.add_argument("--label", action="append", metavar="KEY=VALUE")
    cleanup.add_argument(
        "--session", metavar="ID", help="a dockercli session's ID ('*': every session's)"
    )
    cleanup.add_argument("--keep", type=int, default=0)
    cleanup.add_argument("--older-than", metavar="AGE", help="e.g. 90s, 30m, 2h, 1d")
    cleanup.add_argument("--dry-run", action="store_true")
    cleanup.add_argument("--running", action="store_true", help="also force-remove running ones")
    cleanup.add_argument("--no-images", action="store_true")
    cleanup.set_defaults(func=cmd_cleanup)

    run = sub.add_parser("run", help="build DIR, run it, print its address, follow its logs")
    run.add_argument("dir")
    _add_option_flags(run, RunOptions, _RUN_FIELDS)
    _add_option_flags(run, BuildOptions, _RUN_BUILD_FIELDS)
    run.add_argument("-q", "--quiet", action="store_true", help="no build progress")
    run.add_argument("--ready-timeout", type=float, default=60.0)
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
    except DockerError as error:
        print(f"dockercli: {error}", file=sys.stderr)
        return 1
    return status
