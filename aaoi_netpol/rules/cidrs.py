"""ipBlock CIDRs as Kubernetes reads them, and the addresses AAOI's values name."""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.evaluator import EvaluatorError
from aaoi_netpol.evaluator import parse_cidr as kubernetes_cidr
from aaoi_netpol.value_path import ValuePath

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_PREFIX = re.compile(r"^[0-9]{1,3}$")


@dataclass(frozen=True)
class Cidr:
    text: str
    network: Network | None  # None: not a CIDR
    problem: str = ""  # why it is not a CIDR
    host_bits: bool = False  # written with host bits set (network is the masked network)


@functools.lru_cache(maxsize=4096)  # NP010, NP011, NP012, NP021 ... each read the same CIDRs
def parse_cidr(text: str) -> Cidr:
    """A CIDR as Kubernetes reads it (address/prefix; the address may have host bits set).

    Exactly the strings the API server accepts (:func:`aaoi_netpol.evaluator.parse_cidr`): no spaces
    around it, no zone (``%eth0``); friendlier words for the common mistakes.
    """
    if text != text.strip():
        return Cidr(text, None, "has spaces around it, which Kubernetes rejects")
    if "%" in text:
        return Cidr(text, None, "has a zone (%...), which Kubernetes rejects in a CIDR")
    address, slash, prefix = text.partition("/")
    if not slash:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return Cidr(text, None, "is not a CIDR (address/prefix)")
        return Cidr(text, None, f"is an address, not a CIDR: write {ip}/{ip.max_prefixlen} for this one host")
    if not _PREFIX.match(prefix):
        return Cidr(text, None, f"has prefix {prefix!r}: the prefix must be a number of bits")
    try:
        network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
        kubernetes_cidr(text)
    except (ValueError, EvaluatorError) as error:
        return Cidr(text, None, f"is not a valid CIDR ({error})")
    return Cidr(text, network, host_bits=str(network.network_address) != str(ipaddress.ip_address(address)))


def ip_literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def block_networks(block: dict[str, Any]) -> tuple[Network | None, list[Network]]:
    """The ipBlock's network and its valid except networks (None when the cidr is not valid)."""
    cidr = block.get("cidr")
    network = parse_cidr(cidr).network if isinstance(cidr, str) else None
    excepts: list[Network] = []
    except_list = block.get("except")
    for item in except_list if isinstance(except_list, list) else []:
        parsed = parse_cidr(item).network if isinstance(item, str) else None
        if parsed is not None:
            excepts.append(parsed)
    return network, excepts


def block_contains(block: dict[str, Any], address: Address) -> bool:
    network, excepts = block_networks(block)
    if network is None or network.version != address.version or address not in network:
        return False
    return not any(e.version == address.version and address in e for e in excepts)


def ipblock_entries(block: dict[str, object], path: ValuePath) -> Iterator[tuple[ValuePath, str, str]]:
    """(path, text, what) for the cidr and every except entry that is a string."""
    cidr = block.get("cidr")
    if isinstance(cidr, str):
        yield (*path, "cidr"), cidr, "ipBlock cidr"
    excepts = block.get("except")
    for index, item in enumerate(excepts if isinstance(excepts, list) else []):
        if isinstance(item, str):
            yield (*path, "except", index), item, "ipBlock except entry"
