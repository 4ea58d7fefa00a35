"""``render --write-chart DIR``: a chart Helm 3 and Helm 4 lint, template and validate natively."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aaoi_netpol.render.write_chart import merged_schema
from aaoi_netpol.render.written_dirs import RECORD, file_hash
from aaoi_netpol.resources import overlay_templates_dir
from tests.support import EXAMPLE_VALUES as MYVALUES
from tests.support import (
    Helm,
    RenderRun,
    assert_valid_policies,
    copy_standin,
    documents,
    np_values,
    ours,
    package,
    snapshot,
    write,
)

CHART_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["kibana"],
    "properties": {"kibana": {"type": "object"}, "networkPolicy": {"type": "string"}},
    "definitions": {"port": {"type": "integer"}},
    "x-chart-own": True,
}
SUBCHART_SCHEMA = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                   "properties": {"replicas": {"type": "integer"}}}


@pytest.fixture
def run(helm: Helm) -> RenderRun:
    return RenderRun(helm)


def bad_values(tmp_path: Path) -> list[Path]:
    return [np_values(tmp_path, "networkPolicy:\n  enabled: maybe\n", "bad1.yaml"),
            np_values(tmp_path, "networkPolicy:\n  enabled: true\n  egress:\n    dns:\n      - ipBlock: {cidr: 1}\n",
                      "bad2.yaml"),
            np_values(tmp_path, "networkPolicy:\n  enabled: true\n  ingressControler: []\n", "bad3.yaml")]


def test_written_chart_lints_templates_and_validates_natively(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    np = np_values(tmp_path)
    target = tmp_path / "written"
    result = run.render(str(chart), "-f", str(MYVALUES), "-f", str(np), "--write-chart", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote the chart with the aaoi-netpol overlay to {target}" in result.stderr
    schema = json.loads((target / "values.schema.json").read_text())
    assert list(schema["properties"]) == ["networkPolicy"]
    assert "additionalProperties" not in schema
    assert all(key.startswith("aaoi-netpol.") for key in schema["definitions"])
    assert (target / "templates" / "_aaoi-netpol-helpers.tpl").is_file()
    overlay = {f"templates/{p.name}" for p in overlay_templates_dir().iterdir()}
    assert set(snapshot(target)) == set(snapshot(chart)) | overlay | {"values.schema.json", RECORD}
    record = json.loads((target / RECORD).read_text())
    assert record["option"] == "--write-chart" and set(record["files"]) == set(snapshot(target)) - {
        RECORD, *record["directories"]}
    assert all(file_hash(target / name) == digest for name, digest in record["files"].items())
    assert all(snapshot(target)[name] == content for name, content in snapshot(chart).items())
    assert all((target / p.relative_to(chart)).stat().st_ino != p.stat().st_ino
               for p in chart.rglob("*") if p.is_file())  # real copies: editing DIR never edits the chart

    helm = run.helm
    assert helm.run(["lint", str(target), "-f", str(MYVALUES), "-f", str(np)], check=False).returncode == 0
    assert helm.run(["lint", str(target)], check=False).returncode == 0
    for bad in bad_values(tmp_path):
        linted = helm.run(["lint", str(target), "-f", str(bad)], check=False)
        assert linted.returncode != 0, bad.read_text()
        assert "networkPolicy" in linted.stdout + linted.stderr
        assert helm.run(["template", "r", str(target), "-f", str(bad)], check=False).returncode != 0
    rendered = helm.run(["template", "axway-elk", str(target), "-f", str(MYVALUES), "-f", str(np)])
    policies = ours(documents(rendered.stdout))
    assert_valid_policies(policies)
    via_render = run.render(str(chart), "-f", str(MYVALUES), "-f", str(np), "--policies-only")
    assert policies == documents(via_render.stdout)


def test_existing_root_schema_is_kept_and_subchart_schemas_untouched(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    write(chart / "values.schema.json", json.dumps(CHART_SCHEMA))
    sub_schema = write(chart / "charts" / "kibana" / "values.schema.json", json.dumps(SUBCHART_SCHEMA))
    run.keep(chart)
    np = np_values(tmp_path)
    target = tmp_path / "written"
    result = run.render(str(chart), "-f", str(np), "--write-chart", str(target))
    assert result.returncode == 0, result.stderr
    schema = json.loads((target / "values.schema.json").read_text())
    assert schema["x-chart-own"] is True and schema["required"] == ["kibana"]
    assert schema["properties"]["kibana"] == {"type": "object"}
    assert schema["properties"]["networkPolicy"]["additionalProperties"] is False
    assert schema["definitions"]["port"] == {"type": "integer"}
    assert "aaoi-netpol.NetworkPolicyPeer" in schema["definitions"]
    assert (target / "charts" / "kibana" / "values.schema.json").read_bytes() == sub_schema.read_bytes()
    assert run.helm.run(["lint", str(target), "-f", str(np)], check=False).returncode == 0
    bad = bad_values(tmp_path)[0]
    assert run.helm.run(["lint", str(target), "-f", str(bad)], check=False).returncode != 0
    sub_bad = np_values(tmp_path, "kibana:\n  replicas: many\n", "sub.yaml")  # the subchart's schema still works
    assert run.helm.run(["lint", str(target), "-f", str(sub_bad)], check=False).returncode != 0


def test_write_chart_from_tgz_and_rewrite_rules(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    archive = package(run.helm, chart, tmp_path / "packaged")
    foreign = write(tmp_path / "foreign" / "keep.txt", "mine\n").parent
    run.keep(chart, archive, foreign)
    np = np_values(tmp_path)
    target = tmp_path / "written"
    first = run.render(str(archive), "-f", str(np), "--write-chart", str(target))
    assert first.returncode == 0, first.stderr
    (target / "values.yaml").unlink()  # deleting a file we wrote is fine; the next run writes it again
    again = run.render(str(archive), "-f", str(np), "--write-chart", str(target))  # an earlier output: replaced
    assert again.returncode == 0, again.stderr
    assert (target / "values.yaml").is_file() and (target / "Chart.yaml").is_file()
    assert run.helm.run(["lint", str(target), "-f", str(np)], check=False).returncode == 0
    added = write(target / "templates" / "mine.yaml", "# the user's own\n")
    refused = run.render(str(archive), "-f", str(np), "--write-chart", str(target))
    assert refused.returncode == 2 and refused.stderr.count("error") == 1
    assert "templates/mine.yaml was not written by aaoi-netpol: nothing was replaced" in refused.stderr
    assert added.read_text() == "# the user's own\n"
    added.unlink()
    with (target / "Chart.yaml").open("a") as edited:
        edited.write("# edited\n")
    refused = run.render(str(archive), "-f", str(np), "--write-chart", str(target))
    assert refused.returncode == 2 and "Chart.yaml was changed after aaoi-netpol wrote it" in refused.stderr
    assert (target / "Chart.yaml").read_text().endswith("# edited\n")
    refused = run.render(str(chart), "-f", str(np), "--write-chart", str(foreign))
    assert refused.returncode == 2 and "not an earlier --write-chart output" in refused.stderr
    inside = run.render(str(chart), "-f", str(np), "--write-chart", str(chart / "out"))
    assert inside.returncode == 2 and "never modifies" in inside.stderr
    both = run.render(str(chart), "-f", str(np), "--write-chart", str(tmp_path / "w2"), "--output-dir",
                      str(tmp_path / "o2"), "--policies-only")
    assert both.returncode == 0, both.stderr
    assert (tmp_path / "w2" / "Chart.yaml").is_file()
    assert all(p.name.startswith("networkpolicy-") for p in (tmp_path / "o2").glob("*.yaml"))
    collision = run.render(str(target), "-f", str(np))  # a written chart already holds the overlay
    assert collision.returncode == 2 and "already exists" in collision.stderr


def test_merged_schema_never_closes_the_root() -> None:
    assert "additionalProperties" not in merged_schema(None)
    kept = merged_schema({"type": "object", "additionalProperties": True, "properties": {"a": {}}})
    assert kept["additionalProperties"] is True and set(kept["properties"]) == {"a", "networkPolicy"}
