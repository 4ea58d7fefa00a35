"""IP address sets (unions of intervals per family) and ipBlock parsing as the Kubernetes API server does it.

What the API server accepts in ``ipBlock.cidr`` / ``ipBlock.except`` (read in Kubernetes'
``pkg/apis/networking/validation`` ``ValidateIPBlock`` and apimachinery's ``IsValidCIDRForLegacyField``):

- ``cidr`` is required and non-empty; every value is parsed with ``netutils.ParseCIDRSloppy`` (Go's
  pre-1.17 ``net.ParseCIDR``): exactly ``ADDRESS/PREFIX``, no surrounding spaces, no IPv6 zone
  (``%eth0``), a prefix of ASCII digits within 0-32 (IPv4) or 0-128 (IPv6).
- Host bits set after the prefix (``10.1.2.3/8``) ARE accepted and mean the masked network; so are
  leading zeros in IPv4 octets or in the prefix (read as decimal) and IPv4-mapped IPv6 forms
  (``::ffff:10.0.0.0/104``), with a warning. Only with the ``StrictIPCIDRValidation`` feature gate
  (alpha and off in 1.33, beta and on from 1.36) does the server reject these three forms on create or
  update. We accept what a cluster may hold and flag those forms in ``Cidr.legacy_form`` /
  ``Cidr.host_bits_set``.
- Each ``except`` must be a strict subset of ``cidr``: the cidr network contains the except's network
  address (Go ``IPNet.Contains``, families compared the Go way) and the cidr's prefix length is smaller
  than the except's, both as written.
- We are stricter in one corner: an IPv6 group of more than four hex digits (accepted by the sloppy
  parser) is rejected here.

IPv4-mapped IPv6 addresses (``::ffff:0:0/96`` and any sub-range) count as the IPv4 addresses they map,
as Go's ``IPNet.Contains`` treats them, so ``::ffff:0:0/96`` is the whole IPv4 space and ``::/0``
covers every IPv4 and IPv6 address. An ``AddressSet`` therefore never holds the mapped range in its
IPv6 part.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from aaoi_netpol.evaluator import intervals
from aaoi_netpol.evaluator.errors import AddressError
from aaoi_netpol.evaluator.intervals import Intervals

IPV4_BITS = 32
IPV6_BITS = 128
MAPPED_START = 0xFFFF << 32
MAPPED_END = MAPPED_START + (1 << IPV4_BITS) - 1

_IPV4 = re.compile(r"([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)")
_IPV6_CHARS = re.compile(r"[0-9A-Fa-f:.]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class IpAddress:
    """One address; IPv4-mapped IPv6 addresses are stored as IPv4 (``family`` 4)."""

    family: int
    number: int

    def __str__(self) -> str:
        if self.family == 4:
            return str(ipaddress.IPv4Address(self.number))
        return str(ipaddress.IPv6Address(self.number))


@dataclass(frozen=True)
class AddressSet:
    """A set of IPv4 and IPv6 addresses; ``ipv6`` never intersects the IPv4-mapped range."""

    ipv4: Intervals = intervals.EMPTY
    ipv6: Intervals = intervals.EMPTY

    def __or__(self, other: AddressSet) -> AddressSet:
        return AddressSet(intervals.union(self.ipv4, other.ipv4), intervals.union(self.ipv6, other.ipv6))

    def __and__(self, other: AddressSet) -> AddressSet:
        return AddressSet(intervals.intersect(self.ipv4, other.ipv4), intervals.intersect(self.ipv6, other.ipv6))

    def __sub__(self, other: AddressSet) -> AddressSet:
        return AddressSet(intervals.subtract(self.ipv4, other.ipv4), intervals.subtract(self.ipv6, other.ipv6))

    def __bool__(self) -> bool:
        return bool(self.ipv4 or self.ipv6)

    def contains(self, address: IpAddress) -> bool:
        return intervals.contains(self.ipv4 if address.family == 4 else self.ipv6, address.number)

    def covers(self, other: AddressSet) -> bool:
        """Whether every address of ``other`` is in this set."""
        return intervals.is_subset(other.ipv4, self.ipv4) and intervals.is_subset(other.ipv6, self.ipv6)

    @property
    def ipv4_count(self) -> int:
        return intervals.size(self.ipv4)

    @property
    def ipv6_count(self) -> int:
        return intervals.size(self.ipv6)

    def first_address(self) -> IpAddress | None:
        """The lowest address (IPv4 first), or None when the set is empty."""
        if self.ipv4:
            return IpAddress(4, self.ipv4[0][0])
        return IpAddress(6, self.ipv6[0][0]) if self.ipv6 else None

    def cidrs(self) -> list[str]:
        """The set as the fewest CIDR blocks, IPv4 first."""
        blocks: list[str] = []
        for (lo, hi), family in [*((piece, 4) for piece in self.ipv4), *((piece, 6) for piece in self.ipv6)]:
            kind = ipaddress.IPv4Address if family == 4 else ipaddress.IPv6Address
            blocks.extend(str(net) for net in ipaddress.summarize_address_range(kind(lo), kind(hi)))
        return blocks


EMPTY_SET = AddressSet()


def from_ipv6_range(lo: int, hi: int) -> AddressSet:
    """The IPv6 numbers ``lo..hi``, with the part inside ``::ffff:0:0/96`` moved to IPv4."""
    ipv6 = intervals.normalize([(lo, min(hi, MAPPED_START - 1)), (max(lo, MAPPED_END + 1), hi)])
    mapped = (max(lo, MAPPED_START) - MAPPED_START, min(hi, MAPPED_END) - MAPPED_START)
    return AddressSet(intervals.normalize([mapped]), ipv6)


@dataclass(frozen=True)
class Cidr:
    """One parsed CIDR value: the masked network in the family it was written in."""

    text: str
    written_family: int
    network: int
    prefix_len: int
    host_bits_set: bool
    legacy_form: bool

    @property
    def addresses(self) -> AddressSet:
        bits = IPV4_BITS if self.written_family == 4 else IPV6_BITS
        last = self.network + (1 << (bits - self.prefix_len)) - 1
        if self.written_family == 4:
            return AddressSet(ipv4=((self.network, last),))
        return from_ipv6_range(self.network, last)


def _parse_ipv4(text: str) -> tuple[int, bool] | None:
    """(number, written with leading zeros) or None; octets are decimal as the sloppy parser reads them."""
    match = _IPV4.fullmatch(text)
    if match is None:
        return None
    number = 0
    for octet in match.groups():
        if int(octet) > 255:
            return None
        number = number << 8 | int(octet)
    return number, any(len(octet) > 1 and octet.startswith("0") for octet in match.groups())


def _parse_ipv6(text: str) -> tuple[int, bool] | None:
    if not _IPV6_CHARS.fullmatch(text):
        return None
    leading_zeros = False
    if "." in text:
        head, _, tail = text.rpartition(":")
        parsed_tail = _parse_ipv4(tail)
        if parsed_tail is None or not head:
            return None
        tail_number, leading_zeros = parsed_tail
        text = f"{head}:{tail_number >> 16:x}:{tail_number & 0xFFFF:x}"
    try:
        return int(ipaddress.IPv6Address(text)), leading_zeros
    except ValueError:
        return None


def _parse_ip(text: str) -> tuple[int, int, bool] | None:
    """(written family, number, leading zeros) of an address as written, or None."""
    if ":" in text:
        parsed = _parse_ipv6(text)
        return None if parsed is None else (6, parsed[0], parsed[1])
    parsed = _parse_ipv4(text)
    return None if parsed is None else (4, parsed[0], parsed[1])


def parse_address(text: object, where: str = "address") -> IpAddress:
    """One IP address (no prefix); an IPv4-mapped IPv6 address becomes its IPv4 address."""
    parsed = _parse_ip(text) if isinstance(text, str) else None
    if parsed is None:
        raise AddressError(f"{where}: {text!r} is not a valid IP address (e.g. 10.9.8.7 or 2001:db8::1)")
    family, number, _ = parsed
    if family == 6 and MAPPED_START <= number <= MAPPED_END:
        return IpAddress(4, number - MAPPED_START)
    return IpAddress(family, number)


def parse_cidr(text: object, where: str = "cidr") -> Cidr:
    """A CIDR value as the API server parses it (see the module docstring)."""
    if not isinstance(text, str) or text.count("/") != 1:
        raise AddressError(f"{where}: {text!r} is not a valid CIDR (e.g. 10.9.8.0/24 or 2001:db8::/64)")
    address_text, _, prefix_text = text.partition("/")
    parsed = _parse_ip(address_text)
    if parsed is None or not _DIGITS.fullmatch(prefix_text):
        raise AddressError(f"{where}: {text!r} is not a valid CIDR (e.g. 10.9.8.0/24 or 2001:db8::/64)")
    family, number, leading_zeros = parsed
    bits = IPV4_BITS if family == 4 else IPV6_BITS
    prefix_len = int(prefix_text)
    if prefix_len > bits:
        raise AddressError(f"{where}: {text!r} has a prefix length above {bits}")
    host_mask = (1 << (bits - prefix_len)) - 1
    mapped = family == 6 and MAPPED_START <= number <= MAPPED_END
    legacy = leading_zeros or mapped or (len(prefix_text) > 1 and prefix_text.startswith("0"))
    return Cidr(text, family, number & ~host_mask, prefix_len, bool(number & host_mask), legacy)


def _go_view(cidr: Cidr) -> tuple[int, int, int]:
    """(family, network, prefix) of a parsed network the way Go's IPNet.Contains sees it."""
    if cidr.written_family == 6 and cidr.network >> 32 == 0xFFFF:
        return 4, cidr.network & 0xFFFFFFFF, max(cidr.prefix_len - 96, 0)
    return cidr.written_family, cidr.network, cidr.prefix_len


