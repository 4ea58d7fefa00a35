"""Benchmark: the evaluator on a render-sized case built from plain dicts (target: well under 200 ms).

Run on demand (not a test):

    .venv/bin/python bench/bench_evaluator.py [--repeat 21]

The case mirrors the default AAOI render with egress on: 12 NetworkPolicies (an ingress and an egress
policy per component), 10 release pods, and the modelled peers: one probe per distinct peer of the
policies plus the two standard probes (about 20 endpoints). One run parses the policies, builds the
probes and the evaluator, then for every (pod, peer) pair in both directions computes the allowed-port
matrix and a verdict with its reason on each of 12 ports. Prints the median, min and max wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aaoi_netpol.evaluator import (
    Address,
    ContainerPort,
    Evaluator,
    Namespace,
    Pod,
    PodProbe,
    build_cluster,
    cluster_with,
    new_namespace_probe,
    parse_policies,
    probe_for_peer,
    release_namespace_probe,
)

RELEASE, NAMESPACE = "axway-elk", "apim-elk"
PORTS = [53, 443, 5044, 5066, 5601, 8080, 8200, 8443, 9200, 9300, 9600, 8075]
COMPONENTS: dict[str, tuple[dict[str, str], list[tuple[str, int]]]] = {
    "elasticsearch": ({"app": f"{RELEASE}-elasticsearch"}, [("http", 9200), ("transport", 9300)]),
    "kibana": ({"app": "kibana", "release": RELEASE}, [("http", 5601)]),
    "logstash": ({"app": f"{RELEASE}-logstash", "release": RELEASE}, [("beats", 5044), ("http", 9600)]),
    "apibuilder4elastic": ({"app.kubernetes.io/component": "apibuilder4elastic",
                            "app.kubernetes.io/instance": RELEASE}, [("https", 8443)]),
    "filebeat": ({"app": f"{RELEASE}-filebeat", "release": RELEASE}, [("monitoring", 5066)]),
    "apm-server": ({"app": "apm-server", "release": RELEASE}, [("http", 8200)]),
}
INGRESS_FROM = {
    "elasticsearch": [("elasticsearch", [9200, 9300]), ("kibana", [9200]), ("logstash", [9200]),
                      ("apibuilder4elastic", [9200]), ("filebeat", [9200]), ("apm-server", [9200])],
    "kibana": [],
    "logstash": [("filebeat", [5044])],
    "apibuilder4elastic": [("logstash", [8443])],
    "filebeat": [],
    "apm-server": [("apibuilder4elastic", [8200])],
}
INGRESS_CONTROLLER = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}},
                      "podSelector": {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}}}
MONITORING = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}
DNS = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
       "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}


def _policy(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": f"aaoi-netpol-{RELEASE}-{name}", "namespace": NAMESPACE}, "spec": spec}


def render_like_policies() -> list[dict[str, Any]]:
    documents = []
    for component, (labels, _) in COMPONENTS.items():
        rules = [{"from": [{"podSelector": {"matchLabels": COMPONENTS[source][0]}}],
                  "ports": [{"port": port, "protocol": "TCP"} for port in ports]}
                 for source, ports in INGRESS_FROM[component]]
        rules.append({"from": [INGRESS_CONTROLLER, MONITORING, {"ipBlock": {"cidr": "10.20.0.0/16",
                                                                             "except": ["10.20.99.0/24"]}}],
                      "ports": [{"port": name} for name, _ in COMPONENTS[component][1]]})
        documents.append(_policy(f"{component}-ingress", {"podSelector": {"matchLabels": labels},
                                                          "policyTypes": ["Ingress"], "ingress": rules}))
        targets = [target for target, sources in INGRESS_FROM.items() if any(s == component for s, _ in sources)]
        egress = [{"to": [DNS], "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]}]
        egress += [{"to": [{"podSelector": {"matchLabels": COMPONENTS[target][0]}}],
                    "ports": [{"port": port} for _, port in COMPONENTS[target][1]]} for target in targets]
        egress.append({"to": [{"ipBlock": {"cidr": "10.30.1.10/32"}}], "ports": [{"port": 8075}, {"port": 8443}]})
        documents.append(_policy(f"{component}-egress", {"podSelector": {"matchLabels": labels},
                                                         "policyTypes": ["Egress"], "egress": egress}))
    return documents


def release_pods() -> list[Pod]:
    pods = []
    replicas = {"elasticsearch": 3, "filebeat": 3}
    for component, (labels, ports) in COMPONENTS.items():
        for index in range(replicas.get(component, 1)):
            pods.append(Pod(f"{component}-{index}", NAMESPACE, labels,
                            tuple(ContainerPort(name, number) for name, number in ports)))
    return pods


def run_once(documents: list[dict[str, Any]], pods: list[Pod]) -> int:
    """One full evaluation; returns the number of verdicts computed."""
    policies = parse_policies(documents)
    probes: list[PodProbe] = [release_namespace_probe(NAMESPACE), new_namespace_probe()]
    addresses: list[Address] = []
    for index, peer in enumerate({peer for policy in policies for direction in ("Ingress", "Egress")
                                  for rule in policy.rules(direction) for peer in rule.peers or ()}):
        probe = probe_for_peer(peer, NAMESPACE, f"peer-{index}")
        if isinstance(probe, PodProbe):
            probes.append(probe)
        elif isinstance(probe, Address):
            addresses.append(probe)
    cluster = cluster_with(build_cluster([Namespace(NAMESPACE)], pods, addresses), probes)
    evaluator = Evaluator(policies, cluster)
    peers = [*(probe.pod for probe in probes), *addresses, *pods]
    verdicts = 0
    for pod in pods:
        for peer in peers:
            for src, dst in ((peer, pod), (pod, peer)):
                evaluator.allowed_ports(src, dst)
                for port in PORTS:
                    evaluator.verdict(src, dst, port, "TCP")
                    verdicts += 1
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    documents, pods = render_like_policies(), release_pods()
    timings = []
    verdicts = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        verdicts = run_once(documents, pods)
        timings.append((time.perf_counter() - start) * 1000)
    peers = verdicts // (len(pods) * 2 * len(PORTS))
    print(f"{len(documents)} policies, {len(pods)} pods, {peers} modelled endpoints, {len(PORTS)} ports: "
          f"{verdicts} verdicts per run")
    print(f"median {statistics.median(timings):.1f} ms (min {min(timings):.1f}, max {max(timings):.1f}) "
          f"over {args.repeat} runs")


if __name__ == "__main__":
    main()
