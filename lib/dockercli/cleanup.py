"""Removing what tests and dev loops leave behind, in a fixed number of CLI calls.

Only what dockercli made is touched: containers carrying ``dockercli.session`` (every
container :meth:`Docker.run` / :meth:`Docker.create` starts), networks and volumes
carrying it (from :meth:`Docker.create_network` and :meth:`Docker.create_volume`), and
images carrying the build labels of :mod:`dockercli.ownership`. A cleanup needs a
selection (a name prefix, labels or a session); ``older_than`` and ``keep`` only narrow it.

``run`` lists matching containers (1 call), inspects the stopped ones for their exact
creation time and image (1), removes all but the ``keep`` newest (1). With ``images``,
it then lists the images dockercli built (1), inspects those and the removed containers'
images (1), and removes the ones dockercli built, by their own tags and ID, never forced and with
``--no-prune`` (1): the engine itself refuses an image that a remaining container or
child image needs, and an untagged parent it would take along may be the user's (the
legacy builder's step images of a cleaned-up build stay, as build cache). A last
inspect (1) tells which are gone. With ``networks``, it lists the networks dockercli
created that match (1) and removes them by name (1); the engine refuses one a container
is still on, and after a refusal one more listing shows what is left (podman stops at
the first refusal, so the rest are tried again). With ``volumes``, the same for the
volumes dockercli created (listed and inspected: 2 calls), which a container that uses
them, even a stopped one, keeps.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import attrs

from dockercli import _reads, ownership, parsers
from dockercli._session import REUSE_LABEL, SESSION_LABEL, VIA_LABEL
from dockercli.errors import DockerError, InvalidOptionError, ParseError
from dockercli.models import ContainerInfo, ImageInfo, NetworkSummary
from dockercli.options import (
    NetworkLsOptions,
    NetworkRmOptions,
    PsOptions,
    RmiOptions,
    VolumeRmOptions,
)

if TYPE_CHECKING:
    from dockercli.session import Session

log = logging.getLogger("dockercli")

STOPPED = frozenset({"exited", "created", "dead"})
# `docker run` creates, then starts: a container that dockercli's run() made, still
# "created" and this young, may be one whose run is in flight (in this process or
# another), so a cleanup leaves it alone. Containers from create() get no such grace.
STARTING_GRACE = timedelta(seconds=30)
_AGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_HEX = re.compile(r"[0-9a-f]{12,64}")


@attrs.frozen
class Removal:
    """One container or image the cleanup removed (or would remove)."""

    id: str
    name: str = ""
    image_id: str = ""
    created: datetime | None = None


@attrs.frozen
class CleanupReport:
    """What a cleanup did.

    Attributes:
        containers: Containers removed (or, with ``dry_run``, that would be).
        kept: Matching stopped containers kept by ``keep``.
        images: Image IDs removed (or candidates, with ``dry_run``): only images
            dockercli built.
        images_left: ``(id, reason)`` for each image dockercli built that was left because
            something else needs it: a tag someone else gave it, a container, a child image.
        networks: ``(id, name)`` of each network dockercli created that was removed (or
            would be): after the containers, and only networks nothing is attached to.
        networks_left: ``(id, reason)`` for each such network the engine kept because a
            container is still on it (one someone else attached, or a running one).
        volumes: Names of the volumes dockercli created that were removed (or would be):
            after the containers, and only volumes no container uses.
        volumes_left: ``(name, reason)`` for each such volume the engine kept because a
            container (running or stopped, someone else's) uses it.
        failures: ``(id, reason)`` for each container or image that could not be removed.
        dry_run: Nothing was removed.
        calls: CLI invocations made.
    """

    containers: tuple[Removal, ...] = ()
    kept: tuple[Removal, ...] = ()
    images: tuple[str, ...] = ()
    images_left: tuple[tuple[str, str], ...] = ()
    networks: tuple[tuple[str, str], ...] = ()
    networks_left: tuple[tuple[str, str], ...] = ()
    volumes: tuple[str, ...] = ()
    volumes_left: tuple[tuple[str, str], ...] = ()
    failures: tuple[tuple[str, str], ...] = ()
    dry_run: bool = False
    calls: int = 0


def parse_age(value: timedelta | float | str | None) -> timedelta | None:
    """``older_than`` as a timedelta: seconds, a timedelta, or '90s', '30m', '2h', '1d'."""
    if value is None or isinstance(value, timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(seconds=value)
    match = _AGE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise InvalidOptionError(f"'older_than' must be seconds or like '2h' (got {value!r})")
    return timedelta(seconds=float(match[1]) * _UNITS[match[2]])


def select(
    infos: Sequence[ContainerInfo],
    *,
    prefix: str | None,
    keep: int,
    older_than: timedelta | None,
    now: datetime,
    running: bool = False,
) -> tuple[list[ContainerInfo], list[ContainerInfo]]:
    """Split matching containers into (remove, keep): the ``keep`` newest stay.

    Only stopped containers qualify unless ``running`` (for sessions known to be dead);
    without ``running``, one that :meth:`Docker.run` created less than
    :data:`STARTING_GRACE` ago and that has not started does not either: that run may be
    in flight.
    """
    stopped = [
        i
        for i in infos
        if (running or i.status in STOPPED)
        and (prefix is None or i.name.startswith(prefix))
        and (running or not _maybe_starting(i, now))
    ]
    stopped.sort(key=lambda i: i.created or datetime.min.replace(tzinfo=timezone.utc), reverse=True)
    kept, candidates = stopped[:keep], stopped[keep:]
    if older_than is not None:
        old = [i for i in candidates if i.created is not None and now - i.created > older_than]
        kept += [i for i in candidates if i not in old]
        candidates = old
    return candidates, kept


def _maybe_starting(info: ContainerInfo, now: datetime) -> bool:
    return (
        info.status == "created"
        and info.labels.get(VIA_LABEL) == "run"
        and info.created is not None
        and now - info.created < STARTING_GRACE
    )


def _removal(info: ContainerInfo) -> Removal:
    return Removal(id=info.id, name=info.name, image_id=info.image_id or "", created=info.created)


class Cleaner:
    """Runs cleanups for one client, and at most one delayed cleanup at a time."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def run(
        self,
        *,
        prefix: str | None = None,
        labels: Mapping[str, str] | None = None,
        session: str | None = None,
        keep: int = 0,
        older_than: timedelta | float | str | None = None,
        images: bool = True,
        networks: bool = True,
        volumes: bool = True,
        dry_run: bool = False,
        running: bool = False,
        reused: bool = False,
    ) -> CleanupReport:
        """Remove dockercli's stopped matching containers but the ``keep`` newest, then the
        images dockercli built that they ran and nothing else needs, then (``networks``)
        the networks dockercli created that match and nothing is attached to, then
        (``volumes``) the volumes dockercli created that match and no container uses.

        ``running=True`` also force-removes running ones (a session that was killed).
        Containers made by ``run(reuse=True)`` are kept for the next run unless
        ``reused=True`` selects them too.
        """
        if isinstance(keep, bool) or not isinstance(keep, int) or keep < 0:
            raise InvalidOptionError(f"'keep' must be an int >= 0 (got {keep!r})")
        if not prefix and not labels and not session:
            raise InvalidOptionError(
                "a cleanup needs a selection: give 'prefix', 'labels' or 'session' "
                "('older_than' and 'keep' only narrow one)"
            )
        age = parse_age(older_than)
        cli = self._session
        selected = [SESSION_LABEL if session in (None, "*") else f"{SESSION_LABEL}={session}"]
        selected += [f"{k}={v}" for k, v in (labels or {}).items()]
        listed = cli.call(
            PsOptions(all=True, filters={"label": selected}, format="{{json .}}", no_trunc=True),
        )
        calls = 1
        entries = [
            e
            for e in parsers.ps_entries(listed.stdout)
            if prefix is None or e.name.startswith(prefix)
        ]
        infos = (
            _reads.inspect_containers(cli, [e.id for e in entries], missing_ok=True)
            if entries
            else []
        )
        calls += bool(entries)
        if not reused:
            infos = [i for i in infos if REUSE_LABEL not in i.labels]
        remove, kept = select(
            infos,
            prefix=prefix,
            keep=keep,
            older_than=age,
            now=datetime.now(timezone.utc),
            running=running,
        )
        report = CleanupReport(
            containers=tuple(map(_removal, remove)),
            kept=tuple(map(_removal, kept)),
            dry_run=dry_run,
            calls=calls,
        )
        image_ids = sorted({i.image_id for i in remove if i.image_id}) if images else []
        sweep = _ImageSweep(cli, report)
        if dry_run:
            report = sweep.plan(image_ids) if image_ids else report
        elif remove:
            done = cli.call(cli.rm([i.id for i in remove], force=running), ok_codes=(0, 1))
            failures = _failures(done.stderr, [i.id for i in remove])
            failed_ids = {f[0] for f in failures}
            report = attrs.evolve(
                report,
                containers=tuple(r for r in report.containers if r.id not in failed_ids),
                failures=tuple(failures),
                calls=report.calls + 1,
            )
            report = _ImageSweep(cli, report).run(image_ids) if image_ids else report
        if networks:
            report = _sweep_networks(cli, report, selected, prefix=prefix, age=age, running=running)
        if volumes:
            report = _sweep_volumes(cli, report, selected, prefix=prefix, age=age, running=running)
        return report

    def schedule(self, delay: float, **kwargs: Any) -> bool:
        """Run :meth:`run` after ``delay`` seconds on a daemon timer; False if one is pending."""
        with self._lock:
            if self._timer is not None:
                return False
            self._timer = threading.Timer(delay, self._fire, kwargs=kwargs)
            self._timer.daemon = True
            self._timer.start()
            return True

    def _fire(self, **kwargs: Any) -> None:
        with self._lock:
            self._timer = None
        try:
            report = self.run(**kwargs)
        except (InvalidOptionError, ParseError):
            raise  # a bad argument or unreadable output is a bug to see, not a failed cleanup
        except DockerError as error:
            log.warning("scheduled cleanup failed: %s", error.message)
            return
        log.debug("scheduled cleanup removed %d containers", len(report.containers))

    def cancel(self) -> None:
        """Cancel a pending delayed cleanup."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()


@attrs.frozen
class _Owned:
    """An image dockercli built: its own tags, and the tags someone else gave it."""

    info: ImageInfo
    mine: tuple[str, ...]
    others: tuple[str, ...]

    @classmethod
    def of(cls, info: ImageInfo) -> _Owned:
        mine = ownership.ours_among(ownership.built_tags(info), info.tags)
        return cls(info, tuple(mine), tuple(t for t in info.tags if t not in mine))

    def refs(self) -> list[str]:
        """What ``rmi`` is given: its own tags, then its ID unless another tag holds it."""
        return [*self.mine] + ([] if self.others else [self.info.id])


class _ImageSweep:
    """The image half of a cleanup: of the removed containers' images, the ones dockercli
    built, removed by their own tags and ID (never forced), with what was left and why."""

    def __init__(self, session: Session, report: CleanupReport) -> None:
        self._session = session
        self._report = report
        self._calls = 0

    def _inspect(self, ids: Sequence[str]) -> list[ImageInfo]:
        self._calls += 1
        return _reads.inspect_images(self._session, ids, missing_ok=True)

    def _owned(self, image_ids: Sequence[str]) -> list[_Owned]:
        self._calls += 1
        peers = [
            s.id
            for s in _reads.images(
                self._session, all=True, filters={"label": ownership.BUILT_LABEL}
            )
        ]
        found = self._inspect(sorted({*image_ids, *peers}))
        wanted = set(image_ids)
        return [_Owned.of(i) for i in ownership.owned([i for i in found if i.id in wanted], found)]

    def _done(self, **changes: Any) -> CleanupReport:
        return attrs.evolve(self._report, calls=self._report.calls + self._calls, **changes)

    def plan(self, image_ids: Sequence[str]) -> CleanupReport:
        """What :meth:`run` would remove (a dry run)."""
        owned = self._owned(image_ids)
        return self._done(
            images=tuple(o.info.id for o in owned if not o.others),
            images_left=tuple(_tagged(o) for o in owned if o.others),
        )

    def run(self, image_ids: Sequence[str]) -> CleanupReport:
        """Remove dockercli's images among ``image_ids`` that nothing else needs."""
        owned = self._owned(image_ids)
        left = [_tagged(o) for o in owned if o.others]
        if not owned:
            return self._done()
        self._calls += 1
        refs = [ref for o in owned for ref in o.refs()]
        # --no-prune: an untagged parent the engine would take along may be the user's.
        done = self._session.call(RmiOptions(refs=refs, no_prune=True), ok_codes=range(256))
        remaining = {i.id for i in self._inspect([o.info.id for o in owned])}
        left += [(o.info.id, _reason(done.stderr, o)) for o in owned if o.info.id in remaining]
        return self._done(
            images=tuple(o.info.id for o in owned if o.info.id not in remaining),
            images_left=tuple(dict(left).items()),
        )


