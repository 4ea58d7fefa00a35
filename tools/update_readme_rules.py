#!/usr/bin/env python3
"""Regenerate the README's rules table from the rule registry.

The block between ``<!-- rules-table:start -->`` and ``<!-- rules-table:end -->``
is replaced by the table that ``aaoi-netpol rules --format markdown`` starts
with (every registered rule: ID, name, default severity, what it catches).

    python tools/update_readme_rules.py            # rewrite README.md
    python tools/update_readme_rules.py --check    # exit 1 if README.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
START = "<!-- rules-table:start -->"
END = "<!-- rules-table:end -->"


def replace_block(text: str, table: str) -> str:
    """``text`` with the marked block holding ``table``; ValueError when the markers are missing."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README needs {START} and {END} (in that order)")
    return f"{text[:start + len(START)]}\n{table.rstrip()}\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether the README is out of date")
    parser.add_argument("--readme", type=Path, default=REPO_ROOT / "README.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT))
    from aaoi_netpol.rules_doc import markdown_table

    try:
        current = args.readme.read_text(encoding="utf-8")
        updated = replace_block(current, markdown_table())
    except (OSError, ValueError) as error:
        print(f"{args.readme}: {error}", file=sys.stderr)
        return 2
    if updated == current:
        return 0
    if args.check:
        print(f"{args.readme}: the rules table is out of date; run python tools/update_readme_rules.py",
              file=sys.stderr)
        return 1
    args.readme.write_text(updated, encoding="utf-8")
    print(f"{args.readme}: rules table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
