"""Our loader reads tricky YAML 1.1 exactly as Helm does: compared with ``{{ toJson .Values }}``.

A chart with an empty ``values.yaml`` renders its values as JSON; for each file below, ``helm
template -f file`` gives Helm's own view, which must equal our loader's values (numbers compared
as floats, since Helm's values went through JSON). Where Helm cannot read a file, our loader must
report NP000 (or refuse the file). Both Helm versions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.values_file import read_values_file as load_values_file
from tests.support import Helm

READABLE: dict[str, str] = {
    "booleans": "b: [y, Y, yes, Yes, YES, n, N, no, NO, on, On, ON, off, Off, OFF, true, True, TRUE, false,"
                " FALSE, tRUE, yES, oN, 'yes', \"on\"]\n",
    "nulls": "n: [~, null, Null, NULL, nULL, '~', \"null\"]\nempty:\nblank: ''\n",
    "integers": "i: [0, 00, 0755, 08, 0x1F, 0X1f, 0o17, 0b101, -0b101, +0x10, -0x10, 1_000, 0_8, +5, -0,"
                " 9223372036854775807, 9223372036854775808, 18446744073709551615, 18446744073709551616,"
                " -9223372036854775809, +18446744073709551615]\n",
    "floats": "f: [1.5, 1e3, 1E3, 1.e3, .5, -.5, +.5, .5e4, 1_0.5, .5_5, 5044.0, 1e400, 0.1, -0.0, 1e-7,"
              " 123456789.123, 6.02e+23]\n",
    "strings": "s: [1:30, 2001-12-14, 2001-12-14t21:59:43.10-05:00, 0x, 0b, 0xG, 1e, ., 1__0, _1, 1_, +, -,"
               " 1.2.3, 0.1.2, v1, 10.0.0.0/8, '0755', \"1e3\", yes please]\n",
    "keys": "k:\n  1: int\n  1.5: float\n  1000000.0: big\n  1234567.0: seven\n  3.14159265: pi\n  true: bool\n"
            "  y: ybool\n  0x10: hex\n  1e3: exp\n  -0.0: negzero\n  '2': quoted\n",
    # Not here: keys that collide after conversion (1 and '1'): Helm keeps either, in Go's random map order.
    "tags": "t:\n  a: !!int \"42\"\n  b: !!float 5\n  c: !!bool \"yes\"\n  d: !!str 5\n  e: !!null \"\"\n"
            "  f: !local bar\n  g: ! 5\n  h: !!binary aGVsbG8=\n  i: !!timestamp 2001-12-14\n  j: !!str ~\n"
            "  k: &anchor ! true\n  l: !!float 1e3\n",
    "merge-keys": "base: &b {x: 1, y: 2}\nother: &o {y: 3, z: 4}\nm1:\n  <<: *b\n  x: 9\nm2:\n  x: 9\n  <<: *b\n"
                  "m3:\n  <<: [*b, *o]\nm4:\n  !!merge <<: *b\nm5:\n  \"<<\": *b\nm6:\n  <<: [{a: 1}, {a: 2, c: 3}]\n",
    "anchors": "seq: &s [1, {a: &x yes}]\nalias: *s\nscalar: *x\nnested: {a: {b: {c: null}}}\nem: {}\nes: []\n",
    "block-scalars": "lit: |\n  line1\n  line2\nfold: >\n  a\n  b\nstrip: |-\n  x\nkeep: |+\n  y\n\nend: 1\n",
    "quoting": "a: \"\\u00e9\\t\\x41\"\nb: 'it''s'\nc: plain # comment\nd: \"multi\n  line\"\ne: ¿unicode?\n",
    "duplicates": "a: 1\na: 2\nm: {x: 1}\nm: {y: 2}\n",
    "documents": "---\na: 1\n...\n",
    "yaml-directive-first-line-marker": "--- # comment\na: yes\n",
}
UNREADABLE: dict[str, str] = {
    "int-tag-on-bool": "a: !!int yes\n",
    "timestamp-tag-on-text": "a: !!timestamp foo\n",
    "bad-binary": "a: !!binary '***'\n",
    "merge-alias-to-list": "l: &l [{a: 1}]\nm:\n  <<: *l\n",
    "merge-scalar": "m:\n  <<: 5\n",
    "uint64-key": "m:\n  18446744073709551615: x\n",
    "null-key": "m:\n  ~: x\n",
    "list-key": "m:\n  ? [a, b]\n  : x\n",
    "infinity": "a: .inf\n",
    "nan": "a: [.NaN]\n",
    "syntax": "a: [1, 2\n",
    "tab-indent": "a:\n\tb: 1\n",
    "top-level-list": "- a\n- b\n",
}
# Helm 3 reads the first document, Helm 4 merges every '---' chunk: we read Helm 3's view and flag the file.
VERSION_DEPENDENT: dict[str, str] = {
    "two-documents": "a: 1\nm: {x: 1, z: 1}\n---\nb: 2\nm: {z: 2}\n",
    "directive": "%YAML 1.1\n---\na: yes\n",
    "separator-with-content": "--- {a: 1}\n",
    "empty-first-document": "---\n---\na: 1\n",
    "null-in-second-document": "a: 1\n---\na: null\n",
}


def as_json_numbers(value: Any) -> Any:
    """Numbers as floats: Helm's values went through JSON."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return [as_json_numbers(item) for item in value]
    return {key: as_json_numbers(item) for key, item in value.items()}


