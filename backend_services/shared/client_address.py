"""The address of the client behind a request, for abuse limits.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only
when the request came from a configured trusted proxy (``EDU_TRUSTED_PROXIES``): the
list is then read from the right, skipping our own proxies, and the first address
that is not one of them is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=16)
def parse_networks(spec: str) -> tuple[Network, ...]:
    """``"10.0.0.1, 10.1.0.0/16"`` as networks; a bad entry is a configuration error."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def resolve_client_address(peer: str | None, forwarded_for: str | None, trusted_proxies: str) -> str:
    """The client's address given the TCP peer and the ``X-Forwarded-For`` header."""
    trusted = parse_networks(trusted_proxies)
    if not peer:
        return UNKNOWN
    if not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer
