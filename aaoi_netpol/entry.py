"""The console-script entry point: even a broken installation ends in one line and exit 3."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from aaoi_netpol.cli import run
    except Exception as error:  # an install that cannot import itself is an internal error
        print(f"aaoi-netpol: internal error: cannot load the program: {type(error).__name__}: {error}",
              file=sys.stderr)
        sys.exit(3)
    sys.exit(run())
