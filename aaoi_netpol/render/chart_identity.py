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
import tarfile
from pathlib import Path
from typing import Any

import yaml

from aaoi_netpol.diagnostics import InputError

EXPECTED_NAME = "apim4elastic"
SUPPORTED_MAJOR = 4
SUPPORTED = f"{EXPECTED_NAME} {SUPPORTED_MAJOR}.x (>= {SUPPORTED_MAJOR}.0.0, < {SUPPORTED_MAJOR + 1}.0.0)"
_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")


def _chart_yaml_text(chart: Path) -> str | None:
    """Chart.yaml of a chart directory or archive; None when there is none to read (others report that)."""
    if chart.is_dir():
        path = chart / "Chart.yaml"
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
    if not chart.is_file():
        return None
    try:
        with tarfile.open(chart, "r:*") as tar:
            for member in tar:
                parts = Path(member.name).parts
                if len(parts) == 2 and parts[1] == "Chart.yaml" and member.isfile():
                    extracted = tar.extractfile(member)
                    return extracted.read().decode("utf-8", errors="replace") if extracted else None
    except (tarfile.TarError, OSError, EOFError):
        return None
    return None


def _metadata(chart: Path, text: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(text)
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
