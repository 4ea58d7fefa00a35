"""NP031 same-namespace-peer: an Ingress controller or DNS peer has a podSelector but no namespaceSelector.

In a NetworkPolicy peer, a `podSelector` without a `namespaceSelector`
selects pods of the policy's own namespace, the AAOI release namespace. The
Ingress controller (`networkPolicy.ingressController`) and the cluster DNS
(`networkPolicy.egress.dns`) almost always run in namespaces of their own
(`ingress-nginx`, `kube-system`), so such a peer matches nothing: the Ingress
is cut off, or no AAOI pod can resolve a name.

How to fix: add the namespace: `namespaceSelector` with
`kubernetes.io/metadata.name: <namespace>` in the same peer item.

Failing example::

    networkPolicy:
      enabled: true
      ingressController:
        - podSelector:
            matchLabels: {app.kubernetes.io/name: ingress-nginx}

Passing example::

    networkPolicy:
      enabled: true
      ingressController:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
          podSelector:
            matchLabels: {app.kubernetes.io/name: ingress-nginx}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_peers

_WHO = {"ingressController": ("the Ingress controller", "ingress-nginx"), "dns": ("the cluster DNS", "kube-system")}


def check(ctx: LintContext) -> Iterator[Finding]:
    for ref in iter_peers(ctx):
        if ref.source not in _WHO or "podSelector" not in ref.peer or "namespaceSelector" in ref.peer:
            continue
        who, namespace = _WHO[ref.source]
        yield Finding((*ref.path, "podSelector"),
                          f"this {ref.source} peer selects pods of the release's own namespace only, but "
                          f"{who} usually runs in its own (e.g. {namespace}); add namespaceSelector "
                          f"{{matchLabels: {{kubernetes.io/metadata.name: {namespace}}}}} to the same item")


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
