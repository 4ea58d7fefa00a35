"""Inline ``# netpol: disable=…`` directives count only in real YAML comments, never inside a value."""

from __future__ import annotations

import json
from pathlib import Path

from aaoi_netpol.yaml_comments import comment_columns
from tests.support import run_cli

SCALARS = """\
a: "x # netpol: disable=NP021"
b: 'it''s # netpol: disable=NP021'
c: plain words a#netpol:disable=NP021
d: plain words # netpol: disable=NP021
e: |
  # netpol: disable=NP021
  more text # netpol: disable=NP021
# netpol: disable=NP021
f: "two
  lines # netpol: disable=NP021"
g: [x, "y # z"]   # netpol: disable=NP021
h: {k: 'v#w'}#netpol: disable=NP021
"""


def test_comment_columns_finds_real_comments_only() -> None:
    lines = SCALARS.splitlines()
    found = comment_columns(lines, list(range(1, len(lines) + 1)))
    assert found == {4: lines[3].index("#"), 8: 0, 11: lines[10].index("   #") + 3}


def test_a_scan_error_trusts_nothing_after_it() -> None:
    lines = ["a: 1  # netpol: disable=NP021", "b: @reserved  # netpol: disable=NP021", "c: 2  # netpol: x"]
    assert comment_columns(lines, [1, 2, 3]) == {1: 6}


# Each except entry is not a CIDR (NP010 on its line); only the real comment silences its finding.
EXCEPTS = """\
networkPolicy:
  enabled: true
  adminNodeManagers:
    - ipBlock:
        cidr: 10.20.0.0/16
        except:
          - "10.20.1.0/24 # netpol: disable=NP010"
          - 'single # netpol: disable=NP010'
          - 10.20.3.0/24 plain#netpol:disable=NP010
          - 10.20.4.0/33  # netpol: disable=NP010
          - 10.20.5.0/33  # netpol: disable=NP011 (another rule)
          - >-
            folded # netpol: disable=NP010
"""


def test_lint_honours_directives_in_comments_only(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(EXCEPTS, encoding="utf-8")
    result = run_cli(["lint", "--format", "json", "--no-config", str(values)], cwd=tmp_path)
    lines = sorted(f["line"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "NP010")
    assert result.returncode == 1
    assert lines == [7, 8, 9, 11, 12], result.stdout
