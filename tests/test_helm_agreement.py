"""Our schema verdict on every corpus case equals real Helm's, on Helm 3 and Helm 4 (issue 2, point 6).

Each case under ``tests/corpus`` is a values file (or a pair ``pair-NN-a.yaml``/``pair-NN-b.yaml``
used as ``-f a -f b``) whose header states Helm's verdict::

    # expect: pass|fail            Helm 3 and Helm 4 agree
    # expect-helm3: pass|fail      the two versions read the file differently:
    # expect-helm4: pass|fail      our verdict must then be "fail" (we flag the file, NP000)

A chart built once per session carries the bundled AAOI defaults as ``values.yaml`` and
``values_file_schema()`` as ``values.schema.json``; ``helm lint`` and ``helm template`` run on it
with the case's ``-f`` files. Helm's error wording is never read, only its exit code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aaoi_netpol.lint import LintOptions, lint_paths
from aaoi_netpol.resources import BUNDLED_DEFAULTS
from aaoi_netpol.schema import values_file_schema
from aaoi_netpol.value_flags import ValueFlags
from tests.corpus_support import CORPUS, Case, corpus_cases
from tests.support import Helm, run_cli

VERDICT_RULES = ("NP000", "NP001")  # NP002 (duplicate keys) is a separate rule: Helm accepts those files
CASES = corpus_cases()


def our_verdict(files: tuple[Path, ...]) -> str:
    report = lint_paths([files[-1]], LintOptions(ValueFlags(files[:-1])))
    failed = bool(report.input_errors) or any(
        d.rule in VERDICT_RULES and d.severity.value == "error" for d in report.diagnostics)
    return "fail" if failed else "pass"


def build_agreement_chart(where: Path) -> Path:
    """A chart whose values and schema are what ``helm install`` of AAOI with our schema would see."""
    chart = where / "aaoi-agreement"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: aaoi-agreement\nversion: 0.1.0\n", encoding="utf-8")
    shutil.copyfile(BUNDLED_DEFAULTS, chart / "values.yaml")  # JSON is YAML
    (chart / "values.schema.json").write_text(json.dumps(values_file_schema(), indent=2), encoding="utf-8")
    (chart / "templates" / "configmap.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-agreement\n"
        "data:\n  enabled: {{ .Values.networkPolicy | default dict | toJson | quote }}\n", encoding="utf-8")
    return chart


@pytest.fixture(scope="session")
def agreement_chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_agreement_chart(tmp_path_factory.mktemp("agreement"))


def helm_verdicts(helm: Helm, chart: Path, files: tuple[Path, ...]) -> dict[str, str]:
    values = [argument for path in files for argument in ("-f", str(path))]
    verdicts = {}
    for command in ("lint", "template"):
        result = helm.run([command, str(chart), *values], check=False)
        verdicts[command] = "fail" if result.returncode else "pass"
    return verdicts


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    assert {c.expected[3] for c in CASES} == {"pass", "fail"}
    for path in CORPUS.glob("pair-*-a.yaml"):
        assert path.with_name(path.name.replace("-a.yaml", "-b.yaml")).is_file(), path.name
    for case in CASES:
        for path in case.files:
            assert path.read_text(encoding="utf-8").strip(), f"{path.name} is empty"


@pytest.mark.helm
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_schema_verdict_agrees_with_helm(helm: Helm, agreement_chart: Path, case: Case) -> None:
    verdicts = helm_verdicts(helm, agreement_chart, case.files)
    assert verdicts["lint"] == verdicts["template"], f"helm {helm.version}: lint and template disagree"
    assert verdicts["lint"] == case.expected[helm.major], (
        f"helm {helm.version} says {verdicts['lint']}, the corpus header says {case.expected[helm.major]}")
    ours = our_verdict(case.files)
    if case.versions_differ:
        assert ours == "fail", "a file Helm 3 and Helm 4 read differently must be flagged"
    else:
        assert ours == verdicts["lint"], f"aaoi-netpol says {ours}, helm {helm.version} says {verdicts['lint']}"


def test_cli_reaches_the_same_verdicts() -> None:
    """The real CLI (one process, every single-file case) finds what the in-process pipeline finds."""
    singles = [case for case in CASES if len(case.files) == 1]
    result = run_cli(["lint", "--format", "json", *(str(case.files[0]) for case in singles)])
    assert result.returncode in (1, 2), result.stderr
    document = json.loads(result.stdout)
    failing = {Path(f["file"]).name for f in document["findings"]
               if f["rule"] in VERDICT_RULES and f["severity"] == "error"}
    failing |= {case.files[0].name for case in singles if any(case.files[0].name in e for e in
                                                              document["inputErrors"])}
    for case in singles:
        assert ("fail" if case.files[0].name in failing else "pass") == case.ours_expected, case.name
