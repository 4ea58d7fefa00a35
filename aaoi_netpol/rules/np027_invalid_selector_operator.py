"""NP027 invalid-selector-operator: a matchExpressions entry cannot be evaluated.

A label selector requirement needs one of the operators `In`, `NotIn`,
`Exists`, `DoesNotExist` (spelt exactly so); `In` and `NotIn` need at least
one value, `Exists` and `DoesNotExist` take none. Kubernetes rejects the
NetworkPolicy otherwise, so `helm install` fails.

How to fix: correct the operator, or add/remove `values` to match it.

Failing example::

    networkPolicy:
      enabled: true
      monitoring:
        - podSelector:
            matchExpressions:
              - {key: app, operator: In, values: []}

Passing example::

    networkPolicy:
      enabled: true
      monitoring:
        - podSelector:
            matchExpressions:
              - {key: app, operator: In, values: [prometheus]}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_selectors

OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, selector, _ in iter_selectors(ctx):
        expressions = selector.get("matchExpressions")
        for index, expression in enumerate(expressions if isinstance(expressions, list) else []):
            if not isinstance(expression, dict) or not isinstance(expression.get("operator"), str):
                continue
            here = (*path, "matchExpressions", index)
            operator, values = expression["operator"], expression.get("values")
            count = len(values) if isinstance(values, list) else 0
            if operator not in OPERATORS:
                near = [o for o in OPERATORS if o.lower() == operator.lower()]
                hint = f" (did you mean {near[0]}?)" if near else ""
                yield Finding((*here, "operator"),
                                  f"unknown selector operator {operator!r}{hint}: use one of "
                                  f"{', '.join(OPERATORS)}", at_value=True)
            elif operator in ("In", "NotIn") and count == 0:
                where = (*here, "values") if "values" in expression else here
                yield Finding(where,
                                  f"operator {operator} needs at least one value", at_value="values" in expression)
            elif operator in ("Exists", "DoesNotExist") and count:
                yield Finding((*here, "values"),
                                  f"operator {operator} takes no values: drop `values`", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
