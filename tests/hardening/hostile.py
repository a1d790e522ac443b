"""Hostile values: each is a way a value could be read by docker as a flag or do harm."""

from __future__ import annotations

HOSTILE: tuple[str, ...] = (
    # leading dashes: docker would read these as flags
    "-",
    "--",
    "-d",
    "-it",
    "--rm",
    "--privileged",
    "--privileged=true",
    "-v/:/host",
    "--volume=/:/host",
    "--network=host",
    "--pid=host",
    "--cap-add=ALL",
    "--security-opt=seccomp=unconfined",
    "--device=/dev/sda",
    "-p0.0.0.0:1:1",
    "--mount=type=bind,src=/,dst=/host",
    "-e",
    "--env=PATH=/evil",
    "-" * 10_000,
    # '=' and ':' placements
    "=",
    "==",
    "=a",
    "a=",
    "a=b",
    "a=b=c",
    ":",
    "::",
    ":a",
    "a:",
    "a:b:c:d",
    "/:/host",
    "/var/run/docker.sock:/var/run/docker.sock",
    "/:/host:rw",
    # NUL, newlines and other control characters
    "\x00",
    "a\x00b",
    "a\x00--privileged",
    "\n",
    "a\nb",
    "a\n--privileged",
    "a\r\nb",
    "\r",
    "\t",
    "\x1b[31mred",
    # unicode look-alikes of '-' and invisible characters
    "\u2010privileged",  # hyphen
    "\u2013privileged",  # en dash
    "\u2014privileged",  # em dash
    "\u2212v",  # minus sign
    "\uff0dprivileged",  # fullwidth hyphen-minus
    "\u200b--privileged",  # zero-width space, then a flag
    "\ufeff-d",  # byte order mark, then a flag
    "\u202e--privileged",  # right-to-left override
    # path traversal
    "../../etc",
    "/etc/../../root",
    "/data/../../../etc/shadow",
    "..",
    "./-x",
    # shell and template metacharacters (harmless without a shell, must stay values)
    "$(id)",
    "`id`",
    "${HOME}",
    "a;rm -rf /",
    "a|b",
    "a && b",
    "'",
    '"',
    "\\",
    "{{json .}}",
    "%s%n",
    "*",
    # empty, blank and long
    "",
    " ",
    " -d",
    "a" * 10_000,
    "x" * 10_000 + "--privileged",
    # endpoints where values are not endpoints
    "tcp://evil.example:2375",
    "unix:///var/run/docker.sock",
)
