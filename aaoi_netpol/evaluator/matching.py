"""Whether a peer matches an endpoint, and which ports a rule opens towards a destination.

ipBlock peers match ``Address`` endpoints only, never pods: like np-guard's analyzer, pods are modelled
without IPs, because pod IPs are ephemeral and Kubernetes documents ipBlock as meant for addresses
outside the cluster (whether a CNI also applies it to pod IPs is implementation-specific). Selector
peers never match an ``Address``.
"""

from __future__ import annotations

from aaoi_netpol.evaluator import intervals
from aaoi_netpol.evaluator.cluster import PROTOCOLS, Address, Cluster, Endpoint, Pod
from aaoi_netpol.evaluator.intervals import Intervals
from aaoi_netpol.evaluator.policies import Peer, PortSpec, Rule

ALL_PORTS: Intervals = ((1, 65535),)
PortMatrix = dict[str, Intervals]


def every_port() -> PortMatrix:
    return dict.fromkeys(PROTOCOLS, ALL_PORTS)


def no_port() -> PortMatrix:
    return dict.fromkeys(PROTOCOLS, intervals.EMPTY)


def peer_matches(peer: Peer, policy_namespace: str, endpoint: Endpoint, cluster: Cluster) -> bool:
    """Kubernetes peer semantics; podSelector and namespaceSelector in one peer are ANDed."""
    if isinstance(endpoint, Address):
        return peer.ip_block is not None and peer.ip_block.contains(endpoint.parsed)
    if peer.ip_block is not None:
        return False
    if peer.namespace_selector is None:
        if endpoint.namespace != policy_namespace:
            return False
    elif not peer.namespace_selector.matches(cluster.namespace(endpoint.namespace).labels):
        return False
    return peer.pod_selector is None or peer.pod_selector.matches(endpoint.labels)


def rule_matches(rule: Rule, policy_namespace: str, endpoint: Endpoint, cluster: Cluster) -> bool:
    """Whether the rule's from/to admits the endpoint (no peers = everyone; peers are ORed)."""
    return rule.peers is None or any(peer_matches(peer, policy_namespace, endpoint, cluster) for peer in rule.peers)


def _spec_ports(spec: PortSpec, destination: Endpoint) -> Intervals:
    if spec.port is None:
        return ALL_PORTS
    if isinstance(spec.port, int):
        return ((spec.port, spec.end_port or spec.port),)
    if not isinstance(destination, Pod):
        return intervals.EMPTY
    return intervals.normalize((port.number, port.number) for port in destination.container_ports
                               if port.name == spec.port and port.protocol == spec.protocol)


def rule_ports(rule: Rule, destination: Endpoint) -> PortMatrix:
    """Ports per protocol the rule opens; named ports resolve on the destination pod's container ports."""
    if rule.ports is None:
        return every_port()
    matrix = no_port()
    for spec in rule.ports:
        matrix[spec.protocol] = intervals.union(matrix[spec.protocol], _spec_ports(spec, destination))
    return matrix


def union_matrices(left: PortMatrix, right: PortMatrix) -> PortMatrix:
    return {protocol: intervals.union(left[protocol], right[protocol]) for protocol in PROTOCOLS}


def intersect_matrices(left: PortMatrix, right: PortMatrix) -> PortMatrix:
    return {protocol: intervals.intersect(left[protocol], right[protocol]) for protocol in PROTOCOLS}


def describe_matrix(matrix: PortMatrix) -> str:
    """``TCP 80, 443; UDP 53`` / ``every port`` / ``nothing``."""
    if all(matrix[protocol] == ALL_PORTS for protocol in PROTOCOLS):
        return "every port"
    parts = [f"{protocol} {'every port' if matrix[protocol] == ALL_PORTS else intervals.describe(matrix[protocol])}"
             for protocol in PROTOCOLS if matrix[protocol]]
    return "; ".join(parts) or "nothing"
