"""The schemas we ship: valid draft-07, documented, in sync, and the bundled defaults equal Helm's view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from aaoi_netpol.resources import BUNDLED_DEFAULTS
from aaoi_netpol.schema import section_schema, values_file_schema
from tests.conftest import REPO_ROOT, SHARED_AAOI, Helm, run_cli


def _keys_of_section(schema: dict[str, Any], node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}", child
        if "$ref" not in child:
            yield from _keys_of_section(schema, child, f"{path}.{name}")
    for name, definition in schema.get("definitions", {}).items() if path == "networkPolicy" else ():
        yield from _keys_of_section({}, definition, name)


def test_section_schema_is_valid_draft7() -> None:
    Draft7Validator.check_schema(section_schema())
    assert section_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_every_key_of_the_section_has_a_description_and_every_option_a_default() -> None:
    for path, node in _keys_of_section(section_schema(), section_schema(), "networkPolicy"):
        assert node.get("description"), f"{path} has no description"
        if path.startswith("networkPolicy") and "$ref" not in node:
            assert "default" in node, f"{path} has no default"


def test_no_unknown_key_is_accepted_anywhere_in_the_section() -> None:
    schema = section_schema()
    assert schema["additionalProperties"] is False
    objects = [schema, *schema["definitions"].values(), *schema["properties"].values()]
    for node in objects:
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, node.get("description")


def test_contract_keys_are_all_in_the_schema() -> None:
    contract = ["enabled", "ingressController", "apiGateways", "adminNodeManagers", "monitoring",
                "elasticsearch", "kibana", "logstash", "apibuilder4elastic", "apmServer", "filebeat", "egress"]
    assert set(contract) <= set(section_schema()["properties"])
    egress = section_schema()["properties"]["egress"]["properties"]
    assert set(egress) == {"enabled", "dns", "apiManagement", "externalElasticsearch", "extraEgress"}


def test_values_file_schema_on_disk_is_generated_from_the_section_schema() -> None:
    on_disk = json.loads((REPO_ROOT / "schemas" / "aaoi-values.schema.json").read_text())
    assert on_disk == values_file_schema(), "run: aaoi-netpol schema --values-file > schemas/aaoi-values.schema.json"
    assert "additionalProperties" not in on_disk  # the chart's own keys stay open


def test_schema_command_prints_the_section_schema() -> None:
    result = run_cli(["schema"])
    assert result.returncode == 0
    assert json.loads(result.stdout) == section_schema()
    whole = run_cli(["schema", "--values-file"])
    assert json.loads(whole.stdout) == values_file_schema()


def test_bundled_defaults_equal_what_helm_reads_from_the_chart_values(helm: Helm, tmp_path: Path) -> None:
    chart = tmp_path / "defaults-probe"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: defaults-probe\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text((SHARED_AAOI / "values" / "chart-defaults.yaml").read_text())
    (chart / "templates" / "values.yaml").write_text("values: {{ toJson .Values | quote }}\n")
    import yaml

    rendered = yaml.safe_load(helm.run(["template", str(chart)]).stdout)
    helm_view = json.loads(rendered["values"])
    ours = json.loads(BUNDLED_DEFAULTS.read_text())
    if helm.major >= 4:  # Helm 4 drops keys whose default is null; Helm 3 keeps them (docs/helm-differences.md)
        ours = _without_nulls(ours)
        assert ours != json.loads(BUNDLED_DEFAULTS.read_text()), "the defaults hold null keys: this case is real"
    # Helm goes through JSON: every number is a float there
    assert json.loads(json.dumps(ours), parse_int=float) == json.loads(json.dumps(helm_view), parse_int=float)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(child) for key, child in value.items() if child is not None}
    return value


@pytest.mark.parametrize("schema_file", ["networkpolicy.schema.json", "aaoi-values.schema.json"])
def test_schema_files_are_valid_json_and_draft7(schema_file: str) -> None:
    Draft7Validator.check_schema(json.loads((REPO_ROOT / "schemas" / schema_file).read_text()))