def _sweep_networks(
    cli: Session,
    report: CleanupReport,
    labels: list[str],
    *,
    prefix: str | None,
    age: timedelta | None,
    running: bool,
) -> CleanupReport:
    """Remove the matching networks dockercli created: the engine itself refuses one a
    container is still on, and that one is left. Without ``running``, one created less
    than :data:`STARTING_GRACE` ago stays too: its containers may be starting.

    One call lists them, one removes them all; after a refusal one more lists what is
    still there: docker goes on past a network it cannot remove, podman stops at it, so
    the networks after it are removed in one more call (and so on, once per refusal).
    """
    ls = NetworkLsOptions(filters={"label": labels}, format="{{json .}}", no_trunc=True)

    def listed() -> list[NetworkSummary]:
        now = datetime.now(timezone.utc)
        return [
            n
            for n in parsers.network_entries(cli.call(ls).stdout)
            if _chosen(n.name, n.created, now, prefix=prefix, age=age, running=running)
        ]

    found = [(n.id, n.name) for n in listed()]
    if not found or report.dry_run:
        return attrs.evolve(report, networks=tuple(found), calls=report.calls + 1)
    # by name, just listed with this ID: podman 4.3 removes a network given by ID even
    # while containers are on it (see Session.remove_network)
    left, calls = _remove_in_rounds(
        cli,
        found,
        lambda names: NetworkRmOptions(refs=names),
        lambda: {n.id for n in listed()},
        listing_calls=1,
    )
    return attrs.evolve(
        report,
        networks=tuple(n for n in found if n[0] not in left),
        networks_left=tuple(left.items()),
        calls=report.calls + 1 + calls,
    )


