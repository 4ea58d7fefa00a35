"""NetworkPolicy documents (``yaml.safe_load`` dicts) parsed into typed, validated records.

Defaults are the API server's: ``policyTypes`` missing or empty means ``[Ingress]``, plus ``Egress``
only when ``spec.egress`` is non-empty; a port without ``protocol`` is TCP; a missing or empty
``ports`` means every port of every protocol, a port entry without ``port`` every port of its protocol;
a missing or empty ``from``/``to`` means every source/destination. Unknown fields are rejected (a
typo such as ``form:`` would otherwise silently open a rule to everyone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from aaoi_netpol.evaluator.addresses import AddressSet, ip_block_addresses
from aaoi_netpol.evaluator.cluster import PROTOCOLS
from aaoi_netpol.evaluator.errors import EvaluatorError, PolicyError
from aaoi_netpol.evaluator.selectors import Selector, parse_selector

INGRESS = "Ingress"
EGRESS = "Egress"
_PORT_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")


@dataclass(frozen=True)
class Peer:
    """One from/to item. ``pod_selector`` None: not restricted by pod labels (all pods of the selected
    namespaces, or of the policy's namespace when ``namespace_selector`` is None too - the API server
    requires at least one of the three fields). ``ip_block`` is exclusive with both selectors."""

    pod_selector: Selector | None = None
    namespace_selector: Selector | None = None
    ip_block: AddressSet | None = None


@dataclass(frozen=True)
class PortSpec:
    """One ports item: ``port`` None (every port of ``protocol``), a number (``end_port`` for a range) or a name."""

    protocol: str
    port: int | str | None = None
    end_port: int | None = None


@dataclass(frozen=True)
class Rule:
    """An ingress/egress rule; ``peers`` None = every source/destination, ``ports`` None = every port."""

    peers: tuple[Peer, ...] | None
    ports: tuple[PortSpec, ...] | None
    label: str


@dataclass(frozen=True)
class Policy:
    name: str
    namespace: str
    pod_selector: Selector
    policy_types: frozenset[str]
    ingress: tuple[Rule, ...]
    egress: tuple[Rule, ...]

    @property
    def label(self) -> str:
        return f"{self.namespace}/{self.name}"

    def rules(self, direction: str) -> tuple[Rule, ...]:
        return self.ingress if direction == INGRESS else self.egress


def is_port_name(name: str) -> bool:
    """An IANA service name as Kubernetes validates it: <= 15 of [-a-z0-9], a letter, no '--', no '-' at an end."""
    return (len(name) <= 15 and bool(_PORT_NAME.fullmatch(name)) and "--" not in name
            and any("a" <= char <= "z" for char in name))


def _mapping(value: object, where: str, allowed: tuple[str, ...]) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PolicyError(f"{where}: must be a mapping")
    unknown = sorted(str(key) for key in value if key not in allowed)
    if unknown:
        raise PolicyError(f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(allowed)})")
    return {str(key): item for key, item in value.items()}


def _items(value: object, where: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PolicyError(f"{where}: must be a list")
    return value


def _port_number(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise PolicyError(f"{where}: {value!r} is not a port number (1-65535)")
    return value


def _port(raw: object, where: str) -> PortSpec:
    item = _mapping(raw, where, ("port", "endPort", "protocol"))
    protocol = item.get("protocol") or "TCP"
    if protocol not in PROTOCOLS:
        raise PolicyError(f"{where}.protocol: {protocol!r} is not TCP, UDP or SCTP")
    port, end_port = item.get("port"), item.get("endPort")
    if port is None:
        if end_port is not None:
            raise PolicyError(f"{where}.endPort: may not be set without a numeric port")
        return PortSpec(str(protocol))
    if isinstance(port, str):
        if end_port is not None:
            raise PolicyError(f"{where}.endPort: may not be set when port is a name")
        if not is_port_name(port):
            raise PolicyError(f"{where}.port: {port!r} is not a valid port name")
        return PortSpec(str(protocol), port)
    number = _port_number(port, f"{where}.port")
    if end_port is None:
        return PortSpec(str(protocol), number)
    last = _port_number(end_port, f"{where}.endPort")
    if last < number:
        raise PolicyError(f"{where}.endPort: {last} must be greater than or equal to port {number}")
    return PortSpec(str(protocol), number, last)


def _peer(raw: object, where: str) -> Peer:
    item = _mapping(raw, where, ("podSelector", "namespaceSelector", "ipBlock"))
    present = [key for key in ("podSelector", "namespaceSelector", "ipBlock") if item.get(key) is not None]
    if not present:
        raise PolicyError(f"{where}: must set podSelector, namespaceSelector or ipBlock")
    if "ipBlock" in present:
        if len(present) > 1:
            raise PolicyError(f"{where}: ipBlock may not be combined with a selector")
        return Peer(ip_block=ip_block_addresses(item["ipBlock"], f"{where}.ipBlock"))
    pods, namespaces = item.get("podSelector"), item.get("namespaceSelector")
    return Peer(
        pod_selector=None if pods is None else parse_selector(pods, f"{where}.podSelector"),
        namespace_selector=None if namespaces is None else parse_selector(namespaces, f"{where}.namespaceSelector"),
    )


def _rule(raw: object, where: str, peers_key: str, label: str) -> Rule:
    item = _mapping(raw, where, (peers_key, "ports"))
    peers = tuple(_peer(peer, f"{where}.{peers_key}[{i}]") for i, peer in enumerate(_items(item.get(peers_key), where)))
    ports = tuple(_port(port, f"{where}.ports[{i}]") for i, port in enumerate(_items(item.get("ports"), where)))
    return Rule(peers or None, ports or None, label)


def _policy_types(raw: object, egress_rules: list[object], where: str) -> frozenset[str]:
    written = _items(raw, where)
    if len(written) > 2 or any(kind not in (INGRESS, EGRESS) for kind in written):
        raise PolicyError(f"{where}: must list at most Ingress and Egress, got {written!r}")
    if written:
        return frozenset(str(kind) for kind in written)
    return frozenset({INGRESS, EGRESS}) if egress_rules else frozenset({INGRESS})


def parse_policy(document: object, default_namespace: str | None = None) -> Policy:
    """A NetworkPolicy document as a typed record; its namespace is metadata.namespace or ``default_namespace``."""
    if not isinstance(document, dict) or document.get("kind") != "NetworkPolicy":
        raise PolicyError("not a NetworkPolicy document")
    if document.get("apiVersion") != "networking.k8s.io/v1":
        raise PolicyError(f"NetworkPolicy apiVersion {document.get('apiVersion')!r} is not networking.k8s.io/v1")
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if not isinstance(name, str) or not name:
        raise PolicyError("NetworkPolicy without metadata.name")
    namespace = (metadata.get("namespace") if isinstance(metadata, dict) else None) or default_namespace
    if not isinstance(namespace, str) or not namespace:
        raise PolicyError(f"NetworkPolicy {name}: no metadata.namespace and no release namespace given")
    where = f"NetworkPolicy {namespace}/{name} spec"
    try:
        spec = _mapping(document.get("spec"), where, ("podSelector", "policyTypes", "ingress", "egress"))
        ingress = _items(spec.get("ingress"), f"{where}.ingress")
        egress = _items(spec.get("egress"), f"{where}.egress")
        return Policy(
            name=name,
            namespace=namespace,
            pod_selector=parse_selector(spec.get("podSelector"), f"{where}.podSelector"),
            policy_types=_policy_types(spec.get("policyTypes"), egress, f"{where}.policyTypes"),
            ingress=tuple(_rule(rule, f"{where}.ingress[{i}]", "from", f"{namespace}/{name} ingress[{i}]")
                          for i, rule in enumerate(ingress)),
            egress=tuple(_rule(rule, f"{where}.egress[{i}]", "to", f"{namespace}/{name} egress[{i}]")
                         for i, rule in enumerate(egress)),
        )
    except PolicyError:
        raise
    except EvaluatorError as error:
        raise PolicyError(str(error)) from error


def parse_policies(documents: Iterable[object], default_namespace: str | None = None) -> list[Policy]:
    """Every NetworkPolicy among ``documents`` (other kinds and empty documents are skipped)."""
    return [parse_policy(document, default_namespace) for document in documents
            if isinstance(document, dict) and document.get("kind") == "NetworkPolicy"]


def parse_peer(raw: object, where: str = "peer") -> Peer:
    """One NetworkPolicyPeer as written in values or a policy (PolicyError names ``where``)."""
    try:
        return _peer(raw, where)
    except PolicyError:
        raise
    except EvaluatorError as error:
        raise PolicyError(str(error)) from error


def parse_rule(raw: object, direction: str, where: str = "rule", label: str = "rule") -> Rule:
    """One NetworkPolicyIngressRule (direction Ingress) or EgressRule (Egress) as written."""
    try:
        return _rule(raw, where, "from" if direction == INGRESS else "to", label)
    except PolicyError:
        raise
    except EvaluatorError as error:
        raise PolicyError(str(error)) from error
