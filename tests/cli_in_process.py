"""The CLI run in this process (no interpreter start-up) with one real Helm as $HELM_BIN. No tests here."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from aaoi_netpol.cli import run
from tests.support import Helm


def cli(helm: Helm, *args: str, debug: bool = False, cwd: Path | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aaoi-netpol ARGS``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELM_BIN", str(helm.path))
        patch.setenv("HELM_DEBUG", "true" if debug else "false")
        patch.delenv("GITHUB_ACTIONS", raising=False)
        if cwd is not None:
            patch.chdir(cwd)
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            code = run(list(args))
    return code, out.getvalue(), err.getvalue()
