"""Which addresses Claimdeck refuses, for every spelling, and the operator's allowlist."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import BlockedAddress, InvalidInput
from bot.pipeline.addresses import (
    CLOUD_METADATA,
    AllowList,
    blocked_error,
    blocked_reason,
    check_address,
    parse_allowlist,
    parse_ip_literal,
)
from bot.pipeline.fetch import FetchPolicy

# (how the host is written, the address it means)
SPELLINGS = [
    ("127.0.0.1", "127.0.0.1"),
    ("2130706433", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"),
    ("0X7F.0.0.1", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("017700000001", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("127.0.1", "127.0.0.1"),
    ("127.0.0.1.", "127.0.0.1"),
    ("0", "0.0.0.0"),
    ("10.1", "10.0.0.1"),
    ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
    ("2852039166", "169.254.169.254"),
    ("16843009", "1.1.1.1"),
    ("[::1]", "::1"),
    ("::ffff:127.0.0.1", "::ffff:7f00:1"),
    ("[::ffff:7f00:1]", "::ffff:7f00:1"),
    ("fe80::1%eth0", "fe80::1%eth0"),
]


@pytest.mark.parametrize(("host", "expected"), SPELLINGS)
def test_parse_ip_literal_reads_every_spelling(host: str, expected: str) -> None:
    assert parse_ip_literal(host) == ipaddress.ip_address(expected)


@pytest.mark.parametrize(
    "host",
    ["example.com", "08.0.0.1", "1.2.3.4.5", "256.0.0.1", "1.16777216", "1.2.3.x", "", "[::1"],
)
def test_parse_ip_literal_leaves_names_and_invalid_numbers_alone(host: str) -> None:
    assert parse_ip_literal(host) is None


BLOCKED = [
    ("127.0.0.1", "loopback"),
    ("2130706433", "loopback"),
    ("0x7f.1", "loopback"),
    ("0177.0.0.1", "loopback"),
    ("127.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
    ("::127.0.0.1", "loopback"),  # IPv4-compatible (deprecated)
    ("2002:7f00:1::1", "loopback"),  # 6to4 around 127.0.0.1
    ("64:ff9b::7f00:1", "loopback"),  # NAT64 around 127.0.0.1
    ("64:ff9b::a00:5", "private network"),  # NAT64 around 10.0.0.5
    ("2002:c0a8:101::1", "private network"),  # 6to4 around 192.168.1.1
    ("10.0.0.5", "private network"),
    ("172.16.3.4", "private network"),
    ("192.168.0.1", "private network"),
    ("::ffff:192.168.0.1", "private network"),
    ("fc00::1", "private network"),
    ("fd12:3456::1", "private network"),
    ("fec0::1", "private network"),
    ("169.254.169.254", "cloud metadata"),
    ("0xa9fea9fe", "cloud metadata"),
    ("::ffff:169.254.169.254", "cloud metadata"),
    ("fd00:ec2::254", "cloud metadata"),
    ("100.100.100.200", "cloud metadata"),
    ("169.254.170.2", "cloud metadata"),
    ("168.63.129.16", "cloud metadata"),
    ("169.254.1.1", "link-local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("0", "unspecified"),
    ("::", "unspecified"),
    ("100.64.0.1", "shared address space"),
    ("240.0.0.1", "reserved"),
]


@pytest.mark.parametrize(("host", "reason"), BLOCKED)
def test_forbidden_addresses_are_named_for_what_they_are(host: str, reason: str) -> None:
    address = parse_ip_literal(host)
    assert address is not None
    assert blocked_reason(address) == reason


@pytest.mark.parametrize(
    "host",
    [
        "8.8.8.8",
        "1.1.1.1",
        "16843009",
        "93.184.215.14",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "2002:808:808::1",  # 6to4 around a public address
        "64:ff9b::808:808",  # NAT64 around a public address
    ],
)
def test_public_addresses_pass(host: str) -> None:
    address = parse_ip_literal(host)
    assert address is not None
    assert blocked_reason(address) is None


def test_refusal_names_the_address_and_the_operator_setting() -> None:
    address = ipaddress.ip_address("10.0.0.5")
    message = str(blocked_error("10.0.0.5", address, "private network"))
    assert message.startswith(
        "That address is on a private network (10.0.0.5). Claimdeck only fetches public websites."
    )
    assert "CLAIMDECK_FETCH_ALLOW" in message


def test_refusal_of_a_host_name_names_the_host() -> None:
    with pytest.raises(BlockedAddress) as caught:
        check_address("Intranet.Example.", ipaddress.ip_address("192.168.4.2"), AllowList())
    assert "intranet.example" in str(caught.value)
    assert "192.168.4.2" in str(caught.value)


def test_allowlist_parses_hosts_addresses_and_ranges() -> None:
    allow = parse_allowlist(" 127.0.0.1, 10.0.0.0/8 ,Intranet.Local,,[::1],fd00::/8 ")
    assert allow.hosts == frozenset({"intranet.local"})
    assert [str(n) for n in allow.networks] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "fd00::/8"]


@pytest.mark.parametrize(
    ("host", "address", "permitted"),
    [
        ("127.0.0.1", "127.0.0.1", True),
        ("localhost", "127.0.0.1", True),  # the address is listed, whatever the name
        ("localhost", "127.0.0.2", False),
        ("anything", "10.20.30.40", True),
        ("anything", "11.0.0.1", False),
        ("intranet.local", "192.168.9.9", True),  # the name is listed, whatever it resolves to
        ("INTRANET.LOCAL.", "192.168.9.9", True),
        ("other.local", "192.168.9.9", False),
        ("x", "::ffff:127.0.0.1", True),  # the mapped form of a listed IPv4 address
        ("x", "::1", False),
    ],
)
def test_allowlist_permits_exactly_what_is_listed(host: str, address: str, permitted: bool) -> None:
    allow = parse_allowlist("127.0.0.1,10.0.0.0/8,intranet.local")
    assert allow.permits(host, ipaddress.ip_address(address)) is permitted


def test_wide_ranges_do_not_open_cloud_metadata() -> None:
    metadata = ipaddress.ip_address("169.254.169.254")
    assert not parse_allowlist("0.0.0.0/0,169.254.0.0/16").permits("x", metadata)


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "::ffff:169.254.169.254",  # the IPv4-mapped form
        "64:ff9b::a9fe:a9fe",  # NAT64
        "2002:a9fe:a9fe::",  # 6to4
        "fd00:ec2::254",
        "168.63.129.16",  # Azure's wire server: a public address
    ],
)
def test_an_allowed_host_name_that_resolves_to_cloud_metadata_is_refused(address: str) -> None:
    # The finding: CLAIMDECK_FETCH_ALLOW=intranet.local, and intranet.local's DNS answers
    # 169.254.169.254; the name was allowed "whatever it resolves to", so the bot connected.
    allow = parse_allowlist("intranet.local,0.0.0.0/0,::/0")
    with pytest.raises(BlockedAddress, match="cloud metadata service"):
        check_address("intranet.local", ipaddress.ip_address(address), allow)


@pytest.mark.parametrize("entry", ["169.254.169.254", "fd00:ec2::254", "169.254.169.254/32"])
def test_listing_a_metadata_address_is_refused_with_a_reason(entry: str) -> None:
    with pytest.raises(InvalidInput, match="cloud metadata service") as caught:
        parse_allowlist(f"127.0.0.1,{entry}")
    assert repr(entry) in str(caught.value)


_ALLOW_ENTRIES = st.sampled_from(
    ["0.0.0.0/0", "::/0", "169.254.0.0/16", "10.0.0.0/8", "127.0.0.1", "intranet.local",
     "metadata.google.internal", "100.64.0.0/10", "fd00::/8", "168.63.0.0/16", "64:ff9b::/96"]
)  # fmt: skip


@given(
    entries=st.lists(_ALLOW_ENTRIES, max_size=6),
    metadata=st.sampled_from(sorted(CLOUD_METADATA, key=str)),
    spelling=st.sampled_from(["plain", "mapped", "nat64", "6to4"]),
    host=st.sampled_from(["intranet.local", "metadata.google.internal", "x"]),
)
def test_no_allowlist_permits_a_metadata_address(
    entries: list[str], metadata: ipaddress.IPv4Address | ipaddress.IPv6Address,
    spelling: str, host: str,
) -> None:
    address: ipaddress.IPv4Address | ipaddress.IPv6Address = metadata
    if metadata.version == 4 and spelling != "plain":
        prefix = {"mapped": "::ffff:0:0", "nat64": "64:ff9b::", "6to4": "2002::"}[spelling]
        shift = 80 if spelling == "6to4" else 0
        address = ipaddress.IPv6Address(
            int(ipaddress.IPv6Address(prefix)) | (int(metadata) << shift)
        )
    allow = parse_allowlist(",".join(entries))
    assert not allow.permits(host, address)
    assert blocked_reason(address) == "cloud metadata"


def test_empty_allowlist_permits_nothing() -> None:
    allow = parse_allowlist("")
    assert not allow
    assert not allow.permits("localhost", ipaddress.ip_address("127.0.0.1"))


@pytest.mark.parametrize(
    "entry", ["not a host", "10.0.0.0/33", "1.2.3.999", "http://intranet", "-bad-.local", "*"]
)
def test_bad_allowlist_entry_is_named_in_the_error(entry: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_allowlist(f"127.0.0.1,{entry}")
    message = str(caught.value)
    assert "CLAIMDECK_FETCH_ALLOW" in message
    assert repr(entry) in message


def test_policy_reads_the_allowlist_from_the_environment() -> None:
    policy = FetchPolicy.from_env({"CLAIMDECK_FETCH_ALLOW": "127.0.0.1,intranet.local"})
    assert policy.allow.permits("x", ipaddress.ip_address("127.0.0.1"))
    assert policy.allow.permits("intranet.local", ipaddress.ip_address("10.1.1.1"))
    assert policy.max_bytes == 5 * 1024 * 1024


def test_policy_without_the_setting_refuses_loopback() -> None:
    policy = FetchPolicy.from_env({})
    assert not policy.allow.permits("localhost", ipaddress.ip_address("127.0.0.1"))


def test_policy_with_a_bad_setting_fails_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput, match=r"'10\.0\.0\.0/99'"):
        FetchPolicy.from_env({"CLAIMDECK_FETCH_ALLOW": "10.0.0.0/99"})
