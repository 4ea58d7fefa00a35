"""Kubernetes LabelSelector: parsing with the API server's validation, and matching.

A selector is ``matchLabels`` AND every ``matchExpressions`` requirement. ``In``/``NotIn`` need at least
one value, ``Exists``/``DoesNotExist`` take none; ``NotIn`` and ``DoesNotExist`` match objects that lack
the key. An empty selector (``{}``, or ``null`` where the field is not optional) selects every object in
its scope; whether a *missing* selector means "all" or "not restricted this way" is up to the caller
(see ``policies.Peer``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from aaoi_netpol.evaluator.errors import SelectorError

OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")

_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
_DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


@dataclass(frozen=True)
class Requirement:
    """One matchExpressions item; ``values`` keeps the written order (probes take the first)."""

    key: str
    operator: str
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        if self.operator == "In":
            return labels.get(self.key) in self.values
        if self.operator == "NotIn":
            return labels.get(self.key) not in self.values
        return (self.key in labels) == (self.operator == "Exists")


@dataclass(frozen=True)
class Selector:
    """A parsed LabelSelector; ``match_labels`` is sorted by key."""

    match_labels: tuple[tuple[str, str], ...] = ()
    requirements: tuple[Requirement, ...] = ()

    @property
    def selects_everything(self) -> bool:
        return not self.match_labels and not self.requirements

    def matches(self, labels: Mapping[str, str]) -> bool:
        return all(labels.get(key) == value for key, value in self.match_labels) and all(
            requirement.matches(labels) for requirement in self.requirements
        )


EVERYTHING = Selector()


def is_qualified_name(key: str) -> bool:
    """A label key: an optional DNS-subdomain prefix (<= 253) and '/', then a name of <= 63 characters."""
    prefix, slash, name = key.rpartition("/")
    if slash and (not prefix or len(prefix) > 253 or not _DNS_SUBDOMAIN.fullmatch(prefix)):
        return False
    return len(name) <= 63 and bool(_NAME.fullmatch(name))


def is_label_value(value: str) -> bool:
    return value == "" or (len(value) <= 63 and bool(_NAME.fullmatch(value)))


def _key(value: object, where: str) -> str:
    if not isinstance(value, str) or not is_qualified_name(value):
        raise SelectorError(f"{where}: {value!r} is not a valid label key")
    return value


def _value(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SelectorError(f"{where}: label value {value!r} must be a string")
    if not is_label_value(value):
        raise SelectorError(f"{where}: {value!r} is not a valid label value")
    return value


def _requirement(item: object, where: str) -> Requirement:
    if not isinstance(item, dict):
        raise SelectorError(f"{where}: must be a mapping with key and operator")
    unknown = sorted(str(name) for name in item if name not in ("key", "operator", "values"))
    if unknown:
        raise SelectorError(f"{where}: unknown field {unknown[0]!r}")
    key = _key(item.get("key"), f"{where}.key")
    operator = item.get("operator")
    if operator not in OPERATORS:
        raise SelectorError(f"{where}.operator: {operator!r} is not one of In, NotIn, Exists, DoesNotExist")
    raw = item.get("values")
    if raw is not None and not isinstance(raw, list):
        raise SelectorError(f"{where}.values: must be a list")
    values = tuple(_value(value, f"{where}.values[{index}]") for index, value in enumerate(raw or []))
    if operator in ("In", "NotIn") and not values:
        raise SelectorError(f"{where}.values: operator {operator} needs at least one value")
    if operator in ("Exists", "DoesNotExist") and values:
        raise SelectorError(f"{where}.values: operator {operator} takes no values")
    return Requirement(key, str(operator), values)


def parse_selector(raw: object, where: str = "selector") -> Selector:
    """Parse and validate a LabelSelector mapping; ``None`` gives the empty selector (selects everything)."""
    if raw is None:
        return EVERYTHING
    if not isinstance(raw, dict):
        raise SelectorError(f"{where}: a label selector must be a mapping")
    unknown = sorted(str(name) for name in raw if name not in ("matchLabels", "matchExpressions"))
    if unknown:
        raise SelectorError(f"{where}: unknown field {unknown[0]!r} (only matchLabels and matchExpressions)")
    match_labels = raw.get("matchLabels") or {}
    if not isinstance(match_labels, dict):
        raise SelectorError(f"{where}.matchLabels: must be a mapping")
    labels = tuple(
        sorted((_key(key, f"{where}.matchLabels"), _value(value, f"{where}.matchLabels.{key}"))
               for key, value in match_labels.items())
    )
    expressions = raw.get("matchExpressions") or []
    if not isinstance(expressions, list):
        raise SelectorError(f"{where}.matchExpressions: must be a list")
    requirements = tuple(
        _requirement(item, f"{where}.matchExpressions[{index}]") for index, item in enumerate(expressions)
    )
    return Selector(labels, requirements)
