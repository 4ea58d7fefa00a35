"""A private copy of the user's chart (directory or .tgz) with the overlay templates injected.

The user's chart is only ever read: directories are copied, archives are
extracted, both into a temporary directory the caller owns.

A directory's files are hard-linked into the copy where the file system
allows it (a fraction of the cost of copying; Helm never writes into a chart)
and copied otherwise. So a file of the copy must never be written in place:
only new files are added (the overlay, whose names must not exist yet), and
a file that is replaced is unlinked first (see :func:`replace_file`). The
``--write-chart`` output is always a real copy.
"""

from __future__ import annotations

import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.resources import overlay_templates_dir


@dataclass(frozen=True)
class PreparedChart:
    source: Path  # what the user named (directory or archive)
    path: Path  # the private copy: a chart directory holding Chart.yaml
    overlay_files: tuple[str, ...]  # names injected into path/templates


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target, follow_symlinks=True)
    except OSError:  # another file system, protected_hardlinks, no link support: copy
        shutil.copyfile(source, target)


def replace_file(path: Path, text: str) -> None:
    """Write ``path`` of the private copy without touching a file it may be hard-linked to."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_directory(source: Path, target: Path) -> None:
    if not (source / "Chart.yaml").is_file():
        raise InputError(f"{source}: not a Helm chart (no Chart.yaml)")
    try:
        shutil.copytree(source, target, symlinks=False, copy_function=_link_or_copy)
    except (OSError, shutil.Error) as error:
        raise InputError(f"{source}: cannot copy the chart: {error}") from None


def _safe_members(tar: tarfile.TarFile, archive: Path) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts:
            raise InputError(f"{archive}: unsafe path in chart archive: {member.name}")
        if member.isfile() or member.isdir():  # Helm's loader reads regular files only
            members.append(member)
    return members


def _extract_archive(archive: Path, target: Path) -> None:
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = _safe_members(tar, archive)
            top = {Path(m.name).parts[0] for m in members if Path(m.name).parts}
            if len(top) != 1:
                raise InputError(f"{archive}: a chart archive holds exactly one top-level directory")
            staging = target.parent / (target.name + ".extract")
            if hasattr(tarfile, "data_filter"):
                tar.extractall(staging, members=members, filter="data")
            else:  # pragma: no cover - Python < 3.11.4 (members were checked above)
                tar.extractall(staging, members=members)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise InputError(f"{archive}: not a readable chart archive: {error}") from None
    root = staging / top.pop()
    if not (root / "Chart.yaml").is_file():
        raise InputError(f"{archive}: not a Helm chart (no Chart.yaml)")
    root.rename(target)


def inject_overlay(chart_dir: Path, source: Path) -> tuple[str, ...]:
    """Copy the overlay templates into ``chart_dir/templates``; a name the chart already uses is an error."""
    overlay = sorted(p for p in overlay_templates_dir().iterdir() if p.is_file())
    if not overlay:
        raise InputError(f"the aaoi-netpol overlay templates are missing from {overlay_templates_dir()}")
    templates = chart_dir / "templates"
    templates.mkdir(exist_ok=True)
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
    if source.is_dir():
        _copy_directory(source, target)
    elif source.is_file():
        _extract_archive(source, target)
    elif source.exists():
        raise InputError(f"{source}: not a chart directory or .tgz archive")
    else:
        raise InputError(f"{source}: no such chart directory or archive")
    return PreparedChart(source, target, inject_overlay(target, source))
