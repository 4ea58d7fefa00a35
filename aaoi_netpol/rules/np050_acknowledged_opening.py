"""NP050 acknowledged-opening: an opening to the whole cluster or the world was accepted on purpose.

NP013, NP014 and the render gate (NP903) are errors unless the opening is
listed in `networkPolicy.acknowledgeOpen` with the component (or `all`), the
direction (`ingress` by default, or `egress`), the scope (`cluster` or
`world`) and a reason. An accepted opening is still reported, as a warning
that quotes the reason, on every run, so it shows in every review and CI log;
this rule can be neither disabled nor downgraded. With `--strict` it fails
the run like any warning.

How to fix: nothing, when the opening is intended; otherwise remove the
acknowledgement and narrow the peers.

Failing example::

    networkPolicy:
      enabled: true
      kibana:
        extraIngress:
          - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
            ports: [{port: 5601}]
      acknowledgeOpen:
        - component: kibana
          scope: world
          reason: public dashboard behind SSO, approved in SEC-1234

Passing example::

    networkPolicy:
      enabled: true
      kibana:
        extraIngress:
          - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
            ports: [{port: 5601}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.openings import openings, split_accepted


def check(ctx: LintContext) -> Iterator[Finding]:
    for direction in ("ingress", "egress"):
        for opening in openings(ctx, direction):
            _, accepted = split_accepted(ctx, opening)
            for acknowledgement in accepted:
                yield Finding(opening.path, f"{opening.message}; {acknowledgement.note()}", opening.at_value)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check, locked=OPENS_TO_EVERYONE)
