"""Fail-closed checks of the rendered output: aaoi-netpol's policies and the chart's pods must meet.

1. Each of our NetworkPolicies (rendered by our overlay template, as Helm's
   ``# Source:`` says: :mod:`aaoi_netpol.render.provenance`) selects at least one
   rendered pod template in its namespace, and none of another AAOI component
   (its ``aaoi-netpol/component`` label, written by our template, says whose it is).
2. Each workload (Deployment, StatefulSet, DaemonSet) of an AAOI component is
   selected by one of our ingress policies, and by one of our egress policies
   when any were rendered. The component comes from Helm's ``# Source:`` path:
   only the model's workload templates (:mod:`aaoi_netpol.model.components`) make a component's pods.

Pods of Helm test hooks (``helm.sh/hook: test``, e.g. the chart's
elasticsearch health check, which has no labels) are exempt from both: they
are not part of the running release.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.model.components import COMPONENT_NAMES, component_of_source
from aaoi_netpol.render.manifests import WORKLOAD_KINDS, Manifest, dig
from aaoi_netpol.render.provenance import check_provenance
from aaoi_netpol.render.selectors import SelectorError, describe, selector_matches

COMPONENT_LABEL = "aaoi-netpol/component"
TEST_HOOK_NOTE = "Helm test hook pods are exempt"


def policy_types(policy: Manifest) -> set[str]:
    """spec.policyTypes, or Kubernetes' default when it is missing."""
    declared = dig(policy.body, "spec", "policyTypes")
    if isinstance(declared, list) and declared:
        return {str(t) for t in declared}
    return {"Ingress", "Egress"} if dig(policy.body, "spec", "egress") else {"Ingress"}


@dataclass(frozen=True)
class Pod:
    owner: Manifest
    labels: dict[str, str]
    namespace: str
    component: str | None

    def describe(self) -> str:
        return f"{self.owner.describe()} with pod labels {describe(self.labels)}"


@dataclass
class Verification:
    policies: list[Manifest] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _pods(manifests: list[Manifest], namespace: str) -> list[Pod]:
    pods = []
    for manifest in manifests:
        labels = manifest.pod_labels()
        if labels is not None and not manifest.is_test_hook:
            pods.append(Pod(manifest, labels, manifest.namespace(namespace), component_of_source(manifest.source)))
    return pods


def _selector(policy: Manifest) -> Any:
    return dig(policy.body, "spec", "podSelector")


def _selects(policy: Manifest, pod: Pod, namespace: str) -> bool:
    return policy.namespace(namespace) == pod.namespace and selector_matches(_selector(policy), pod.labels)


def _policy_problems(policy: Manifest, pods: list[Pod], namespace: str) -> Iterator[str]:
    component = policy.labels.get(COMPONENT_LABEL)
    head = f"NetworkPolicy {policy.name} (component {component or '?'}, podSelector {describe(_selector(policy))})"
    if component not in COMPONENT_NAMES:
        yield f"{head} has no known {COMPONENT_LABEL} label"
    selected = [pod for pod in pods if _selects(policy, pod, namespace)]
    own = [pod for pod in pods if pod.component == component]
    if not selected:
        actual = "; ".join(pod.describe() for pod in own) or f"no {component} workload was rendered"
        yield f"{head} selects no rendered pod ({TEST_HOOK_NOTE}); {component} pods: {actual}"
    for pod in selected:
        if pod.component in COMPONENT_NAMES and pod.component != component:
            yield f"{head} also selects {pod.component}'s {pod.describe()}"


def _workload_problems(pod: Pod, ours: list[Manifest], namespace: str) -> Iterator[str]:
    directions = ["Ingress"]
    if any("Egress" in policy_types(policy) for policy in ours):
        directions.append("Egress")
    for direction in directions:
        candidates = [policy for policy in ours if direction in policy_types(policy)]
        if any(_selects(policy, pod, namespace) for policy in candidates):
            continue
        own = [policy for policy in candidates if policy.labels.get(COMPONENT_LABEL) == pod.component]
        policies = "; ".join(f"{p.name} selects {describe(_selector(p))} in namespace {p.namespace(namespace)}"
                             for p in own) or f"no {direction.lower()} policy for {pod.component} was rendered"
        yield (f"{pod.describe()} (component {pod.component}, namespace {pod.namespace}) is selected by no "
               f"aaoi-netpol {direction.lower()} NetworkPolicy: {policies}")


def verify(manifests: list[Manifest], namespace: str, ours: list[Manifest] | None = None) -> Verification:
    """Check our policies (``ours``, else those our template rendered) against the rendered pods."""
    result = Verification(policies=check_provenance(manifests, namespace).ours if ours is None else ours)
    pods = _pods(manifests, namespace)
    try:
        for policy in result.policies:
            result.problems.extend(_policy_problems(policy, pods, namespace))
        if result.policies:
            for pod in pods:
                if pod.owner.kind in WORKLOAD_KINDS and pod.component in COMPONENT_NAMES:
                    result.problems.extend(_workload_problems(pod, result.policies, namespace))
    except SelectorError as error:
        result.problems.append(f"invalid label selector in the rendered output: {error}")
    return result
