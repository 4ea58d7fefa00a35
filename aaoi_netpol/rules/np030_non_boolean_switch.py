"""NP030 non-boolean-switch: a component's enabled or ingress.enabled switch is not a boolean.

`kibana.enabled: "false"` (quoted, or set with `--set-string`) does not
switch Kibana off: Helm ignores a dependency condition that is not a
boolean and deploys the subchart anyway, and a template's `if` treats every
non-empty string as true. The component runs while the values say it is
off, and tools that read the value as a string (the networkPolicy overlay
among them) disagree with Helm about whether it exists, so its pods can end
up without a policy. The same holds for `<component>.ingress.enabled`.

How to fix: write `true` or `false` without quotes (`--set`, not
`--set-string`). `lint --fix` unquotes the strings `"true"` and `"false"`,
so that Helm does what the value says (a component set to `"false"` is then
no longer deployed); other values are left to you.

Failing example::

    kibana:
      enabled: "false"
    networkPolicy:
      enabled: true

Passing example::

    kibana:
      enabled: false
    networkPolicy:
      enabled: true
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.fix_record import Fix
from aaoi_netpol.model.components import COMPONENTS
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.value_path import ValuePath

_MISSING = object()


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return "a list" if isinstance(value, list) else "a mapping"


def check(ctx: LintContext) -> Iterator[Finding]:
    for component in COMPONENTS:
        switches: list[tuple[ValuePath, bool]] = [((component.values_key, "enabled"), component.subchart)]
        if component.has_ingress:
            switches.append(((component.values_key, "ingress", "enabled"), False))
        for path, condition in switches:
            value = ctx.get(path, _MISSING)
            if value is _MISSING or value is None or isinstance(value, bool):
                continue
            setting = ".".join(str(step) for step in path)
            what = f"{component.name}'s Ingress" if "ingress" in path else component.name
            if condition:
                effect = f"Helm ignores a dependency condition that is not a boolean, so {what} is deployed"
            else:
                effect = f"the chart tests it with `if`, so {what} is {'on' if value else 'off'}"
            fix = Fix(path, value == "true") if value in ("true", "false") else None
            yield Finding(path,
                          f"{setting} is {_describe(value)}, not a boolean: {effect}; write true or false "
                          f"without quotes", at_value=True, fix=fix)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, fixable=True)
