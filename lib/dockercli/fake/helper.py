"""The process behind a fake container's published TCP ports.

Started (detached) by ``run``/``start`` with the listening sockets already bound to
127.0.0.1; answers every HTTP request with ``200 OK`` and ``fake-docker <name>``.
Exits on SIGTERM (stop, kill, rm), at the container's scripted exit time, or as soon as
state.json no longer records it as the container's helper.

    helper.py CONTAINER_ID NAME STATE_FILE DEADLINE_NS FD [FD...]
"""

from __future__ import annotations

import os
import select
import socket
import sys
import time

_CHECK_EVERY = 0.5
_GRACE = 5.0  # the CLI that started us records our pid right after the fork
_READ_TIMEOUT = 2.0


def _still_mine(state_file: str, cid: str) -> bool:
    try:
        with open(state_file, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return False
    return cid in text and f'"helper":{os.getpid()}' in text


def _answer(conn: socket.socket, body: bytes) -> None:
    conn.settimeout(_READ_TIMEOUT)
    request = b""
    try:
        while b"\r\n\r\n" not in request and b"\n\n" not in request and len(request) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            request += chunk
        head = (
            b"HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n"
        )
        conn.sendall(head if request.startswith(b"HEAD ") else head + body)
    except OSError:
        pass
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    """Serve until told to stop."""
    cid, name, state_file, deadline_text, *fds = argv
    deadline = int(deadline_text) / 1e9
    listeners = [socket.socket(fileno=int(fd)) for fd in fds]
    for sock in listeners:
        sock.setblocking(False)
    body = f"fake-docker {name}\n".encode()
    next_check = time.time() + _GRACE
    while True:
        now = time.time()
        if deadline and now >= deadline:
            return 0
        if now >= next_check:
            if not _still_mine(state_file, cid):
                return 0
            next_check = now + _CHECK_EVERY
        wait = min(_CHECK_EVERY, deadline - now) if deadline else _CHECK_EVERY
        ready, _, _ = select.select(listeners, [], [], max(wait, 0.0))
        for sock in ready:
            try:
                conn, _addr = sock.accept()
            except OSError:
                continue
            _answer(conn, body)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
