"""What the gate reports: a rule, a severity, one line, and the values path it is about."""

from __future__ import annotations

from dataclasses import dataclass

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.value_path import ValuePath


@dataclass(frozen=True)
class GateFinding:
    rule: str  # NP900-NP903
    message: str
    path: ValuePath | None = None  # None: located at networkPolicy.enabled
    severity: Severity = Severity.ERROR
