"""Values layered the way Helm layers them, with the file each value came from.

Order (lowest first): chart defaults, ``-f`` files in order (Helm's mergeMaps:
maps merge key by key, anything else replaces), ``--set-json``, ``--set``,
``--set-string``; then the user's values are coalesced with the defaults, where
``null`` deletes a key the defaults have. Every path of the result is located
in the highest layer that defines it, which is the layer that supplied it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.diagnostics import Diagnostic, Location
from aaoi_netpol.helm_set import SetAssignment, apply_assignment
from aaoi_netpol.merging import merge_maps as merge_maps  # re-exported: it used to live here
from aaoi_netpol.yaml_loader import LoadedFile, SourceMap, ValuePath


@dataclass(frozen=True)
class SetLayer:
    """The assignments of one ``--set*`` argument, located on the command line."""

    flag: str
    argument_number: int
    assignments: tuple[SetAssignment, ...]

    def as_source_map(self) -> SourceMap:
        sources = SourceMap()
        name = f"<{self.flag} #{self.argument_number}>"
        for assignment in self.assignments:
            location = Location(name, 1, assignment.column)
            for depth in range(1, len(assignment.path) + 1):
                sources.keys.setdefault(assignment.path[:depth], location)
            for path in _paths(assignment.value, assignment.path):
                sources.keys[path] = location
                sources.values[path] = location
        return sources


@dataclass
class LayeredValues:
    values: dict[str, Any]
    layers: list[SourceMap]  # highest precedence first
    problems: list[Diagnostic] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)
    parsed: bool = True

    def key_location(self, path: ValuePath) -> Location | None:
        """Where the key (or list item) at ``path`` was written; the nearest located ancestor otherwise."""
        return self._find(path, use_values=False)

    def value_location(self, path: ValuePath) -> Location | None:
        return self._find(path, use_values=True)

    def _find(self, path: ValuePath, use_values: bool) -> Location | None:
        for depth in range(len(path), -1, -1):
            prefix = path[:depth]
            for layer in self.layers:
                table = layer.values if use_values else layer.keys
                if prefix in table:
                    return table[prefix]
                if prefix in layer.keys:
                    return layer.keys[prefix]
        return None


def _paths(value: Any, prefix: ValuePath) -> Iterator[ValuePath]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def coalesce(user: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Helm's coalesce of user values over chart defaults: user wins, null deletes a default."""
    out = dict(user)
    for key, default in defaults.items():
        if key not in out:
            out[key] = copy.deepcopy(default)
        elif out[key] is None:
            del out[key]
        elif isinstance(out[key], dict) and isinstance(default, dict):
            out[key] = coalesce(out[key], default)
    return out


def layer_values(defaults: LoadedFile, files: Sequence[LoadedFile], sets: Sequence[SetLayer]) -> LayeredValues:
    user: dict[str, Any] = {}
    problems: list[Diagnostic] = list(defaults.problems)
    lines = {defaults.name: defaults.lines}
    parsed = defaults.parsed
    for loaded in files:
        user = merge_maps(user, loaded.values)
        problems.extend(loaded.problems)
        lines[loaded.name] = loaded.lines
        parsed = parsed and loaded.parsed
    for set_layer in sets:
        user = copy.deepcopy(user)
        for assignment in set_layer.assignments:
            apply_assignment(user, assignment)
    layers = [s.as_source_map() for s in reversed(sets)]
    layers += [f.sources for f in reversed(files)] + [defaults.sources]
    return LayeredValues(coalesce(user, defaults.values), layers, problems, lines, parsed)
