"""Helpers for the evaluator tests: the fixed world, the engine's port matrix, and NCA in its own venv."""

from __future__ import annotations

import ipaddress
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aaoi_netpol.evaluator import (
    Address,
    ContainerPort,
    Endpoint,
    Evaluator,
    Namespace,
    Pod,
    build_cluster,
    parse_policies,
)
from aaoi_netpol.evaluator.cluster import PROTOCOLS, Cluster

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
NCA_PYTHON = REPO_ROOT / ".venv-nca" / "bin" / "python"
NCA_DRIVER = HERE / "nca_driver.py"

Matrix = dict[str, list[list[int]]]
"""``"SRC|DST|PROTOCOL" -> [[lo, hi], ...]``: the destination ports allowed; empty entries left out."""


def scenario_documents(scenario: dict[str, Any]) -> list[dict[str, Any]]:
    """A scenario's policies as full NetworkPolicy documents."""
    return [{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", **policy}
            for policy in scenario["policies"]]


SCENARIOS: list[dict[str, Any]] = yaml.safe_load((HERE / "scenarios.yaml").read_text())["scenarios"]


@dataclass(frozen=True)
class World:
    raw: dict[str, Any]
    cluster: Cluster
    endpoints: dict[str, Endpoint]
    """By key: ``ns/pod`` for pods, the IP for addresses."""
    address_names: dict[str, str]
    """Address name (as scenarios write it) -> key (the IP)."""

    def endpoint(self, name: str) -> Endpoint:
        return self.endpoints[self.address_names.get(name, name)]

    def key(self, name: str) -> str:
        return self.address_names.get(name, name)


def load_world(path: Path = HERE / "world.yaml") -> World:
    raw = yaml.safe_load(path.read_text())
    namespaces = [Namespace(name, labels) for name, labels in raw["namespaces"].items()]
    pods = [Pod(p["name"], p["namespace"], p["labels"], tuple(ContainerPort(*port) for port in p["ports"]))
            for p in raw["pods"]]
    addresses = [Address(name, ip) for name, ip in raw["addresses"].items()]
    endpoints: dict[str, Endpoint] = {f"{pod.namespace}/{pod.name}": pod for pod in pods}
    endpoints.update({address.ip: address for address in addresses})
    return World(raw, build_cluster(namespaces, pods, addresses), endpoints,
                 {address.name: address.ip for address in addresses})


def connection_pairs(world: World) -> list[tuple[str, str]]:
    """Every ordered pair of endpoints with at least one pod (address -> address is not a pod-network flow)."""
    keys = list(world.endpoints)
    return [(src, dst) for src in keys for dst in keys if "/" in src or "/" in dst]


def engine_matrix(world: World, policies: Sequence[dict[str, Any]]) -> Matrix:
    evaluator = Evaluator(parse_policies(policies), world.cluster)
    matrix: Matrix = {}
    for src, dst in connection_pairs(world):
        ports = evaluator.allowed_ports(world.endpoints[src], world.endpoints[dst])
        for protocol in PROTOCOLS:
            if ports[protocol]:
                matrix[f"{src}|{dst}|{protocol}"] = [list(piece) for piece in ports[protocol]]
    return matrix


class NcaRun:
    """One NCA driver subprocess: ``add`` streams policy sets to it (it analyses each on arrival),
    ``switch`` changes the world the next sets are analysed in, ``result`` waits for all answers."""

    def __init__(self, world: World) -> None:
        if not NCA_PYTHON.exists():
            raise AssertionError(f"{NCA_PYTHON} is missing: run scripts/setup --with-nca (or scripts/test)")
        self._process = subprocess.Popen([str(NCA_PYTHON), str(NCA_DRIVER)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)
        self.switch(world)

    def switch(self, world: World) -> None:
        self._send({
            "namespaces": [{"name": ns.name, "labels": dict(ns.labels)} for ns in world.cluster.namespaces.values()],
            "pods": [{"name": p.name, "namespace": p.namespace, "labels": dict(p.labels),
                      "ports": [[port.name, port.number, port.protocol] for port in p.container_ports]}
                     for p in world.cluster.pods],
            "endpoints": list(world.endpoints),
        })

    def _send(self, message: dict[str, Any]) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(message) + "\n")
        self._process.stdin.flush()

    def add(self, case_id: str, policies: Sequence[dict[str, Any]]) -> None:
        self._send({"id": case_id, "policies": list(policies)})

    def result(self) -> dict[str, Any]:
        """``{"cases": {id: {"error": ..., "allowed": Matrix}}, "seconds": time NCA spent on the cases}``."""
        stdout, stderr = self._process.communicate(timeout=300)
        if self._process.returncode != 0:
            raise AssertionError(f"the NCA driver failed ({self._process.returncode}):\n{stderr[-3000:]}")
        answer: dict[str, Any] = json.loads(stdout)
        return answer


def differences(engine: Matrix, nca: Matrix) -> dict[str, tuple[list[list[int]], list[list[int]]]]:
    """``key -> (engine ports, NCA ports)`` wherever the two disagree."""
    return {key: (engine.get(key, []), nca.get(key, [])) for key in sorted(set(engine) | set(nca))
            if engine.get(key, []) != nca.get(key, [])}


ABSENT_VALUE = "no-pod-has-this"


MAPPED = ipaddress.ip_network("::ffff:0:0/96")


def _mapped_ipv4_blocks(block: dict[str, Any]) -> list[dict[str, Any]]:
    """The IPv4 addresses an IPv6 ipBlock maps (its part of ::ffff:0:0/96 minus its excepts), as IPv4 ipBlocks.

    Computed with the standard library only, independently of the evaluator's own address code."""
    network = ipaddress.ip_network(block["cidr"], strict=False)
    if network.version != 6 or not network.overlaps(MAPPED):
        return []
    base = int(MAPPED.network_address)
    part = MAPPED if network.prefixlen <= MAPPED.prefixlen else network
    ranges = [(int(part.network_address) - base, int(part.broadcast_address) - base)]
    for written in block.get("except") or []:
        hole = ipaddress.ip_network(written, strict=False)
        if hole.version != 6 or not hole.overlaps(MAPPED):
            continue
        lo, hi = max(int(hole.network_address), base) - base, min(int(hole.broadcast_address), base + 2**32 - 1) - base
        ranges = [piece for start, end in ranges
                  for piece in ((start, min(end, lo - 1)), (max(start, hi + 1), end)) if piece[0] <= piece[1]]
    return [{"ipBlock": {"cidr": str(net)}} for start, end in ranges
            for net in ipaddress.summarize_address_range(ipaddress.IPv4Address(start), ipaddress.IPv4Address(end))]


def nca_compatible(policies: Sequence[dict[str, Any]], world: World) -> list[dict[str, Any]]:
    """A copy of ``policies`` for NCA, with two rewrites that keep our meaning over the fixed world.

    1. NCA 2.1.0 evaluates ``Exists``/``DoesNotExist`` in a peer's podSelector against the pods of the
       POLICY's namespace only (PeerContainer.get_peers_with_key is called with the policy namespace), so
       ``{namespaceSelector: ..., podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}`` misses
       matching pods of other namespaces; Kubernetes applies the podSelector in every selected namespace.
       Over a fixed world, ``Exists k`` equals ``In k [every value of k on a pod]`` and ``DoesNotExist k``
       equals ``NotIn k [those values]``, which NCA evaluates across namespaces.
    2. NCA keeps an IPv6 ipBlock IPv6-only; we count its part of ``::ffff:0:0/96`` as the IPv4 addresses it
       maps (see scenarios.yaml, ipv4-mapped-ipv6-counts-as-ipv4). For NCA, those IPv4 addresses are added
       to the rule as separate IPv4 ipBlock peers (peers are ORed, so the rule admits the same addresses).
    """
    values: dict[str, set[str]] = {}
    for pod in world.cluster.pods:
        for key, value in pod.labels.items():
            values.setdefault(key, set()).add(value)
    copied: list[dict[str, Any]] = json.loads(json.dumps(list(policies)))
    for policy in copied:
        spec = policy.get("spec") or {}
        for direction, peers_key in (("ingress", "from"), ("egress", "to")):
            for rule in spec.get(direction) or []:
                peers = (rule or {}).get(peers_key) or []
                for peer in list(peers):
                    if peer.get("ipBlock"):
                        peers.extend(_mapped_ipv4_blocks(peer["ipBlock"]))
                    if peer.get("namespaceSelector") is None or not peer.get("podSelector"):
                        continue
                    for requirement in peer["podSelector"].get("matchExpressions") or []:
                        if requirement["operator"] in ("Exists", "DoesNotExist"):
                            requirement["values"] = sorted(values.get(requirement["key"], {ABSENT_VALUE}))
                            requirement["operator"] = "In" if requirement["operator"] == "Exists" else "NotIn"
    return copied
