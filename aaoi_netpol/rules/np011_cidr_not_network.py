"""NP011 cidr-not-network: an ipBlock CIDR has host bits set.

`10.1.2.3/16` is accepted by Kubernetes, but it means the network
`10.1.0.0/16`: 65536 addresses where the value suggests one host. Either the
prefix is wrong (you meant `/32`) or the address is (you meant the network).
In a policy that decides who may reach Elasticsearch, the difference matters,
so the value has to say what it means. The finding names the network it
really is.

How to fix: write the network address (`10.1.0.0/16`), or the prefix of the
range you meant (`10.1.2.3/32` for one host). `lint --fix` writes the network
address, which is what Kubernetes applies today.

Failing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.1.2.3/16}

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.1.2.3/32}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.fix_record import Fix
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import ipblock_entries, parse_cidr
from aaoi_netpol.rules.peers import iter_ipblocks


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, block, _ in iter_ipblocks(ctx):
        for entry_path, text, what in ipblock_entries(block, path):
            parsed = parse_cidr(text)
            if parsed.network is not None and parsed.host_bits:
                host = text.strip().partition("/")[0]
                yield Finding(entry_path,
                    f"{what} {text} is not a network address: it means the network {parsed.network}; "
                    f"write {parsed.network}, or {host}/{parsed.network.max_prefixlen} for the single host",
                    at_value=True, fix=Fix(entry_path, str(parsed.network)))


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, fixable=True)
