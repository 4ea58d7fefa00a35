"""Walking the networkPolicy section: peers, rules, ports and selectors, each with its value path.

Only what the user wrote is walked (the contract's defaults are known good).
Items of the wrong type are skipped silently: the schema (NP001) reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.model.components import COMPONENTS, SECTION, Component
from aaoi_netpol.rules.role_lists import ROLE_TARGETS
from aaoi_netpol.value_path import ValuePath

ROLE_LISTS = tuple(ROLE_TARGETS)  # ingressController, apiGateways, adminNodeManagers, monitoring
EGRESS_LISTS = ("dns", "apiManagement", "externalElasticsearch")


@dataclass(frozen=True)
class PeerRef:
    path: ValuePath  # the peer item
    peer: dict[str, Any]
    source: str  # a role list, "extraIngress", an egress list or "extraEgress"
    direction: str  # "ingress" or "egress"
    component: Component | None = None  # the target of an extraIngress rule
    rule: dict[str, Any] | None = None  # the extraIngress/extraEgress rule holding the peer
    ingress_class: str | None = None  # ingressController as a map: the Ingress class whose list holds the peer


@dataclass(frozen=True)
class RuleRef:
    path: ValuePath
    rule: dict[str, Any]
    direction: str
    component: Component | None  # None for extraEgress (every AAOI pod)

    @property
    def peer_key(self) -> str:
        return "from" if self.direction == "ingress" else "to"


def _dict_items(ctx: LintContext, path: ValuePath) -> Iterator[tuple[ValuePath, dict[str, Any]]]:
    for index, item in enumerate(ctx.list_at(path)):
        if isinstance(item, dict):
            yield (*path, index), item


def iter_rules(ctx: LintContext) -> Iterator[RuleRef]:
    """Every extraIngress rule (per component) and every extraEgress rule (walked once per lint)."""
    return iter(ctx.computed("rules", lambda: list(_walk_rules(ctx))))


def _walk_rules(ctx: LintContext) -> Iterator[RuleRef]:
    for component in COMPONENTS:
        for path, rule in _dict_items(ctx, (SECTION, component.np_key, "extraIngress")):
            yield RuleRef(path, rule, "ingress", component)
    for path, rule in _dict_items(ctx, (SECTION, "egress", "extraEgress")):
        yield RuleRef(path, rule, "egress", None)


@dataclass(frozen=True)
class PeerlessRule:
    """An extraIngress/extraEgress rule with no or an empty peer list: it admits everyone."""

    ref: RuleRef
    path: ValuePath  # the empty list, or the rule when the key is missing
    written: str  # "an empty `from`" or "no `from`" (`to` for egress)
    at_value: bool


def peerless_rules(ctx: LintContext, direction: str) -> Iterator[PeerlessRule]:
    for ref in iter_rules(ctx):
        if ref.direction != direction:
            continue
        if ref.rule.get(ref.peer_key) in (None, []):
            present = ref.peer_key in ref.rule
            yield PeerlessRule(ref, (*ref.path, ref.peer_key) if present else ref.path,
                               f"an empty `{ref.peer_key}`" if present else f"no `{ref.peer_key}`", present)


def ingress_class_lists(ctx: LintContext) -> Iterator[tuple[str, ValuePath]]:
    """(class, path of its list) for ``ingressController`` written as a map of Ingress class to peers."""
    written = ctx.get((SECTION, "ingressController"))
    for class_name in written if isinstance(written, dict) else {}:
        yield str(class_name), (SECTION, "ingressController", class_name)


def iter_peers(ctx: LintContext) -> Iterator[PeerRef]:
    """Every peer the user wrote: role lists (ingressController as a list or per class), extraIngress ``from``,
    egress lists and extraEgress ``to`` (walked once per lint: most rules read them)."""
    return iter(ctx.computed("peers", lambda: list(_walk_peers(ctx))))


def _walk_peers(ctx: LintContext) -> Iterator[PeerRef]:
    for role in ROLE_LISTS:
        for path, peer in _dict_items(ctx, (SECTION, role)):
            yield PeerRef(path, peer, role, "ingress")
    for class_name, class_path in ingress_class_lists(ctx):
        for path, peer in _dict_items(ctx, class_path):
            yield PeerRef(path, peer, "ingressController", "ingress", ingress_class=class_name)
    for name in EGRESS_LISTS:
        for path, peer in _dict_items(ctx, (SECTION, "egress", name)):
            yield PeerRef(path, peer, name, "egress")
    for ref in iter_rules(ctx):
        source = "extraIngress" if ref.direction == "ingress" else "extraEgress"
        for path, peer in _dict_items(ctx, (*ref.path, ref.peer_key)):
            yield PeerRef(path, peer, source, ref.direction, ref.component, ref.rule)


def iter_ports(ctx: LintContext) -> Iterator[tuple[ValuePath, dict[str, Any], RuleRef]]:
    for ref in iter_rules(ctx):
        for path, port in _dict_items(ctx, (*ref.path, "ports")):
            yield path, port, ref


def iter_selectors(ctx: LintContext) -> Iterator[tuple[ValuePath, dict[str, Any], PeerRef]]:
    """(path, selector, peer) for every podSelector and namespaceSelector mapping."""
    for ref in iter_peers(ctx):
        for key in ("podSelector", "namespaceSelector"):
            selector = ref.peer.get(key)
            if isinstance(selector, dict):
                yield (*ref.path, key), selector, ref


def iter_ipblocks(ctx: LintContext) -> Iterator[tuple[ValuePath, dict[str, Any], PeerRef]]:
    for ref in iter_peers(ctx):
        block = ref.peer.get("ipBlock")
        if isinstance(block, dict):
            yield (*ref.path, "ipBlock"), block, ref


# --- ports -------------------------------------------------------------------------------------

def describe_rule_ports(rule: dict[str, Any]) -> str:
    """``port 5601/TCP``, ``ports 9200-9300/TCP and http``; ``every port`` when none are listed."""
    ports = rule.get("ports")
    texts: list[str] = []
    for port in ports if isinstance(ports, list) else []:
        if not isinstance(port, dict):
            continue
        protocol = port.get("protocol") if isinstance(port.get("protocol"), str) else "TCP"
        number, end = port.get("port"), port.get("endPort")
        if isinstance(number, bool) or not isinstance(number, (int, str, type(None))):
            continue
        if number is None:
            texts.append(f"every {protocol} port")
        elif isinstance(end, int) and not isinstance(end, bool):
            texts.append(f"{number}-{end}/{protocol}")
        else:
            texts.append(f"{number}/{protocol}")
    if not texts:
        return "every port"
    return ("port " if len(texts) == 1 else "ports ") + ", ".join(texts)


def rule_admits_port(rule: dict[str, Any], number: int | None) -> bool:
    """Whether the rule's ports admit TCP ``number`` (None: the port is unknown, any port entry will do)."""
    ports = rule.get("ports")
    if not isinstance(ports, list) or not ports:
        return True
    for port in ports:
        if not isinstance(port, dict):
            continue
        if port.get("protocol", "TCP") != "TCP":
            continue
        start, end = port.get("port"), port.get("endPort")
        if start is None or number is None:
            return True
        if isinstance(start, int) and not isinstance(start, bool):
            last = end if isinstance(end, int) and not isinstance(end, bool) else start
            if start <= number <= last:
                return True
    return False
