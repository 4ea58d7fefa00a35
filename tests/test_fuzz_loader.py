"""Fuzzing the values reader: any text or bytes give a LoadedFile or an InputError, never another exception.

Settings come from :mod:`tests.fuzz_support` (``AAOI_NETPOL_FUZZ=ci|long``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.values_file import read_values_file, values_from_text
from aaoi_netpol.yaml_loader import LoadedFile
from tests.fuzz_support import dump, fuzz_settings, json_values, yaml_like_text


def _read(text: str) -> LoadedFile | None:
    try:
        loaded = values_from_text(text, "fuzz.yaml")
    except InputError as error:
        assert "\n" not in str(error), f"a multi-line message: {error!r}"
        return None
    assert isinstance(loaded.values, dict)
    for problem in loaded.problems:
        assert problem.file == "fuzz.yaml" and problem.line >= 1 and problem.col >= 1
        assert "\n" not in problem.message, f"a multi-line finding: {problem.message!r}"
    return loaded


@fuzz_settings(ci_examples=300)
@given(yaml_like_text())
def test_yaml_like_text(text: str) -> None:
    _read(text)


@fuzz_settings(ci_examples=100)
@given(st.text())
def test_any_text(text: str) -> None:
    _read(text)


@fuzz_settings(ci_examples=100)
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            read_values_file(path)
        except InputError as error:
            assert "\n" not in str(error)


@fuzz_settings(ci_examples=100)
@given(st.dictionaries(st.text(max_size=8), json_values(), max_size=4))
def test_dumped_values_read_back(values: dict[str, Any]) -> None:
    """What PyYAML writes is YAML; we read it without an exception (values may differ: YAML 1.1 vs 1.2)."""
    loaded = _read(dump(values))
    assert loaded is None or loaded.parsed or loaded.problems
