"""NP034 misplaced-section: a networkPolicy section is written where nothing reads it.

aaoi-netpol and its overlay read exactly one key: `networkPolicy` at the top
level of the values file, beside `global:` and the components. YAML keys are
case-sensitive, so `networkpolicy:`, `networkPolicies:`, `network_policy:`,
`netpol:` or a typo two letters off is a key no template reads; and a
`networkPolicy` nested under `global:` or under a component (`kibana:`,
`logstash:`, ...) is passed to that subchart, which ignores it. Either way
the settings silently do nothing: no NetworkPolicy is rendered and every
AAOI pod stays open, while the values look protected. Elastic's own
`elasticsearch.networkPolicy` (`http`, `transport`; rule NP023) is not
reported unless it holds keys of our section.

How to fix: move the section to the top level and name it exactly
`networkPolicy`.

Failing example::

    global:
      networkPolicy:
        enabled: true
    networkpolicy:
      enabled: true

Passing example::

    networkPolicy:
      enabled: true
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.misplaced_sections import misplaced_sections, nested_keys_note


def check(ctx: LintContext) -> Iterator[Finding]:
    in_use = ctx.has((SECTION,))
    effect = ("these settings are ignored (the top-level networkPolicy is used)" if in_use
              else "as written, no NetworkPolicy is rendered")
    for found in misplaced_sections(ctx):
        held = nested_keys_note(ctx, found)
        if found.parent is None:
            where = f"top-level key {found.key!r}{held} is not read by aaoi-netpol or the chart"
        else:
            where = (f"{found.parent}.{found.key}{held} is not read: the {found.parent} values belong to "
                     f"{'every subchart' if found.parent == 'global' else 'its subchart'}, and the "
                     f"networkPolicy section sits at the top level of the values file")
        yield Finding(found.path, f"{where}; did you mean the top-level '{SECTION}'? ({effect})")


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
