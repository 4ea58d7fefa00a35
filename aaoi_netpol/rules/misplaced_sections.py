"""Where a networkPolicy section was written that neither aaoi-netpol nor the chart reads.

A key is a near miss of ``networkPolicy`` when, compared without case, it is
equal, the plural (``networkPolicies``), equal once spaces, ``-``, ``_`` and
``.`` are removed (``network_policy``), the plugin's own short name
(``netpol``, ``netpols``), or at most two edits away (``networkPolcy``,
``networkPolicys``). Such a key at the top level of the values file is
misplaced; so is ``networkPolicy`` (or a near miss) under ``global:`` or under
an AAOI component — except Elastic's own ``elasticsearch.networkPolicy``
(``http``/``transport``, rule NP023), which is misplaced only when it holds
keys of our section.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.model.components import COMPONENTS, SECTION
from aaoi_netpol.schema import section_schema
from aaoi_netpol.value_path import ValuePath

_FOLDED_NAMES = frozenset({"networkpolicy", "networkpolicies", "netpol", "netpols"})
_SEPARATORS = re.compile(r"[\s_.-]+")
_MAX_EDITS = 2
NESTING_PARENTS: tuple[str, ...] = ("global", *(c.values_key for c in COMPONENTS))


def edit_distance(one: str, other: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(one) - len(other)) > limit:
        return limit + 1
    previous = list(range(len(other) + 1))
    for row, char in enumerate(one, start=1):
        current = [row]
        for column, other_char in enumerate(other, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (char != other_char)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def near_section_name(key: Any) -> bool:
    """Whether ``key`` looks like ``networkPolicy`` (``networkPolicy`` itself included)."""
    return isinstance(key, str) and _near_section_text(key)


@functools.lru_cache(maxsize=4096)  # the chart's own keys come back in every file
def _near_section_text(key: str) -> bool:
    folded = _SEPARATORS.sub("", key).lower()
    return folded in _FOLDED_NAMES or edit_distance(key.lower(), SECTION.lower(), _MAX_EDITS) <= _MAX_EDITS


@dataclass(frozen=True)
class Misplaced:
    path: ValuePath  # the misplaced key
    parent: str | None  # None: at the top level

    @property
    def key(self) -> str:
        return str(self.path[-1])


def _our_keys(value: Any) -> list[str]:
    known = section_schema().get("properties", {})
    return [str(key) for key in value if key in known] if isinstance(value, dict) else []


def misplaced_sections(ctx: LintContext) -> Iterator[Misplaced]:
    """Every misplaced networkPolicy section, top-level near misses first, in the order written."""
    for key in ctx.values:
        if key != SECTION and near_section_name(key):
            yield Misplaced((key,), None)
    for parent in NESTING_PARENTS:
        nested = ctx.get((parent,))
        for key in nested if isinstance(nested, dict) else {}:
            if not near_section_name(key):
                continue
            if parent == "elasticsearch" and key == SECTION and not _our_keys(nested[key]):
                continue  # Elastic's own elasticsearch.networkPolicy (http, transport)
            yield Misplaced((parent, key), parent)


def nested_keys_note(ctx: LintContext, found: Misplaced) -> str:
    """``(it holds enabled, ingressController)`` for a misplaced mapping that holds keys of our section."""
    keys = _our_keys(ctx.get(found.path))
    return f" (it holds {', '.join(keys)})" if keys else ""
