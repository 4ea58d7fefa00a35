"""Ctrl-C (SIGINT) and SIGTERM during ``render``: the temporary copy is removed and Helm is stopped.

Real Helm renders the stand-in chart in well under a second, too fast to
interrupt reliably, so this test uses a stand-in helm that records its pid,
then sleeps; it signals the CLI (only the CLI, as `kill -INT` would) once
that helm runs, and checks that the private TMPDIR is empty afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import REPO_ROOT, STANDIN_CHART, snapshot, write

SLOW_HELM = "#!/bin/sh\necho $$ > \"$HELM_PID_FILE\"\nexec sleep 60\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as gone
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupt_cleans_up(tmp_path: Path, signum: signal.Signals) -> None:
    before = snapshot(STANDIN_CHART)
    helm = write(tmp_path / "bin" / "helm", SLOW_HELM)
    helm.chmod(0o755)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    pid_file = tmp_path / "helm.pid"
    env = dict(os.environ, TMPDIR=str(private_tmp), HELM_PID_FILE=str(pid_file),
               PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("HELM_BIN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "aaoi_netpol", "render", str(STANDIN_CHART), "--helm", str(helm),
         "--set", "networkPolicy.enabled=true"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text().strip()):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the stand-in helm never started"
            time.sleep(0.02)
        helm_pid = int(pid_file.read_text())
        assert any(private_tmp.iterdir()), "the chart copy should exist while helm runs"
        time.sleep(0.5)  # let the lint finish, so the CLI waits on helm
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 2, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    assert stdout == ""
    assert list(private_tmp.iterdir()) == []
    deadline = time.monotonic() + 5
    while _alive(helm_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helm_pid), "helm was left running"
    assert snapshot(STANDIN_CHART) == before
