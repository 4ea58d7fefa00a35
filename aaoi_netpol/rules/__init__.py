"""The rule registry: every rule aaoi-netpol knows, registered here and nowhere else.

A rule lives in its own module ``npXXX_<name>.py``. The module docstring is the
rule's documentation (first line ``NPXXX <name>: <summary>``, then why, how to
fix, a failing and a passing example); it exposes ``RULE`` built by
:func:`aaoi_netpol.rules.base.rule_from_docstring`. IDs are stable and never
reused.
"""

from __future__ import annotations

from aaoi_netpol.rules import np000_yaml_syntax, np001_schema, np002_duplicate_key
from aaoi_netpol.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    np000_yaml_syntax.RULE,
    np001_schema.RULE,
    np002_duplicate_key.RULE,
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_ID", "Rule"]
