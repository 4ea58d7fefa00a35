"""Hypothesis settings and strategies shared by the fuzz tests (no tests here).

Two profiles, chosen by ``AAOI_NETPOL_FUZZ``:

- ``ci`` (the default): a fixed seed (derandomized) and a few hundred examples
  over all fuzz tests, so the test command stays fast and repeatable;
- ``long``: random seeds and ``AAOI_NETPOL_FUZZ_EXAMPLES`` examples per test
  (default 20,000), for a long run by hand::

      AAOI_NETPOL_FUZZ=long .venv/bin/python -m pytest tests/test_fuzz_*.py -q
"""

from __future__ import annotations

import os
import string
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILE = os.environ.get("AAOI_NETPOL_FUZZ", "ci")
assert PROFILE in ("ci", "long"), f"AAOI_NETPOL_FUZZ must be ci or long, not {PROFILE!r}"
LONG_EXAMPLES = int(os.environ.get("AAOI_NETPOL_FUZZ_EXAMPLES", "20000"))


def fuzz_settings(ci_examples: int) -> settings:
    if PROFILE == "long":
        return settings(max_examples=LONG_EXAMPLES, deadline=None, derandomize=False, database=None,
                        suppress_health_check=list(HealthCheck), print_blob=True)
    return settings(max_examples=ci_examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# Pieces of YAML that reach the parser's and the builder's corners when strung together.
YAML_TOKENS = [
    "\n", "\n  ", "\n    ", " ", "\t", ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ", ", ",", "&a ", "&b ", "*a",
    "*b", "<<: ", "<<", "!!int ", "!!str ", "!!float ", "!!bool ", "!!binary ", "!!merge ", "!!map ", "!!seq ",
    "!local ", "! ", "---", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "#", " # c", "'", '"', "|",
    ">", "|-", ">+", "\\", "key", "networkPolicy", "enabled", "apiGateways", "ipBlock", "cidr", "except",
    "podSelector", "matchLabels", "matchExpressions", "ports", "port", "endPort", "extraIngress", "egress", "yes",
    "no", "on", "off", "~", "null", "true", "False", "0", "007", "08", "0x1F", "0o17", "0b11", "1_000", "1e3",
    ".inf", "-.inf", ".nan", "10.0.0.0/8", "0.0.0.0/0", "::/0", "2001-12-14", "1:30", "\ufeff", "\x00", "\x85",
    "\u2028", "\r\n", "\r", "é", "\u202e", "9" * 30, "1" * 25,
]


@st.composite
def yaml_like_text(draw: st.DrawFn) -> str:
    """Text strung together from YAML pieces and random characters."""
    parts = draw(st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=4)), max_size=50))
    return "".join(parts)


LABELISH = st.one_of(st.sampled_from(["app", "team", "kubernetes.io/metadata.name", "k8s-app", "a/b", "-x", "x" * 70,
                                      "ingress-nginx", "monitoring", "", "UPPER", "é", "a b"]),
                     st.text(alphabet=string.ascii_letters + string.digits + "-._/", max_size=12))
INTERESTING_TEXT = st.sampled_from([
    "10.0.0.0/8", "10.0.0.1/8", "0.0.0.0/0", "::/0", "fe80::/10", "10.0.0.0/33", "10.0.0.0", "", " ", "http",
    "metrics", "TCP", "UDP", "SCTP", "tcp", "In", "NotIn", "Exists", "DoesNotExist", "in", "true", "yes",
    "https://anm.example:8090", "http://[::1]:8075", "anm:8090", "1.2.3.4", "x" * 300, "\u202eevil", "é"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64 - 1), st.floats(),
    INTERESTING_TEXT, LABELISH, st.text(max_size=12))
SECTION_KEYS = ["enabled", "allowHelmTest", "ingressController", "apiGateways", "adminNodeManagers", "monitoring",
                "elasticsearch", "kibana", "logstash", "apibuilder4elastic", "apmServer", "filebeat", "egress",
                "extraIngress", "dns", "apiManagement", "externalElasticsearch", "extraEgress", "from", "to",
                "ports", "port", "endPort", "protocol", "ipBlock", "cidr", "except", "podSelector",
                "namespaceSelector", "matchLabels", "matchExpressions", "key", "operator", "values"]
KEYS = st.one_of(st.sampled_from(SECTION_KEYS), LABELISH)


