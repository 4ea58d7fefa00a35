"""What a rule sees: the layered values (as Helm has them) and a way to locate what it finds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aaoi_netpol.diagnostics import Location
from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.value_path import MISSING, ValuePath, lookup

T = TypeVar("T")


@dataclass(frozen=True)
class LintContext:
    layered: LayeredValues
    target: str  # the file this lint run is about (findings with no better place go here)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def values(self) -> dict[str, Any]:
        return self.layered.values

    def get(self, path: ValuePath, default: Any = None) -> Any:
        """The value at ``path``, or ``default`` when any step is missing or of the wrong kind."""
        return lookup(self.layered.values, path, default)

    def has(self, path: ValuePath) -> bool:
        return self.get(path, MISSING) is not MISSING

    def list_at(self, path: ValuePath) -> list[Any]:
        found = self.get(path)
        return found if isinstance(found, list) else []

    def computed(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, once per context: what several rules derive from the same values (openings)."""
        if key not in self._memo:
            self._memo[key] = compute()
        found: T = self._memo[key]
        return found

    def locate(self, path: ValuePath | None, at_value: bool = False) -> Location:
        """Where ``path`` was written (its key, or its value); the linted file's top when unknown or None."""
        if path is None:
            return Location(self.target, 1, 1)
        found = self.layered.value_location(path) if at_value else self.layered.key_location(path)
        return found or Location(self.target, 1, 1)
