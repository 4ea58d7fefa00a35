"""Which NetworkPolicies of the rendered output are aaoi-netpol's: decided by Helm's ``# Source:`` alone.

NetworkPolicies are additive: any policy in the output can open what ours
close. Labels prove nothing (a values file that reaches a template unquoted
can print a whole document with any labels), so a document is ours only when
Helm says our overlay template rendered it:

- a NetworkPolicy from any other template is a finding naming that template;
- our template renders only NetworkPolicies, each (namespace, name) once;
- our template sits in the root chart's ``templates/`` (not in a subchart).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from aaoi_netpol.render.manifests import Manifest

OVERLAY_TEMPLATE = "templates/aaoi-netpol-networkpolicies.yaml"  # below the chart's root, as in `# Source:`


@dataclass(frozen=True)
class ProvenanceProblem:
    template: str  # the `# Source:` that rendered it ("(no # Source)" when Helm printed none)
    message: str


@dataclass
class Provenance:
    ours: list[Manifest] = field(default_factory=list)  # NetworkPolicies our overlay template rendered
    problems: list[ProvenanceProblem] = field(default_factory=list)


def below_chart(source: str | None) -> str | None:
    """``templates/x.yaml`` for ``apim4elastic/templates/x.yaml``; None without a Source."""
    if not source or "/" not in source:
        return None
    return source.split("/", 1)[1]


def _namespaced_name(manifest: Manifest, namespace: str) -> str:
    return f"{manifest.namespace(namespace)}/{manifest.name}"


def check_provenance(manifests: list[Manifest], namespace: str) -> Provenance:
    """Split the output into our NetworkPolicies and the problems that make it untrustworthy."""
    result = Provenance()
    for manifest in manifests:
        template = below_chart(manifest.source)
        shown = manifest.source or "(no # Source)"
        if template == OVERLAY_TEMPLATE:
            if manifest.kind == "NetworkPolicy":
                result.ours.append(manifest)
            else:
                result.problems.append(ProvenanceProblem(
                    shown, f"{shown} rendered a {manifest.kind or 'document without a kind'} "
                           f"{manifest.name!r}: aaoi-netpol's template renders only NetworkPolicies"))
        elif manifest.kind == "NetworkPolicy":
            result.problems.append(ProvenanceProblem(
                shown, f"NetworkPolicy {manifest.name!r} comes from {shown}, not from aaoi-netpol's overlay: "
                       "NetworkPolicies add up, so it may open what ours close; remove it from the chart or "
                       "the values that produce it"))
    counts = Counter(_namespaced_name(m, namespace) for m in result.ours)
    for name, count in sorted(counts.items()):
        if count > 1:
            result.problems.append(ProvenanceProblem(
                OVERLAY_TEMPLATE, f"NetworkPolicy {name} is rendered {count} times: only one would be applied"))
    return result
