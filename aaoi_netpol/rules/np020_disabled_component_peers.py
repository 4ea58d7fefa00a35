"""NP020 disabled-component-peers: callers are listed for a component that is not deployed.

`apiGateways` feeds logstash and apm-server, `adminNodeManagers` and
`egress.apiManagement` apibuilder4elastic, `monitoring` logstash,
elasticsearch and filebeat, and `<component>.extraIngress` its component.
When none of those components is deployed (`<component>.enabled: false`),
the peers render nothing. Usually the component was switched off by mistake,
or the peers belong to another release; and they start to apply, unreviewed,
the day the component is switched on.

How to fix: enable the component, or remove the peers.

Failing example::

    apibuilder4elastic:
      enabled: false
    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.1.2.0/24}

Passing example::

    apibuilder4elastic:
      enabled: true
    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.1.2.0/24}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import BY_NAME, COMPONENTS, SECTION
from aaoi_netpol.model.switches import deployed
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.role_lists import ROLE_TARGETS
from aaoi_netpol.value_path import ValuePath


def _switches(names: list[str]) -> str:
    return ", ".join(f"{BY_NAME[n].values_key}.enabled" for n in names)


def _lists(ctx: LintContext) -> Iterator[tuple[ValuePath, list[str]]]:
    for role in ("apiGateways", "adminNodeManagers", "monitoring"):
        yield (SECTION, role), [name for name, _ in ROLE_TARGETS[role]]
    yield (SECTION, "egress", "apiManagement"), ["apibuilder4elastic"]
    for component in COMPONENTS:
        yield (SECTION, component.np_key, "extraIngress"), [component.name]


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, users in _lists(ctx):
        if not ctx.list_at(path) or any(deployed(ctx.values, name) for name in users):
            continue
        who = users[0] if len(users) == 1 else "none of " + ", ".join(users)
        verb = "is not deployed" if len(users) == 1 else "is deployed"
        yield Finding(path,
                          f"networkPolicy.{'.'.join(str(s) for s in path[1:])} is set but {who} {verb} "
                          f"({_switches(users)}): these peers have no effect until it is enabled")


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
