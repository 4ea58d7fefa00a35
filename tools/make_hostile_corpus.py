#!/usr/bin/env python3
"""Write the generated part of the hostile corpus: ``tests/corpus/hostile/generated/*.yaml``.

Every key of the networkPolicy schema (each definition visited once) with
every JSON type it does not accept, and junk CIDRs, ports, label selectors
and Unicode labels. Each file starts with the exit code the CLI must give
(``# hostile-exit: N``) and why. ``tests/test_hostile_corpus.py`` checks that
the committed files are what this script writes; run it after a schema
change:

    .venv/bin/python tools/make_hostile_corpus.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schemas" / "networkpolicy.schema.json"
TARGET = REPO / "tests" / "corpus" / "hostile" / "generated"
Path_ = tuple[str | int, ...]

WRONG_VALUES: dict[str, Any] = {
    "string": "text", "integer": 7, "number": 1.5, "boolean": True, "null": None, "array": ["x"],
    "object": {"k": "v"},
}
JUNK_CIDRS = ["", " ", "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/8/8", "300.1.1.1/8", "10.0.0.1/8",
              "1.2.3/24", "::/129", "fe80::1%eth0/64", "0x0a000000/8", " 10.0.0.0/8", "10.0.0.0/08",
              "\u0661\u0660.0.0.0/8", "10.0.0.0/8\n", "10.0.0.0/ 8", "localhost/32", "*", "0/0", "10.o.0.0/8",
              "1::2::3/64", "10.0.0.0/8,10.1.0.0/16"]
JUNK_PORTS: list[Any] = [0, -1, 65536, 99999999999999999999, "", "-http", "http-", "a--b", "x" * 16, "HTTP",
                         "80 ", "0x50", "1e3", "\u0661\u0662", "http\u200b"]
JUNK_END_PORTS: list[Any] = [0, 79, 65536, "90"]
LEGIT = {  # junk-looking values that Helm and Kubernetes accept: the lint is rightly clean (exit 0)
    "10.0.0.0/08": "a leading zero in the prefix length: Kubernetes (Go's ParseCIDR) reads /08 as /8",
    "1e3": "1e3 is the float 1000 for Helm (go-yaml v2), a valid port",
}
JUNK_LABEL_KEYS = ["", "-a", "a-", "a b", "a/b/c", "/a", "a/", "x" * 64, f"{'d' * 254}/a", "UPPER.case/ok",
                   "\u00e9t\u00e9", "app\u200b", "k8s.io/\u0430pp", "a\tb"]
JUNK_LABEL_VALUES = ["-a", "a-", "a b", "x" * 64, "\u00e9t\u00e9", "a/b", "app\u200b", "\u202eevil"]
JUNK_OPERATORS = ["in", "Equals", "", "Exists ", "DoesNotExists"]


def load_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded


def schema_paths(schema: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(path, subschema) for every key and list item of the section; each definition is entered once."""
    seen: set[str] = set()
    pending: list[tuple[Path_, dict[str, Any]]] = [((), schema)]
    while pending:
        path, node = pending.pop(0)
        ref = node.get("$ref")
        if ref:
            if ref in seen:
                continue
            seen.add(ref)
            node = schema["definitions"][ref.rsplit("/", 1)[-1]]
        if path:
            yield path, node
        for key, child in node.get("properties", {}).items():
            pending.append(((*path, key), child))
        if isinstance(node.get("items"), dict):
            pending.append(((*path, 0), node["items"]))
        if isinstance(node.get("additionalProperties"), dict):
            pending.append(((*path, "some-label"), node["additionalProperties"]))


def values_at(path: Path_, value: Any) -> dict[str, Any]:
    """A values document with ``value`` at ``path`` under an enabled networkPolicy section."""
    for step in reversed(path):
        value = [value] if isinstance(step, int) else {step: value}
    section: dict[str, Any] = {"enabled": True}
    assert isinstance(value, dict)
    section.update(value)
    return {"networkPolicy": section}


