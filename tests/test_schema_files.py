"""The schemas we ship: valid draft-07, documented, in sync, and the bundled defaults equal Helm's view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from aaoi_netpol.schema import section_schema, values_file_schema
from tests.chart_views import assert_bundled_defaults_are_helms_view
from tests.support import REPO_ROOT, STANDIN_CHART, Helm, run_cli


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


@pytest.mark.helm
def test_bundled_defaults_equal_what_helm_reads_from_the_chart_values(helm: Helm, tmp_path: Path) -> None:
    """The stand-in chart's values.yaml (the chart's defaults without comments; test_shared_reference.py
    checks it against the real one, and the bundled defaults against the real one too)."""
    assert_bundled_defaults_are_helms_view(helm, tmp_path, STANDIN_CHART / "values.yaml")


@pytest.mark.parametrize("schema_file", ["networkpolicy.schema.json", "aaoi-values.schema.json"])
def test_schema_files_are_valid_json_and_draft7(schema_file: str) -> None:
    Draft7Validator.check_schema(json.loads((REPO_ROOT / "schemas" / schema_file).read_text()))
