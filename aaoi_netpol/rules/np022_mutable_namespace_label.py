"""NP022 mutable-namespace-label: a namespace is selected by a label anyone who may label namespaces can set.

Namespace labels such as `name: ingress-nginx` are written by hand; whoever
may edit a namespace can put the same label on their own and be admitted.
Only `kubernetes.io/metadata.name` is set by Kubernetes itself (from the
namespace's name, immutable, since 1.21). A namespaceSelector that does not
pin it trusts every key it uses, so each such key is reported.

How to fix: select the namespace with
`kubernetes.io/metadata.name: <namespace>` (keep other labels beside it if
you need them).

Failing example::

    networkPolicy:
      enabled: true
      monitoring:
        - namespaceSelector:
            matchLabels: {name: monitoring}
          podSelector:
            matchLabels: {app: prometheus}

Passing example::

    networkPolicy:
      enabled: true
      monitoring:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: monitoring}
          podSelector:
            matchLabels: {app: prometheus}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import METADATA_NAME
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_selectors
from aaoi_netpol.value_path import ValuePath


def _pinned(selector: dict[str, Any]) -> bool:
    labels = selector.get("matchLabels")
    if isinstance(labels, dict) and METADATA_NAME in labels:
        return True
    expressions = selector.get("matchExpressions")
    return any(isinstance(e, dict) and e.get("key") == METADATA_NAME and e.get("operator") == "In"
               for e in (expressions if isinstance(expressions, list) else []))


def _keys(selector: dict[str, Any], path: ValuePath) -> Iterator[tuple[ValuePath, bool, str, Any]]:
    """(path, at_value, label key, matchLabels value) for every label key the selector uses."""
    labels = selector.get("matchLabels")
    for key, value in (labels.items() if isinstance(labels, dict) else []):
        yield (*path, "matchLabels", key), False, key, value
    expressions = selector.get("matchExpressions")
    for index, expression in enumerate(expressions if isinstance(expressions, list) else []):
        if isinstance(expression, dict) and isinstance(expression.get("key"), str):
            yield (*path, "matchExpressions", index, "key"), True, expression["key"], None


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, selector, _ in iter_selectors(ctx):
        if path[-1] != "namespaceSelector" or _pinned(selector):
            continue
        for key_path, at_value, key, value in _keys(selector, path):
            if key == METADATA_NAME:
                continue
            name = value if isinstance(value, str) and value and key == "name" else "<namespace>"
            yield Finding(key_path,
                f"namespaceSelector uses the label {key!r}, which anyone allowed to label namespaces can put on "
                f"any namespace; select the namespace by {METADATA_NAME}: {name} (set by Kubernetes)",
                at_value=at_value)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
