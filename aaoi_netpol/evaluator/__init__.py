"""NetworkPolicy evaluation with Kubernetes semantics: verdicts, allowed ports and computed openness.

Parse documents with ``parse_policies``, model the world with ``build_cluster`` (plus probes from
``probes``), then query an ``Evaluator``; ``openness`` answers "open to the cluster / the world".
"""

from aaoi_netpol.evaluator.addresses import AddressSet, Cidr, IpAddress, ip_block_addresses, parse_address, parse_cidr
from aaoi_netpol.evaluator.cluster import Address, Cluster, ContainerPort, Endpoint, Namespace, Pod, build_cluster
from aaoi_netpol.evaluator.engine import Evaluator, SideVerdict, Verdict, build_evaluator
from aaoi_netpol.evaluator.errors import AddressError, EvaluatorError, PolicyError, SelectorError
from aaoi_netpol.evaluator.matching import ALL_PORTS, PortMatrix, describe_matrix
from aaoi_netpol.evaluator.openness import (
    WorldExposure,
    peer_open_to_cluster,
    rule_open_to_cluster,
    rules_world_exposure,
    target_open_to_cluster,
    target_world_exposure,
    world_exposure,
)
from aaoi_netpol.evaluator.policies import (
    EGRESS,
    INGRESS,
    Peer,
    Policy,
    PortSpec,
    Rule,
    parse_peer,
    parse_policies,
    parse_policy,
    parse_rule,
)
from aaoi_netpol.evaluator.probes import (
    PodProbe,
    cluster_with,
    new_namespace_probe,
    probe_for_peer,
    release_namespace_probe,
)
from aaoi_netpol.evaluator.selectors import Selector, parse_selector

__all__ = [
    "ALL_PORTS", "EGRESS", "INGRESS", "Address", "AddressError", "AddressSet", "Cidr", "Cluster", "ContainerPort",
    "Endpoint", "Evaluator", "EvaluatorError", "IpAddress", "Namespace", "Peer", "Pod", "PodProbe", "Policy",
    "PolicyError", "PortMatrix", "PortSpec", "Rule", "Selector", "SelectorError", "SideVerdict", "Verdict",
    "WorldExposure", "build_cluster", "build_evaluator", "cluster_with", "describe_matrix", "ip_block_addresses",
    "new_namespace_probe", "parse_address", "parse_cidr", "parse_peer", "parse_policies", "parse_policy", "parse_rule",
    "parse_selector",
    "peer_open_to_cluster", "probe_for_peer", "release_namespace_probe", "rule_open_to_cluster",
    "rules_world_exposure", "target_open_to_cluster", "target_world_exposure", "world_exposure",
]