def json_values(max_leaves: int = 25) -> st.SearchStrategy[Any]:
    """JSON-like values (what a values file decodes to) whose keys are mostly our section's own."""
    return st.recursive(SCALARS, lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)), max_leaves=max_leaves)


PEER = st.fixed_dictionaries({}, optional={
    "podSelector": st.fixed_dictionaries({}, optional={
        "matchLabels": st.dictionaries(LABELISH, st.one_of(LABELISH, SCALARS), max_size=3),
        "matchExpressions": st.lists(st.fixed_dictionaries({}, optional={
            "key": LABELISH, "operator": st.one_of(INTERESTING_TEXT, SCALARS),
            "values": st.lists(st.one_of(LABELISH, SCALARS), max_size=3)}), max_size=2)}),
    "namespaceSelector": st.fixed_dictionaries({}, optional={
        "matchLabels": st.dictionaries(LABELISH, LABELISH, max_size=2)}),
    "ipBlock": st.fixed_dictionaries({}, optional={
        "cidr": st.one_of(INTERESTING_TEXT, SCALARS), "except": st.lists(st.one_of(INTERESTING_TEXT, SCALARS),
                                                                           max_size=3)}),
})
PORT = st.fixed_dictionaries({}, optional={"port": SCALARS, "endPort": SCALARS, "protocol": st.one_of(
    INTERESTING_TEXT, SCALARS)})
RULE = st.fixed_dictionaries({}, optional={"from": st.lists(PEER, max_size=3), "to": st.lists(PEER, max_size=3),
                                           "ports": st.lists(PORT, max_size=3)})
COMPONENT = st.fixed_dictionaries({}, optional={"extraIngress": st.lists(RULE, max_size=3)})
SHAPED_SECTION = st.fixed_dictionaries({"enabled": st.one_of(st.just(True), SCALARS)}, optional={
    "allowHelmTest": SCALARS, "ingressController": st.lists(PEER, max_size=3),
    "apiGateways": st.lists(PEER, max_size=3), "adminNodeManagers": st.lists(PEER, max_size=3),
    "monitoring": st.lists(PEER, max_size=3), **{name: COMPONENT for name in (
        "elasticsearch", "kibana", "logstash", "apibuilder4elastic", "apmServer", "filebeat")},
    "egress": st.fixed_dictionaries({}, optional={
        "enabled": st.one_of(st.just(True), SCALARS), "dns": st.lists(PEER, max_size=2),
        "apiManagement": st.lists(PEER, max_size=2), "externalElasticsearch": st.lists(PEER, max_size=2),
        "extraEgress": st.lists(RULE, max_size=2)}),
})
# The chart's own values that rules read (ports, switches, hosts), given junk as well.
CHART_OVERRIDES = st.fixed_dictionaries({}, optional={
    "elasticsearch": st.fixed_dictionaries({}, optional={
        "enabled": SCALARS, "httpPort": SCALARS, "transportPort": SCALARS, "networkPolicy": json_values(5),
        "ingress": st.one_of(SCALARS, st.fixed_dictionaries({}, optional={"enabled": SCALARS})),
        "clusterName": SCALARS, "nodeGroup": SCALARS, "fullnameOverride": SCALARS, "masterService": SCALARS,
        "service": json_values(5), "extraPorts": json_values(6)}),
    "kibana": st.one_of(SCALARS, st.fixed_dictionaries({}, optional={"enabled": SCALARS, "httpPort": SCALARS,
                                                                     "ingress": json_values(4)})),
    "logstash": st.fixed_dictionaries({}, optional={"enabled": SCALARS, "httpPort": SCALARS,
                                                    "service": json_values(8), "extraPorts": json_values(6)}),
    "apibuilder4elastic": st.fixed_dictionaries({}, optional={"enabled": SCALARS, "port": SCALARS,
                                                              "anm": json_values(4), "apimgr": json_values(4),
                                                              "ingress": json_values(3)}),
    "apm-server": json_values(6), "filebeat": json_values(4),
    "global": st.fixed_dictionaries({}, optional={"elasticsearchHosts": st.one_of(INTERESTING_TEXT, SCALARS)}),
})
SECTIONS = st.one_of(SHAPED_SECTION, json_values())


def dump(values: Any) -> str:
    """YAML for generated values, in one of the styles people write."""
    return yaml.safe_dump(values, sort_keys=False, allow_unicode=True, default_flow_style=None)
