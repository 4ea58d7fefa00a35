"""NP012 except-outside-cidr: an ipBlock except entry is not inside its cidr.

Kubernetes requires every `except` entry to be a strict subset of the
ipBlock's `cidr` and rejects the NetworkPolicy otherwise, so `helm install`
fails. An entry outside the range, equal to it, or of the other IP family
excludes nothing that was admitted; usually the cidr or the exception has a
typo.

How to fix: make each except entry a smaller network inside the cidr, or
drop it.

Failing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock:
            cidr: 10.20.0.0/16
            except: [10.30.0.0/24]

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock:
            cidr: 10.20.0.0/16
            except: [10.20.99.0/24]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import parse_cidr
from aaoi_netpol.rules.peers import iter_ipblocks


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, block, _ in iter_ipblocks(ctx):
        cidr = block.get("cidr")
        network = parse_cidr(cidr).network if isinstance(cidr, str) else None
        excepts = block.get("except")
        if network is None or not isinstance(excepts, list):
            continue
        for index, item in enumerate(excepts):
            inner = parse_cidr(item).network if isinstance(item, str) else None
            if inner is None:
                continue
            if inner.version != network.version:
                why = f"is IPv{inner.version} while the cidr {network} is IPv{network.version}"
            elif not inner.subnet_of(network):  # type: ignore[arg-type]
                why = f"is not inside the cidr {network}"
            elif inner.prefixlen <= network.prefixlen:
                why = f"is the whole cidr {network}, not a part of it"
            else:
                continue
            yield Finding((*path, "except", index),
                              f"except entry {item} {why}: Kubernetes rejects an ipBlock whose exceptions "
                              f"are not strictly inside its cidr", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
