"""Fuzzing the schema check and the rules: any JSON-like networkPolicy section (and junk in the chart values the
rules read) gives findings, never an exception.

Settings come from :mod:`tests.fuzz_support` (``AAOI_NETPOL_FUZZ=ci|long``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given

from aaoi_netpol.chart_defaults import bundled_defaults
from aaoi_netpol.diagnostics import Diagnostic, InputError
from aaoi_netpol.layering import layer_values
from aaoi_netpol.lint import check_layered
from aaoi_netpol.yaml_loader import LoadedFile, SourceMap
from tests.fuzz_support import CHART_OVERRIDES, SECTIONS, fuzz_settings


def _findings(values: dict[str, Any]) -> list[Diagnostic] | None:
    loaded = LoadedFile("fuzz.yaml", values, SourceMap(), [], [])
    try:
        return check_layered(layer_values(bundled_defaults(), [loaded], []), "fuzz.yaml")
    except InputError:  # the section-size limit
        return None


@fuzz_settings(ci_examples=200)
@given(SECTIONS, CHART_OVERRIDES)
def test_any_section_gives_findings(section: Any, chart: dict[str, Any]) -> None:
    findings = _findings({**chart, "networkPolicy": section})
    for finding in findings or []:  # messages may quote values with control characters: reporters escape them
        assert isinstance(finding, Diagnostic) and finding.line >= 1 and finding.col >= 1
