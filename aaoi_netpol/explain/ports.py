"""Port sets (per protocol, as the evaluator gives them) in few characters, and their arithmetic."""

from __future__ import annotations

from aaoi_netpol.evaluator import ALL_PORTS, PortMatrix, intervals
from aaoi_netpol.evaluator.cluster import PROTOCOLS


def is_empty(ports: PortMatrix) -> bool:
    return not any(ports.get(protocol) for protocol in PROTOCOLS)


def minus(left: PortMatrix, right: PortMatrix) -> PortMatrix:
    return {p: intervals.subtract(left.get(p, ()), right.get(p, ())) for p in PROTOCOLS}


def _numbers(spans: intervals.Intervals) -> str:
    return ",".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in spans)


def compact(ports: PortMatrix) -> str:
    """``9200,9300`` (TCP), ``53/udp``, ``all`` (every port of every protocol), ``·`` (nothing)."""
    if all(ports.get(p) == ALL_PORTS for p in PROTOCOLS):
        return "all"
    parts = []
    for protocol in PROTOCOLS:
        spans = ports.get(protocol, ())
        if not spans:
            continue
        text = "all" if spans == ALL_PORTS else _numbers(spans)
        parts.append(text if protocol == "TCP" else f"{text}/{protocol.lower()}")
    return " ".join(parts) or "·"


def port_json(ports: PortMatrix) -> dict[str, list[list[int]]]:
    """``{"TCP": [[9200, 9200], [9300, 9300]]}``: closed ranges per protocol, empty protocols left out."""
    return {p: [[lo, hi] for lo, hi in ports.get(p, ())] for p in PROTOCOLS if ports.get(p)}
