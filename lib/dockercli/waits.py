"""Readiness: the conditions a container can be waited for, and the one loop that waits.

Each ``Container.wait_for_*`` method is this loop over one condition;
:meth:`~dockercli.container.Container.wait_for_all` and
:meth:`~dockercli.container.Container.wait_for_any` take several::

    from dockercli import waits

    box.wait_for_all(waits.port(5432), waits.log("ready to accept"), timeout=60)
    box.wait_for_any(waits.http(8080, "/health"), waits.file("/tmp/failed"))

The loop checks the pending conditions in turn every 0.25 s and inspects the container at
most once a second: one that exits, or whose healthcheck turns unhealthy, ends the wait at
once with a :class:`~dockercli.errors.ContainerExitedError` carrying its last log lines, as
does the timeout (a :class:`~dockercli.errors.DockerTimeoutError` naming what was still
awaited). A check never raises for "not yet": a refused connection, a 503, a non-zero exit
or a missing file is a pending condition.
"""

from __future__ import annotations

import contextlib
import re
import socket
import time
from collections.abc import Container as Collection, Sequence
from typing import TYPE_CHECKING, Any, Protocol, Union

import attrs

from dockercli.errors import (
    ContainerExitedError,
    DockerError,
    DockerTimeoutError,
    NotFoundError,
)

if TYPE_CHECKING:
    from dockercli._timeout import Timeout
    from dockercli.models import ContainerInfo
    from dockercli.result import Completed
    from dockercli.session import Session

POLL = 0.25  # seconds between rounds of checks
STATE_EVERY = 1.0  # seconds between inspects of the container
LAST_LINES = 20  # of the container's output, in the message of a wait that failed
_HTTP_TIMEOUT = 2.0  # one request's limit, so a slow answer cannot eat the wait's
PENDING: Any = type("Pending", (), {"__repr__": lambda self: "PENDING"})()
"""What a condition's check returns while it does not hold yet."""

Status = Union[int, Collection[int]]


class Container(Protocol):
    """What the conditions read of a :class:`~dockercli.container.Container`."""

    id: str
    session: Session

    @property
    def name(self) -> str: ...

    @property
    def host(self) -> str: ...

    def host_port(self, port: int, proto: str = ..., family: str = ...) -> int: ...

    def address(self, port: int, proto: str = ...) -> str: ...

    def inspect(self, *, refresh: bool = ...) -> ContainerInfo: ...

    def logs(self, *, tail: int | str | None = ...) -> str: ...

    def exec(self, command: str | Sequence[str], *, timeout: Timeout = ...) -> Completed: ...


class Condition(Protocol):
    """Something a container can be waited for."""

    def describe(self) -> str:
        """What is awaited, for a timeout's message (``"port 8080 to answer"``)."""
        ...

    def check(self, container: Container, info: ContainerInfo) -> Any:
        """Its result once it holds, else :data:`PENDING` (``info``: the last inspect)."""
        ...


@attrs.frozen
class Port:
    """The published ``port`` accepts connections (and keeps one open): its address."""

    port: int
    proto: str = "tcp"

    def describe(self) -> str:
        return f"port {self.port} to answer"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        from dockercli.parsers import NoPortMappingError  # noqa: PLC0415 - first use

        with contextlib.suppress(NoPortMappingError):
            host, host_port = container.host, container.host_port(self.port, self.proto)
            if answers(host, host_port):
                return container.address(self.port, self.proto)
        return PENDING


@attrs.frozen
class Http:
    """A GET of ``path`` through the published ``port`` answers with an accepted status
    (a number, or a range or set of them): the URL. ``tls``: https, the server's
    certificate not verified (a test container's is self-signed)."""

    port: int
    path: str = "/"
    status: Status = range(200, 400)
    tls: bool = False

    def describe(self) -> str:
        return f"GET {self.path} on port {self.port} to answer {_statuses(self.status)}"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        import http.client  # noqa: PLC0415 - loaded on first use
        import urllib.error  # noqa: PLC0415

        from dockercli.parsers import NoPortMappingError  # noqa: PLC0415

        try:
            host, host_port = container.host, container.host_port(self.port)
        except NoPortMappingError:
            return PENDING
        scheme = "https" if self.tls else "http"
        path = self.path if self.path.startswith("/") else "/" + self.path
        url = f"{scheme}://{_url_host(host)}:{host_port}{path}"
        opener = _opener(self.tls)
        try:
            with opener.open(url, timeout=_HTTP_TIMEOUT) as answer:
                code = int(answer.status)
        except urllib.error.HTTPError as error:  # a status outside 2xx: maybe accepted
            code = error.code
            error.close()
        except (OSError, ValueError, http.client.HTTPException):  # refused, reset, not HTTP yet
            return PENDING
        return url if _accepted(self.status, code) else PENDING


@attrs.frozen
class Exec:
    """``command`` run in the container exits 0: its :class:`~dockercli.result.Completed`."""

    command: Sequence[str] | str

    def describe(self) -> str:
        shown = self.command if isinstance(self.command, str) else " ".join(self.command)
        return f"{shown!r} to exit 0"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        done = container.exec(self.command, timeout=_EXEC_TIMEOUT)
        return done if done.returncode == 0 else PENDING


