"""NP010 invalid-cidr: an ipBlock cidr or except entry is not a CIDR.

Kubernetes rejects a NetworkPolicy whose `ipBlock.cidr` or `except` entry is
not an address with a prefix length (`10.20.0.0/16`, `2001:db8::/48`), so
`helm install` fails when the policy is applied. A bare address (`10.1.2.3`)
is the most common slip: it needs `/32` (or `/128` for IPv6).

How to fix: write each entry as address/prefix.

Failing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.20.30.40}

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.20.30.40/32}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import ipblock_entries, parse_cidr
from aaoi_netpol.rules.peers import iter_ipblocks


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, block, _ in iter_ipblocks(ctx):
        for entry_path, text, what in ipblock_entries(block, path):
            parsed = parse_cidr(text)
            if parsed.network is None:
                yield Finding(entry_path, f"{what} {text!r} {parsed.problem}",
                                  at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
