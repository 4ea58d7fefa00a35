"""Parties of the modelled world: who may connect to whom, each with a stable key and where it is declared.

A party is an endpoint the evaluator understands (a pod in a namespace, or an address outside the pod
network) plus what it stands for: an AAOI component (its pods as Helm rendered them), a peer the
values name (a role list, DNS, API-Management, extraIngress/extraEgress), the Ingress controller that
serves an Ingress, or a probe. Keys are stable across values revisions (``diff`` compares by key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.evaluator import Address, ContainerPort, Endpoint, Namespace, Pod
from aaoi_netpol.model.components import component_of_source
from aaoi_netpol.render.manifests import WORKLOAD_KINDS, Manifest, dig
from aaoi_netpol.value_path import ValuePath

PROBE = "probe"
CLUSTER_ADDRESS = "10.0.0.10"  # an address inside a cluster's private ranges (RFC 1918), not a pod
INTERNET_ADDRESS = "8.8.8.8"  # an address on the public internet


COMPONENT, PEER, CONTROLLER = "component", "peer", "controller"


@dataclass(frozen=True)
class Party:
    key: str  # stable identity, e.g. "kibana", "apiGateways: {\"ipBlock\":...}", "probe: new-namespace pod"
    name: str  # short, for tables: "kibana", "apiGateways[0]", "new-ns pod"
    kind: str  # COMPONENT, PEER, CONTROLLER or PROBE
    role: str  # the component; the list a peer is in (apiGateways, dns, extraIngress:kibana, ...); the class
    endpoint: Endpoint
    namespace: Namespace | None = None  # the namespace a pod party needs in the cluster (labels included)
    path: ValuePath | None = None  # where the values declare it

    def describe(self) -> str:
        endpoint = self.endpoint
        if isinstance(endpoint, Address):
            return f"{self.name} (address {endpoint.ip})"
        labels = ",".join(f"{k}={v}" for k, v in sorted(endpoint.labels.items())) or "no labels"
        return f"{self.name} (pod {labels} in namespace {endpoint.namespace})"


def canonical(peer: Any) -> str:
    """A peer as one line of JSON with sorted keys: the identity of a declared peer."""
    return json.dumps(peer, sort_keys=True, separators=(",", ":"), default=str)


def _container_ports(template: Any) -> tuple[ContainerPort, ...]:
    ports: list[ContainerPort] = []
    for key in ("containers", "initContainers"):
        containers = dig(template, "spec", key)
        for container in containers if isinstance(containers, list) else []:
            declared = container.get("ports") if isinstance(container, dict) else None
            for port in declared if isinstance(declared, list) else []:
                number = port.get("containerPort") if isinstance(port, dict) else None
                if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= 65535:
                    name = port.get("name")
                    protocol = port.get("protocol") if port.get("protocol") in ("TCP", "UDP", "SCTP") else "TCP"
                    ports.append(ContainerPort(name if isinstance(name, str) else None, number, str(protocol)))
    return tuple(ports)


def component_parties(manifests: list[Manifest], namespace: str) -> list[Party]:
    """One party per AAOI workload, trusted by its ``# Source:`` template only (test hook pods excluded)."""
    parties: list[Party] = []
    for manifest in manifests:
        component = component_of_source(manifest.source)
        labels = manifest.pod_labels()
        if component is None or manifest.kind not in WORKLOAD_KINDS or labels is None:
            continue
        template = dig(manifest.body, "spec", "template")
        pod = Pod(f"{component}-{manifest.name}", manifest.namespace(namespace), labels, _container_ports(template))
        same = [p for p in parties if p.role == component]
        key = component if not same else f"{component}/{manifest.name}"
        parties.append(Party(key, key, COMPONENT, component, pod))
    return parties


def probe_parties(namespace: str) -> list[Party]:
    """The standard probes: unlabelled pods in the release namespace and in a brand-new one, two addresses."""
    from aaoi_netpol.evaluator import new_namespace_probe, release_namespace_probe

    release, fresh = release_namespace_probe(namespace), new_namespace_probe()
    return [
        Party("probe: release-namespace pod", "release-ns pod", PROBE, PROBE, release.pod, release.namespace),
        Party("probe: new-namespace pod", "new-ns pod", PROBE, PROBE, fresh.pod, fresh.namespace),
        Party("probe: cluster address", "cluster address", PROBE, PROBE, Address("cluster address", CLUSTER_ADDRESS)),
        Party("probe: internet address", "internet", PROBE, PROBE, Address("internet", INTERNET_ADDRESS)),
    ]
