"""NP900 rendered-output: the policies rendered for these values do not fit the chart's workloads.

Only `lint --chart CHART` (and `render`) reach this rule: the chart is
rendered by Helm with the aaoi-netpol overlay, and the result is checked the
way `render` checks it. Each of our NetworkPolicies must select at least one
rendered pod of its own component and none of another's, and every AAOI
workload (Deployment, StatefulSet, DaemonSet) must be selected by one of our
policies. A policy that selects nothing would protect nothing while looking
as if it did, so this is an error, never a warning. The helm test pod has no
labels and is exempt. The finding is located at `networkPolicy.enabled`.

How to fix: the message names the policy, its selector and the workload's
actual labels. Usually the chart is not AAOI 4.5.0 (its naming templates or
pod labels differ) or a `<component>.labels` / `fullnameOverride` change
is not reflected in the pod template; render with `--debug` and compare.

Failing example::

    # a chart whose logstash pods are labelled app: my-logstash
    networkPolicy:
      enabled: true

Passing example::

    # the AAOI 4.5.0 chart, any release name
    networkPolicy:
      enabled: true
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR,
                           locked="a policy that selects no pod, or a workload no policy selects, protects nothing")