def _sweep_volumes(
    cli: Session,
    report: CleanupReport,
    labels: list[str],
    *,
    prefix: str | None,
    age: timedelta | None,
    running: bool,
) -> CleanupReport:
    """Remove the matching volumes dockercli created: the engine refuses one a container
    uses (a stopped one too), and that one is left; one younger than
    :data:`STARTING_GRACE` stays without ``running`` (a run may be about to mount it).
    Two calls list them (``ls``, then ``inspect`` for their age), one removes them;
    after a refusal, one more listing, as for networks. Never ``--force``: podman's
    removes the containers that use the volume."""

    def listed() -> list[str]:
        now = datetime.now(timezone.utc)
        return [
            v.name
            for v in _reads.volumes(cli, {"label": labels})
            if _chosen(v.name, v.created, now, prefix=prefix, age=age, running=running)
        ]

    found = [(name, name) for name in listed()]
    if not found or report.dry_run:
        return attrs.evolve(report, volumes=tuple(n for n, _ in found), calls=report.calls + 2)
    left, calls = _remove_in_rounds(
        cli,
        found,
        lambda names: VolumeRmOptions(refs=names),
        lambda: set(listed()),
        listing_calls=2,
    )
    return attrs.evolve(
        report,
        volumes=tuple(n for n, _ in found if n not in left),
        volumes_left=tuple(left.items()),
        calls=report.calls + 2 + calls,
    )


