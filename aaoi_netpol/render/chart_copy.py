"""A private copy of the user's chart (directory or .tgz) with the overlay templates injected.

The user's chart is only ever read: a directory is copied file by file (real
copies, see :mod:`chart_tree`), an archive is extracted after its tar headers
passed the chart limits (:mod:`aaoi_netpol.chart_archive`), both into a
temporary directory the caller owns. Helm then reads only the copy, so even a
``helm`` that writes into its chart argument cannot change the user's files.
"""

from __future__ import annotations

import shutil
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path

from aaoi_netpol.chart_archive import checked_members, open_archive
from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.input_files import chart_path_kind, file_kind, is_regular, path_status
from aaoi_netpol.render.chart_tree import copy_chart_tree
from aaoi_netpol.resources import overlay_templates_dir


@dataclass(frozen=True)
class PreparedChart:
    source: Path  # what the user named (directory or archive)
    path: Path  # the private copy: a chart directory holding Chart.yaml
    overlay_files: tuple[str, ...]  # names injected into path/templates


def replace_file(path: Path, text: str) -> None:
    """Write ``path`` of the private copy as a new file (unlinked first: never written through a link)."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_directory(source: Path, target: Path) -> None:
    if not is_regular(path_status(source / "Chart.yaml")):
        raise InputError(f"{source}: not a Helm chart (no Chart.yaml)")
    copy_chart_tree(source, target)


def _extract_archive(archive: Path, target: Path) -> None:
    staging = target.parent / (target.name + ".extract")
    with open_archive(archive) as tar:
        members = checked_members(tar, archive)
        top = {Path(m.name).parts[0] for m in members if Path(m.name).parts}
        if len(top) != 1:
            raise InputError(f"{archive}: a chart archive holds exactly one top-level directory")
        try:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(staging, members=members, filter="data")
            else:  # pragma: no cover - Python < 3.11.4 (members were checked above)
                tar.extractall(staging, members=members)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InputError(f"{archive}: not a readable chart archive: {str(error).splitlines()[0]}") from None
    root = staging / top.pop()
    if not is_regular(path_status(root / "Chart.yaml")):
        raise InputError(f"{archive}: not a Helm chart (no Chart.yaml)")
    root.rename(target)


def inject_overlay(chart_dir: Path, source: Path) -> tuple[str, ...]:
    """Copy the overlay templates into ``chart_dir/templates``; a name the chart already uses is an error."""
    overlay = sorted(p for p in overlay_templates_dir().iterdir() if p.is_file())
    if not overlay:
        raise InputError(f"the aaoi-netpol overlay templates are missing from {overlay_templates_dir()}")
    templates = chart_dir / "templates"
    status = path_status(templates)
    if status is None:
        templates.mkdir()
    elif not stat.S_ISDIR(status.st_mode):
        raise InputError(f"{source}: templates is {file_kind(status.st_mode)}, not a directory: "
                         "not a chart aaoi-netpol can render")
    for template in overlay:
        if (templates / template.name).exists():
            raise InputError(f"{source}: templates/{template.name} already exists in the chart and would be "
                             "replaced by aaoi-netpol's overlay (is it a chart written by --write-chart? "
                             "run `helm template` on it directly)")
    for template in overlay:
        shutil.copyfile(template, templates / template.name)
    return tuple(t.name for t in overlay)


def prepare_chart(source: Path, workdir: Path) -> PreparedChart:
    """Copy or extract the chart into ``workdir/chart`` and inject the overlay; InputError when it cannot."""
    target = workdir / "chart"
    kind = chart_path_kind(source)
    if kind == "directory":
        _copy_directory(source, target)
    elif kind == "file":
        _extract_archive(source, target)
    else:
        raise InputError(f"{source}: no such chart directory or archive")
    return PreparedChart(source, target, inject_overlay(target, source))
