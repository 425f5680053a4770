"""Which network addresses Claimdeck may connect to.

A link pasted in chat must never make the bot talk to its own machine, the operator's private
network or a cloud metadata service (server-side request forgery). This module answers one
question, "is this address public?", for every spelling an attacker might use: decimal, octal,
hex and short IPv4 forms, IPv4-mapped IPv6, and IPv4 embedded in 6to4, NAT64 or Teredo.
Operators who really want Claimdeck to read an intranet list hosts or CIDRs in
``CLAIMDECK_FETCH_ALLOW``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from bot.errors import BlockedAddress, InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOW_ENV = "CLAIMDECK_FETCH_ALLOW"

# Instance-metadata endpoints hand out cloud credentials; some of them are public addresses
# (Azure's wire server), so they are listed rather than derived from a range.
CLOUD_METADATA: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean…
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "169.254.169.253",  # AWS DNS resolver
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "168.63.129.16",  # Azure wire server
        "fd00:ec2::254",  # AWS over IPv6
        "fd00:ec2::23",  # AWS DNS over IPv6
    )
)

_SHARED_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")

_HEX_PART = re.compile(r"0[xX][0-9a-fA-F]*")
_OCTAL_PART = re.compile(r"0[0-7]+")
_DECIMAL_PART = re.compile(r"0|[1-9][0-9]*")
_HOST_NAME = re.compile(r"(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?)+")

# How each reason reads in a sentence, e.g. "That address is on a private network (10.0.0.5)."
_REASON_PHRASES = {
    "cloud metadata": "is a cloud metadata service",
    "loopback": "is the loopback address of the bot's own machine",
    "unspecified": "is the unspecified address",
    "link-local": "is a link-local address",
    "multicast": "is a multicast address",
    "shared address space": "is in carrier-grade NAT space",
    "private network": "is on a private network",
    "reserved": "is in a reserved range",
    "not publicly routable": "is not publicly routable",
}


def parse_ip_literal(host: str) -> IPAddress | None:
    """Read ``host`` as an IP address the way browsers do, or return None for a host name.

    Accepts ``[::1]``-style brackets, IPv6 zone ids and every legacy IPv4 spelling that
    ``inet_aton`` and URL parsers accept: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``.
    """
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    return _parse_ipv4_parts(text)


def _parse_ipv4_parts(text: str) -> ipaddress.IPv4Address | None:
    if text.endswith("."):
        text = text[:-1]
    parts = text.split(".")
    if not text or len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _parse_ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _parse_ipv4_number(part: str) -> int | None:
    if _HEX_PART.fullmatch(part):
        return int(part[2:] or "0", 16)
    if _OCTAL_PART.fullmatch(part):
        return int(part, 8)
    if _DECIMAL_PART.fullmatch(part):
        return int(part)
    return None


def looks_numeric(host: str) -> bool:
    """True when a host ends in a number, so a URL parser treats it as an IPv4 address."""
    last = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(last) and bool(re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]*", last))


def _without_scope(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.scope_id:
        return ipaddress.IPv6Address(int(address))
    return address


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, compatible, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64_WELL_KNOWN or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_cloud_metadata(address: IPAddress) -> bool:
    """True for a metadata service however it is spelled (mapped, NAT64, 6to4, Teredo forms)."""
    address = _without_scope(address)
    if address in CLOUD_METADATA:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and inner in CLOUD_METADATA:
            return True
        if address.teredo is not None:
            return any(part in CLOUD_METADATA for part in address.teredo)
    return False


def blocked_reason(address: IPAddress) -> str | None:
    """Why Claimdeck must not connect to ``address``, or None when it is a public address."""
    address = _without_scope(address)
    if is_cloud_metadata(address):
        return "cloud metadata"
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            return blocked_reason(inner)
        if address.teredo is not None:
            server, client = address.teredo
            embedded = blocked_reason(client) or blocked_reason(server)
            if embedded:
                return embedded
        if address in _NAT64_LOCAL or address.is_site_local:
            return "private network"
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_SPACE:
        return "shared address space"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private network"
    if not address.is_global:
        return "not publicly routable"
    return None


@dataclass(frozen=True)
class AllowList:
    """Hosts and networks an operator allows despite being private (``CLAIMDECK_FETCH_ALLOW``).

    A cloud metadata address is never let through: not by a listed host name that resolves to
    it, not by a range such as ``0.0.0.0/0`` that contains it. It hands out the machine's cloud
    credentials, and no article lives there.
    """

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = field(default_factory=tuple)

    def permits(self, host: str, address: IPAddress) -> bool:
        """True when the operator allowed this host name or this address (never metadata)."""
        address = _without_scope(address)
        if is_cloud_metadata(address):
            return False
        if _normalise_host(host) in self.hosts:
            return True
        candidates: list[IPAddress] = [address]
        if isinstance(address, ipaddress.IPv6Address):
            inner = embedded_ipv4(address)
            if inner is not None:
                candidates.append(inner)
        for candidate in candidates:
            for network in self.networks:
                if candidate.version == network.version and candidate in network:
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.hosts or self.networks)


def _normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def parse_allowlist(spec: str) -> AllowList:
    """Parse ``"127.0.0.1,10.0.0.0/8,intranet.local"``; a bad entry raises InvalidInput."""
    hosts: set[str] = set()
    networks: list[IPNetwork] = []
    for raw in spec.split(","):
        entry = raw.strip()
        if not entry:
            continue
        network = _parse_network(entry)
        if network is not None and network.num_addresses == 1 and is_cloud_metadata(
            network.network_address
        ):
            raise InvalidInput(
                f"{ALLOW_ENV} lists {entry!r}, a cloud metadata service. Claimdeck never fetches "
                "from one (it hands out the machine's cloud credentials); remove that entry."
            )
        if network is not None:
            networks.append(network)
        elif not looks_numeric(entry) and _HOST_NAME.fullmatch(entry):
            hosts.add(_normalise_host(entry))
        else:
            raise InvalidInput(
                f"{ALLOW_ENV} has an entry that is neither a host name, an IP address nor a "
                f"CIDR range: {entry!r}. Use comma-separated entries such as "
                f"'127.0.0.1,10.0.0.0/8,intranet.local'."
            )
    return AllowList(hosts=frozenset(hosts), networks=tuple(networks))


def _parse_network(entry: str) -> IPNetwork | None:
    if "/" in entry:
        address_text, _, prefix = entry.partition("/")
        try:
            return ipaddress.ip_network(f"{address_text.strip('[]')}/{prefix}", strict=False)
        except ValueError:
            return None
    address = parse_ip_literal(entry)
    if address is None:
        return None
    return ipaddress.ip_network(_without_scope(address))


def blocked_error(host: str, address: IPAddress, reason: str) -> BlockedAddress:
    """The user-facing refusal for ``host`` resolving to a forbidden ``address``."""
    phrase = _REASON_PHRASES.get(reason, f"is not allowed ({reason})")
    shown = _without_scope(address)
    if parse_ip_literal(host) is not None:
        opening = f"That address {phrase} ({shown})."
    else:
        opening = f"{_normalise_host(host)} leads to an address that {phrase} ({shown})."
    error = BlockedAddress(
        f"{opening} Claimdeck only fetches public websites. "
        f"(Operators can allow it with {ALLOW_ENV}.)"
    )
    error.host = host  # type: ignore[attr-defined]
    error.address = shown  # type: ignore[attr-defined]
    error.reason = reason  # type: ignore[attr-defined]
    return error


def check_address(host: str, address: IPAddress, allow: AllowList) -> None:
    """Raise BlockedAddress unless ``address`` is public or the operator allowed it."""
    reason = blocked_reason(address)
    if reason is not None and not allow.permits(host, address):
        raise blocked_error(host, address, reason)