def _chosen(
    name: str,
    created: datetime | None,
    now: datetime,
    *,
    prefix: str | None,
    age: timedelta | None,
    running: bool,
) -> bool:
    """Whether a network or volume dockercli made is this cleanup's: its name has
    ``prefix``, it is older than ``age``, and (unless ``running``) it is past
    :data:`STARTING_GRACE`, so no run in flight is about to use it."""
    return (
        (prefix is None or name.startswith(prefix))
        and (age is None or (created is not None and now - created > age))
        and (running or created is None or now - created >= STARTING_GRACE)
    )


def _remove_in_rounds(
    cli: Session,
    found: Sequence[tuple[str, str]],
    removal: Callable[[list[str]], Any],
    still_there: Callable[[], set[str]],
    *,
    listing_calls: int,
) -> tuple[dict[str, str], int]:
    """Remove ``found`` (``(key, name)`` pairs; removed by name) in one call, and again
    after each refusal: docker goes on past an object it cannot remove, podman stops at
    it, so what comes after it is tried once more. The keys the engine kept, with its
    reason, and the calls made (each listing, ``still_there``, costs ``listing_calls``)."""
    left: dict[str, str] = {}
    pending = list(found)
    calls = 0
    while pending:
        done = cli.call(removal([name for _, name in pending]), ok_codes=range(256))
        calls += 1
        if done.returncode == 0:
            break
        why = done.stderr.strip() or "not removed"
        named = _failures(done.stderr, [k for k, _ in pending], [n for _, n in pending])
        # a refusal in words we cannot place: every survivor is left, with the whole stderr
        refused = dict(named) or {k: why for k, _ in pending}
        still = still_there()
        calls += listing_calls
        left.update({k: reason for k, reason in refused.items() if k in still})
        after = [(k, n) for k, n in pending if k in still and k not in left]
        if len(after) == len(pending):  # no progress: keep the rest as left, stop
            left.update(dict.fromkeys((k for k, _ in after), why))
            break
        pending = after
    return left, calls


def _tagged(owned: _Owned) -> tuple[str, str]:
    return (owned.info.id, "still tagged " + ", ".join(owned.others))


def _reason(stderr: str, owned: _Owned) -> str:
    if owned.others:
        return _tagged(owned)[1]
    # The engine's own words when a line names this image (podman names the container).
    keys = [owned.info.id[:12], *owned.mine]
    for line in stderr.splitlines():
        if any(k in line for k in keys):
            return line.strip()
    return "in use: a container or an image built on it needs it"


def _failures(stderr: str, ids: Sequence[str], names: Sequence[str] = ()) -> list[tuple[str, str]]:
    """``(id, line)`` for each object a failed removal names on its own stderr line: by
    its short ID, or by its name (``names``, in the order of ``ids``; podman names a
    network it refused by the name it was given)."""
    found = []
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for object_id, name in itertools.zip_longest(ids, names[: len(ids)]):
        # a short ID only for a hex ID: a volume's key is its name, whose first 12
        # characters other names may share
        short = [re.escape(object_id[:12])] if _HEX.fullmatch(object_id) else []
        exact = [rf"(?<![\w.-]){re.escape(name)}(?![\w.-])"] if name else []
        named = re.compile("|".join(short + exact))
        line = next((line for line in lines if named.search(line)), None)
        if line is not None:
            found.append((object_id, line))
    return found
