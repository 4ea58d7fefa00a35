"""Helm's mergeMaps, the way ``-f a -f b`` combines values files (a leaf module: it imports nothing of ours)."""

from __future__ import annotations

from typing import Any


def merge_maps(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """``overlay``'s maps merge into ``base``'s key by key; anything else replaces. Neither input is changed.

    Iterative, so no nesting depth can exhaust the interpreter's stack.
    """
    merged = dict(base)
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = [(merged, overlay)]
    while pending:
        target, layer = pending.pop()
        for key, value in layer.items():
            current = target.get(key)
            if isinstance(value, dict) and isinstance(current, dict):
                combined = dict(current)
                target[key] = combined
                pending.append((combined, value))
            else:
                target[key] = value
    return merged
