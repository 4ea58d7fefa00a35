"""Plain YAML scalars resolved exactly as Helm resolves them.

Helm reads values with sigs.k8s.io/yaml, which parses YAML 1.1 with go-yaml v2
and then goes through JSON. This module reproduces go-yaml v2's resolution of
plain (unquoted, untagged) scalars: ``y``/``yes``/``on`` are true, ``0777`` is
octal, ``1_000`` is an integer, timestamps stay strings, and so on.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import math
import re
import struct
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
_MAX_UINT64_DIGITS = {2: 64, 8: 22, 10: 20, 16: 16}  # digits of 2**64 - 1 in each base
MERGE_KEY = "<<"
MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                        r"(?:[Tt ]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})?)?$")


class TagError(ValueError):
    """go-yaml v2 refuses to read a scalar as its explicit tag says (``!!int yes``): Helm cannot read the file."""


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
    if not digits or digits.strip(_DIGITS[base]):
        return None
    if len(digits.lstrip("0")) > _MAX_UINT64_DIGITS[base]:  # out of range for Go, and never int() on 4300+ digits
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
    if text.isdigit() and text.isascii() and ((len(text) < 19 and text[0] != "0") or text == "0"):
        return int(text)  # the common case: a plain decimal int64
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


def _is_timestamp(text: str) -> bool:
    """go-yaml v2's parseTimestamp: a date, or a date and time, as time.Parse accepts them."""
    match = _TIMESTAMP.match(text)
    if not match:
        return False
    year, month, day, hour, minute, second, _ = match.groups()
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return hour is None or (int(hour) < 24 and int(minute) < 60 and int(second) < 60)


def _resolved_tag(value: Any, text: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "timestamp" if _is_timestamp(text) else "str"


def resolve_tagged_scalar(tag: str, text: str) -> Any:
    """A scalar with an explicit tag (``!!int 3``), as go-yaml v2 decodes it; TagError if it refuses.

    ``!!bool``/``!!int``/``!!float``/``!!null``/``!!timestamp`` resolve the text like a plain scalar
    and must get that type (an int may be read as a float); ``!!binary`` is base64; other tags
    (``!local``, ``!``) keep the text.
    """
    short = tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else ""
    if short == "binary":
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise TagError("!!binary value contains invalid base64 data") from None
        return data.decode("utf-8", errors="replace")
    if short not in ("int", "float", "bool", "null", "timestamp"):
        return text
    value = resolve_plain_scalar(text)
    resolved = _resolved_tag(value, text)
    if resolved == short:
        return text if short == "timestamp" else value
    if short == "float" and resolved == "int":
        return float(value)
    raise TagError(f"cannot decode !!{resolved} `{text}` as a !!{short}")


def _as_float32(value: float) -> float:
    """Go's float32(value): the nearest float32, infinity past its range."""
    try:
        single: float = struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)
    return single


def _go_float32_g(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 32): the shortest text that reads back as the same float32."""
    single = struct.unpack("<f", struct.pack("<f", value))[0]
    if single == 0:
        return "-0" if math.copysign(1.0, single) < 0 else "0"
    for precision in range(1, 10):
        text = f"{single:.{precision - 1}e}"
        if struct.unpack("<f", struct.pack("<f", float(text)))[0] == single:
            break
    mantissa, _, exponent_text = text.partition("e")
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
    exponent = int(exponent_text)
    point = exponent + 1  # digits before the decimal point
    limit = 6
    if limit > len(digits) >= point:
        limit = len(digits)
    if exponent < -4 or exponent >= limit:
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{sign}{digits[:point]}.{digits[point:]}"


def json_key(key: Any) -> str | None:
    """The string a non-string mapping key becomes on Helm's way through JSON, or None if refused."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key) if key <= _INT64_MAX else None  # a uint64 key: "unsupported map key"
    if isinstance(key, float):
        if math.isnan(key):
            return ".nan"
        single = _as_float32(key)  # sigs.k8s.io/yaml formats a float key as a float32: 1e100 overflows to .inf
        if math.isinf(single):
            return ".inf" if single > 0 else "-.inf"
        return _go_float32_g(single)
    return None
