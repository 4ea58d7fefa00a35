"""The rule registry: every rule aaoi-netpol knows, registered here and nowhere else.

A rule lives in its own module ``npXXX_<name>.py``. The module docstring is the
rule's documentation (first line ``NPXXX <name>: <summary>``, then why, how to
fix, a failing and a passing example); it exposes ``RULE`` built by
:func:`aaoi_netpol.rules.base.rule_from_docstring`. IDs are stable and never
reused.
"""

from __future__ import annotations

from aaoi_netpol.rules import (
    np000_yaml_syntax,
    np001_schema,
    np002_duplicate_key,
    np010_invalid_cidr,
    np011_cidr_not_network,
    np012_except_outside_cidr,
    np013_open_ingress,
    np014_open_egress,
    np015_ingress_controller_missing,
    np016_policy_disabled,
    np017_dns_missing,
    np018_egress_address_blocked,
    np019_egress_hostname,
    np020_disabled_component_peers,
    np021_ipblock_behind_nodeport,
    np022_mutable_namespace_label,
    np023_elastic_network_policy,
    np024_invalid_end_port,
    np025_invalid_port_name,
    np026_undeclared_port_name,
    np027_invalid_selector_operator,
    np028_helm_test_open,
    np029_invalid_label,
    np030_non_boolean_switch,
    np031_same_namespace_peer,
    np032_ingress_class_conflict,
    np033_ingress_controller_outside_cluster,
    np034_misplaced_section,
    np035_ingress_controller_pods_missing,
    np050_acknowledged_opening,
    np900_rendered_output,
    np901_foreign_policy,
    np902_required_flow_blocked,
    np903_open_beyond_catalog,
)
from aaoi_netpol.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    np000_yaml_syntax.RULE,
    np001_schema.RULE,
    np002_duplicate_key.RULE,
    np010_invalid_cidr.RULE,
    np011_cidr_not_network.RULE,
    np012_except_outside_cidr.RULE,
    np013_open_ingress.RULE,
    np014_open_egress.RULE,
    np015_ingress_controller_missing.RULE,
    np016_policy_disabled.RULE,
    np017_dns_missing.RULE,
    np018_egress_address_blocked.RULE,
    np019_egress_hostname.RULE,
    np020_disabled_component_peers.RULE,
    np021_ipblock_behind_nodeport.RULE,
    np022_mutable_namespace_label.RULE,
    np023_elastic_network_policy.RULE,
    np024_invalid_end_port.RULE,
    np025_invalid_port_name.RULE,
    np026_undeclared_port_name.RULE,
    np027_invalid_selector_operator.RULE,
    np028_helm_test_open.RULE,
    np029_invalid_label.RULE,
    np030_non_boolean_switch.RULE,
    np031_same_namespace_peer.RULE,
    np032_ingress_class_conflict.RULE,
    np033_ingress_controller_outside_cluster.RULE,
    np034_misplaced_section.RULE,
    np035_ingress_controller_pods_missing.RULE,
    np050_acknowledged_opening.RULE,
    np900_rendered_output.RULE,
    np901_foreign_policy.RULE,
    np902_required_flow_blocked.RULE,
    np903_open_beyond_catalog.RULE,
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_ID", "Rule"]
