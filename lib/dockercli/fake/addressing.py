"""IPv4 pools of user networks: parsing, overlaps, the addresses handed out in them."""

from __future__ import annotations

import ipaddress

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.records import Network


def pool(text: str) -> ipaddress.IPv4Network | None:
    """``A.B.C.D/N`` as a network (host bits allowed, as docker's ParseCIDR); None when it
    is not IPv4 CIDR."""
    if "/" not in text:
        return None
    try:
        return ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        return None


def address(text: str) -> ipaddress.IPv4Address | None:
    """``A.B.C.D``; None when it is not an IPv4 address."""
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        return None


def overlaps(a: str, b: str) -> bool:
    """Whether two CIDR pools share an address (an unparsable one shares none)."""
    first, second = pool(a), pool(b)
    return first is not None and second is not None and first.overlaps(second)


def first_host(subnet: str) -> str:
    """The pool's first host address: the gateway an engine picks by itself."""
    net = pool(subnet)
    return str(net.network_address + 1) if net else ""


def gateway(net: Network) -> str:
    """The gateway containers on ``net`` get: the one given, else the pool's first host."""
    return net["gateway"] or first_host(net["subnet"])


def prefix_len(net: Network) -> int:
    parsed = pool(net["subnet"])
    return parsed.prefixlen if parsed else 0


def contains(net: Network, ip: str) -> bool:
    """Whether ``ip`` is an address of ``net``'s pool (its ip-range, when it has one)."""
    parsed, within = address(ip), pool(net["ip_range"] or net["subnet"])
    return parsed is not None and within is not None and parsed in within


def next_address(net: Network, taken: set[str]) -> str:
    """The next free address of ``net`` (from its ip-range when it has one), skipping
    the gateway and the addresses in ``taken``; ``net["next_host"]`` moves past it."""
    within = pool(net["ip_range"] or net["subnet"])
    if within is None:
        return ""
    skip = taken | {gateway(net)}
    host = max(net["next_host"], 1)
    while host < within.num_addresses - 1:
        candidate = str(within.network_address + host)
        host += 1
        if candidate not in skip:
            net["next_host"] = host
            return candidate
    return ""


def range_bounds(text: str) -> tuple[str, str]:
    """The first and last host addresses of a CIDR range (podman's lease range)."""
    net = pool(text)
    if net is None:
        return "", ""
    return str(net.network_address + 1), str(net.broadcast_address - 1)


def mac(ip: str) -> str:
    """docker's MAC for an address: 02:42 and the address's four bytes."""
    parsed = address(ip)
    raw = parsed.packed if parsed else bytes(4)
    return "02:42:" + ":".join(f"{b:02x}" for b in raw)
