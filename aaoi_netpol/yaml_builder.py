"""Composed YAML nodes → plain values as go-yaml v2 decodes them, with where every key and value was written.

libyaml composes an alias as the very node it names, so an alias is told
apart by position: a child that starts before the end of the sibling written
just before it (or before its parent, for a first child) was written earlier
in the file, and is reached through an alias. That is what go-yaml's alias
rule counts (:mod:`yaml_budget`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aaoi_netpol.diagnostics import Diagnostic, Location, Severity
from aaoi_netpol.yaml_budget import MAX_DEPTH, MAX_NODES, BudgetExceeded, DecodeBudget, too_deep
from aaoi_netpol.yaml_scalars import (
    MERGE_KEY,
    MERGE_TAG,
    TagError,
    json_key,
    resolve_plain_scalar,
    resolve_tagged_scalar,
)

ValuePath = tuple[str | int, ...]
PLAIN_TAG = "tag:aaoi-netpol,2026:plain"
_ANCHOR = re.compile(r"&[^ \t,\[\]{}]*[ \t]+")
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_MERGE_NEEDS_MAPPING = "a merge key (<<) takes a mapping or a list of mappings"


class PlainMarkingLoader(_BaseLoader):  # type: ignore[misc]
    """Leaves plain scalars untyped so we can resolve them the go-yaml v2 way."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return PLAIN_TAG
        result: str = super().resolve(kind, value, implicit)
        return result


@dataclass
class SourceMap:
    """Where each value path was written: the key (or list item) and the value node."""

    keys: dict[ValuePath, Location] = field(default_factory=dict)
    values: dict[ValuePath, Location] = field(default_factory=dict)


def _with_alias_flags(nodes: list[Node], start: int) -> list[tuple[Node, bool]]:
    """Children written in this order after position ``start``, each with: was it reached through an alias?"""
    flagged = []
    bound = start
    for node in nodes:
        flagged.append((node, node.start_mark.index < bound))
        bound = max(bound, node.end_mark.index)
    return flagged