@pytest.fixture(scope="session")
def values_chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chart = tmp_path_factory.mktemp("fidelity") / "values-json"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: values-json\nversion: 0.1.0\n", encoding="utf-8")
    (chart / "values.yaml").write_text("", encoding="utf-8")
    (chart / "templates" / "values.json").write_text("{{ toJson .Values }}\n", encoding="utf-8")
    return chart


def helm_values(helm: Helm, chart: Path, values_file: Path) -> Any:
    """Helm's .Values as JSON, or None if Helm cannot read the file."""
    result = helm.run(["template", str(chart), "-f", str(values_file)], check=False)
    if result.returncode:
        return None
    rendered = result.stdout.split("values.json\n", 1)[1]
    return json.loads(rendered)


def our_view(path: Path) -> tuple[Any, list[str]]:
    """Our values and the NP000 problems (None values when the file is refused outright)."""
    try:
        loaded = load_values_file(path)
    except InputError as error:
        return None, [str(error)]
    problems = [d.message for d in loaded.problems if d.rule == "NP000"]
    return as_json_numbers(loaded.values), problems


@pytest.mark.helm
@pytest.mark.parametrize("name", sorted(READABLE))
def test_values_equal_helms(helm: Helm, values_chart: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(READABLE[name], encoding="utf-8")
    expected = helm_values(helm, values_chart, path)
    assert expected is not None, f"helm {helm.version} cannot read {name}"
    ours, problems = our_view(path)
    assert problems == []
    assert ours == as_json_numbers(expected)


@pytest.mark.helm
@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_for_helm_is_np000(helm: Helm, values_chart: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(UNREADABLE[name], encoding="utf-8")
    assert helm_values(helm, values_chart, path) is None, f"helm {helm.version} reads {name}"
    _, problems = our_view(path)
    assert problems, f"our loader reads {name} without a problem"


@pytest.mark.helm
@pytest.mark.parametrize("name", sorted(VERSION_DEPENDENT))
def test_version_dependent_files(helm: Helm, values_chart: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(VERSION_DEPENDENT[name], encoding="utf-8")
    helm_view = helm_values(helm, values_chart, path)
    ours, problems = our_view(path)
    assert len(problems) == 1 and "Helm 4" in problems[0], problems
    if helm.major == 3:
        assert helm_view is not None and ours == as_json_numbers(helm_view), "we read what Helm 3 reads"
    else:
        assert helm_view is None or ours != as_json_numbers(helm_view), "Helm 4 reads it otherwise"
