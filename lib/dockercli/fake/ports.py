"""Published ports: ``-p`` parsing, host port allocation, and the HTTP helper process.

The fake models a *default* engine: ``-p 8080`` binds all IPv4 and IPv6 addresses in the
docker dialects (two bindings, one host port) and all IPv4 addresses in podman. Whatever
the address shown, the helper that answers on the port listens on 127.0.0.1 only.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import os
import sys

from dockercli.fake import dialect, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.records import Container, State

FIRST_PORT = store.FIRST_PORT
LAST_PORT = 60999
HELPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "helper.py")
_PROTOS = ("tcp", "udp", "sctp")
ANY = "0.0.0.0"  # noqa: S104 - an address shown to users; the helper binds 127.0.0.1 only


def _port_range(text: str) -> tuple[int, int] | None:
    low, dash, high = text.partition("-")
    if not low.isdigit() or (dash and not high.isdigit()):
        return None
    first, last = int(low), int(high) if dash else int(low)
    if first > 65535 or last > 65535 or last < first:
        return None
    return first, last


def valid_ip(text: str) -> bool:
    """An IPv4 dotted quad or an IPv6 address (loosely checked)."""
    if ":" in text:
        return all(c in "0123456789abcdefABCDEF:." for c in text) and text.count("::") <= 1
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def parse_publish(d: dialect.Dialect, spec: str) -> list[tuple[str, dict[str, str]]]:
    """``[ip:][host:]port[/proto]`` -> [(``"8080/tcp"``, {"HostIp", "HostPort"})].

    Raises the dialect's usage error (the caller wraps it for run/create).
    """
    body, _, proto = spec.partition("/")
    proto = proto or "tcp"
    parts = body.split(":")
    container = parts[-1]
    host = parts[-2] if len(parts) > 1 else ""
    ip = ":".join(parts[:-2]) if len(parts) > 2 else ""
    if ip.startswith("[") and ip.endswith("]"):
        ip = ip[1:-1]
    if ip and not valid_ip(ip):
        raise d.bad_publish("ip", ip)
    if proto not in _PROTOS:
        raise d.bad_publish("proto", proto)
    ports = _port_range(container)
    if ports is None:
        raise d.bad_publish("container", container)
    hosts = _port_range(host) if host else (0, 0)
    if hosts is None or (host and hosts[0] == 0):
        raise d.bad_publish("host", host)
    out: list[tuple[str, dict[str, str]]] = []
    for n, port in enumerate(range(ports[0], ports[1] + 1)):
        hostport = ""
        if host:
            hostport = str(hosts[0] + n) if hosts[1] != hosts[0] else str(hosts[0])
        out.append((f"{port}/{proto}", {"HostIp": ip, "HostPort": hostport}))
    return out


def families(d: dialect.Dialect, ip: str) -> list[str]:
    """The addresses a binding ends up on: a default engine binds v4 and v6 for docker."""
    return [ip] if ip else list(d.bind_families)


def _in_use(state: State) -> set[int]:
    used: set[int] = set()
    for c in state["containers"].values():
        for bindings in (c.get("ports") or {}).values():
            for b in bindings or ():
                used.add(int(b["HostPort"]))
    return used


def _try_bind(port: int) -> Any:
    """A listening TCP socket on 127.0.0.1:port, or None when the port is taken."""
    import _socket

    sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(64)
    except OSError:
        sock.close()
        return None
    return sock


def publish(d: dialect.Dialect, state: State, c: Container) -> list[Any]:
    """Allocate host ports for a starting container; return the helper's sockets.

    Fills ``c["ports"]`` (NetworkSettings.Ports) and raises FakeError when a fixed host
    port is taken.
    """
    wanted: dict[str, list[dict[str, str]]] = {
        k: list(v) for k, v in c["host"]["PortBindings"].items()
    }
    if c["host"].get("PublishAllPorts"):
        for key in c["config"].get("ExposedPorts") or {}:
            wanted.setdefault(key, [{"HostIp": "", "HostPort": ""}])
    used = _in_use(state)
    sockets: list[Any] = []
    live: dict[str, Any] = {}
    for key in sorted(wanted, key=_port_key):
        proto = key.split("/")[1]
        for b in wanted[key]:
            port = int(b["HostPort"]) if b["HostPort"] else 0
            if port:
                if port in used:
                    _close(sockets)
                    raise d.port_taken(
                        c["name"], _endpoint_id(c["id"]), b["HostIp"] or ANY, port, allocated=True
                    )
                sock = _try_bind(port) if proto == "tcp" else None
                if proto == "tcp" and sock is None:
                    _close(sockets)
                    raise d.port_taken(
                        c["name"], _endpoint_id(c["id"]), b["HostIp"] or ANY, port, allocated=False
                    )
            else:
                port, sock = _allocate(state, used, proto)
            used.add(port)
            if sock is not None:
                sockets.append(sock)
            for ip in families(d, b["HostIp"]):
                live.setdefault(key, []).append({"HostIp": ip, "HostPort": str(port)})
    for key in c["config"].get("ExposedPorts") or {}:
        live.setdefault(key, None)
    c["ports"] = live
    return sockets


def _allocate(state: State, used: set[int], proto: str) -> tuple[int, Any]:
    port = state["next_port"]
    for _ in range(LAST_PORT - FIRST_PORT + 1):
        if port > LAST_PORT:
            port = FIRST_PORT
        candidate = port
        port += 1
        if candidate in used:
            continue
        sock = _try_bind(candidate) if proto == "tcp" else None
        if proto == "tcp" and sock is None:
            continue
        state["next_port"] = port
        return candidate, sock
    raise dialect.FakeError(dialect.daemon("no free host port in 32768-60999\n"))


def _endpoint_id(cid: str) -> str:
    return "".join(format(ord(ch) * 7 % 16, "x") for ch in cid)


def _close(sockets: list[Any]) -> None:
    for s in sockets:
        s.close()


def _port_key(key: str) -> tuple[int, str]:
    number, _, proto = key.partition("/")
    return int(number), proto


def spawn_helper(state_dir: str, c: Container, sockets: list[Any]) -> int:
    """Start the detached HTTP helper for ``c``; return its pid (0 when there is nothing to serve).

    Double fork and setsid: the helper is nobody's child, holds none of the caller's
    descriptors (not its pipes, not the state lock) and survives the CLI's exit.
    """
    if not sockets:
        return 0
    fds = [s.fileno() for s in sockets]
    deadline = 0
    after = c["script"]["exit_after"]
    if after >= 0:
        deadline = c["started"] + int(after * 1_000_000_000)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.setsid()
            grandchild = os.fork()
            if grandchild:
                os.write(write_end, str(grandchild).encode())
                os._exit(0)
            # write_end stays open until the exec: it is close-on-exec, so the parent's
            # read ends only once the helper's command line is its own (a caller that
            # looks for the helper right after the CLI returns must find it).
            null = os.open(os.devnull, os.O_RDWR)
            for target in (0, 1, 2):
                os.dup2(null, target)
            low = 3
            for fd in sorted([*fds, write_end]):
                os.closerange(low, fd)
                low = fd + 1
            os.closerange(low, 1024)
            for fd in fds:
                os.set_inheritable(fd, True)
            argv = [
                sys.executable,
                "-S",
                "-E",
                HELPER,
                c["id"],
                c["name"],
                os.path.join(state_dir, "state.json"),
                str(deadline),
                *map(str, fds),
            ]
            os.execv(sys.executable, argv)  # noqa: S606 - exec of our own helper script, no shell involved
        finally:
            os._exit(127)
    os.close(write_end)
    os.waitpid(pid, 0)
    data = b""
    while True:
        chunk = os.read(read_end, 64)
        if not chunk:
            break
        data += chunk
    os.close(read_end)
    _close(sockets)
    return int(data or b"0")


def _cmdline(pid: int | str) -> bytes | None:
    """The command line of process ``pid`` (None when it is gone or there is no /proc)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return None


