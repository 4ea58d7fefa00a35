"""A bound on the size of the layered ``networkPolicy`` section, checked before the schema and the rules run.

Every item of the section costs the schema check and the rules about a
millisecond when it is invalid, so a section of a million items (a file, or
``--set networkPolicy.apiGateways[65536]=…``, which Helm pads with nulls)
would take minutes. A section of more than :data:`MAX_SECTION_VALUES` keys and
values is refused (exit 2), at the value where the count ran over. A real
section holds a few hundred.
"""

from __future__ import annotations

from typing import Any

from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.yaml_budget import LimitExceeded
from aaoi_netpol.yaml_loader import ValuePath

SECTION = "networkPolicy"
MAX_SECTION_VALUES = 2000


def check_section_size(layered: LayeredValues, target: str) -> None:
    """LimitExceeded (one located line) when the section holds more than MAX_SECTION_VALUES values."""
    pending: list[tuple[ValuePath, Any]] = [((SECTION,), layered.values.get(SECTION))]
    count = 0
    while pending:
        path, value = pending.pop()
        count += 1
        if count > MAX_SECTION_VALUES:
            where = layered.key_location(path) or f"{target}:1:1"
            raise LimitExceeded(f"{where}: the networkPolicy section holds more than {MAX_SECTION_VALUES} keys "
                                "and values: aaoi-netpol's limit")
        if isinstance(value, dict):
            pending.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))
