"""Is this the AAOI chart? Checked on ``Chart.yaml`` before Helm runs.

The overlay calls the AAOI chart's and Elastic's subcharts' own naming
templates, and the rules know AAOI's components, ports and flows. On any
other chart Helm would fail deep inside the overlay (``no template
"elasticsearch.uname"``), or worse, render policies for pods that are not
there. So ``render`` and ``lint --chart`` accept only a chart named
``apim4elastic`` with a version in the supported range: 4.x (at least
4.0.0, below 5.0.0), the major release whose layout the model describes; the
tests run against 4.5.0. Within that range the render verification still
checks every policy against the workloads Helm actually renders.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from aaoi_netpol.chart_archive import MAX_CHART_FILE_BYTES, checked_members, open_archive, read_member
from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.input_files import chart_path_kind, is_regular, path_status, read_bounded

EXPECTED_NAME = "apim4elastic"
SUPPORTED_MAJOR = 4
SUPPORTED = f"{EXPECTED_NAME} {SUPPORTED_MAJOR}.x (>= {SUPPORTED_MAJOR}.0.0, < {SUPPORTED_MAJOR + 1}.0.0)"
_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")


def _chart_yaml_bytes(chart: Path) -> bytes | None:
    """Chart.yaml of a chart directory or archive, read within the chart limits (chart_archive); None when
    there is none to read or the chart is refused: the chart copy then reports it in its own words."""
    kind = chart_path_kind(chart)
    if kind == "directory":
        path = chart / "Chart.yaml"
        return read_bounded(path, "Chart.yaml", MAX_CHART_FILE_BYTES) if is_regular(path_status(path)) else None
    if kind != "file":
        return None
    with open_archive(chart) as tar:
        for member in checked_members(tar, chart):
            parts = PurePosixPath(member.name).parts
            if len(parts) == 2 and parts[1] == "Chart.yaml" and member.isfile():
                data = read_member(tar, member, MAX_CHART_FILE_BYTES)
                return data if len(data) <= MAX_CHART_FILE_BYTES else None
    return None


def _chart_yaml_text(chart: Path) -> str | None:
    try:
        data = _chart_yaml_bytes(chart)
    except InputError:
        return None
    return data.decode("utf-8", errors="replace") if data is not None else None


def _metadata(chart: Path, text: str) -> dict[str, Any]:
    try:
        loaded = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise InputError(f"{chart}: Chart.yaml is not valid YAML: {' '.join(str(error).split())}") from None
    return loaded if isinstance(loaded, dict) else {}


def check_chart_identity(chart: Path) -> None:
    """InputError (one line, exit 2) unless ``chart`` is apim4elastic in the supported version range."""
    text = _chart_yaml_text(chart)
    if text is None:
        return  # no chart at all: the chart copy reports it in its own words
    metadata = _metadata(chart, text)
    name, version = metadata.get("name"), str(metadata.get("version") or "")
    if name != EXPECTED_NAME:
        raise InputError(f"{chart}: chart {name!r} {version or '(no version)'} is not the AAOI chart: "
                         f"aaoi-netpol renders {SUPPORTED}")
    found = _VERSION.match(version.strip())
    if found is None or int(found.group(1)) != SUPPORTED_MAJOR:
        raise InputError(f"{chart}: {EXPECTED_NAME} version {version or '(none)'} is not supported: "
                         f"aaoi-netpol renders {SUPPORTED}")
