"""networkPolicy.acknowledgeOpen: openings accepted on purpose, each with a reason.

A component open to the whole cluster or the world is an error everywhere it
is found (NP013, NP014, the render gate's NP903) unless an entry here names
that component (or ``all``), the direction (``ingress`` by default) and the
scope (``cluster`` or ``world``) with a non-empty reason. An accepted opening
is still reported, as a warning that quotes the reason, on every run: it
shows in review and in every CI log.
"""

from __future__ import annotations

from dataclasses import dataclass

from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.switches import Values
from aaoi_netpol.value_path import ValuePath, lookup

ACKNOWLEDGE_PATH: ValuePath = (SECTION, "acknowledgeOpen")
CLUSTER, WORLD = "cluster", "world"


@dataclass(frozen=True)
class Acknowledgement:
    path: ValuePath
    reason: str

    def note(self) -> str:
        return f"accepted in networkPolicy.acknowledgeOpen[{self.path[-1]}]: {self.reason.strip()}"


def acknowledgement(values: Values, component: str, direction: str, scope: str) -> Acknowledgement | None:
    """The entry that accepts ``component`` open to ``scope`` in ``direction`` ("ingress"/"egress"), if any."""
    entries = lookup(values, ACKNOWLEDGE_PATH)
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            continue
        if entry.get("component") in (component, "all") and entry.get("scope") == scope \
                and entry.get("direction", "ingress") == direction:
            return Acknowledgement((*ACKNOWLEDGE_PATH, index), reason)
    return None
