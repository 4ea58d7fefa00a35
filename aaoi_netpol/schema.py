"""The JSON schema of the ``networkPolicy`` section, and its findings (rule NP001)."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from typing import Any

from aaoi_netpol import fast_schema
from aaoi_netpol.diagnostics import Diagnostic, Location, Severity
from aaoi_netpol.fix_record import Fix
from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.resources import AAOI_CHART_VERSION, section_schema_path
from aaoi_netpol.value_path import ValuePath, dotted

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


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"{type(value).__name__.replace('str', 'string').replace('int', 'integer')} {value!r}"


def _close_key(key: str, known: list[str]) -> tuple[str | None, bool]:
    """The known key a misspelt one most likely meant, and whether that is the only candidate (a certain fix)."""
    import difflib

    same_letters = [k for k in known if k.lower() == key.lower()]
    if len(same_letters) == 1:
        return same_letters[0], True
    close = difflib.get_close_matches(key, known, n=2, cutoff=0.6)
    if close:
        return close[0], len(close) == 1
    return (same_letters[0], False) if same_letters else (None, False)


Problem = tuple[ValuePath, str, Fix | None]


def _problems(error: Any, path: ValuePath) -> Iterator[Problem]:
    """One (path, message, certain fix) per problem; unknown keys are reported one by one at the key."""
    where, kind, spec = dotted(path) or "(top level)", error.validator, error.validator_value
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in known:
                close, certain = _close_key(str(key), known)
                hint = f"; did you mean '{close}'?" if close else f" (known: {', '.join(known)})"
                fix = Fix((*path, key), close, rename=True) if close and certain and close not in error.instance \
                    else None
                yield (*path, key), f"unknown key '{key}' in {where}{hint}", fix
    elif kind == "type":
        wanted = " or ".join(spec) if isinstance(spec, list) else spec
        fix = Fix(path, error.instance == "true") if spec == "boolean" and error.instance in ("true", "false") \
            else None
        yield path, f"{where} must be {'an' if wanted[0] in 'aeiou' else 'a'} {wanted}, " \
                    f"got {_describe(error.instance)}", fix
    else:
        yield path, _message(error, where, kind, spec), None


def _message(error: Any, where: str, kind: str, spec: Any) -> str:
    if kind == "required":
        missing = [name for name in spec if name not in error.instance]
        return f"{where} needs '{missing[0]}'"
    if kind == "enum":
        return f"{where} must be one of {', '.join(map(str, spec))}, got {_describe(error.instance)}"
    if kind in ("minimum", "maximum"):
        return f"{where} must be {'at least' if kind == 'minimum' else 'at most'} {spec}, got {error.instance}"
    if kind == "minProperties":
        return f"{where} is an empty peer: name podSelector, namespaceSelector or ipBlock"
    if kind == "not":
        return f"{where}: ipBlock cannot be combined with podSelector or namespaceSelector in one peer"
    if kind == "maxLength":
        return f"{where}: a port name has at most {spec} characters, got {len(error.instance)}"
    return f"{where}: {error.message}"


def checked_part(values: dict[str, Any]) -> dict[str, Any]:
    """The keys ``values.schema.json`` types: our section, and the AAOI components (objects, as Helm checks)."""
    return {key: values[key] for key in (SECTION, *AAOI_TOP_LEVEL) if key in values}


def section_problems(layered: LayeredValues) -> list[tuple[Diagnostic, Fix | None]]:
    """Every schema violation in the layered ``networkPolicy`` section (and the components' types), located,
    each with its certain fix when it has one (a quoted boolean, a misspelt key with one close match)."""
    instance = checked_part(layered.values)
    if not instance or fast_schema.is_valid(instance, _checked_schema()) is True:
        return []
    found: list[tuple[Diagnostic, Fix | None]] = []
    for error in _validator().iter_errors(instance):
        for path, message, fix in _problems(error, tuple(error.absolute_path)):
            location = layered.key_location(path) or Location("<values>", 1, 1)
            found.append((Diagnostic.at(location, "NP001", Severity.ERROR, message), fix))
    return found


def check_section(layered: LayeredValues) -> list[Diagnostic]:
    """Every schema violation, located (rule NP001)."""
    return [diagnostic for diagnostic, _ in section_problems(layered)]
