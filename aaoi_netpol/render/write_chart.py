"""Writing results to disk: ``--write-chart DIR`` and ``--output-dir DIR``.

Both go through :mod:`aaoi_netpol.render.written_dirs`: DIR must not exist,
be empty, or be an earlier output of the same option that nobody changed
since (its record lists every file with its hash); it is then replaced whole,
atomically. A file aaoi-netpol did not write is never removed: the command
refuses with one line (exit 2) before rendering. DIR may not be inside the
user's chart (the chart is never modified), and the two options may not
name the same directory or one inside the other.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.render.chart_copy import replace_file
from aaoi_netpol.render.manifests import Manifest
from aaoi_netpol.render.written_dirs import blocking_entry, replace_directory

SECTION = "networkPolicy"
SCHEMA_FILE = "values.schema.json"


def section_for_chart() -> tuple[dict[str, Any], dict[str, Any]]:
    """Our networkPolicy schema and its definitions, ready to sit in a chart's root schema."""
    from aaoi_netpol.schema import section_schema

    section = copy.deepcopy(section_schema())
    definitions: dict[str, Any] = section.pop("definitions", {})
    for key in ("$schema", "title", "$id"):
        section.pop(key, None)
    return section, definitions


def merged_schema(existing: dict[str, Any] | None) -> dict[str, Any]:
    """The chart's root schema plus ``properties.networkPolicy`` and our definitions (everything else kept).

    Without a chart schema: a draft-07 root schema holding only our section. The
    root never gets ``additionalProperties: false`` (Helm injects ``global``).
    """
    section, definitions = section_for_chart()
    if existing is None:
        return {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {SECTION: section},
            "definitions": definitions,
        }
    merged = copy.deepcopy(existing)
    properties = merged.setdefault("properties", {})
    chart_definitions = merged.setdefault("definitions", {})
    if not isinstance(properties, dict) or not isinstance(chart_definitions, dict):
        raise InputError(f"the chart's {SCHEMA_FILE} has a 'properties' or 'definitions' that is not an object")
    properties[SECTION] = section
    chart_definitions.update(definitions)
    return merged


def merge_schema_into(chart_dir: Path, source: Path) -> None:
    """Merge our section into ``chart_dir/values.schema.json`` (the chart copy); subchart schemas untouched."""
    path = chart_dir / SCHEMA_FILE
    existing: dict[str, Any] | None = None
    if path.is_file():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"{source}: cannot read its {SCHEMA_FILE}: {error}") from None
        if not isinstance(loaded, dict):
            raise InputError(f"{source}: its {SCHEMA_FILE} is not a JSON object")
        existing = loaded
    replace_file(path, json.dumps(merged_schema(existing), indent=2) + "\n")  # may be a hard link


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def check_destination(target: Path, option: str, chart_source: Path) -> None:
    """InputError unless ``target`` may be (re)written by ``option`` (see the module docstring)."""
    resolved = target.resolve()
    if chart_source.exists() and _inside(resolved, chart_source.resolve()):
        raise InputError(f"{option} {target}: inside the chart {chart_source}, which aaoi-netpol never modifies")
    existing = _nearest_existing(resolved)
    if existing != resolved and not existing.is_dir():
        raise InputError(f"{option} {target}: {existing} is not a directory")
    writable = existing if existing != resolved else resolved.parent  # DIR is replaced by a rename in its parent
    if not os.access(writable, os.W_OK | os.X_OK):
        raise InputError(f"{option} {target}: cannot create files in {writable} (permission denied)")
    problem = blocking_entry(resolved, option)
    if problem is not None:
        raise InputError(f"{option} {target}: {problem}")


def check_destinations(output_dir: Path | None, chart_dir: Path | None, chart_source: Path) -> None:
    """Both destinations of ``render`` (either may be None): each checked, and neither inside the other."""
    if output_dir is not None and chart_dir is not None:
        out, written = output_dir.resolve(), chart_dir.resolve()
        if _inside(out, written) or _inside(written, out):
            raise InputError(f"--output-dir {output_dir} and --write-chart {chart_dir}: the same directory or "
                             "one inside the other (each replaces its directory whole); choose two apart")
    for target, option in ((output_dir, "--output-dir"), (chart_dir, "--write-chart")):
        if target is not None:
            check_destination(target, option, chart_source)


def write_chart(chart_dir: Path, target: Path) -> None:
    """Copy the prepared chart (overlay injected, schema merged) to ``target``: real copies, never links."""
    replace_directory(target, "--write-chart",
                      lambda content: shutil.copytree(chart_dir, content, copy_function=shutil.copy2))


def _file_stem(manifest: Manifest, index: int) -> str:
    if not (manifest.kind and manifest.name):
        return f"document-{index:03d}"
    return re.sub(r"[^a-z0-9.-]+", "-", f"{manifest.kind}-{manifest.name}".lower()).strip("-.")


def output_file_names(manifests: list[Manifest]) -> list[str]:
    """``<kind>-<name>.yaml`` lowercased; a repeated name (same kind and name twice) gets ``-2``, ``-3``…"""
    names: list[str] = []
    taken: set[str] = set()
    for index, manifest in enumerate(manifests, start=1):
        stem, name, number = _file_stem(manifest, index), "", 1
        while not name or name in taken:
            name = f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"
            number += 1
        taken.add(name)
        names.append(name)
    return names


def write_output_dir(manifests: list[Manifest], target: Path) -> list[str]:
    """One file per object in ``target``; returns the file names."""
    names = output_file_names(manifests)

    def fill(content: Path) -> None:
        content.mkdir()
        for name, manifest in zip(names, manifests, strict=True):
            (content / name).write_text(f"---\n{manifest.text.rstrip()}\n", encoding="utf-8")

    replace_directory(target, "--output-dir", fill)
    return names