_EXEC_TIMEOUT = 10.0


@attrs.frozen
class File:
    """``path`` exists in the container's filesystem: the path. Looked for with
    ``docker cp`` (no shell or ``test`` is needed in the image), which copies it out each
    time: meant for marker files, sockets and PID files, not large trees."""

    path: str

    def describe(self) -> str:
        return f"{self.path} to exist"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        from dockercli.options import CpOptions  # noqa: PLC0415 - first use

        opts = CpOptions(source=f"{container.id}:{self.path}", dest="-")
        try:
            container.session.call(opts, binary=True)
        except NotFoundError:
            return PENDING
        return self.path


@attrs.frozen
class Log:
    """``pattern`` appears in the container's output: the match. Read again each round
    (``Container.wait_for_log`` follows the stream instead)."""

    pattern: str | re.Pattern[str]

    def describe(self) -> str:
        shown = self.pattern.pattern if isinstance(self.pattern, re.Pattern) else self.pattern
        return f"{shown!r} in the logs"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        found = re.search(self.pattern, container.logs())
        return found if found is not None else PENDING


@attrs.frozen
class Healthy:
    """The engine's healthcheck reports ``healthy`` (``unhealthy`` ends the wait)."""

    def describe(self) -> str:
        return "a healthy status"

    def check(self, container: Container, info: ContainerInfo) -> Any:
        if info.health is None:
            raise DockerError(f"container {container.name} has no healthcheck to wait for")
        if info.health == "unhealthy":
            raise ContainerExitedError(
                f"container {container.name} became unhealthy; "
                f"last lines:\n{last_log_lines(container)}"
            )
        return True if info.health == "healthy" else PENDING


port = Port
http = Http
exec = Exec
file = File
log = Log
healthy = Healthy


def until(
    container: Container, conditions: Sequence[Condition], *, every: bool, timeout: float
) -> list[Any]:
    """Check ``conditions`` until all of them hold (``every``), or one; their results
    (with ``every=False``, :data:`PENDING` for the ones that did not hold)."""
    if not conditions:
        raise ValueError("nothing to wait for: give at least one condition")
    deadline = time.monotonic() + timeout
    results: list[Any] = [PENDING] * len(conditions)
    info, next_state = None, 0.0
    while True:
        now = time.monotonic()
        if info is None or now >= next_state:
            info = _running(container, conditions, results)
            next_state = now + STATE_EVERY
        for i, condition in enumerate(conditions):
            if results[i] is PENDING:
                results[i] = condition.check(container, info)
                if not every and results[i] is not PENDING:
                    return results
        if every and PENDING not in results:
            return results
        if time.monotonic() >= deadline:
            awaited = _awaited(conditions, results)
            raise DockerTimeoutError(
                f"container {container.name}: {awaited} not within {timeout:g}s; "
                f"last lines:\n{last_log_lines(container)}"
            )
        time.sleep(POLL)


def _running(
    container: Container, conditions: Sequence[Condition], results: Sequence[Any]
) -> ContainerInfo:
    info = container.inspect(refresh=True)
    if not info.running:
        raise ContainerExitedError(
            f"container {container.name} is {info.status} (exit code {info.exit_code}) "
            f"while waiting for {_awaited(conditions, results)}; "
            f"last lines:\n{last_log_lines(container)}"
        )
    return info


def _awaited(conditions: Sequence[Condition], results: Sequence[Any]) -> str:
    return ", ".join(c.describe() for c, r in zip(conditions, results) if r is PENDING)


def last_log_lines(container: Container, lines: int = LAST_LINES) -> str:
    """The container's last ``lines`` of output, for an error message."""
    try:
        return container.logs(tail=lines).rstrip()
    except DockerError as error:
        return f"(logs unavailable: {error.message})"


def answers(host: str, port: int) -> bool:
    """True when a TCP connection to ``host:port`` opens and stays open a moment."""
    # docker-proxy accepts a connection even while nothing listens inside, then closes
    # it at once: a connection that stays open for a moment (or sends data) is real.
    try:
        with socket.create_connection((host, port), timeout=1.0) as sock:
            sock.settimeout(0.2)
            try:
                return sock.recv(1, socket.MSG_PEEK) != b""
            except socket.timeout:
                return True
    except OSError:
        return False


def _accepted(status: Status, code: int) -> bool:
    return code == status if isinstance(status, int) else code in status


def _statuses(status: Status) -> str:
    if isinstance(status, int):
        return str(status)
    if isinstance(status, range) and status.step == 1 and len(status):
        return f"{status.start}-{status.stop - 1}"
    return "one of " + ", ".join(str(s) for s in sorted(status))  # type: ignore[call-overload]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _opener(tls: bool) -> Any:
    """An opener that follows no redirect (a 302 is an answer, judged by the accepted
    statuses) and, for https, verifies no certificate."""
    import ssl  # noqa: PLC0415 - loaded on first use
    import urllib.request  # noqa: PLC0415

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    # No proxy: the published port is on this machine or the engine's, never behind
    # the http_proxy a CI job sets for the internet.
    handlers: list[Any] = [urllib.request.ProxyHandler({}), NoRedirect()]
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        handlers.append(urllib.request.HTTPSHandler(context=context))
    return urllib.request.build_opener(*handlers)
