"""YAML text → plain values (as Helm sees them) plus where every key came from.

The libyaml composer gives nodes with positions; :mod:`yaml_builder` builds the
values so that scalars resolve like go-yaml v2 (see :mod:`yaml_scalars`),
duplicate keys keep the last value (as Helm does) but are reported, and every
key and sequence item is mapped to its ``file:line:col``. Only the first YAML
document is read, as Helm 3 reads a values file (Helm 4's view is checked by
:mod:`values_file`). The cost is bounded (:mod:`yaml_budget`): a file that
would expand past the limits is refused before it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from aaoi_netpol.diagnostics import Diagnostic, InputError, Location, Severity
from aaoi_netpol.yaml_budget import MAX_DEPTH, MAX_NODES, BudgetExceeded, LimitExceeded, check_node_count, too_deep
from aaoi_netpol.yaml_builder import PLAIN_TAG, PlainMarkingLoader, SourceMap, ValuePath, ValuesBuilder
from aaoi_netpol.yaml_scalars import resolve_plain_scalar

__all__ = ["LoadedFile", "SourceMap", "ValuePath", "load_values_text"]
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


@dataclass
class LoadedFile:
    name: str
    values: dict[str, Any]
    sources: SourceMap
    problems: list[Diagnostic]
    lines: list[str]
    parsed: bool = True
    decoded: int = 0  # nodes decoded, aliases expanded (go-yaml's count)


def _unreadable(name: str, lines: list[str], line: int, col: int, message: str) -> LoadedFile:
    """A file Helm cannot read: one NP000 where reading stopped, no values."""
    problem = Diagnostic(name, line, col, "NP000", Severity.ERROR, message)
    return LoadedFile(name, {}, SourceMap(), [problem], lines, parsed=False)


def _compose(text: str, name: str, lines: list[str], max_nodes: int) -> Any:
    """The first document's node (None when empty), or a LoadedFile with the syntax error."""
    try:
        check_node_count(text, max_nodes)
        loader = PlainMarkingLoader(text)
        try:
            return loader.get_node() if loader.check_node() else None
        finally:
            loader.dispose()
    except BudgetExceeded as error:
        raise LimitExceeded(f"{name}:{error.mark.line + 1}:{error.mark.column + 1}: {error.reason}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        if _LIBYAML_TOO_DEEP in problem:  # libyaml stops at 1000 levels, Helm at 10000: a limit of ours
            raise LimitExceeded(f"{name}:{line}:{col}: {too_deep(MAX_DEPTH)}") from None
        return _unreadable(name, lines, line, col, f"YAML syntax error: {problem}")
    except yaml.YAMLError as error:
        position = getattr(error, "position", 0)
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        return _unreadable(name, lines, line, col, f"YAML error: {error}".splitlines()[0])


def _is_null(node: Any) -> bool:
    return isinstance(node, ScalarNode) and node.tag == PLAIN_TAG and resolve_plain_scalar(node.value) is None


def load_values_text(text: str, name: str, max_nodes: int = MAX_NODES) -> LoadedFile:
    """Parse the first YAML document of ``text`` as Helm 3 reads a values file.

    InputError (exit 2) when the document is not a mapping or passes aaoi-netpol's limits; a file Helm
    cannot read (syntax, excessive aliasing, ...) is a LoadedFile with ``parsed=False`` and its NP000.
    """
    lines = text.splitlines()
    node = _compose(text, name, lines, max_nodes)
    if isinstance(node, LoadedFile):
        return node
    builder = ValuesBuilder(name, lines, max_nodes)
    values: dict[str, Any] = {}
    if node is not None and not _is_null(node):
        if not isinstance(node, MappingNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a single value"
            raise InputError(f"{builder.location(node)}: a values file must be a mapping of keys, this document "
                             f"is {kind}")
        try:
            values = builder.root(node)
        except BudgetExceeded as error:
            where = Location(name, error.mark.line + 1, error.mark.column + 1)
            if error.helm_refuses:
                return _unreadable(name, lines, where.line, where.col, error.reason)
            raise LimitExceeded(f"{where}: {error.reason}") from None
    return LoadedFile(name, values, builder.sources, builder.problems, lines, decoded=builder.budget.decoded)
