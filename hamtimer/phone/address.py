"""Where the phone server listens and the address the phone opens."""

from __future__ import annotations

import socket
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
EVERYWHERE = "0.0.0.0"
PROBE = ("192.0.2.1", 9)
"""A documentation address (TEST-NET-1): connecting a UDP socket to it sends nothing, but makes the
kernel choose the interface of the default route, whose address getsockname() then gives."""


def default_route_address() -> str | None:
    """The address of the interface that holds the default route, found without sending a packet."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            address: str = probe.getsockname()[0]
    except OSError:
        return None
    return None if address in (EVERYWHERE, "") else address


@dataclass(frozen=True)
class Where:
    bind: str
    """The address the server listens on."""
    host: str
    """The address the phone opens (the bound one; for 0.0.0.0 the default route's)."""
    note: str = ""
    """Said once when the server starts: a fallback to loopback, or every interface."""


def choose(asked: str | None) -> Where:
    if asked == EVERYWHERE:
        host = default_route_address() or LOOPBACK
        return Where(EVERYWHERE, host, "the phone server listens on every interface (0.0.0.0), as asked")
    if asked:
        return Where(asked, asked)
    found = default_route_address()
    if found is None:
        return Where(LOOPBACK, LOOPBACK, "no network interface with a default route: the phone server "
                     "listens on 127.0.0.1 only (give --phone-host ADDR)")  # fmt: skip
    return Where(found, found)


def url(host: str, port: int, token: str) -> str:
    return f"http://{host}:{port}/?token={token}"


def origin(host: str, port: int) -> str:
    return f"http://{host}:{port}"
