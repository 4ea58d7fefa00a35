"""The CLI run in this process (no interpreter start-up) with one real Helm as $HELM_BIN. No tests here."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support import Helm, run_cli


def cli(helm: Helm, *args: str, debug: bool = False, cwd: Path | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aaoi-netpol ARGS``: :func:`tests.support.run_cli` with this Helm."""
    env = dict(os.environ, HELM_BIN=str(helm.path), HELM_DEBUG="true" if debug else "false")
    result = run_cli(list(args), cwd=cwd, env=env)
    return result.returncode, result.stdout, result.stderr
