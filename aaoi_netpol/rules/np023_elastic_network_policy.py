"""NP023 elastic-network-policy: Elastic's own elasticsearch.networkPolicy is switched on.

Elastic's elasticsearch chart has its own `elasticsearch.networkPolicy.http`
and `.transport`. Its policy admits only pods labelled
`<elasticsearch app>-http-client: "true"` (or `-transport-client`), a label
no AAOI pod carries: on its own it cuts kibana, logstash and
apibuilder4elastic off Elasticsearch, and `http` without `transport` also
blocks port 9300 between the Elasticsearch nodes. Beside `networkPolicy`
(NetworkPolicies add up) it opens Elasticsearch to any pod that carries the
label, an allow list `networkPolicy` does not show.

How to fix: leave Elastic's switches off and use `networkPolicy`, which
knows AAOI's flows.

Failing example::

    elasticsearch:
      networkPolicy:
        http: {enabled: true}
    networkPolicy:
      enabled: true

Passing example::

    elasticsearch:
      networkPolicy:
        http: {enabled: false}
    networkPolicy:
      enabled: true
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.hosts import elasticsearch_uname
from aaoi_netpol.model.switches import deployed, policies_enabled
from aaoi_netpol.rules.base import Finding, rule_from_docstring


def check(ctx: LintContext) -> Iterator[Finding]:
    if not deployed(ctx.values, "elasticsearch"):
        return
    uname = elasticsearch_uname(ctx.values)
    http = bool(ctx.get(("elasticsearch", "networkPolicy", "http", "enabled")))
    transport = bool(ctx.get(("elasticsearch", "networkPolicy", "transport", "enabled")))
    for part, on in (("http", http), ("transport", transport)):
        if not on:
            continue
        label = f'{uname}-{part}-client: "true"'
        if policies_enabled(ctx.values):
            effect = (f"beside networkPolicy it admits every pod labelled {label} to Elasticsearch, "
                      f"an allow list networkPolicy does not show")
        else:
            effect = f"it admits only pods labelled {label}, which no AAOI pod carries"
            effect += ": kibana, logstash and apibuilder4elastic lose Elasticsearch" if part == "http" else \
                ": nothing may use port 9200 any more"
            if part == "http" and not transport:
                effect += ", and without transport it blocks port 9300 between the Elasticsearch nodes"
        yield Finding(("elasticsearch", "networkPolicy", part, "enabled"),
                          f"Elastic's elasticsearch.networkPolicy.{part} is on: {effect}; turn it off and use "
                          f"networkPolicy", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