def is_strict_subset(outer: Cidr, inner: Cidr) -> bool:
    """The API server's rule for ``except`` values: ``inner`` must be a strict subset of ``outer``."""
    family, network, prefix = _go_view(outer)
    inner_family, inner_network, _ = _go_view(inner)
    if family != inner_family:
        return False
    shift = (IPV4_BITS if family == 4 else IPV6_BITS) - prefix
    return network >> shift == inner_network >> shift and outer.prefix_len < inner.prefix_len


def ip_block_addresses(block: object, where: str = "ipBlock") -> AddressSet:
    """The addresses of an ``ipBlock`` mapping: ``cidr`` minus every ``except``, validated as the API server does."""
    if not isinstance(block, dict):
        raise AddressError(f"{where}: must be a mapping with a cidr")
    unknown = sorted(str(key) for key in block if key not in ("cidr", "except"))
    if unknown:
        raise AddressError(f"{where}: unknown field {unknown[0]!r} (only cidr and except)")
    if block.get("cidr") in (None, ""):
        raise AddressError(f"{where}.cidr: required")
    cidr = parse_cidr(block["cidr"], f"{where}.cidr")
    excepts = block.get("except") or []
    if not isinstance(excepts, list):
        raise AddressError(f"{where}.except: must be a list of CIDRs")
    result = cidr.addresses
    for index, value in enumerate(excepts):
        hole = parse_cidr(value, f"{where}.except[{index}]")
        if not is_strict_subset(cidr, hole):
            raise AddressError(f"{where}.except[{index}]: {value!r} must be a strict subset of cidr {cidr.text!r}")
        result = result - hole.addresses
    return result


def cidr_set(*texts: str) -> AddressSet:
    """The union of some CIDR blocks (for constants and tests)."""
    result = EMPTY_SET
    for text in texts:
        result = result | parse_cidr(text).addresses
    return result
