"""The defaults a values file is layered over: the bundled AAOI 4.5.0 values or a chart's own."""

from __future__ import annotations

import functools
from pathlib import Path

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.input_files import InputTooBig, chart_path_kind, decode_utf8, is_regular, path_status
from aaoi_netpol.resources import BUNDLED_DEFAULTS
from aaoi_netpol.values_file import MAX_VALUES_BYTES, read_values_file, values_from_text
from aaoi_netpol.yaml_loader import LoadedFile, load_values_text


@functools.cache
def bundled_defaults() -> LoadedFile:
    return read_values_file(BUNDLED_DEFAULTS, name=str(BUNDLED_DEFAULTS))


def _values_from_archive(archive: Path) -> LoadedFile:
    from aaoi_netpol.chart_archive import checked_members, open_archive, read_member  # only for .tgz charts

    with open_archive(archive) as tar:
        members = [m for m in checked_members(tar, archive)
                   if m.isfile() and m.name.count("/") == 1 and m.name.endswith("/values.yaml")]
        if not members:
            return load_values_text("", f"{archive}:values.yaml")
        name = f"{archive}:{members[0].name}"
        data = read_member(tar, members[0], MAX_VALUES_BYTES)
    if len(data) > MAX_VALUES_BYTES:
        raise InputTooBig(name, "over aaoi-netpol's limit for a values file")
    return values_from_text(decode_utf8(data, name), name)


@functools.cache
def chart_defaults(chart: Path | None) -> LoadedFile:
    """The chart's values.yaml (directory or .tgz), or the bundled AAOI defaults when no chart is given."""
    if chart is None:
        return bundled_defaults()
    kind = chart_path_kind(chart)
    if kind == "directory":
        if not is_regular(path_status(chart / "Chart.yaml")):
            raise InputError(f"{chart}: not a Helm chart (no Chart.yaml)")
        values = chart / "values.yaml"
        return read_values_file(values) if path_status(values) is not None else load_values_text("", str(values))
    if kind == "file":
        return _values_from_archive(chart)
    raise InputError(f"{chart}: no such chart directory or archive")
