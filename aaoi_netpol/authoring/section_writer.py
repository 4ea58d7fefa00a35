"""Writing the new section with ruamel.yaml in the file's own layout, and splicing it into the file.

The layout (indentation of mappings and of sequence dashes, the column of the
top-level keys, the line break) is read from the file's block collections, so
the section looks like the rest of the file. Strings that YAML 1.1 would read
as something else (``yes``, ``on``, ``1.0``) are double-quoted, booleans are
``true``/``false``: Helm reads exactly what was meant.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from aaoi_netpol.authoring.scalar_text import reads_as_plain
from aaoi_netpol.authoring.section import SectionPath, SectionPlan
from aaoi_netpol.authoring.text_edits import line_break
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.yaml_scalars import resolve_plain_scalar


@dataclass(frozen=True)
class Layout:
    base: int = 0  # column of the top-level keys
    mapping: int = 2  # a nested mapping's indentation below its key
    offset: int = 2  # a block sequence's dash below its key
    newline: str = "\n"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _votes(text: str, node: Node, mapping: Counter[int], offset: Counter[bool]) -> None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style and value.value:
                first = value.value[0][0] if isinstance(value, MappingNode) else value.value[0]
                if first.start_mark.line > key.start_mark.line:
                    if isinstance(value, MappingNode):
                        mapping[first.start_mark.column - key.start_mark.column] += 1
                    else:
                        line = text[_line_start(text, first.start_mark.index):first.start_mark.index]
                        dash = len(line) - len(line.lstrip())
                        offset[dash > key.start_mark.column] += 1  # indented below its key, or flush
            _votes(text, value, mapping, offset)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _votes(text, item, mapping, offset)


def detect_layout(text: str, root: Node | None) -> Layout:
    """The file's most common indentation steps (2 and 2 when it has none)."""
    mapping: Counter[int] = Counter()
    offset: Counter[bool] = Counter()
    base = 0
    if isinstance(root, MappingNode) and root.value:
        base = root.value[0][0].start_mark.column
        _votes(text, root, mapping, offset)
    step = next((n for n, _ in mapping.most_common() if 2 <= n <= 8), 2)
    indented = offset.most_common(1)[0][0] if offset else True
    return Layout(base, step, step if indented else 0, line_break(text))


def _helm_safe(value: Any) -> Any:
    """Plain data as ruamel objects; strings YAML 1.1 would not read back as themselves get double quotes."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, child in value.items():
            mapping[_helm_safe(key)] = _helm_safe(child)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_helm_safe(item) for item in value)
    if isinstance(value, str) and not reads_as_plain(value) and resolve_plain_scalar(value) != value:
        return DoubleQuotedScalarString(value)
    return value


def _comment(document: CommentedMap, path: SectionPath, lines: list[str], layout: Layout) -> None:
    parent: Any = document[SECTION]
    for step in path[:-1]:
        parent = parent[step]
    parent.yaml_set_comment_before_after_key(path[-1], before="\n".join(lines), indent=layout.mapping * len(path))


def render_section(plan: SectionPlan, layout: Layout) -> str:
    """``networkPolicy:`` and its content, in the file's layout and line break."""
    document = CommentedMap()
    document[SECTION] = _helm_safe(plan.section)
    for path, lines in plan.comments.items():
        _comment(document, path, lines, layout)
    yaml = YAML()
    yaml.width = 4096  # never wrap: a wrapped line is a change nobody asked for
    yaml.indent(mapping=layout.mapping, sequence=layout.offset + 2, offset=layout.offset)
    out = io.StringIO()
    yaml.dump(document, out)
    lines = out.getvalue().splitlines()
    margin = " " * layout.base
    return "".join(f"{margin}{line}{layout.newline}" if line else layout.newline for line in lines)


_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|\Z)", re.MULTILINE)


def insertion_offset(text: str, root: Node | None) -> int:
    """Where the section goes: the end of the first document (before a ``---``/``...`` line after it)."""
    after = root.value[-1][1].end_mark.index if isinstance(root, MappingNode) and root.value else 0
    marker = _DOCUMENT_MARKER.search(text, after)
    return marker.start() if marker else len(text)


def insert_section(text: str, root: Node | None, section: str, newline: str, separate: bool = True) -> str:
    """``text`` with ``section`` spliced in at :func:`insertion_offset` (after a blank line when ``separate``)."""
    end = insertion_offset(text, root)
    head, tail = text[:end], text[end:]
    if head and not head.endswith(("\n", "\r")):
        head += newline
    if separate and head.strip() and head.splitlines()[-1].strip():
        head += newline
    return head + section + tail