def shown_path(path: Path_) -> str:
    return "networkPolicy" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def file_text(exit_code: int, why: str, values: dict[str, Any], junk: Any = None) -> str:
    if isinstance(junk, str) and junk in LEGIT:
        exit_code, why = 0, LEGIT[junk]
    body = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=1000)
    return f"# hostile-exit: {exit_code}\n# why: {why}\n{body}"


def slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-")[:60] or "empty"


def wrong_type_cases(schema: dict[str, Any]) -> Iterator[tuple[str, str]]:
    validator = Draft7Validator(schema)
    for path, _ in schema_paths(schema):
        for type_name, wrong in WRONG_VALUES.items():
            values = values_at(path, wrong)
            if validator.is_valid(values["networkPolicy"]):
                continue
            why = f"{shown_path(path)} cannot be {type_name} (schema, NP001)"
            yield f"wrong-type--{slug(shown_path(path)[14:])}--{type_name}.yaml", file_text(1, why, values)


def junk_cases() -> Iterator[tuple[str, str]]:
    for number, cidr in enumerate(JUNK_CIDRS):
        values = {"networkPolicy": {"enabled": True, "apiGateways": [{"ipBlock": {"cidr": cidr}}]}}
        yield f"junk-cidr-{number:02d}-{slug(cidr)}.yaml", file_text(1, f"cidr {cidr!r} is not a CIDR "
                                                                      "network (NP010/NP011)", values, cidr)
        values = {"networkPolicy": {"enabled": True, "monitoring": [
            {"ipBlock": {"cidr": "10.0.0.0/8", "except": [cidr]}}]}}
        yield f"junk-except-{number:02d}-{slug(cidr)}.yaml", file_text(1, f"except {cidr!r} is not a CIDR "
                                                                        "inside 10.0.0.0/8 (NP010/NP012)", values)
    for number, port in enumerate(JUNK_PORTS):
        values = {"networkPolicy": {"enabled": True, "logstash": {"extraIngress": [
            {"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}], "ports": [{"port": port}]}]}}}
        yield f"junk-port-{number:02d}-{slug(str(port))}.yaml", file_text(1, f"port {port!r} is neither 1-65535 "
                                                                           "nor a port name", values, port)
    for number, end_port in enumerate(JUNK_END_PORTS):
        values = {"networkPolicy": {"enabled": True, "kibana": {"extraIngress": [
            {"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}], "ports": [{"port": 80, "endPort": end_port}]}]}}}
        yield f"junk-endport-{number:02d}.yaml", file_text(1, f"endPort {end_port!r} with port 80 (NP024/NP001)",
                                                           values)
    for number, key in enumerate(JUNK_LABEL_KEYS):
        values = {"networkPolicy": {"enabled": True, "adminNodeManagers": [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "apim"}},
             "podSelector": {"matchLabels": {key: "x"}}}]}}
        yield f"junk-label-key-{number:02d}.yaml", file_text(1, f"label key {key!r} is not a Kubernetes label "
                                                             "key (NP029)", values)
    for number, value in enumerate(JUNK_LABEL_VALUES):
        values = {"networkPolicy": {"enabled": True, "adminNodeManagers": [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": value}}}]}}
        yield f"junk-label-value-{number:02d}.yaml", file_text(1, f"label value {value!r} is not a Kubernetes "
                                                               "label value (NP029)", values)
    for number, operator in enumerate(JUNK_OPERATORS):
        values = {"networkPolicy": {"enabled": True, "monitoring": [
            {"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": operator,
                                                         "values": ["a"]}]}}]}}
        yield f"junk-operator-{number:02d}.yaml", file_text(1, f"operator {operator!r} is not In, NotIn, "
                                                            "Exists or DoesNotExist (NP027)", values)


def corpus() -> dict[str, str]:
    """File name → text of every generated case."""
    schema = load_schema()
    cases = dict(wrong_type_cases(schema))
    cases.update(junk_cases())
    return cases


def main() -> int:
    cases = corpus()
    TARGET.mkdir(parents=True, exist_ok=True)
    for stale in TARGET.glob("*.yaml"):
        if stale.name not in cases:
            stale.unlink()
    for name, text in cases.items():
        (TARGET / name).write_text(text, encoding="utf-8")
    print(f"{len(cases)} cases in {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
