"""dockercli removes only what it made: on the fake in every dialect and on the engine.

Each scenario sets up objects by hand (raw CLI, through ``Docker.command``, which adds no
labels), then lets dockercli build, run, remove and clean up next to them, and checks
that every hand-made tag, image and container is still there.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from dockercli import (
    BuildOptions,
    Docker,
    Image,
    InvalidOptionError,
    NoSuchImageError,
    RunOptions,
)
from dockercli.testing.fake import DIALECTS, FakeDocker
from tests.conftest import CLIENTS
from tests.contract.conftest import busybox_context, remove_by_hand

SIDES = [f"fake-{d}" for d in DIALECTS] + [
    pytest.param(f"engine-{c}", marks=pytest.mark.engine) for c in CLIENTS
]


@attrs.frozen
class Side:
    """A client on the fake or the engine, and a directory for build contexts."""

    kind: str
    docker: Docker
    root: Path
    made: list[str] = attrs.field(factory=list)
    containers: list[str] = attrs.field(factory=list)

    def context(self, dockerfile: str) -> str:
        """A build context holding busybox and this Dockerfile."""
        return str(busybox_context(self.root / f"ctx-{uuid.uuid4().hex[:8]}", dockerfile))

    def by_hand(self, *args: str) -> str:
        """Run a raw docker command, as a user would, and return its stdout."""
        return self.docker.command(*args).stdout.strip()

    def hand_build(self, dockerfile: str, *tags: str) -> str:
        """Build an image by hand (no dockercli labels); its full ID."""
        ctx = self.context(dockerfile)
        iid = self.root / f"iid-{uuid.uuid4().hex[:8]}"
        flags = [f"--tag={t}" for t in tags]
        self.by_hand("build", "--quiet", f"--iidfile={iid}", *flags, ctx)
        image_id = iid.read_text().strip().removeprefix("sha256:")
        self.made.append(image_id)
        return image_id

    def build(self, dockerfile: str, *tags: str) -> Image:
        """Build with dockercli (its labels, its ownership); the Image."""
        image = self.docker.build(BuildOptions(context=self.context(dockerfile), tags=list(tags)))
        self.made.append(image.id)
        return image

    def image_id(self, ref: str) -> str | None:
        """The ID a ref names now, or None."""
        try:
            return self.docker.inspect_image(ref).id
        except NoSuchImageError:
            return None

    def name(self, what: str) -> str:
        return f"dcli-own-{what}-{uuid.uuid4().hex[:8]}"


BASE = (
    "FROM scratch\n"
    "COPY busybox /bin/busybox\n"
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
    'CMD ["true"]\n'
)


@pytest.fixture(params=SIDES)
def side(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Side]:
    """The same ownership scenario on each fake dialect and on the engine with each client."""
    kind = str(request.param)
    if kind.startswith("fake-"):
        fake = FakeDocker(tmp_path / "fake", dialect=kind.removeprefix("fake-"))
        client = fake.client(timeout=60)
        try:
            yield Side(kind, client, tmp_path)
        finally:
            client.remove_tracked()
            fake.close()
        return
    host = request.getfixturevalue("engine_host")
    client = Docker(binary=kind.removeprefix("engine-"), host=host, timeout=120)
    made = Side(kind, client, tmp_path)
    try:
        yield made
    finally:
        client.remove_tracked()
        remove_by_hand(client, made.containers, (), made.made)


def test_with_build_keeps_the_users_tag_of_a_cached_build(side: Side) -> None:
    """A build whose result the user already tagged by hand leaves that tag when the block ends."""
    mine = side.name("app") + ":latest"
    dockerfile = BASE + "LABEL app=1\n"
    theirs = side.hand_build(dockerfile, mine)
    ctx = side.context(dockerfile)
    with side.docker.build(BuildOptions(context=ctx)) as image:
        side.made.append(image.id)
        assert image.inspect().labels["app"] == "1"
    assert side.image_id(mine) == theirs


def test_with_build_gives_a_taken_tag_back(side: Side) -> None:
    """A block that builds with the user's own tag points it back at their image at the end."""
    mine = side.name("app") + ":latest"
    theirs = side.hand_build(BASE + "LABEL app=1\n", mine)
    with side.docker.build(
        BuildOptions(context=side.context(BASE + "LABEL app=2\n"), tags=[mine])
    ) as image:
        side.made.append(image.id)
        assert side.image_id(mine) == image.id
    assert side.image_id(mine) == theirs
    assert side.image_id(image.id) is None


def test_with_build_from_only_keeps_the_base_and_its_tags(side: Side) -> None:
    """A Dockerfile that is only FROM base:1 leaves base:1 and base:prod when the block ends."""
    base = side.name("base")
    theirs = side.hand_build(BASE, f"{base}:1")
    side.by_hand("tag", f"{base}:1", f"{base}:prod")
    with side.docker.build(BuildOptions(context=side.context(f"FROM {base}:1\n"))) as image:
        side.made.append(image.id)
        assert image.id != theirs
    assert (side.image_id(f"{base}:1"), side.image_id(f"{base}:prod")) == (theirs, theirs)


