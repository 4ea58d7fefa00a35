"""The connection matrix: which ports each party may open to each AAOI pod (and, egress restricted, the reverse).

Rows of the inbound part are every party of the modelled cluster (AAOI's
components, the Ingress controllers, the peers the values declare, the
probes); its columns are AAOI's components. With egress restricted, the
outbound part has the components as rows and every other party as columns.
Cells hold what the evaluator computed over every NetworkPolicy of the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aaoi_netpol.evaluator import PortMatrix
from aaoi_netpol.explain.ports import is_empty
from aaoi_netpol.gate.parties import COMPONENT, Party
from aaoi_netpol.gate.world import World
from aaoi_netpol.model.components import COMPONENT_NAMES


@dataclass
class ConnectionMatrix:
    namespace: str
    egress_restricted: bool
    parties: list[Party]
    cells: dict[tuple[str, str], PortMatrix] = field(default_factory=dict)  # (source key, target key) -> ports

    @property
    def components(self) -> list[Party]:
        return [p for p in self.parties if p.kind == COMPONENT]

    @property
    def others(self) -> list[Party]:
        return [p for p in self.parties if p.kind != COMPONENT]

    def ports(self, source: Party, target: Party) -> PortMatrix | None:
        return self.cells.get((source.key, target.key))


def connection_matrix(world: World, egress_restricted: bool) -> ConnectionMatrix:
    order = {"component": 0, "controller": 1, "peer": 2, "probe": 3}
    components = {name: index for index, name in enumerate(COMPONENT_NAMES)}
    parties = sorted(world.parties, key=lambda p: (order.get(p.kind, 9), components.get(p.role, 0)))
    matrix = ConnectionMatrix(world.namespace, egress_restricted, parties)
    pairs = [(source, target) for target in matrix.components for source in parties]
    if egress_restricted:
        pairs += [(source, target) for source in matrix.components for target in matrix.others]
    for source, target in pairs:
        allowed = world.evaluator.allowed_ports(source.endpoint, target.endpoint)
        if not is_empty(allowed):
            matrix.cells[(source.key, target.key)] = allowed
    return matrix
