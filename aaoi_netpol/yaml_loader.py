"""Values files → plain values (as Helm sees them) plus where every key came from.

The libyaml composer gives nodes with positions; we build the values ourselves
so that scalars resolve like go-yaml v2 (see :mod:`yaml_scalars`), duplicate
keys keep the last value (as Helm does) but are reported, and every key and
sequence item is mapped to its ``file:line:col``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aaoi_netpol.diagnostics import Diagnostic, InputError, Location, Severity
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
MAX_NODES = 2_000_000
_ANCHOR = re.compile(r"&[^ \t,\[\]{}]*[ \t]+")
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _PlainMarkingLoader(_BaseLoader):  # type: ignore[misc]
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


@dataclass
class LoadedFile:
    name: str
    values: dict[str, Any]
    sources: SourceMap
    problems: list[Diagnostic]
    lines: list[str]
    parsed: bool = True


class _Builder:
    def __init__(self, name: str, lines: list[str] | None = None) -> None:
        self.name = name
        self.lines = lines or []
        self.may_have_tags = any("!" in line for line in self.lines)
        self.sources = SourceMap()
        self.problems: list[Diagnostic] = []
        self.node_count = 0
        self.active: set[int] = set()

    def location(self, node: Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: Node, rule: str, message: str) -> None:
        self.problems.append(Diagnostic.at(self.location(node), rule, Severity.ERROR, message))

    def build(self, node: Node, path: ValuePath) -> Any:
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise _TooLarge(node)
        self.sources.values[path] = self.location(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            self.problem(node, "NP000", "recursive alias: the value refers to itself")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                items = []
                for index, item in enumerate(node.value):
                    self.sources.keys[(*path, index)] = self.location(item)
                    items.append(self.build(item, (*path, index)))
                return items
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

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
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == MERGE_KEY and key_node.tag in (PLAIN_TAG,
                                                                                                   MERGE_TAG):
                self.merge(value_node, path, result, aliased=value_node.start_mark.index < key_node.end_mark.index)
                continue
            key = json_key(self.scalar(key_node)) if isinstance(key_node, ScalarNode) else None
            if key is None:
                self.problem(key_node, "NP000", "Helm cannot read this key: keys must be strings, numbers or booleans")
                continue
            if key in seen:
                first = self.location(seen[key])
                self.problem(key_node, "NP002", f"duplicate key '{key}' (first at line {first.line}); "
                             "Helm keeps this last value silently")
            seen[key] = key_node
            if key in result or (merging_into is not None and key in merging_into):
                self.drop_sources((*path, key))  # the earlier value's locations are stale
            self.sources.keys[(*path, key)] = self.location(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def merge(self, node: Node, path: ValuePath, into: dict[str, Any], aliased: bool) -> None:
        """go-yaml v2 merge: a mapping, or a list of mappings where the first listed wins.

        An alias (its node starts before the ``<<`` key) must name a mapping, never a list.
        """
        if aliased and not isinstance(node, MappingNode):
            self.problem(node, "NP000", "a merge key (<<) takes a mapping or a list of mappings")
            return
        sources = list(reversed(node.value)) if isinstance(node, SequenceNode) else [node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.problem(source, "NP000", "a merge key (<<) takes a mapping or a list of mappings")
                continue
            merged = self.mapping(source, path, merging_into=into)
            into.update(merged)

    def drop_sources(self, prefix: ValuePath) -> None:
        for table in (self.sources.keys, self.sources.values):
            for stale in [p for p in table if p[: len(prefix)] == prefix]:
                del table[stale]


class _TooLarge(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


def read_text(path: Path) -> str:
    """The file's text, or an InputError naming the file (exit 2)."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a values file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None


def load_values_text(text: str, name: str, single_document: bool = False) -> LoadedFile:
    """Parse the first YAML document of ``text`` as Helm 3 reads a values file (and flag Helm 4's other view)."""
    lines = text.splitlines()
    builder = _Builder(name, lines)
    try:
        loader = _PlainMarkingLoader(text)
        try:
            node = loader.get_node() if loader.check_node() else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        syntax = Diagnostic(name, line, col, "NP000", Severity.ERROR, f"YAML syntax error: {problem}")
        return LoadedFile(name, {}, builder.sources, [syntax], lines, parsed=False)
    except yaml.YAMLError as error:
        position = getattr(error, "position", 0)
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        syntax = Diagnostic(name, line, col, "NP000", Severity.ERROR, f"YAML error: {error}".splitlines()[0])
        return LoadedFile(name, {}, builder.sources, [syntax], lines, parsed=False)
    values: dict[str, Any] = {}
    if node is not None and not (isinstance(node, ScalarNode) and node.tag == PLAIN_TAG
                                 and resolve_plain_scalar(node.value) is None):
        if not isinstance(node, MappingNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a single value"
            where = builder.location(node)
            raise InputError(f"{where}: a values file must be a mapping of keys, this document is {kind}")
        try:
            values = builder.mapping(node, ())
        except _TooLarge as error:
            raise InputError(f"{builder.location(error.node)}: too many values after expanding aliases "
                             f"(more than {MAX_NODES})") from None
    problems = builder.problems
    if not single_document:
        from aaoi_netpol.helm4_documents import helm4_difference  # imports layering, which imports us

        different = helm4_difference(text, name, values,
                                     lambda chunk: load_values_text(chunk, name, single_document=True))
        if different is not None:
            problems = [*problems, different]
    return LoadedFile(name, values, builder.sources, problems, lines)


def load_values_file(path: Path, name: str | None = None) -> LoadedFile:
    return load_values_text(read_text(path), name if name is not None else str(path))
