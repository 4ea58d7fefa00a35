"""The record of a certain fix (a leaf module: the schema stage and the rules both produce fixes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aaoi_netpol.value_path import ValuePath


@dataclass(frozen=True)
class Fix:
    """A fix that is certain: the value at ``path`` becomes ``value`` or, with ``rename``, its key becomes ``value``.

    ``lint --fix`` applies it to the file the value came from (see :mod:`aaoi_netpol.authoring`).
    """

    path: ValuePath
    value: Any
    rename: bool = False
