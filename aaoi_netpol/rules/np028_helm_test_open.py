"""NP028 helm-test-open: allowHelmTest opens elasticsearch's HTTP port to the whole namespace.

The `helm test` pod of the chart has no labels, so no selector can pick it
out. `networkPolicy.allowHelmTest: true` lets `helm test` pass by admitting
every pod of the release namespace to elasticsearch's HTTP port (9200), and
Elasticsearch runs with anonymous access in AAOI's defaults. Any workload
later deployed to that namespace can then read and write the data.

How to fix: leave `allowHelmTest` off and test the installation with a pod
you label (or from a pod listed in `monitoring`); switch it on only for the
duration of a test run.

Failing example::

    networkPolicy:
      enabled: true
      allowHelmTest: true

Passing example::

    networkPolicy:
      enabled: true
      allowHelmTest: false
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.ports import describe_port
from aaoi_netpol.rules.base import Finding, rule_from_docstring


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.get((SECTION, "allowHelmTest")) is True:
        yield Finding((SECTION, "allowHelmTest"),
                          f"allowHelmTest opens elasticsearch port {describe_port(ctx.values, 'es-http')} to every pod "
                          f"of the release namespace (the helm test pod has no labels to select it by)",
                          at_value=True)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