class ValuesBuilder:
    def __init__(self, name: str, lines: list[str] | None = None, max_nodes: int = MAX_NODES) -> None:
        self.name = name
        self.lines = lines or []
        self.may_have_tags = any("!" in line for line in self.lines)
        self.sources = SourceMap()
        self.problems: list[Diagnostic] = []
        self.budget = DecodeBudget(max_nodes)
        self.depth = 0
        self.active: set[int] = set()

    def location(self, node: Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: Node, rule: str, message: str) -> None:
        self.problems.append(Diagnostic.at(self.location(node), rule, Severity.ERROR, message))

    def enter(self, node: Node) -> bool:
        """Start building a collection: False (and NP000) when it contains itself; BudgetExceeded when too deep."""
        if id(node) in self.active:
            self.problem(node, "NP000", "recursive alias: the value refers to itself")
            return False
        if self.depth >= MAX_DEPTH:
            raise BudgetExceeded(node.start_mark, too_deep(MAX_DEPTH), False)
        self.active.add(id(node))
        self.depth += 1
        return True

    def leave(self, node: Node) -> None:
        self.active.discard(id(node))
        self.depth -= 1

    def root(self, node: MappingNode) -> dict[str, Any]:
        """The document's top-level mapping (go-yaml counts the document, then the mapping)."""
        self.budget.count(node.start_mark)
        self.budget.count(node.start_mark)
        self.enter(node)
        try:
            return self.mapping(node, ())
        finally:
            self.leave(node)

    def child(self, node: Node, path: ValuePath, aliased: bool) -> Any:
        if not aliased:
            return self.build(node, path)
        self.budget.count(node.start_mark)  # the alias itself, then everything it names
        self.budget.alias_depth += 1
        try:
            return self.build(node, path)
        finally:
            self.budget.alias_depth -= 1

    def build(self, node: Node, path: ValuePath) -> Any:
        self.budget.count(node.start_mark)
        self.sources.values[path] = self.location(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if not self.enter(node):
            return None
        try:
            if isinstance(node, SequenceNode):
                items = []
                for index, (item, aliased) in enumerate(_with_alias_flags(node.value, node.start_mark.index)):
                    self.sources.keys[(*path, index)] = self.location(item)
                    items.append(self.child(item, (*path, index), aliased))
                return items
            return self.mapping(node, path)
        finally:
            self.leave(node)

    def has_nonspecific_tag(self, node: Node) -> bool:
        """``! 5``: libyaml marks it implicit like a plain scalar, go-yaml v2 keeps the text."""
        mark = node.start_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        if line[mark.column:mark.column + 1] not in ("!", "&"):
            return False
        rest = line[mark.column:]
        anchor = _ANCHOR.match(rest)
        return (rest[anchor.end():] if anchor else rest).startswith("! ") or rest.rstrip() == "!"

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag == PLAIN_TAG and not (self.may_have_tags and self.has_nonspecific_tag(node)):
            value = resolve_plain_scalar(node.value)
        elif node.tag in (PLAIN_TAG, "tag:yaml.org,2002:str"):
            value = node.value
        else:
            try:
                value = resolve_tagged_scalar(node.tag, node.value)
            except TagError as error:
                self.problem(node, "NP000", f"Helm cannot read this value: {error}")
                return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(node, "NP000", f"'{node.value}' cannot be read by Helm: JSON has no NaN or infinity")
        return value

    def mapping(self, node: Node, path: ValuePath, merging_into: dict[str, Any] | None = None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        bound = node.start_mark.index
        for key_node, value_node in node.value:
            key_aliased = key_node.start_mark.index < bound
            bound = max(bound, key_node.end_mark.index)
            value_aliased = value_node.start_mark.index < bound
            bound = max(bound, value_node.end_mark.index)
            if isinstance(key_node, ScalarNode) and key_node.value == MERGE_KEY and key_node.tag in (PLAIN_TAG,
                                                                                                   MERGE_TAG):
                self.merge(value_node, path, result, value_aliased)
                continue
            if key_aliased:
                self.budget.count(key_node.start_mark)
            self.budget.alias_depth += key_aliased
            try:
                self.budget.count(key_node.start_mark)
                key = json_key(self.scalar(key_node)) if isinstance(key_node, ScalarNode) else None
            finally:
                self.budget.alias_depth -= key_aliased
            if key is None:
                self.problem(key_node, "NP000", "Helm cannot read this key: keys must be strings, numbers or booleans")
                continue
            if key in seen:
                first = self.location(seen[key])
                self.problem(key_node, "NP002", f"duplicate key '{key}' (first at line {first.line}); "
                             "Helm keeps this last value silently")
            seen[key] = key_node
            if key in result:
                self.drop_sources((*path, key), result[key])  # the earlier value's locations are stale
            elif merging_into is not None and key in merging_into:
                self.drop_sources((*path, key), merging_into[key])
            self.sources.keys[(*path, key)] = self.location(key_node)
            result[key] = self.child(value_node, (*path, key), value_aliased)
        return result

    def merge(self, node: Node, path: ValuePath, into: dict[str, Any], aliased: bool) -> None:
        """go-yaml v2 merge: a mapping, or a list of mappings where the first listed wins.

        An alias (its node starts before the ``<<`` key ends) must name a mapping, never a list.
        """
        if aliased and not isinstance(node, MappingNode):
            self.problem(node, "NP000", _MERGE_NEEDS_MAPPING)
            return
        if isinstance(node, SequenceNode):
            sources = list(reversed(_with_alias_flags(node.value, node.start_mark.index)))
        else:
            sources = [(node, aliased)]
        for source, source_aliased in sources:
            if not isinstance(source, MappingNode):
                self.problem(source, "NP000", _MERGE_NEEDS_MAPPING)
                continue
            if source_aliased:
                self.budget.count(source.start_mark)
            self.budget.alias_depth += source_aliased
            try:
                self.budget.count(source.start_mark)
                if not self.enter(source):
                    continue
                try:
                    into.update(self.mapping(source, path, merging_into=into))
                finally:
                    self.leave(source)
            finally:
                self.budget.alias_depth -= source_aliased

    def drop_sources(self, prefix: ValuePath, previous: Any) -> None:
        """Forget the locations of a value that a later key replaced (walking that value: no full-table scan)."""
        pending: list[tuple[ValuePath, Any]] = [(prefix, previous)]
        while pending:
            path, value = pending.pop()
            self.sources.keys.pop(path, None)
            self.sources.values.pop(path, None)
            if isinstance(value, dict):
                pending.extend(((*path, key), item) for key, item in value.items())
            elif isinstance(value, list):
                pending.extend(((*path, index), item) for index, item in enumerate(value))
