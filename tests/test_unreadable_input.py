"""A file the user may not read is an input error of that file alone: one line, the other files still linted.

File permissions do not bind root, so when the suite runs as root the CLI is
started without the two capabilities that let root pass them (``setpriv``
drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH): still root, so the checkout
and its venv stay reachable wherever they are (a fresh clone under a private
``mktemp -d`` folder is not readable by another user), yet a mode-000 file
is refused as it would be to any user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import REPO_ROOT

CAPABILITIES = "-dac_override,-dac_read_search"


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    directory = Path(tempfile.mkdtemp(prefix="aaoi-netpol-perm-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory)


def run_unprivileged(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root: setpriv (util-linux) is needed to drop root's file-permission override"
        prefix = [setpriv, f"--bounding-set={CAPABILITIES}", f"--inh-caps={CAPABILITIES}"]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([*prefix, sys.executable, "-m", "aaoi_netpol", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_unreadable_file_is_one_line_and_the_others_are_linted(shared_dir: Path) -> None:
    for name, text in (("good.yaml", "networkPolicy:\n  enabled: true\n"),
                       ("bad.yaml", "networkPolicy:\n  enabled: maybe\n"),
                       ("secret.yaml", "networkPolicy:\n  enabled: true\n")):
        (shared_dir / name).write_text(text, encoding="utf-8")
        (shared_dir / name).chmod(0o644)
    (shared_dir / "secret.yaml").chmod(0o000)
    for args in (["lint", "good.yaml", "secret.yaml", "bad.yaml"], ["lint", "-f", "secret.yaml", "good.yaml"]):
        result = run_unprivileged(args, shared_dir)
        assert result.returncode == 2, result.stderr
        assert result.stderr == "error: secret.yaml: cannot read: Permission denied\n"
        assert "Usage:" not in result.stderr and "Traceback" not in result.stderr
    linted = run_unprivileged(["lint", "good.yaml", "secret.yaml", "bad.yaml"], shared_dir)
    assert "bad.yaml:2:3: error NP001" in linted.stdout
    assert linted.stdout.endswith("2 files linted: 1 error, 0 warnings\n")  # no NP016 on top of NP001
