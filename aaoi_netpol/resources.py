"""Where the project's data lives: inside the installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = PACKAGE_DIR / "_bundled"
_SOURCE_ROOT = PACKAGE_DIR.parent

BUNDLED_DEFAULTS = PACKAGE_DIR / "data" / "aaoi-4.5.0-values.json"
AAOI_CHART_VERSION = "4.5.0"


def project_data(name: str) -> Path:
    """``schemas`` or ``chart-overlay``: the wheel's copy first, then the checkout's."""
    for candidate in (_BUNDLED / name, _SOURCE_ROOT / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"aaoi-netpol data folder '{name}' is missing from the installation")


def section_schema_path() -> Path:
    return project_data("schemas") / "networkpolicy.schema.json"


def overlay_templates_dir() -> Path:
    return project_data("chart-overlay") / "templates"
