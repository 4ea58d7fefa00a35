"""Plain YAML scalars resolved exactly as Helm resolves them.

Helm reads values with sigs.k8s.io/yaml, which parses YAML 1.1 with go-yaml v2
and then goes through JSON. This module reproduces go-yaml v2's resolution of
plain (unquoted, untagged) scalars: ``y``/``yes``/``on`` are true, ``0777`` is
octal, ``1_000`` is an integer, timestamps stay strings, and so on.
"""

from __future__ import annotations

import math
import re
from typing import Any

_BOOL_NULL_SPECIAL: dict[str, Any] = {
    **{word: True for word in ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")},
    **{word: False for word in ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")},
    **{word: None for word in ("", "~", "null", "Null", "NULL")},
    **{word: math.nan for word in (".nan", ".NaN", ".NAN")},
    **{word: math.inf for word in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")},
    **{word: -math.inf for word in ("-.inf", "-.Inf", "-.INF")},
}
_YAML_STYLE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}
_INT64_MIN, _INT64_MAX, _UINT64_MAX = -(2**63), 2**63 - 1, 2**64 - 1
MERGE_KEY = "<<"


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64), falling back to ParseUint like go-yaml v2."""
    negative = text.startswith("-")
    signed = text[:1] in "+-" and text != ""
    body = text[1:] if signed else text
    if not body:
        return None
    prefix = body[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        base, digits = {"0x": 16, "0o": 8, "0b": 2}[prefix], body[2:]
    elif body[0] == "0" and len(body) > 1:
        base, digits = 8, body[1:]
    else:
        base, digits = 10, body
    if not digits or any(char not in _DIGITS[base] for char in digits):
        return None
    value = int(digits, base) * (-1 if negative else 1)
    if _INT64_MIN <= value <= _INT64_MAX:
        return value
    if not signed and value <= _UINT64_MAX:
        return value
    return None


def resolve_plain_scalar(text: str) -> Any:
    """The value go-yaml v2 gives an untagged plain scalar decoded into interface{}."""
    if text in _BOOL_NULL_SPECIAL:
        return _BOOL_NULL_SPECIAL[text]
    hint = text[:1]
    if hint == ".":
        try:
            return float(text)
        except ValueError:
            return text
    if hint and ((hint.isdigit() and hint.isascii()) or hint in "+-"):
        plain = text.replace("_", "")
        as_int = _go_parse_int(plain)
        if as_int is not None:
            return as_int
        if _YAML_STYLE_FLOAT.match(plain):
            as_float = float(plain)
            if not math.isinf(as_float):
                return as_float
    return text


def resolve_tagged_scalar(tag: str, text: str) -> Any:
    """A scalar with an explicit standard tag (``!!int 3``); unknown tags keep the text."""
    short = tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else ""
    if short in ("int", "float", "bool", "null"):
        return resolve_plain_scalar(text)
    return text


def json_key(key: Any) -> str | None:
    """The string a non-string mapping key becomes on Helm's way through JSON, or None if refused."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        if math.isnan(key):
            return ".nan"
        if math.isinf(key):
            return ".inf" if key > 0 else "-.inf"
        return format(key, ".7g").replace("e+", "e+")
    return None
