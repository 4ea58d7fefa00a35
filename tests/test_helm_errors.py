"""Clear errors from ``render`` and ``lint --chart`` (Helm 3 and Helm 4, in process with the real Helm).

- A chart that is not apim4elastic 4.x: one line naming what was expected, exit
  2, before Helm runs (a `helm create` chart, as a directory and as a .tgz).
- Helm failing: its own error (the chart's ``required`` message, template file
  and line) in a few lines; ``--debug`` shows all of Helm's stderr.
- A rendered Ingress that differs from what the values say stops the render.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from aaoi_netpol.render.helm_errors import helm_error_summary
from tests.cli_in_process import cli
from tests.support import STANDIN_CHART, Helm, package, write

REQUIRED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: needs-anm
data:
  anm: {{ required "apibuilder4elastic.anmUrl is required: the Admin-Node-Manager URL"
           .Values.apibuilder4elastic.anmUrl | quote }}
"""
ENABLED = "networkPolicy:\n  enabled: true\n"


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("note:")]


@pytest.fixture
def values(tmp_path: Path) -> Path:
    return write(tmp_path / "values.yaml", ENABLED)


def test_a_chart_that_is_not_aaoi_is_one_line_before_helm_runs(helm: Helm, tmp_path: Path, values: Path) -> None:
    helm.run(["create", "foo"], cwd=tmp_path)
    chart = tmp_path / "foo"
    archive = package(helm, chart, tmp_path / "packaged")
    for target in (chart, archive):
        for args in (["render", str(target), "-f", str(values)], ["lint", "--chart", str(target), str(values)]):
            code, out, err = cli(helm, *args, "--no-config")
            assert code == 2 and out == "", err
            assert error_lines(err) == [f"aaoi-netpol: error: {target}: chart 'foo' 0.1.0 is not the AAOI chart: "
                                        "aaoi-netpol renders apim4elastic 4.x (>= 4.0.0, < 5.0.0)"]
    # before Helm runs: a helm that does not exist is never looked for
    code, _, err = cli(helm, "render", str(chart), "--helm", str(tmp_path / "no-helm"), "--no-config")
    assert code == 2 and "is not the AAOI chart" in err and "helm not found" not in err


@pytest.mark.parametrize("version", ["5.0.0", "3.9.1", "four"])
def test_an_unsupported_version_is_refused(helm: Helm, tmp_path: Path, values: Path, version: str) -> None:
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    text = (chart / "Chart.yaml").read_text(encoding="utf-8").replace("version: 4.5.0", f"version: {version}")
    (chart / "Chart.yaml").write_text(text, encoding="utf-8")
    code, _, err = cli(helm, "render", str(chart), "-f", str(values), "--no-config")
    assert code == 2
    assert error_lines(err) == [f"aaoi-netpol: error: {chart}: apim4elastic version {version} is not supported: "
                                "aaoi-netpol renders apim4elastic 4.x (>= 4.0.0, < 5.0.0)"]


@pytest.fixture
def chart_with_required(tmp_path: Path) -> Path:
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    write(chart / "templates" / "needs-anm.yaml", REQUIRED)
    return chart


def test_helm_failing_shows_its_own_error_in_a_few_lines(helm: Helm, chart_with_required: Path,
                                                         values: Path) -> None:
    where = "apim4elastic/templates/needs-anm.yaml:"
    message = "apibuilder4elastic.anmUrl is required: the Admin-Node-Manager URL"
    code, out, err = cli(helm, "render", str(chart_with_required), "-f", str(values), "--no-config")
    lines = error_lines(err)
    assert code == 2 and out == ""
    assert lines[0].startswith("error: helm failed (exit 1): ") and len(lines) == 3, err
    assert lines[1].startswith("helm: ")  # Helm's own words are marked as Helm's
    assert lines[1].removeprefix("helm: ").startswith(where) and lines[1].endswith(f": {message}")
    assert lines[2].strip() == "(--debug shows Helm's whole output)"
    code, _, err = cli(helm, "lint", "--chart", str(chart_with_required), str(values), "--no-config")
    assert code == 2
    (line,) = [line for line in error_lines(err) if line.startswith("error:")]
    assert line.startswith(f"error: helm template failed (exit 1): {where}") and line.endswith(message)


def test_debug_shows_all_of_helms_stderr(helm: Helm, chart_with_required: Path, values: Path) -> None:
    # Helm reads HELM_DEBUG too: under `helm --debug` it prints its own debug log, and all of it is shown
    full = subprocess.run([str(helm.path), "template", "r", str(chart_with_required), "-f", str(values)],
                          capture_output=True, text=True, env={**helm.env, "HELM_DEBUG": "true"}).stderr
    error = next(line for line in full.splitlines() if line.startswith("Error: execution error at ("))
    debug_marker = "[debug]" if helm.major == 3 else "level=DEBUG"
    assert debug_marker in full
    for args in (["render", str(chart_with_required), "-f", str(values)],
                 ["lint", "--chart", str(chart_with_required), str(values)]):
        code, _, err = cli(helm, *args, "--no-config", debug=True)
        assert code == 2 and error in err and debug_marker in err, err


def test_a_rendered_ingress_of_another_class_stops_the_render(helm: Helm, tmp_path: Path, values: Path) -> None:
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    template = chart / "charts" / "kibana" / "templates" / "ingress.yaml"
    text = template.read_text(encoding="utf-8")
    template.unlink()
    template.write_text(text.replace("ingressClassName: {{ . | quote }}", 'ingressClassName: "traefik"'),
                        encoding="utf-8")
    code, out, err = cli(helm, "render", str(chart), "-f", str(values), "--no-config")
    assert code == 1 and out == ""
    assert ("the Ingress of kibana (from charts/kibana/templates/ingress.yaml) was rendered with ingressClassName "
            "traefik") in err and "read ingressClassName nginx" in err
    code, out, _ = cli(helm, "lint", "--chart", str(chart), str(values), "--no-config")
    assert code == 1 and "NP900 rendered output: the Ingress of kibana" in out


@pytest.mark.parametrize(("stderr", "expected"), [
    ('Error: template: c/templates/a.yaml:9:10: executing "c/templates/a.yaml" at <include "x" .>: error calling '
     'include: template: c/templates/_h.tpl:7:3: executing "x" at <required "need url, e.g. https://h:8090/a.yaml:1"'
     ' .Values.u>: error calling required: need url, e.g. https://h:8090/a.yaml:1\n\nUse --debug flag to render '
     'out invalid YAML\n', ["c/templates/_h.tpl:7:3: need url, e.g. https://h:8090/a.yaml:1"]),
    ('Error: parse error at (c/templates/b.yaml:1): function "nope" not defined\n',
     ['c/templates/b.yaml:1: function "nope" not defined']),
    ("Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- a: bad\n",
     ["Error: values don't meet the specifications of the schema(s) in the following chart(s):", "c:", "- a: bad"]),
    ("", []),
])
def test_helm_error_summary(stderr: str, expected: list[str]) -> None:
    assert helm_error_summary(stderr) == expected
