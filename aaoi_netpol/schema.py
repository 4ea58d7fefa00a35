"""The JSON schema of the ``networkPolicy`` section, and its findings (rule NP001)."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from typing import Any

from aaoi_netpol import fast_schema
from aaoi_netpol.diagnostics import Diagnostic, Location, Severity
from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.resources import AAOI_CHART_VERSION, section_schema_path
from aaoi_netpol.value_path import ValuePath

AAOI_TOP_LEVEL = {
    "global": "Settings shared by every AAOI component (elasticsearchHosts, certificates, ...).",
    "apibuilder4elastic": "APIBuilder4Elastic, the AAOI service between API-Management and Elasticsearch.",
    "logstash": "Logstash (Elastic's chart), receives the API-Gateway events on the beats port.",
    "elasticsearch": "Elasticsearch (Elastic's chart).",
    "kibana": "Kibana (Elastic's chart).",
    "filebeat": "Filebeat (Elastic's chart), off by default.",
    "apm-server": "APM-Server (Elastic's chart), off by default.",
}


@functools.cache
def section_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(section_schema_path().read_text(encoding="utf-8"))
    return loaded


def values_file_schema() -> dict[str, Any]:
    """A schema for a whole AAOI values file: our section strict, the chart's keys open."""
    section = copy.deepcopy(section_schema())
    definitions = section.pop("definitions")
    section.pop("$schema", None)
    section.pop("title", None)
    properties: dict[str, Any] = {SECTION: section}
    for key, description in AAOI_TOP_LEVEL.items():
        properties[key] = {"type": "object", "description": description}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"AAOI (apim4elastic {AAOI_CHART_VERSION}) values with the aaoi-netpol networkPolicy section",
        "type": "object",
        "properties": properties,
        "definitions": definitions,
    }


@functools.cache
def _checked_schema() -> dict[str, Any]:
    return values_file_schema()


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft7Validator  # ~75 ms: only imported when the values are not valid

    return Draft7Validator(_checked_schema())


def dotted(path: ValuePath) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(top level)"


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"{type(value).__name__.replace('str', 'string').replace('int', 'integer')} {value!r}"


def _messages(error: Any, path: ValuePath) -> Iterator[tuple[ValuePath, str]]:
    """One (path, message) per problem; unknown keys are reported one by one at the key."""
    import difflib

    where, kind, spec = dotted(path), error.validator, error.validator_value
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                if not close:
                    close = [k for k in known if k.lower() == str(key).lower()]
                hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
                yield (*path, key), f"unknown key '{key}' in {where}{hint}"
    elif kind == "type":
        wanted = " or ".join(spec) if isinstance(spec, list) else spec
        yield path, f"{where} must be {'an' if wanted[0] in 'aeiou' else 'a'} {wanted}, got {_describe(error.instance)}"
    elif kind == "required":
        missing = [name for name in spec if name not in error.instance]
        yield path, f"{where} needs '{missing[0]}'"
    elif kind == "enum":
        yield path, f"{where} must be one of {', '.join(map(str, spec))}, got {_describe(error.instance)}"
    elif kind in ("minimum", "maximum"):
        yield path, f"{where} must be {'at least' if kind == 'minimum' else 'at most'} {spec}, got {error.instance}"
    elif kind == "minProperties":
        yield path, f"{where} is an empty peer: name podSelector, namespaceSelector or ipBlock"
    elif kind == "not":
        yield path, f"{where}: ipBlock cannot be combined with podSelector or namespaceSelector in one peer"
    elif kind == "maxLength":
        yield path, f"{where}: a port name has at most {spec} characters, got {len(error.instance)}"
    else:
        yield path, f"{where}: {error.message}"


def checked_part(values: dict[str, Any]) -> dict[str, Any]:
    """The keys ``values.schema.json`` types: our section, and the AAOI components (objects, as Helm checks)."""
    return {key: values[key] for key in (SECTION, *AAOI_TOP_LEVEL) if key in values}


def check_section(layered: LayeredValues) -> list[Diagnostic]:
    """Every schema violation in the layered ``networkPolicy`` section (and the components' types), located."""
    instance = checked_part(layered.values)
    if not instance or fast_schema.is_valid(instance, _checked_schema()) is True:
        return []
    findings: list[Diagnostic] = []
    for error in _validator().iter_errors(instance):
        for path, message in _messages(error, tuple(error.absolute_path)):
            location = layered.key_location(path) or Location("<values>", 1, 1)
            findings.append(Diagnostic.at(location, "NP001", Severity.ERROR, message))
    return findings
