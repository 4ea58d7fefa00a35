"""Finding the node a value was written as, with ruamel.yaml's round-trip composer.

The composer keeps what a fix must respect: each node's exact start and end,
its style (plain, quoted, block, flow) and its anchor. A value that is shared
(anchored, reached through an alias or a ``<<`` merge key) or written over
several lines is not edited: changing it would change other values too, or
the edit would not be a one-line splice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aaoi_netpol.value_path import ValuePath
from aaoi_netpol.yaml_scalars import MERGE_KEY, json_key, resolve_plain_scalar


class NotEditable(Exception):
    """The value cannot be changed by a one-line splice; the message says why."""


@dataclass(frozen=True)
class ScalarSpan:
    """Where a single-line scalar is written: ``text[start:end]`` is its source, quotes included."""

    start: int
    end: int
    line: int  # 1-based
    col: int  # 1-based
    style: str  # "" plain, "'" or '"'
    in_flow: bool  # inside a flow collection ([...] or {...})


def compose_first_document(text: str) -> Node | None:
    """The node graph of the first YAML document (None for an empty one); NotEditable if ruamel cannot read it."""
    try:
        return next(iter(YAML().compose_all(text)), None)
    except YAMLError as error:
        raise NotEditable(f"the YAML writer cannot read the file: {str(error).splitlines()[0]}") from None


def key_text(node: Node) -> str | None:
    """A mapping key as Helm reads it (plain keys resolve the YAML 1.1 way, e.g. ``yes`` is ``true``)."""
    if not isinstance(node, ScalarNode):
        return None
    if node.style in (None, ""):
        resolved: Any = resolve_plain_scalar(node.value)
        return json_key(resolved)
    return str(node.value)


def _pair(mapping: MappingNode, step: str) -> tuple[Node, Node]:
    found: list[tuple[Node, Node]] = [pair for pair in mapping.value if key_text(pair[0]) == step]
    if found:
        return found[-1]  # Helm keeps the last of duplicate keys
    if any(isinstance(key, ScalarNode) and key.value == MERGE_KEY for key, _ in mapping.value):
        raise NotEditable("the value comes through a merge key (<<), which other mappings share")
    raise NotEditable("the value is not written in this file")


def _shared(node: Node) -> None:
    anchor = getattr(node, "anchor", None)
    if anchor:
        raise NotEditable(f"the value is shared through the anchor &{anchor}: changing it changes every alias")


def locate_scalar(root: Node | None, path: ValuePath, key: bool = False) -> tuple[ScalarNode, bool]:
    """The scalar at ``path`` (its key's scalar when ``key``) and whether it sits in a flow collection."""
    node: Node | None = root
    in_flow = False
    for depth, step in enumerate(path):
        if node is None:
            raise NotEditable("the value is not written in this file")
        _shared(node)
        in_flow = in_flow or bool(getattr(node, "flow_style", False))
        last = depth == len(path) - 1
        if isinstance(step, int):
            if not isinstance(node, SequenceNode) or not 0 <= step < len(node.value):
                raise NotEditable("the value is not written in this file")
            if last and key:
                raise NotEditable("a list item has no key")
            node = node.value[step]
        else:
            if not isinstance(node, MappingNode):
                raise NotEditable("the value is not written in this file")
            key_node, value_node = _pair(node, step)
            node = key_node if last and key else value_node
    if not isinstance(node, ScalarNode):
        raise NotEditable("the value is a list or a mapping, not a single value")
    _shared(node)
    return node, in_flow


def scalar_span(text: str, node: ScalarNode, in_flow: bool) -> ScalarSpan:
    """Where the single-line scalar ``node`` is written in ``text``; NotEditable for any other scalar."""
    style = node.style or ""
    if style not in ("", "'", '"'):
        raise NotEditable("the value is a block scalar (| or >)")
    start, end = node.start_mark, node.end_mark
    if start.line != end.line:
        raise NotEditable("the value spans several lines")
    source = text[start.index:end.index]
    expected = {"": node.value, "'": "'" + str(node.value).replace("'", "''") + "'"}.get(style)
    if (expected is not None and source != expected) or (style == '"' and not (
            len(source) >= 2 and source[0] == source[-1] == '"')):
        raise NotEditable("the value's text could not be matched (a tag or an unusual form)")
    return ScalarSpan(start.index, end.index, start.line + 1, start.column + 1, style, in_flow)
