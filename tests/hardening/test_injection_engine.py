"""A sample of the hostile values, run through the real CLI: docker reads them as values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dockercli import BuildOptions, Docker, RunOptions

FLAG_LIKE = ["--privileged", "-v/:/host", "--network=host", "-d", "--rm", "$(id)", "a=b:c"]


def test_flag_like_values_reach_the_engine_as_values(docker: Docker, busybox_image: str) -> None:
    """Flag-like label values and command items arrive as data; no flag takes effect."""
    opts = RunOptions(
        image=busybox_image,
        entrypoint="echo",
        command=FLAG_LIKE,
        labels={f"k{i}": v for i, v in enumerate(FLAG_LIKE)},
    )
    with docker.run(opts) as box:
        assert box.wait(timeout=30) == 0
        assert box.logs() == " ".join(FLAG_LIKE) + "\n"
        raw = box.inspect(refresh=True).raw
        assert raw["HostConfig"]["Privileged"] is False
        assert not raw["HostConfig"]["Binds"]
        assert raw["HostConfig"]["NetworkMode"] != "host"
        assert raw["HostConfig"]["AutoRemove"] is False
        assert [raw["Config"]["Labels"][f"k{i}"] for i in range(len(FLAG_LIKE))] == FLAG_LIKE


def test_dash_named_context_is_built_as_a_path(
    docker: Docker, busybox_image: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build context named like a flag is passed as ./-name and built from that directory."""
    context = tmp_path / "--no-cache"
    context.mkdir()
    (context / "Dockerfile").write_text(f"FROM {busybox_image}\nLABEL built.from=dash-dir\n")
    monkeypatch.chdir(tmp_path)
    with docker.build(BuildOptions(context="--no-cache")) as image:
        assert image.inspect().labels["built.from"] == "dash-dir"
    assert os.getcwd() == str(tmp_path)
