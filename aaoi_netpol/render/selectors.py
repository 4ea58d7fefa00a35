"""Kubernetes LabelSelector semantics: matchLabels AND matchExpressions (In, NotIn, Exists, DoesNotExist)."""

from __future__ import annotations

import json
from typing import Any


class SelectorError(ValueError):
    """A selector Kubernetes would reject (unknown operator, values where none belong, ...)."""


def _requirement_matches(expression: Any, labels: dict[str, str]) -> bool:
    if not isinstance(expression, dict) or "key" not in expression:
        raise SelectorError(f"matchExpressions item without a key: {expression!r}")
    key, operator = str(expression["key"]), str(expression.get("operator"))
    raw = expression.get("values") or []
    if not isinstance(raw, list):
        raise SelectorError(f"matchExpressions values of {key!r} is not a list")
    values = [str(v) for v in raw]
    if operator == "In":
        if not values:
            raise SelectorError(f"operator In on {key!r} needs values")
        return labels.get(key) in values
    if operator == "NotIn":
        if not values:
            raise SelectorError(f"operator NotIn on {key!r} needs values")
        return key not in labels or labels[key] not in values
    if operator in ("Exists", "DoesNotExist"):
        if values:
            raise SelectorError(f"operator {operator} on {key!r} takes no values")
        return (key in labels) == (operator == "Exists")
    raise SelectorError(f"unknown matchExpressions operator {operator!r} on {key!r}")


def selector_matches(selector: Any, labels: dict[str, str]) -> bool:
    """Whether ``selector`` (a LabelSelector; None or {} selects everything) selects ``labels``."""
    if selector is None:
        return True
    if not isinstance(selector, dict):
        raise SelectorError(f"a label selector must be a mapping, got {selector!r}")
    match_labels = selector.get("matchLabels") or {}
    if not isinstance(match_labels, dict):
        raise SelectorError("matchLabels must be a mapping")
    for key, value in match_labels.items():
        if labels.get(str(key)) != ("true" if value is True else "false" if value is False else str(value)):
            return False
    expressions = selector.get("matchExpressions") or []
    if not isinstance(expressions, list):
        raise SelectorError("matchExpressions must be a list")
    return all(_requirement_matches(expression, labels) for expression in expressions)


def describe(value: Any) -> str:
    """A selector or label map on one line, keys sorted: {"app":"kibana","release":"x"}."""
    return json.dumps(value if value is not None else {}, sort_keys=True, separators=(",", ":"), default=str)
