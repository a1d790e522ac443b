"""Which containers a cleanup picks: stopped ones but the newest `keep`; young `created` never."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from dockercli._session import VIA_LABEL
from dockercli.cleanup import STARTING_GRACE, _failures, select
from dockercli.models import ContainerInfo

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def info(name: str, status: str, age: timedelta, via: str = "run") -> ContainerInfo:
    """A container of that status that dockercli's ``via`` made ``age`` before NOW."""
    return ContainerInfo(
        id=name * 8,
        name=name,
        image_id=None,
        image=None,
        created=NOW - age,
        status=status,
        running=status == "running",
        exit_code=0,
        started_at=None,
        finished_at=None,
        health=None,
        labels={VIA_LABEL: via},
        env_names=(),
        cmd=(),
        entrypoint=(),
        ip_address=None,
        ports=(),
        env=(),
        raw={},
    )


def names(found: list[ContainerInfo]) -> list[str]:
    """The names, in the order select returned them."""
    return [i.name for i in found]


def test_only_stopped_containers_are_removed() -> None:
    """Running ones stay; exited, dead and old created ones go, newest first."""
    infos = [
        info("run", "running", timedelta(hours=1)),
        info("exi", "exited", timedelta(hours=2)),
        info("dea", "dead", timedelta(hours=3)),
        info("cre", "created", timedelta(hours=4)),
    ]
    remove, kept = select(infos, prefix=None, keep=0, older_than=None, now=NOW)
    assert (names(remove), names(kept)) == (["exi", "dea", "cre"], [])


def test_a_young_created_container_may_be_starting_and_is_left_alone() -> None:
    """A run() container created moments ago and not started stays, unless the session is dead."""
    young = info("new", "created", STARTING_GRACE - timedelta(seconds=1))
    remove, _ = select([young], prefix=None, keep=0, older_than=None, now=NOW)
    assert remove == []
    remove, _ = select([young], prefix=None, keep=0, older_than=None, now=NOW, running=True)
    assert names(remove) == ["new"]


def test_a_young_container_from_create_is_removed() -> None:
    """A container create() made is not on its way to start: no grace, it is removed."""
    made = info("made", "created", timedelta(seconds=1), via="create")
    remove, _ = select([made], prefix=None, keep=0, older_than=None, now=NOW)
    assert names(remove) == ["made"]


@pytest.mark.parametrize("keep", [0, 1, 2, 5])
def test_keep_spares_the_newest(keep: int) -> None:
    """The ``keep`` most recently created stopped containers are kept."""
    infos = [info(f"c{n}", "exited", timedelta(minutes=n)) for n in range(4)]
    remove, kept = select(infos, prefix=None, keep=keep, older_than=None, now=NOW)
    assert names(kept) == [f"c{n}" for n in range(min(keep, 4))]
    assert names(remove) == [f"c{n}" for n in range(min(keep, 4), 4)]


def test_older_than_and_prefix_narrow_the_choice() -> None:
    """Only containers with the prefix and older than the age are removed."""
    infos = [
        info("app-old", "exited", timedelta(hours=3)),
        info("app-new", "exited", timedelta(minutes=5)),
        info("other", "exited", timedelta(hours=3)),
    ]
    remove, kept = select(infos, prefix="app-", keep=0, older_than=timedelta(hours=1), now=NOW)
    assert (names(remove), names(kept)) == (["app-old"], ["app-new"])


def test_a_refusal_is_placed_by_the_exact_volume_name() -> None:
    """A volume refusal names its volume; another volume whose name shares the first 12
    characters is not taken for it (a name is no ID: no prefix match)."""
    names = ["dcli-test-sweep-a", "dcli-test-sweep-ab"]
    stderr = "Error response from daemon: remove dcli-test-sweep-ab: volume is in use - [0123]\n"
    assert _failures(stderr, names, names) == [("dcli-test-sweep-ab", stderr.strip())]


def test_a_refusal_is_placed_by_a_containers_short_id() -> None:
    """A container refusal that names the short ID is placed on that container."""
    ids = ["0123456789ab" + "0" * 52, "ba9876543210" + "0" * 52]
    stderr = "Error: cannot remove container ba9876543210: it is running\n"
    assert _failures(stderr, ids) == [(ids[1], stderr.strip())]
