"""Runs np-guard's network-config-analyzer (module ``nca``) in ITS OWN venv (.venv-nca) for the tests.

Input: JSON lines on stdin. The first line is a world, every further line one policy set, or another world
(the sets after it are analysed in that world: one process, whose start-up costs half a second, serves
many worlds)::

    {"namespaces": [{"name": .., "labels": {..}}],
     "pods": [{"name": .., "namespace": .., "labels": {..}, "ports": [[name|null, number, protocol], ..]}],
     "endpoints": ["ns/pod" | "IP", ..]}           # the endpoints every case is queried on
    {"id": .., "policies": [NetworkPolicy dict, ..]}

Each case is analysed as soon as its line arrives (the tests generate the next sets meanwhile). At end of
input, one JSON object on stdout: ``{"cases": {id: {"error": str | null, "allowed": {"SRC|DST|PROTO":
[[lo, hi], ..]}}}, "seconds": float}`` - for each ordered pair of endpoints and each protocol, the
destination ports NCA allows (pairs with nothing allowed are left out). IpBlock -> IpBlock pairs are not
reported (NCA never allows them).

Everything is computed in-process: one NCA network config per case, then its allowed-connections hypercube
is read cube by cube, so no per-connection query is needed.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from nca.CoreDS.Peer import BasePeerSet, Pod
from nca.NetworkConfig.ResourcesHandler import ResourcesHandler
from nca.Resources.PolicyResources.NetworkPolicy import PolicyConnectionsFilter

PROTOCOL_NUMBERS = {"TCP": 6, "UDP": 17, "SCTP": 132}
ALL_PORTS = [[1, 65535]]


def _write_topology(folder: Path, request: dict[str, Any]) -> tuple[Path, Path]:
    namespaces = [{"apiVersion": "v1", "kind": "Namespace",
                   "metadata": {"name": ns["name"], "labels": ns["labels"]}} for ns in request["namespaces"]]
    pods = [{"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": pod["name"], "namespace": pod["namespace"], "labels": pod["labels"]},
             "spec": {"containers": [{"name": "main", "ports": [
                 {**({"name": name} if name else {}), "containerPort": number, "protocol": protocol}
                 for name, number, protocol in pod["ports"]]}]}} for pod in request["pods"]]
    ns_file, pod_file = folder / "namespaces.yaml", folder / "pods.yaml"
    ns_file.write_text(yaml.safe_dump({"apiVersion": "v1", "kind": "NamespaceList", "items": namespaces}))
    pod_file.write_text(yaml.safe_dump({"apiVersion": "v1", "kind": "PodList", "items": pods}))
    return ns_file, pod_file


def _endpoint_index(endpoint: str, pods: dict[str, Any]) -> int:
    """The number NCA's src_peers/dst_peers dimensions use for this endpoint."""
    base = BasePeerSet()
    if endpoint in pods:
        return int(base.min_pod_index + base.peer_to_index[pods[endpoint]])
    address = ipaddress.ip_address(endpoint)
    offset = base.min_ipv4_index if address.version == 4 else base.min_ipv6_index
    return int(offset + int(address))


def _intervals(value: Any) -> list[tuple[int, int]]:
    return [(int(piece.start), int(piece.end)) for piece in value.interval_set]


def _inside(number: int, pieces: list[tuple[int, int]]) -> bool:
    return any(lo <= number <= hi for lo, hi in pieces)


def _merge(pieces: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for lo, hi in sorted(pieces):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return merged


def _allowed(conns: Any, endpoints: list[str], indexes: dict[str, int]) -> dict[str, list[list[int]]]:
    dims = list(conns.active_dimensions)
    found: dict[str, list[list[int]]] = {}
    cubes = list(conns) if dims else []
    everything = not dims and conns.is_all()
    for cube in cubes or ([None] if everything else []):
        values = {dim: _intervals(cube[i]) for i, dim in enumerate(dims)} if cube is not None else {}
        sources = [e for e in endpoints if "src_peers" not in values or _inside(indexes[e], values["src_peers"])]
        targets = [e for e in endpoints if "dst_peers" not in values or _inside(indexes[e], values["dst_peers"])]
        protocols = [name for name, number in PROTOCOL_NUMBERS.items()
                     if "protocols" not in values or _inside(number, values["protocols"])]
        ports = [list(piece) for piece in values["dst_ports"]] if "dst_ports" in values else ALL_PORTS
        for src in sources:
            for dst in targets:
                if "/" not in src and "/" not in dst:
                    continue
                for protocol in protocols:
                    found.setdefault(f"{src}|{dst}|{protocol}", []).extend(ports)
    return {key: _merge(pieces) for key, pieces in found.items()}


def _run_case(case: dict[str, Any], folder: Path, ns_file: Path, pod_file: Path,
              endpoints: list[str]) -> dict[str, Any]:
    policy_file = folder / f"case-{case['id']}.yaml"
    policy_file.write_text(yaml.safe_dump_all(case["policies"]) if case["policies"] else "")
    try:
        config = ResourcesHandler().get_network_config([str(policy_file)], [str(ns_file)], [str(pod_file)], None)
        conns = config.allowed_connections(
            res_conns_filter=PolicyConnectionsFilter.only_all_allowed_connections()).all_allowed_conns
    except (Exception, SystemExit) as error:  # NCA rejects the policy set
        return {"error": f"{type(error).__name__}: {error}", "allowed": {}}
    pods = {peer.full_name(): peer for peer in config.peer_container.get_all_peers_group() if isinstance(peer, Pod)}
    missing = [e for e in endpoints if "/" in e and e not in pods]
    if missing:
        return {"error": f"NCA did not model {missing}", "allowed": {}}
    indexes = {endpoint: _endpoint_index(endpoint, pods) for endpoint in endpoints}
    return {"error": None, "allowed": _allowed(conns, endpoints, indexes)}


def main() -> None:
    # NCA prints warnings, some to a stderr it bound at import time: silence fds 1 and 2, answer on a copy of 1
    answer = os.fdopen(os.dup(1), "w")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    seconds = 0.0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, line in enumerate(sys.stdin):
            case = json.loads(line)
            if "namespaces" in case:  # a world
                world = case
                folder = Path(tmp) / f"world-{number}"
                folder.mkdir()
                ns_file, pod_file = _write_topology(folder, world)
                continue
            start = time.perf_counter()
            results[case["id"]] = _run_case(case, folder, ns_file, pod_file, world["endpoints"])
            seconds += time.perf_counter() - start
    json.dump({"cases": results, "seconds": seconds}, answer)
    answer.close()


if __name__ == "__main__":
    main()
