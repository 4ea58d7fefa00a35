"""Whether a values file already has a networkPolicy section: as written, misspelt, or misplaced."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from aaoi_netpol.model.components import SECTION
from aaoi_netpol.value_path import ValuePath, dotted
from aaoi_netpol.yaml_loader import LoadedFile

# Keys only an aaoi-netpol section has (Elastic's own elasticsearch.networkPolicy has http/transport).
_OURS = frozenset({"ingressController", "apiGateways", "adminNodeManagers", "monitoring", "allowHelmTest"})


def _normal(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


def looks_like_section_key(key: str) -> bool:
    """``networkPolicy`` however it is spelt: case, separators, a typo or a plural."""
    normal = _normal(key)
    return normal == _normal(SECTION) or difflib.SequenceMatcher(None, normal, _normal(SECTION)).ratio() >= 0.8


def _nested(values: dict[str, Any], path: ValuePath, depth: int) -> Iterator[ValuePath]:
    for key, child in values.items():
        if not isinstance(child, dict):
            continue
        if path and looks_like_section_key(key) and _OURS & set(child):
            yield (*path, key)
        if depth > 1:
            yield from _nested(child, (*path, key), depth - 1)


def existing_section(loaded: LoadedFile) -> str | None:
    """One line naming where the file already has a section (or something meant to be one), else None."""
    for key in loaded.values:
        if looks_like_section_key(key):
            where = loaded.sources.keys.get((key,))
            spelt = "" if key == SECTION else f" (written '{key}')"
            return f"{where}: the file already has a {SECTION} section{spelt}; init only adds one to a file " \
                   f"without it: nothing was changed"
    for path in _nested(loaded.values, (), 4):
        where = loaded.sources.keys.get(path)
        return f"{where}: the file has a {SECTION} section at {dotted(path)}; it belongs at the top level: move " \
               f"it there instead (nothing was changed)"
    return None