def is_helper(pid: int, cid: str) -> bool:
    """True when ``pid`` is still the helper of container ``cid`` (pids get reused)."""
    cmdline = _cmdline(pid)
    if cmdline is None:
        return not os.path.isdir("/proc/self")  # no /proc (macOS): trust the recorded pid
    return HELPER.encode() in cmdline and cid.encode() in cmdline


def stop_helper(c: Container) -> None:
    """End ``c``'s helper process, if it still runs."""
    pid = int(c.get("helper") or 0)
    c["helper"] = 0
    if pid and is_helper(pid, c["id"]):
        try:  # noqa: SIM105 - contextlib costs 8 ms of import time per invocation
            os.kill(pid, 15)
        except ProcessLookupError:
            pass


def helpers_of(state_dir: str) -> list[int]:
    """Every port-helper pid that belongs to the engine in ``state_dir``: those its
    containers record, and any whose command line names its state file (a helper whose
    container record was lost or never written). Running or not: the caller checks."""
    state_file = store.join(state_dir, "state.json")
    try:
        recorded = {c["helper"] for c in store.load(state_dir)["containers"].values()}
    except (dialect.FakeError, OSError):  # a damaged or unreadable state: /proc still tells
        recorded = set()
    marker = state_file.encode()
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:  # no /proc (macOS)
        entries = []
    for entry in entries:
        cmdline = _cmdline(entry)
        if cmdline and HELPER.encode() in cmdline and marker in cmdline:
            recorded.add(int(entry))
    return sorted(p for p in recorded if p)


def runs_helper(pid: int) -> bool:
    """True while ``pid``'s command line is a port helper's."""
    cmdline = _cmdline(pid)
    return cmdline is not None and HELPER.encode() in cmdline
