"""The defaults a values file is layered over: the bundled AAOI 4.5.0 values or a chart's own."""

from __future__ import annotations

import functools
from pathlib import Path

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.resources import BUNDLED_DEFAULTS
from aaoi_netpol.yaml_loader import LoadedFile, load_values_file, load_values_text


@functools.cache
def bundled_defaults() -> LoadedFile:
    return load_values_file(BUNDLED_DEFAULTS, name=str(BUNDLED_DEFAULTS))


def _values_from_archive(archive: Path) -> LoadedFile:
    import tarfile  # only for .tgz charts

    try:
        with tarfile.open(archive, "r:*") as tar:
            members = [m for m in tar.getmembers() if m.name.count("/") == 1 and m.name.endswith("/values.yaml")]
            if not members:
                return load_values_text("", f"{archive}:values.yaml")
            extracted = tar.extractfile(members[0])
            data = extracted.read() if extracted else b""
    except (tarfile.TarError, OSError) as error:
        raise InputError(f"{archive}: not a readable chart archive: {error}") from None
    return load_values_text(data.decode("utf-8", errors="replace"), f"{archive}:{members[0].name}")


@functools.cache
def chart_defaults(chart: Path | None) -> LoadedFile:
    """The chart's values.yaml (directory or .tgz), or the bundled AAOI defaults when no chart is given."""
    if chart is None:
        return bundled_defaults()
    if chart.is_dir():
        if not (chart / "Chart.yaml").is_file():
            raise InputError(f"{chart}: not a Helm chart (no Chart.yaml)")
        values = chart / "values.yaml"
        return load_values_file(values) if values.is_file() else load_values_text("", str(values))
    if chart.is_file():
        return _values_from_archive(chart)
    raise InputError(f"{chart}: no such chart directory or archive")