def test_leaving_a_block_leaves_an_image_with_a_child(
    side: Side, caplog: pytest.LogCaptureFixture
) -> None:
    """An image that a hand-built child depends on is left, with a log line, not an exception."""
    tag = side.name("parent") + ":1"
    caplog.set_level(logging.INFO, logger="dockercli")
    with side.docker.build(BuildOptions(context=side.context(BASE), tags=[tag])) as image:
        side.made.append(image.id)
        child = side.hand_build(f"FROM {image.id}\nLABEL child=1\n", side.name("child") + ":1")
    assert side.image_id(child) == child
    if side.kind.endswith("podman"):  # podman keeps no parent link: the parent can go
        assert side.image_id(image.id) is None
    else:
        assert side.image_id(image.id) == image.id
        assert "image has dependent child images" in caplog.text


def test_image_remove_keeps_an_untagged_image_the_user_built_from_its_cache(side: Side) -> None:
    """The user's untagged build of the same Dockerfile survives Image.remove() of dockercli's.

    The legacy builder answers the user's build with dockercli's step image (the one before
    dockercli's label), so that step image is the user's image too and must stay.
    """
    image = side.build(BASE)
    theirs = side.hand_build(BASE)
    assert theirs != image.id
    assert image.remove() is True
    assert side.image_id(theirs) == theirs


def test_image_remove_takes_only_its_own_tags(side: Side) -> None:
    """Image.remove() untags what it was built with; a tag the user added keeps the image."""
    ours, theirs = side.name("ours") + ":1", side.name("theirs") + ":1"
    image = side.build(BASE, ours)
    side.by_hand("tag", ours, theirs)
    assert image.remove() is False
    assert (side.image_id(ours), side.image_id(theirs)) == (None, image.id)


def test_a_found_image_removes_only_the_ref_it_was_found_by(side: Side) -> None:
    """docker.image(ref).remove() untags ref and leaves the image's other tags alone."""
    base = side.name("found")
    theirs = side.hand_build(BASE, f"{base}:1", f"{base}:2")
    assert side.docker.image(f"{base}:1").remove() is False
    assert (side.image_id(f"{base}:1"), side.image_id(f"{base}:2")) == (None, theirs)
    assert side.docker.image(theirs).remove() is False  # by ID: a tag still names it
    assert side.image_id(f"{base}:2") == theirs


def test_cleanup_spares_base_images_the_user_made(side: Side) -> None:
    """cleanup --prefix removes dockercli's exited container but not the user's image it ran."""
    base = side.name("pg") + ":15"
    theirs = side.hand_build(BASE, base)
    prefix = side.name("job")
    box = side.docker.run(RunOptions(image=base, name=prefix + "-1", command=["true"]))
    box.wait(timeout=30)
    report = side.docker.cleanup(prefix=prefix)
    assert [r.name for r in report.containers] == [prefix + "-1"]
    assert report.images == ()
    assert side.image_id(base) == theirs


def test_cleanup_removes_the_images_it_built(side: Side) -> None:
    """An image dockercli built goes with the last container that ran it."""
    tag = side.name("built") + ":1"
    image = side.build(BASE, tag)
    prefix = side.name("job")
    side.docker.run(RunOptions(image=tag, name=prefix + "-1", command=["true"])).wait(timeout=30)
    report = side.docker.cleanup(prefix=prefix)
    assert report.images == (image.id,)
    assert side.image_id(image.id) is None


def test_cleanup_spares_a_child_the_user_built_on_a_dockercli_image(side: Side) -> None:
    """A hand-built child inherits dockercli's labels but is not taken for dockercli's image."""
    parent = side.build(BASE)
    child = side.hand_build(f"FROM {parent.id}\nLABEL child=1\n")
    assert side.docker.inspect_image(child).labels["dockercli.built"]
    prefix = side.name("job")
    side.docker.run(RunOptions(image=child, name=prefix + "-1", command=["true"])).wait(timeout=30)
    report = side.docker.cleanup(prefix=prefix)
    assert report.images == ()
    assert side.image_id(child) == child


def test_cleanup_spares_containers_the_user_made(side: Side) -> None:
    """A container made by hand is never removed, whatever its name."""
    base = side.name("b") + ":1"
    side.hand_build(BASE, base)
    prefix = side.name("job")
    theirs = side.by_hand("create", f"--name={prefix}-hand", base, "true")
    side.containers.append(theirs)
    for report in (side.docker.cleanup(prefix=prefix), side.docker.cleanup(session="*")):
        assert theirs not in {r.id for r in report.containers}
    assert side.docker.inspect_containers([theirs])[0].name.endswith(f"{prefix}-hand")


def test_cleanup_needs_a_selection(side: Side) -> None:
    """older_than and keep alone select nothing: the call is refused before any CLI call."""
    for narrowing in ({"older_than": "1s"}, {"keep": 1}, {}):
        with pytest.raises(InvalidOptionError, match="needs a selection"):
            side.docker.cleanup(dry_run=True, **narrowing)


def test_cli_cleanup_refuses_older_than_alone(side: Side) -> None:
    """`dockercli cleanup --older-than 1s --dry-run` exits 2 and names what it needs."""
    env = {**side.docker.env, "DOCKERCLI_BINARY": side.docker.binary_path}
    if side.docker.options.host:
        env["DOCKER_HOST"] = side.docker.options.host
    done = subprocess.run(
        [sys.executable, "-m", "dockercli", "cleanup", "--older-than", "1s", "--dry-run"],
        capture_output=True,
        check=False,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert done.returncode == 2, done
    assert "--prefix, --label or --session" in done.stderr
