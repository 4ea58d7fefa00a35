"""What a rule sees: the layered values (as Helm has them) and a way to locate findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aaoi_netpol.diagnostics import Diagnostic, Location, Severity
from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.yaml_loader import ValuePath

_MISSING = object()


@dataclass(frozen=True)
class LintContext:
    layered: LayeredValues
    target: str  # the file this lint run is about (findings with no better place go here)

    @property
    def values(self) -> dict[str, Any]:
        return self.layered.values

    def get(self, path: ValuePath, default: Any = None) -> Any:
        """The value at ``path``, or ``default`` when any step is missing or of the wrong kind."""
        node: Any = self.layered.values
        for step in path:
            in_list = isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node)
            in_mapping = isinstance(step, str) and isinstance(node, dict) and step in node
            if not (in_list or in_mapping):
                return default
            node = node[step]
        return node

    def has(self, path: ValuePath) -> bool:
        return self.get(path, _MISSING) is not _MISSING

    def list_at(self, path: ValuePath) -> list[Any]:
        found = self.get(path)
        return found if isinstance(found, list) else []

    def mapping_at(self, path: ValuePath) -> dict[str, Any]:
        found = self.get(path)
        return found if isinstance(found, dict) else {}

    def enabled(self, path: ValuePath) -> bool:
        """A switch as a Helm template's ``if`` sees it: missing, null, false, 0 and "" are off."""
        return bool(self.get(path))

    def locate(self, path: ValuePath, at_value: bool = False) -> Location:
        found = self.layered.value_location(path) if at_value else self.layered.key_location(path)
        return found or Location(self.target, 1, 1)

    def finding(self, rule: str, severity: Severity, path: ValuePath, message: str,
                at_value: bool = False) -> Diagnostic:
        return Diagnostic.at(self.locate(path, at_value), rule, severity, message)
