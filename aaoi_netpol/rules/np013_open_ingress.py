"""NP013 open-ingress: the values open an AAOI component to the whole cluster or the world.

Computed, never judged by spelling. A peer that admits an unlabelled pod in a
brand-new namespace opens the component to every pod of the cluster, however
it is written: `namespaceSelector: {}`, `Exists` or `NotIn [...]` on
`kubernetes.io/metadata.name`, `DoesNotExist` on a label nobody sets. ipBlocks
that admit a large share of the public address space open it to the world:
one block alone (`0.0.0.0/0`, `::/0`, `::ffff:0:0/96`), or all the blocks of the
lists and rules that reach the same component together (`0.0.0.0/1` plus
`128.0.0.0/1`, split over peers, roles and `extraIngress` rules); the share is
documented under "How openness is computed" in the README. An `extraIngress`
rule with no or an empty `from` admits everyone. Reported whatever else is
set, because such a value is dangerous the moment the component or the
policy is switched on. An opening accepted on purpose in
`networkPolicy.acknowledgeOpen` is reported by NP050 instead.

How to fix: list the real callers: their namespace by
`kubernetes.io/metadata.name` plus a `podSelector`, or the narrowest ipBlock;
or accept the opening with a reason in `networkPolicy.acknowledgeOpen`.

Failing example::

    networkPolicy:
      enabled: true
      apiGateways:
        - ipBlock: {cidr: 0.0.0.0/1}
        - ipBlock: {cidr: 128.0.0.0/1}
      monitoring:
        - namespaceSelector:
            matchExpressions:
              - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.20.0.0/16}
      kibana:
        extraIngress:
          - from:
              - namespaceSelector:
                  matchLabels: {kubernetes.io/metadata.name: reporting}
                podSelector:
                  matchLabels: {app: report-runner}
            ports: [{port: 5601}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.openings import openings, split_accepted


def check(ctx: LintContext) -> Iterator[Finding]:
    for opening in openings(ctx, "ingress"):
        open_for, _ = split_accepted(ctx, opening)
        if open_for:
            yield Finding(opening.path, opening.message, at_value=opening.at_value)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=OPENS_TO_EVERYONE)
