"""NP002 duplicate-key: a mapping has the same key twice.

Helm keeps the last value without a word, so the first one is silently lost;
in a security setting that is usually an edit that went wrong (two
`networkPolicy:` blocks, or `enabled:` written twice). The finding points at
the second occurrence and names the line of the first.

How to fix: keep one of the two keys and merge what you meant into it.

Failing example::

    networkPolicy:
      enabled: true
      enabled: false

Passing example::

    networkPolicy:
      enabled: true
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR)
