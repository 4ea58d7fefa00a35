"""Address sets and ipBlock parsing as the Kubernetes API server validates them."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aaoi_netpol.evaluator import AddressError, AddressSet, intervals, parse_address, parse_cidr
from aaoi_netpol.evaluator.addresses import cidr_set, ip_block_addresses

EVERY_IPV4 = cidr_set("0.0.0.0/0")


@pytest.mark.parametrize(("text", "network", "prefix", "host_bits", "legacy"), [
    ("10.0.0.0/8", "10.0.0.0", 8, False, False),
    ("10.1.2.3/8", "10.0.0.0", 8, True, False),  # host bits: accepted (ambiguity warning only)
    ("010.001.0.0/16", "10.1.0.0", 16, False, True),  # leading zeros: decimal, legacy form
    ("10.0.0.0/08", "10.0.0.0", 8, False, True),
    ("0.0.0.0/0", "0.0.0.0", 0, False, False),
    ("192.168.1.1/32", "192.168.1.1", 32, False, False),
    ("2001:DB8::/32", "2001:db8::", 32, False, False),
    ("2001:db8::1/64", "2001:db8::", 64, True, False),
    ("::/0", "::", 0, False, False),
    ("::ffff:10.0.0.0/104", "::ffff:a00:0", 104, False, True),
])
def test_cidrs_the_api_server_accepts(text: str, network: str, prefix: int, host_bits: bool, legacy: bool) -> None:
    cidr = parse_cidr(text)
    assert cidr.network == int(ipaddress.ip_address(network))
    assert (cidr.prefix_len, cidr.host_bits_set, cidr.legacy_form) == (prefix, host_bits, legacy)


@pytest.mark.parametrize("text", [
    " 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0.0 /8", "10.0.0.0/ 8", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8",
    "10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/8/8", "10.0.0/8", "10.0.0.256/8", "10.0.0.0.0/8", "1e1.0.0.0/8",
    "fe80::%eth0/64", "fe80::1%eth0/64", "::/129", "1:2:3:4:5:6:7:8:9/64", "12345::/16", "::ffff:1.2.3/120",
    "10.0.0.0/\u0668", "\u0661.0.0.0/8", "", "10.0.0.0/8\n", 8, None,
])
def test_cidrs_the_api_server_rejects(text: object) -> None:
    with pytest.raises(AddressError) as raised:
        parse_cidr(text, "ipBlock.cidr")
    assert "\n" not in str(raised.value) and str(raised.value).startswith("ipBlock.cidr: ")


@pytest.mark.parametrize(("block", "members", "outsiders"), [
    ({"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16", "10.2.3.4/32"]}, ["10.0.0.1", "10.2.3.5"],
     ["10.1.9.9", "10.2.3.4", "11.0.0.0"]),
    ({"cidr": "10.9.9.9/8", "except": ["10.1.2.3/16"]}, ["10.255.0.1"], ["10.1.0.0"]),  # host bits both sides
    ({"cidr": "::ffff:10.0.0.0/104", "except": ["::ffff:10.1.0.0/112"]}, ["10.0.0.1", "::ffff:10.2.0.0"],
     ["10.1.0.5", "11.0.0.0", "::10.0.0.1"]),
    ({"cidr": "::/0", "except": ["2600::/16"]}, ["2001:db8::1", "8.8.8.8", "::ffff:1.2.3.4"], ["2600::1"]),
    ({"cidr": "2600::/16", "except": None}, ["2600:1::"], ["2601::", "8.8.8.8"]),
])
def test_ip_block_is_cidr_minus_except(block: dict[str, object], members: list[str], outsiders: list[str]) -> None:
    addresses = ip_block_addresses(block)
    assert all(addresses.contains(parse_address(a)) for a in members)
    assert not any(addresses.contains(parse_address(a)) for a in outsiders)


@pytest.mark.parametrize(("block", "message"), [
    ({"cidr": "10.0.0.0/8", "except": ["11.0.0.0/16"]}, "must be a strict subset"),
    ({"cidr": "10.0.0.0/8", "except": ["10.0.0.0/8"]}, "must be a strict subset"),
    ({"cidr": "10.0.0.0/16", "except": ["10.0.0.0/8"]}, "must be a strict subset"),
    ({"cidr": "::/0", "except": ["10.0.0.0/8"]}, "must be a strict subset"),  # Go: families differ
    ({"cidr": "::/0", "except": ["::ffff:10.0.0.0/104"]}, "must be a strict subset"),  # Go reads it as IPv4
    ({"cidr": "::ffff:10.0.0.0/104", "except": ["10.1.0.0/16"]}, "must be a strict subset"),  # /104 >= /16
    ({"cidr": "10.0.0.0/8", "except": "10.1.0.0/16"}, "must be a list"),
    ({"cidr": ""}, "cidr: required"),
    ({"except": ["10.0.0.0/8"]}, "cidr: required"),
    ({"cidr": "10.0.0.0/8", "exception": []}, "unknown field 'exception'"),
    ("10.0.0.0/8", "must be a mapping"),
])
def test_ip_blocks_the_api_server_rejects(block: object, message: str) -> None:
    with pytest.raises(AddressError, match=message):
        ip_block_addresses(block)


def test_ipv4_mapped_ipv6_counts_as_ipv4() -> None:
    assert parse_cidr("::ffff:0:0/96").addresses == EVERY_IPV4
    assert parse_cidr("::ffff:8.8.8.0/120").addresses == cidr_set("8.8.8.0/24")
    assert parse_address("::ffff:8.8.8.8") == parse_address("8.8.8.8")
    assert parse_address("::ffff:8.8.8.8").family == 4
    # a wider IPv6 block holds the mapped range: every IPv4 address plus the rest of its IPv6 range
    wide = parse_cidr("::/64").addresses
    assert wide.covers(EVERY_IPV4) and wide.ipv6_count == 2**64 - 2**32
    assert parse_cidr("::/0").addresses.covers(EVERY_IPV4 | cidr_set("2000::/3"))


@pytest.mark.parametrize("pieces", [
    ["0.0.0.0/1", "128.0.0.0/1"],
    ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
    [f"{n}.0.0.0/8" for n in range(256)],
    ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/3"],
    ["::ffff:0:0/97", "128.0.0.0/1"],
])
def test_splits_of_the_whole_ipv4_space_cover_it(pieces: list[str]) -> None:
    union = cidr_set(*pieces)
    assert union == EVERY_IPV4 and union.covers(EVERY_IPV4) and union.ipv4_count == 2**32
    assert not cidr_set(*pieces[1:]).covers(EVERY_IPV4)


def test_set_operations_and_descriptions() -> None:
    private = cidr_set("10.0.0.0/8", "192.168.0.0/16")
    assert (EVERY_IPV4 - private).ipv4_count == 2**32 - 2**24 - 2**16
    assert (private & cidr_set("10.1.0.0/16", "11.0.0.0/8")) == cidr_set("10.1.0.0/16")
    assert private.cidrs() == ["10.0.0.0/8", "192.168.0.0/16"]
    assert (cidr_set("10.0.0.0/8") - cidr_set("10.0.0.0/9")).cidrs() == ["10.128.0.0/9"]
    assert cidr_set("2001:db8::/32").cidrs() == ["2001:db8::/32"]
    assert not AddressSet() and AddressSet().first_address() is None
    assert str(cidr_set("2600::/16", "9.0.0.0/8").first_address()) == "9.0.0.0"
    assert str(cidr_set("2600::/16").first_address()) == "2600::"


@pytest.mark.parametrize("text", ["8.8.8.8/32", "10.0.0.1 ", "fe80::1%eth0", "256.0.0.1", "", 42])
def test_addresses_must_be_single_ips(text: object) -> None:
    with pytest.raises(AddressError):
        parse_address(text)


SMALL = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6)


def _numbers(pieces: intervals.Intervals) -> set[int]:
    return {n for lo, hi in pieces for n in range(lo, hi + 1)}


@settings(max_examples=100, derandomize=True, database=None)
@given(SMALL, SMALL, st.integers(0, 61))
def test_interval_operations_match_python_sets(left: list[tuple[int, int]], right: list[tuple[int, int]],
                                               probe: int) -> None:
    a, b = intervals.normalize(left), intervals.normalize(right)
    set_a, set_b = _numbers(a), _numbers(b)
    assert set_a == {n for lo, hi in left for n in range(lo, hi + 1)}
    assert all(a[i][1] + 1 < a[i + 1][0] for i in range(len(a) - 1))  # disjoint, not adjacent
    assert _numbers(intervals.union(a, b)) == set_a | set_b
    assert _numbers(intervals.intersect(a, b)) == set_a & set_b
    assert _numbers(intervals.subtract(a, b)) == set_a - set_b
    assert intervals.contains(a, probe) == (probe in set_a)
    assert intervals.size(a) == len(set_a)
    assert intervals.is_subset(a, b) == (set_a <= set_b)
