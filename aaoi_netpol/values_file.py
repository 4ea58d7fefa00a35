"""Reading one values file as Helm does (placeholder until the loader split lands)."""

from __future__ import annotations

from pathlib import Path

from aaoi_netpol.yaml_loader import LoadedFile, load_values_file


def read_values_file(path: Path, name: str | None = None) -> LoadedFile:
    return load_values_file(path, name)
