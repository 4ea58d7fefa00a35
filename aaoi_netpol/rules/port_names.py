"""Kubernetes port names (IANA_SVC_NAME), as its validation reads them."""

from __future__ import annotations

import re

_CHARSET = re.compile(r"^[-a-z0-9]+$")


def port_name_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA_SVC_NAME (Kubernetes' IsValidPortName), or None."""
    if name.strip().isdigit():
        return "is a number in quotes; write it without quotes"
    if not name:
        return "is empty"
    if len(name) > 15:
        return "is longer than 15 characters"
    if not _CHARSET.match(name):
        return "may contain only lower-case letters, digits and '-'"
    if not re.search(r"[a-z]", name):
        return "needs at least one letter"
    if name.startswith("-") or name.endswith("-"):
        return "may not start or end with '-'"
    if "--" in name:
        return "may not contain '--'"
    return None
