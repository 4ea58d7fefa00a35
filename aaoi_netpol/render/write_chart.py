"""Writing results to disk: ``--write-chart DIR`` and ``--output-dir DIR``.

Both write into a staging directory beside DIR and move it into place at the
end, so DIR is never left half-written. DIR must not exist, be empty, or be
an earlier output of the same option, which is then replaced whole:

- ``--write-chart``: a chart (Chart.yaml) whose templates/ holds aaoi-netpol's
  overlay templates (``aaoi-netpol-*.yaml``, ``_aaoi-netpol-*.tpl``);
- ``--output-dir``: a directory holding the ``.aaoi-netpol-output`` marker this
  option writes (kubectl apply -f DIR ignores it: it reads .yaml/.yml/.json).

DIR may not be inside the user's chart (the chart is never modified).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.render.chart_copy import replace_file
from aaoi_netpol.render.manifests import Manifest

SECTION = "networkPolicy"
OUTPUT_MARKER = ".aaoi-netpol-output"
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


def _is_previous_chart(directory: Path) -> bool:
    templates = directory / "templates"
    return (directory / "Chart.yaml").is_file() and templates.is_dir() and any(
        templates.glob("aaoi-netpol-*.yaml")) and any(templates.glob("_aaoi-netpol-*.tpl"))


def _is_previous_output(directory: Path) -> bool:
    return (directory / OUTPUT_MARKER).is_file()


def check_destination(target: Path, option: str, chart_source: Path) -> None:
    """InputError unless ``target`` may be (re)written by ``option`` (see the module docstring)."""
    resolved = target.resolve()
    if chart_source.is_dir() and _inside(resolved, chart_source.resolve()):
        raise InputError(f"{option} {target}: inside the chart {chart_source}, which aaoi-netpol never modifies")
    if not target.exists():
        return
    if not target.is_dir():
        raise InputError(f"{option} {target}: exists and is not a directory")
    if not any(target.iterdir()):
        return
    previous = _is_previous_chart if option == "--write-chart" else _is_previous_output
    if not previous(target):
        raise InputError(f"{option} {target}: directory is not empty and not an earlier {option} output; "
                         "choose a new or empty directory")


def replace_directory(target: Path, fill: Callable[[Path], object]) -> None:
    """Build the new content in a staging directory beside ``target``, then swap it in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.aaoi-netpol-", dir=target.parent))
    retired = staging.with_name(staging.name + ".old")
    try:
        content = staging / "content"
        fill(content)
        if target.exists():
            target.rename(retired)
        try:
            content.rename(target)
        except OSError:
            if retired.exists():
                retired.rename(target)
            raise
    except OSError as error:
        raise InputError(f"cannot write {target}: {error}") from None
    finally:
        shutil.rmtree(retired, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def write_chart(chart_dir: Path, target: Path) -> None:
    """Copy the prepared chart (overlay injected, schema merged) to ``target``: real copies, never links."""
    replace_directory(target, lambda content: shutil.copytree(chart_dir, content, copy_function=shutil.copy2))


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
        (content / OUTPUT_MARKER).write_text("written by aaoi-netpol render --output-dir; "
                                             "the directory is replaced whole on the next run\n", encoding="utf-8")
        for name, manifest in zip(names, manifests, strict=True):
            (content / name).write_text(f"---\n{manifest.text.rstrip()}\n", encoding="utf-8")

    replace_directory(target, fill)
    return names
