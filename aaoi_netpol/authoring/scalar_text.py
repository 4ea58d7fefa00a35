"""A scalar written so that Helm (YAML 1.1, go-yaml v2) reads exactly the intended value."""

from __future__ import annotations

import json
import re

from aaoi_netpol.yaml_scalars import resolve_plain_scalar

# Characters a plain scalar may hold anywhere, block or flow context, without any special meaning.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/:+-]*\Z")


def reads_as_plain(text: str) -> bool:
    """Whether ``text`` written without quotes is read back by Helm as this very string."""
    return bool(_PLAIN.match(text)) and resolve_plain_scalar(text) == text


def scalar_source(value: bool | str, style: str = "") -> str:
    """The source text of ``value``: booleans as ``true``/``false``, strings in ``style`` when that is safe.

    ``style`` is the written style to keep: ``""`` plain, ``"'"`` single- or ``'"'`` double-quoted. A
    string that would not read back as itself in plain style (``yes``, ``1.0``, ``a: b``) is double-quoted.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == "" and reads_as_plain(value):
        return value
    return json.dumps(value, ensure_ascii=False)
