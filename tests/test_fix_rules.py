"""Which findings carry a certain fix, and where `rules` says a rule is fixable."""

from __future__ import annotations

import json

import pytest

from aaoi_netpol.context import LintContext
from aaoi_netpol.layering import layer_values
from aaoi_netpol.rules import ALL_RULES, RULES_BY_ID
from aaoi_netpol.rules.base import Fix
from aaoi_netpol.rules_doc import render
from aaoi_netpol.schema import section_problems
from aaoi_netpol.yaml_loader import load_values_text

FIXABLE = {"NP001", "NP011", "NP030"}


def fixes_for(text: str) -> dict[str, list[Fix]]:
    layered = layer_values(load_values_text("{}", "defaults"), [load_values_text(text, "values.yaml")], ())
    found: dict[str, list[Fix]] = {}
    for rule in ALL_RULES:
        for _, fix in rule.fixes(LintContext(layered, "values.yaml")):
            found.setdefault(rule.id, []).append(fix)
    for diagnostic, fix in section_problems(layered):
        if fix is not None:
            found.setdefault(diagnostic.rule, []).append(fix)
    return found


def test_the_fixable_rules_are_declared_and_documented() -> None:
    assert {rule.id for rule in ALL_RULES if rule.fixable} == FIXABLE
    records = {r["id"]: r for r in json.loads(render("json"))["rules"]}
    assert {rule_id for rule_id, record in records.items() if record["fixable"]} == FIXABLE
    text = render("text")
    for rule_id in FIXABLE:
        rule = RULES_BY_ID[rule_id]
        assert f"{rule.id} {rule.name} [{rule.severity}]: {rule.summary}\nFixable: `lint --fix`" in text
        assert f"| {rule.id} | {rule.name} | {rule.severity} | {rule.summary} | yes |" in render("markdown")
        assert "`lint --fix`" in rule.help_text


@pytest.mark.parametrize(("value", "fix"), [('"true"', True), ("'false'", False), ('"yes"', None), ('"1"', None),
                                            ('"False"', None)])
def test_only_the_strings_true_and_false_are_certain_switches(value: str, fix: bool | None) -> None:
    found = fixes_for(f"kibana:\n  enabled: {value}\nnetworkPolicy:\n  enabled: {value}\n")
    expected = [] if fix is None else [Fix(("kibana", "enabled"), fix)]
    assert found.get("NP030", []) == expected
    assert found.get("NP001", []) == ([] if fix is None else [Fix(("networkPolicy", "enabled"), fix)])


def test_host_bits_fix_to_the_network_address() -> None:
    found = fixes_for("networkPolicy:\n  enabled: true\n  monitoring:\n"
                      "    - ipBlock: {cidr: 10.1.2.3/16, except: [10.1.9.9/24]}\n"
                      "    - ipBlock: {cidr: 'fd00::1/64'}\n")
    assert found["NP011"] == [Fix(("networkPolicy", "monitoring", 0, "ipBlock", "cidr"), "10.1.0.0/16"),
                              Fix(("networkPolicy", "monitoring", 0, "ipBlock", "except", 0), "10.1.9.0/24"),
                              Fix(("networkPolicy", "monitoring", 1, "ipBlock", "cidr"), "fd00::/64")]


@pytest.mark.parametrize(("key", "fix"), [
    ("podselector", "podSelector"),  # the same letters
    ("namespaceSelectr", "namespaceSelector"),  # one close match
    ("selector", None),  # close to podSelector and namespaceSelector: not certain
    ("zzz", None),  # nothing close
])
def test_a_misspelt_key_is_renamed_only_when_one_key_is_close(key: str, fix: str | None) -> None:
    found = fixes_for(f"networkPolicy:\n  enabled: true\n  monitoring:\n    - {key}: {{matchLabels: {{a: b}}}}\n")
    expected = [] if fix is None else [Fix(("networkPolicy", "monitoring", 0, key), fix, rename=True)]
    assert found.get("NP001", []) == expected
