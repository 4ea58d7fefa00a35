"""The render gate, run on Helm's whole output: provenance (NP901), then required (NP902) and unexpected
(NP903) connections computed by the evaluator over every NetworkPolicy document, whoever rendered it."""

from __future__ import annotations

from dataclasses import dataclass, field

from aaoi_netpol.evaluator import EvaluatorError, parse_policies
from aaoi_netpol.gate.beyond import beyond_catalog_findings
from aaoi_netpol.gate.findings import GateFinding
from aaoi_netpol.gate.required import required_flow_findings
from aaoi_netpol.gate.world import World, build_world
from aaoi_netpol.model.switches import Values, policies_enabled
from aaoi_netpol.render.manifests import Manifest
from aaoi_netpol.render.provenance import check_provenance


@dataclass
class GateResult:
    ours: list[Manifest] = field(default_factory=list)  # the NetworkPolicies our overlay rendered (by Source)
    findings: list[GateFinding] = field(default_factory=list)
    world: World | None = None  # None when a rendered NetworkPolicy could not be read


def run_gate(manifests: list[Manifest], values: Values, namespace: str) -> GateResult:
    provenance = check_provenance(manifests, namespace)
    result = GateResult(provenance.ours, [GateFinding("NP901", p.message) for p in provenance.problems])
    try:
        policies = parse_policies([m.body for m in manifests], namespace)
    except EvaluatorError as error:
        result.findings.append(GateFinding("NP900", f"a rendered NetworkPolicy Kubernetes would reject: {error}"))
        return result
    result.world = build_world(manifests, policies, values, namespace)
    if policies_enabled(values):
        result.findings += required_flow_findings(result.world, values)
        result.findings += beyond_catalog_findings(result.world, values)
    return result
