"""Helpers for the init / lint --fix / Action tests: the CLI in-process, byte comparisons, a values dump by Helm."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from aaoi_netpol.cli import run
from tests.support import STANDIN_CHART, Helm

AUTHORING = Path(__file__).resolve().parent / "fixtures" / "authoring"

# A template that makes Helm print the values it computed, so a test compares Helm's own reading of a file.
VALUES_DUMP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: values-dump
data:
  values.json: {{ toJson .Values | quote }}
"""


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """The CLI run in this process (exit code, stdout, stderr)."""
    code = run([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def copy_fixture(name: str, directory: Path, newline: bytes = b"\n") -> Path:
    """A fixture copied into ``directory``, with its line breaks turned into ``newline``."""
    data = (AUTHORING / name).read_bytes()
    target = directory / name
    target.write_bytes(data.replace(b"\n", newline))
    return target


def changed_lines(old: bytes, new: bytes) -> dict[int, bytes]:
    """1-based line number -> new line, for the lines that differ; the files must have as many lines."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines), "a fix must not add or remove lines"
    return {number: after for number, (before, after) in enumerate(zip(old_lines, new_lines, strict=True), start=1)
            if before != after}


def dumping_chart(directory: Path) -> Path:
    """The stand-in chart copied, with a template that dumps the computed values."""
    chart = directory / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    (chart / "templates" / "zz-values-dump.yaml").write_text(VALUES_DUMP, encoding="utf-8")
    return chart


def helm_reading(helm: Helm, chart: Path, values: Sequence[Path]) -> tuple[dict[str, Any], list[Any]]:
    """What Helm makes of the values: the computed values, and every other rendered object."""
    args = ["template", "axway-elk", str(chart), "-n", "apim-elk"]
    for path in values:
        args += ["-f", str(path)]
    documents = [d for d in yaml.safe_load_all(helm.run(args).stdout) if d]
    dump = next(d for d in documents if d.get("metadata", {}).get("name") == "values-dump")
    # the chart's test pod has a random name (randAlpha): mask it so two renderings compare
    others = [json.loads(_RANDOM_TEST_NAME.sub("-random-test", json.dumps(d))) for d in documents if d is not dump]
    return json.loads(dump["data"]["values.json"]), others


_RANDOM_TEST_NAME = re.compile(r"-[a-z]{5}-test\b")
