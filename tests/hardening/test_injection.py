"""Argument injection: every hostile value is rejected before any process, or rendered as a value.

For each string-valued option and each hostile value (tests/hardening/hostile.py), either
the option refuses it with an InvalidOptionError (a ValueError), or the exact argv holds it
only inside its own ``--flag=value`` argument, or as a positional after the image where
docker has stopped reading flags.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dockercli import (
    BuildOptions,
    ExecOptions,
    InspectOptions,
    InvalidOptionError,
    LogsOptions,
    PsOptions,
    RmiOptions,
    RunOptions,
    StopOptions,
    TagOptions,
)
from dockercli._argv import render
from tests.hardening.hostile import HOSTILE

Case = tuple[str, Callable[[str], Any], Callable[[str], list[str]]]


def _run(**kw: Any) -> RunOptions:
    return RunOptions(image="img", **kw)


def _flag(flag: str, tail: tuple[str, ...] = ("img",)) -> Callable[[str], list[str]]:
    return lambda value: [f"{flag}={value}", *tail]


# (name, build options from the value, the exact argv expected if it is accepted)
CASES: list[Case] = [
    ("run.image", lambda v: RunOptions(image=v), lambda v: [v]),
    ("run.command", lambda v: _run(command=[v]), lambda v: ["img", v]),
    ("run.name", lambda v: _run(name=v), _flag("--name")),
    ("run.entrypoint", lambda v: _run(entrypoint=v), _flag("--entrypoint")),
    ("run.network", lambda v: _run(network=v), _flag("--network")),
    ("run.hostname", lambda v: _run(hostname=v), _flag("--hostname")),
    ("run.user", lambda v: _run(user=v), _flag("--user")),
    ("run.workdir", lambda v: _run(workdir=v), _flag("--workdir")),
    ("run.restart", lambda v: _run(restart=v), _flag("--restart")),
    ("run.health_cmd", lambda v: _run(health_cmd=v), _flag("--health-cmd")),
    ("run.platform", lambda v: _run(platform=v), _flag("--platform")),
    ("run.memory", lambda v: _run(memory=v), _flag("--memory")),
    ("run.env_files", lambda v: _run(env_files=[v]), _flag("--env-file")),
    ("run.volumes", lambda v: _run(volumes=[v]), lambda v: []),  # checked in _outcome
    (
        "run.volume_target",
        lambda v: _run(volumes=[f"/src:{v}"]),
        lambda v: [f"--volume=/src:{v}", "img"],
    ),
    ("run.tmpfs", lambda v: _run(tmpfs=[v]), _flag("--tmpfs")),
    ("run.volumes_from", lambda v: _run(volumes_from=[v]), _flag("--volumes-from")),
    ("run.links", lambda v: _run(links=[v]), _flag("--link")),
    ("run.network_aliases", lambda v: _run(network_aliases=[v]), _flag("--network-alias")),
    ("run.cap_add", lambda v: _run(cap_add=[v]), _flag("--cap-add")),
    ("run.extra_hosts", lambda v: _run(extra_hosts=[v]), _flag("--add-host")),
    ("run.publish", lambda v: _run(publish=[v]), lambda v: []),  # checked in _outcome
    ("run.label_key", lambda v: _run(labels={v: "1"}), lambda v: [f"--label={v}=1", "img"]),
    ("run.label_value", lambda v: _run(labels={"k": v}), lambda v: [f"--label=k={v}", "img"]),
    ("run.env_name", lambda v: _run(env={v: "1"}), lambda v: [f"--env={v}", "img"]),
    ("build.context", lambda v: BuildOptions(context=v, force_rm=False), lambda v: [v]),
    (
        "build.dockerfile",
        lambda v: BuildOptions(dockerfile=v, force_rm=False),
        _flag("--file", (".",)),
    ),
    ("build.tag", lambda v: BuildOptions(tags=[v], force_rm=False), _flag("--tag", (".",))),
    ("build.target", lambda v: BuildOptions(target=v, force_rm=False), _flag("--target", (".",))),
    (
        "build.network",
        lambda v: BuildOptions(network=v, force_rm=False),
        _flag("--network", (".",)),
    ),
    (
        "build.arg_name",
        lambda v: BuildOptions(build_args={v: "1"}, force_rm=False),
        _flag("--build-arg", (".",)),
    ),
    ("exec.container", lambda v: ExecOptions(container=v, command=["sh"]), lambda v: [v, "sh"]),
    ("exec.command", lambda v: ExecOptions(container="c1", command=[v]), lambda v: ["c1", v]),
    (
        "exec.user",
        lambda v: ExecOptions(container="c1", command=["sh"], user=v),
        _flag("--user", ("c1", "sh")),
    ),
    ("stop.ref", lambda v: StopOptions(refs=[v]), lambda v: [v]),
    ("inspect.ref", lambda v: InspectOptions(refs=[v]), lambda v: [v]),
    ("rmi.ref", lambda v: RmiOptions(refs=[v]), lambda v: [v]),
    ("tag.target", lambda v: TagOptions(source="img", target=v), lambda v: ["img", v]),
    ("logs.since", lambda v: LogsOptions(ref="c1", since=v), _flag("--since", ("c1",))),
    ("ps.filter", lambda v: PsOptions(filters={"label": v}), lambda v: [f"--filter=label={v}"]),
]

POSITIONAL_AFTER_IMAGE = {"run.command", "exec.command"}


def _outcome(case: Case, value: str) -> str:
    name, build, expected = case
    try:
        options = build(value)
    except InvalidOptionError:
        return "rejected"
    args = list(render(options).args)
    if name in ("run.publish", "run.volumes"):  # rendered in docker's normal form
        flag = "--publish=" if name == "run.publish" else "--volume="
        assert len(args) == 2, args
        assert args[0].startswith(flag), args
        assert args[1] == "img", args
        return "value"
    if name == "build.context" and value.startswith("-") and value != "-":
        assert args == ["./" + value], args
        return "value"
    assert args == expected(value), (name, value, args)
    stdin_context = name == "build.context" and value == "-"  # docker's "read it from stdin"
    if value.startswith("-") and name not in POSITIONAL_AFTER_IMAGE and not stdin_context:
        # a leading dash survives only inside a --flag=value argument
        assert not any(a == value for a in args), (name, value, args)
    return "value"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_values_are_rejected_or_rendered_as_values(case: Case) -> None:
    """Each hostile value is refused by validation or appears only as a value in the exact argv."""
    outcomes = {value: _outcome(case, value) for value in HOSTILE}
    # free-form fields refuse flag-like values (a context path gets "./" instead) and
    # every field refuses NUL and line breaks
    exempt = POSITIONAL_AFTER_IMAGE | {"run.label_value", "ps.filter", "build.context"}
    for value in ("--privileged", "-v/:/host"):
        if case[0] not in exempt:
            assert outcomes[value] == "rejected", (case[0], value)
    for value in ("\x00", "a\nb"):
        if case[0] not in POSITIONAL_AFTER_IMAGE | {"run.label_value"}:
            assert outcomes[value] == "rejected", (case[0], value)


def test_injection_table_size() -> None:
    """The table tries at least 60 hostile values against every string-valued option."""
    assert len(HOSTILE) >= 60
    assert len(CASES) >= 35


def injection_figures() -> tuple[int, int, int]:
    """(values tried, rejected, rendered as values) over the whole table, for the README."""
    tried = rejected = 0
    for case in CASES:
        for value in HOSTILE:
            tried += 1
            rejected += _outcome(case, value) == "rejected"
    return tried, rejected, tried - rejected


def test_figures_add_up() -> None:
    """Every tried value is either rejected or rendered as a value; none slips through."""
    tried, rejected, as_values = injection_figures()
    assert tried == len(CASES) * len(HOSTILE)
    assert rejected + as_values == tried
