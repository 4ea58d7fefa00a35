"""A yes/no draft-07 check for the keywords our schema uses, so valid values never import jsonschema.

jsonschema costs ~75 ms to import, more than the rest of a lint. Most files are valid, and for a
valid file the answer is all we need; only when this says "invalid" does :mod:`schema` ask
jsonschema for the findings. The check follows jsonschema's Draft7Validator keyword by keyword
(``tests/test_fast_schema.py`` compares the two on the corpus and on mutations of it); a schema
keyword it does not know makes it answer ``None`` (ask jsonschema), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "default", "examples", "$comment",
                         "definitions"})
Check = Callable[[Any, dict[str, Any], dict[str, Any]], bool]


class UnknownKeyword(Exception):
    pass


def _is_type(instance: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(instance, dict)
    if kind == "array":
        return isinstance(instance, list)
    if kind == "string":
        return isinstance(instance, str)
    if kind == "boolean":
        return isinstance(instance, bool)
    if kind == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if kind == "number":
        return isinstance(instance, (int, float))
    if kind == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    raise UnknownKeyword(f"type {kind}")


def _number(instance: Any) -> bool:
    return isinstance(instance, (int, float)) and not isinstance(instance, bool)


def _equal(one: Any, other: Any) -> bool:
    """JSON equality as jsonschema's enum uses it: true is not 1, 1 is 1.0."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_equal(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(_equal(a, b) for a, b in zip(one, other, strict=True))
    if _number(one) and _number(other):
        return bool(one == other)
    return type(one) is type(other) and bool(one == other)


def _resolve(reference: str, root: dict[str, Any]) -> dict[str, Any]:
    if not reference.startswith("#/"):
        raise UnknownKeyword(f"$ref {reference}")
    node: Any = root
    for part in reference[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    if not isinstance(node, dict):
        raise UnknownKeyword(f"$ref {reference}")
    return node


def valid(instance: Any, schema: Any, root: dict[str, Any]) -> bool:
    """Whether ``instance`` satisfies ``schema``; UnknownKeyword for a keyword this module does not do."""
    if schema is True or schema == {}:
        return True
    if schema is False:
        return False
    if "$ref" in schema:  # draft-07: $ref ignores its siblings
        return valid(instance, _resolve(schema["$ref"], root), root)
    for keyword, spec in schema.items():
        if keyword in ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            raise UnknownKeyword(keyword)
        if not check(instance, spec, {"schema": schema, "root": root}):
            return False
    return True


def _type(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return any(_is_type(instance, kind) for kind in (spec if isinstance(spec, list) else [spec]))


def _properties(instance: Any, spec: Any, where: dict[str, Any]) -> bool:
    if not isinstance(instance, dict):
        return True
    return all(valid(instance[key], sub, where["root"]) for key, sub in spec.items() if key in instance)


def _additional(instance: Any, spec: Any, where: dict[str, Any]) -> bool:
    if not isinstance(instance, dict):
        return True
    if "patternProperties" in where["schema"]:
        raise UnknownKeyword("patternProperties")
    known = where["schema"].get("properties", {})
    extra = [key for key in instance if key not in known]
    return all(valid(instance[key], spec, where["root"]) for key in extra)


def _items(instance: Any, spec: Any, where: dict[str, Any]) -> bool:
    if not isinstance(instance, list):
        return True
    if isinstance(spec, list):
        raise UnknownKeyword("items as a list")
    return all(valid(item, spec, where["root"]) for item in instance)


def _required(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return not isinstance(instance, dict) or all(name in instance for name in spec)


def _enum(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return any(_equal(instance, option) for option in spec)


def _minimum(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return not _number(instance) or not instance < spec  # as jsonschema: NaN passes


def _maximum(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return not _number(instance) or not instance > spec


def _max_length(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return not isinstance(instance, str) or len(instance) <= spec


def _min_properties(instance: Any, spec: Any, _: dict[str, Any]) -> bool:
    return not isinstance(instance, dict) or len(instance) >= spec


def _not(instance: Any, spec: Any, where: dict[str, Any]) -> bool:
    return not valid(instance, spec, where["root"])


def _any_of(instance: Any, spec: Any, where: dict[str, Any]) -> bool:
    return any(valid(instance, sub, where["root"]) for sub in spec)


_KEYWORDS: dict[str, Check] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "required": _required,
    "enum": _enum,
    "minimum": _minimum,
    "maximum": _maximum,
    "maxLength": _max_length,
    "minProperties": _min_properties,
    "not": _not,
    "anyOf": _any_of,
}


def is_valid(instance: Any, schema: dict[str, Any]) -> bool | None:
    """True or False as Draft7Validator(schema).is_valid(instance) would say; None if unsure (ask it)."""
    try:
        return valid(instance, schema, schema)
    except (UnknownKeyword, KeyError, TypeError, RecursionError):
        return None
