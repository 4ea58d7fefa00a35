"""NP014 open-egress: the values let AAOI pods connect to the whole cluster or the world.

`networkPolicy.egress.enabled` limits where AAOI pods may connect, so a
compromised pod cannot reach the rest of the network. A `to` peer (in `dns`,
`apiManagement`, `externalElasticsearch` or an `extraEgress` rule) that admits
an unlabelled pod in a brand-new namespace, ipBlocks that alone or together
admit a large share of the public address space, or an `extraEgress` rule
with no or an empty `to`, gives that back; it is computed exactly as for
NP013. Reported whatever else is set. An opening accepted on purpose in
`networkPolicy.acknowledgeOpen` (direction `egress`) is reported by NP050.

How to fix: list the destinations the pods need, as narrow ipBlocks or as
namespace plus pod selectors; or accept the opening with a reason.

Failing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        extraEgress:
          - ports: [{port: 443}]

Passing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        extraEgress:
          - to: [{ipBlock: {cidr: 192.0.2.10/32}}]
            ports: [{port: 443}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.openings import openings, split_accepted


def check(ctx: LintContext) -> Iterator[Finding]:
    for opening in openings(ctx, "egress"):
        open_for, _ = split_accepted(ctx, opening)
        if open_for:
            yield Finding(opening.path, opening.message, at_value=opening.at_value)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=OPENS_TO_EVERYONE)
