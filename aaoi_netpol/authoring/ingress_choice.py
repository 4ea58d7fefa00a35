"""Which Ingress controllers serve a values file's Ingress objects, read from their classes.

An Ingress's class is ``<component>.ingress.className``, else its
``kubernetes.io/ingress.class`` annotation, else the default of the chart
that renders it: Elastic's subcharts default ``className`` to ``nginx``, and
apibuilder4elastic's Ingress has no class (the cluster's default IngressClass
serves it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.model.components import COMPONENTS
from aaoi_netpol.model.ingress_controllers import BY_CLASS, BY_CONTROLLER, CONTROLLERS, IngressController
from aaoi_netpol.model.switches import Values, ingress_on
from aaoi_netpol.rules.role_lists import human_list
from aaoi_netpol.value_path import lookup

CLASS_ANNOTATION = "kubernetes.io/ingress.class"
SUBCHART_DEFAULT_CLASS = "nginx"  # Elastic's 7.17.3 charts: <component>.ingress.className


@dataclass(frozen=True)
class IngressUse:
    component: str
    ingress_class: str | None  # None: no class, the cluster's default IngressClass serves it
    conflict: str | None = None  # the annotation's class when it differs from className


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def ingress_uses(values: Values) -> list[IngressUse]:
    """The rendered Ingress objects of the values and the class of each."""
    uses: list[IngressUse] = []
    for component in COMPONENTS:
        if not ingress_on(values, component):
            continue
        class_name = _text(lookup(values, (component.values_key, "ingress", "className")))
        annotation = _text(lookup(values, (component.values_key, "ingress", "annotations", CLASS_ANNOTATION)))
        if class_name:
            uses.append(IngressUse(component.name, class_name, annotation if annotation != class_name else None))
        elif annotation:
            uses.append(IngressUse(component.name, annotation))
        else:
            uses.append(IngressUse(component.name, SUBCHART_DEFAULT_CLASS if component.subchart else None))
    return uses


@dataclass
class ControllerChoice:
    served: list[tuple[IngressController, list[IngressUse]]] = field(default_factory=list)
    problem: str | None = None  # init cannot choose: the user must name the controller
    notes: list[str] = field(default_factory=list)


def _known() -> str:
    return ", ".join(controller.name for controller in CONTROLLERS)


def _conflict_notes(uses: list[IngressUse]) -> list[str]:
    return [f"{use.component}'s Ingress has className '{use.ingress_class}' and the annotation "
            f"{CLASS_ANNOTATION}: '{use.conflict}'; the Kubernetes API refuses such an Ingress (1.27 and later)"
            for use in uses if use.conflict]


def choose_controllers(values: Values, name: str | None) -> ControllerChoice:
    """The controller of each Ingress: ``name`` for all of them when given, else by class."""
    uses = ingress_uses(values)
    choice = ControllerChoice(notes=_conflict_notes(uses))
    if name is not None:
        controller = BY_CONTROLLER[name]
        choice.served = [(controller, uses)]
        for use in uses:
            if use.ingress_class and use.ingress_class not in controller.classes:
                choice.notes.append(f"{use.component}'s Ingress has class '{use.ingress_class}', which {name} does "
                                    f"not serve by default (it serves {human_list(list(controller.classes))})")
        return choice
    by_name: dict[str, list[IngressUse]] = {}
    for use in uses:
        if use.ingress_class is None:
            continue
        controller_of = BY_CLASS.get(use.ingress_class)
        if controller_of is None:
            choice.problem = (f"{use.component}'s Ingress has class '{use.ingress_class}', which aaoi-netpol does "
                              f"not know: name its controller with --ingress-controller NAME ({_known()})")
            return choice
        by_name.setdefault(controller_of.name, []).append(use)
    classless = [use for use in uses if use.ingress_class is None]
    if classless and len(by_name) != 1:
        choice.problem = (f"{classless[0].component}'s Ingress has no class (the cluster's default IngressClass "
                          f"serves it): name its controller with --ingress-controller NAME ({_known()})")
        return choice
    if classless:
        by_name[next(iter(by_name))] += classless
    choice.served = [(BY_CONTROLLER[controller], served) for controller, served in by_name.items()]
    return choice
