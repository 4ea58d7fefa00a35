"""Concrete endpoints built from peers, and the two standard probes.

A selector peer becomes a pod (and its namespace) carrying the smallest label set that satisfies the
peer: matchLabels as written; ``In`` takes its first value that every other constraint on the key
allows; ``Exists`` adds the key with a value no ``NotIn`` excludes; ``NotIn``/``DoesNotExist`` leave
the key out. A namespace always has ``kubernetes.io/metadata.name`` equal to its name, so that key is
chosen (or a fresh name is made up) and must be a valid namespace name. An ipBlock peer becomes an
``Address`` at the lowest address of cidr minus except. Unsatisfiable peers give None. Probe pods
declare no container ports, so named ports never resolve on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aaoi_netpol.evaluator.cluster import NAME_LABEL, Address, Cluster, Namespace, Pod
from aaoi_netpol.evaluator.policies import Peer
from aaoi_netpol.evaluator.selectors import Selector

NEW_NAMESPACE = "netpol-probe-new-namespace"
"""Name of the brand-new namespace probe: no label but ``kubernetes.io/metadata.name``."""
PROBE_POD = "netpol-probe"

_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")


@dataclass(frozen=True)
class PodProbe:
    """A probe pod and the namespace it lives in (add the namespace to the cluster you evaluate against)."""

    pod: Pod
    namespace: Namespace


@dataclass
class _KeyConstraints:
    equal: list[str] = field(default_factory=list)
    within: list[tuple[str, ...]] = field(default_factory=list)
    excluded: set[str] = field(default_factory=set)
    exists: bool = False
    absent: bool = False

    @property
    def required(self) -> bool:
        return bool(self.equal or self.within or self.exists)

    def allows(self, value: str) -> bool:
        return (all(value == wanted for wanted in self.equal) and all(value in values for values in self.within)
                and value not in self.excluded)


def _constraints(selector: Selector) -> dict[str, _KeyConstraints]:
    keys: dict[str, _KeyConstraints] = {}
    for key, value in selector.match_labels:
        keys.setdefault(key, _KeyConstraints()).equal.append(value)
    for requirement in selector.requirements:
        constraints = keys.setdefault(requirement.key, _KeyConstraints())
        if requirement.operator == "In":
            constraints.within.append(requirement.values)
        elif requirement.operator == "NotIn":
            constraints.excluded.update(requirement.values)
        elif requirement.operator == "Exists":
            constraints.exists = True
        else:
            constraints.absent = True
    return keys


def _choose(constraints: _KeyConstraints, fallback: str, valid: Callable[[str], bool] = bool) -> str | None:
    """A value meeting every constraint: the first fitting written candidate, else ``fallback``[-N]."""
    written = constraints.equal[:1] or (list(constraints.within[0]) if constraints.within else [])
    if written:
        return next((value for value in written if constraints.allows(value) and valid(value)), None)
    made_up = (fallback if n == 0 else f"{fallback}-{n}" for n in range(len(constraints.excluded) + 1))
    return next(value for value in made_up if value not in constraints.excluded)


def _solve(keys: dict[str, _KeyConstraints]) -> dict[str, str] | None:
    labels: dict[str, str] = {}
    for key, constraints in keys.items():
        if constraints.absent and constraints.required:
            return None
        if constraints.required:
            value = _choose(constraints, "probe", lambda _: True)
            if value is None:
                return None
            labels[key] = value
    return labels


def smallest_labels(selector: Selector | None) -> dict[str, str] | None:
    """The fewest labels the selector selects (None selector: no labels), or None when unsatisfiable."""
    return _solve(_constraints(selector or Selector()))


def _is_namespace_name(value: str) -> bool:
    return len(value) <= 63 and bool(_DNS_LABEL.fullmatch(value))


def _namespace_for(selector: Selector, fresh_name: str) -> Namespace | None:
    keys = _constraints(selector)
    name_constraints = keys.pop(NAME_LABEL, _KeyConstraints())
    if name_constraints.absent:
        return None
    name = _choose(name_constraints, fresh_name, _is_namespace_name)
    labels = _solve(keys)
    return None if name is None or labels is None else Namespace(name, labels)


def probe_for_peer(peer: Peer, policy_namespace: str, name: str = PROBE_POD) -> PodProbe | Address | None:
    """A concrete endpoint the peer admits, or None when no endpoint can satisfy it."""
    if peer.ip_block is not None:
        first = peer.ip_block.first_address()
        return None if first is None else Address(name, str(first))
    pod_labels = smallest_labels(peer.pod_selector)
    if pod_labels is None:
        return None
    if peer.namespace_selector is None:
        namespace: Namespace | None = Namespace(policy_namespace)
    else:
        namespace = _namespace_for(peer.namespace_selector, f"{name}-ns")
    if namespace is None:
        return None
    return PodProbe(Pod(name, namespace.name, pod_labels), namespace)


def release_namespace_probe(namespace: str) -> PodProbe:
    """An unlabelled pod in the release namespace."""
    return PodProbe(Pod(PROBE_POD, namespace), Namespace(namespace))


def new_namespace_probe() -> PodProbe:
    """An unlabelled pod in a brand-new namespace whose only label is kubernetes.io/metadata.name."""
    return PodProbe(Pod(PROBE_POD, NEW_NAMESPACE), Namespace(NEW_NAMESPACE))


def cluster_with(cluster: Cluster, probes: list[PodProbe]) -> Cluster:
    """``cluster`` plus the probes' pods and namespaces; a namespace already modelled gains the probe's
    labels (a label the two set differently raises ValueError: no single namespace satisfies both)."""
    namespaces = dict(cluster.namespaces)
    for probe in probes:
        known = namespaces.get(probe.namespace.name)
        if known is not None:
            clash = [key for key, value in probe.namespace.labels.items() if known.labels.get(key, value) != value]
            if clash:
                raise ValueError(f"namespace {known.name}: label {clash[0]} would need two values")
        namespaces[probe.namespace.name] = Namespace(probe.namespace.name,
                                                     {**(known.labels if known else {}), **probe.namespace.labels})
    return Cluster(namespaces, (*cluster.pods, *(probe.pod for probe in probes)), cluster.addresses)
