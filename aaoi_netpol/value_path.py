"""Addressing values: a path of keys and list indexes, and reading one without ever raising."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ValuePath = tuple[str | int, ...]

MISSING: Any = object()  # a default that no value can equal


def lookup(values: Mapping[str, Any], path: ValuePath, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when any step is missing or of the wrong kind."""
    node: Any = values
    for step in path:
        in_list = isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node)
        in_mapping = isinstance(step, str) and isinstance(node, Mapping) and step in node
        if not (in_list or in_mapping):
            return default
        node = node[step]
    return node


def dotted(path: ValuePath) -> str:
    """``networkPolicy.apiGateways[0].ipBlock``: a path as users write it."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
