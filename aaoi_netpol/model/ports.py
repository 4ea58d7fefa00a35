"""AAOI's port numbers, read from the values where the chart lets users change them."""

from __future__ import annotations

import re
from typing import Any

from aaoi_netpol.model.components import PORTS_BY_KEY
from aaoi_netpol.model.switches import Values
from aaoi_netpol.value_path import lookup

_DIGITS = re.compile(r"[0-9]{1,9}")  # as the overlay reads a port ('^[0-9]+$'), bounded


def whole_number(value: Any) -> int | None:
    """A port written as a number or as digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    return None


def _named_item_number(items: Any, name: str, field: str) -> int | None:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("name") == name:
            number = whole_number(item.get(field))
            if number is not None:
                return number
    return None


def port_number(values: Values, key: str) -> int:
    """The number of one of AAOI's ports (keys as in ``components.PORTS``)."""
    spec = PORTS_BY_KEY[key]
    if key == "logstash-beats":  # the beats entry of the Service, else of logstash.extraPorts
        found = _named_item_number(lookup(values, ("logstash", "service", "ports")), "beats", "targetPort")
        if found is None:
            found = _named_item_number(lookup(values, ("logstash", "extraPorts")), "beats", "containerPort")
        return spec.default if found is None else found
    number = whole_number(lookup(values, spec.values_path)) if spec.values_path else None
    return spec.default if number is None else number


def describe_port(values: Values, key: str) -> str:
    """``9600 (metrics)``."""
    return f"{port_number(values, key)} ({PORTS_BY_KEY[key].label})"
