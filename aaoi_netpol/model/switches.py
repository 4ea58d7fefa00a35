"""What is switched on, read from values as the chart's templates and Helm read them.

One definition of each switch, shared by the rules, the render pipeline and
(mirrored in Go, checked by a test) the overlay. Every function tolerates
values of the wrong type (the schema reports those) and never raises.

Being a security tool, the switches lean towards "on" where Helm would: an
Elastic subchart is deployed unless ``<name>.enabled`` is the boolean false
(Helm ignores a dependency condition that is not a boolean).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aaoi_netpol.model.components import BY_NAME, SECTION, Component
from aaoi_netpol.value_path import ValuePath, lookup

Values = Mapping[str, Any]
ENABLED_PATH: ValuePath = (SECTION, "enabled")
EGRESS_ENABLED_PATH: ValuePath = (SECTION, "egress", "enabled")


def switch_on(value: Any) -> bool:
    """An aaoi-netpol switch: true, or the string "true" (which the overlay's templates also accept)."""
    return value is True or value == "true"


def policies_enabled(values: Values) -> bool:
    """networkPolicy.enabled: the overlay renders policies."""
    return switch_on(lookup(values, ENABLED_PATH))


def egress_enabled(values: Values) -> bool:
    """networkPolicy.egress.enabled: egress is restricted too (only meaningful with policies on)."""
    return switch_on(lookup(values, EGRESS_ENABLED_PATH))


def component_deployed(values: Values, component: Component) -> bool:
    """Whether the chart deploys the component (subcharts: a non-boolean condition leaves them on)."""
    switch = lookup(values, (component.values_key, "enabled"))
    if component.subchart:
        return switch is not False
    return bool(switch)


def deployed(values: Values, name: str) -> bool:
    return component_deployed(values, BY_NAME[name])


def ingress_on(values: Values, component: Component) -> bool:
    """The component is deployed and its Ingress object is rendered (the templates test truthiness)."""
    return component.has_ingress and component_deployed(values, component) and \
        bool(lookup(values, (component.values_key, "ingress", "enabled")))


def helm_test_allowed(values: Values) -> bool:
    return switch_on(lookup(values, (SECTION, "allowHelmTest")))
