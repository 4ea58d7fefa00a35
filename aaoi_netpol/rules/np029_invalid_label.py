"""NP029 invalid-label: a selector uses a label key or value Kubernetes does not accept.

Label keys are an optional DNS subdomain prefix and `/`, then a name of at
most 63 characters (letters, digits, `-`, `_`, `.`, starting and ending with
a letter or digit); values follow the same rule for the name part and may be
empty. Kubernetes rejects a NetworkPolicy whose selectors break these rules,
so `helm install` fails; a value with a space or a `:` is the usual slip
(`app: "ingress nginx"`).

How to fix: use the label exactly as `kubectl get pods --show-labels` shows it.

Failing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - podSelector:
            matchLabels: {app: "admin node manager"}

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - podSelector:
            matchLabels: {app: admin-node-manager}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_selectors
from aaoi_netpol.value_path import ValuePath

_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


def key_problem(key: str) -> str | None:
    prefix, slash, name = key.rpartition("/")
    if slash and (not prefix or len(prefix) > 253 or not _SUBDOMAIN.match(prefix)):
        return f"has the prefix {prefix!r}, which is not a lower-case DNS subdomain"
    if not name:
        return "has an empty name"
    if len(name) > 63:
        return "has a name longer than 63 characters"
    if not _NAME.match(name):
        return "may use only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"
    return None


def value_problem(value: str) -> str | None:
    if value == "":
        return None
    if len(value) > 63:
        return "is longer than 63 characters"
    if not _NAME.match(value):
        return "may use only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"
    return None


def _labels(selector: dict[str, Any], path: ValuePath) -> Iterator[tuple[ValuePath, str | None, str | None]]:
    """(path of the key or value, key, value) for every label the selector names (None: not given there)."""
    labels = selector.get("matchLabels")
    for key, value in (labels.items() if isinstance(labels, dict) else []):
        yield (*path, "matchLabels", key), key, value if isinstance(value, str) else None
    expressions = selector.get("matchExpressions")
    for index, expression in enumerate(expressions if isinstance(expressions, list) else []):
        if not isinstance(expression, dict):
            continue
        here = (*path, "matchExpressions", index)
        if isinstance(expression.get("key"), str):
            yield (*here, "key"), expression["key"], None
        values = expression.get("values")
        for number, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str):
                yield (*here, "values", number), None, value


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, selector, _ in iter_selectors(ctx):
        for where, key, value in _labels(selector, path):
            problem = key_problem(key) if key is not None else None
            if problem:
                yield Finding(where, f"label key {key!r} {problem}")
                continue
            problem = value_problem(value) if value is not None else None
            if problem:
                yield Finding(where, f"label value {value!r} {problem}",
                                  at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
