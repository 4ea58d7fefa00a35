"""SIGINT (Ctrl-C) and SIGTERM while Helm runs: exit 130 / 143, Helm's process group killed, temp folders gone.

Real Helm renders the stand-in chart in well under a second, too fast to
interrupt reliably, so these tests use a stand-in for a hung helm: a script
that starts a child of its own (as a helm plugin or post-renderer would),
records both pids, then waits. Once it runs, the test signals the CLI only
(as ``kill -INT`` or ``kill -TERM`` would), then checks the exit status, that
the helm script and its child are gone, and that the private TMPDIR is empty.
Both ``render`` and ``lint --chart`` (which renders too) are covered; the
script is found through ``HELM_BIN``, as when Helm runs the plugin.
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

HUNG_HELM = "#!/bin/sh\nsleep 300 &\necho \"$$ $!\" > \"$HELM_PID_FILE\"\nwait\n"
VALUES = "networkPolicy:\n  enabled: true\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as gone
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if _alive(pid)]


COMMANDS = {
    "render": ["render", str(STANDIN_CHART), "-f", "values.yaml"],
    "lint --chart": ["lint", "--chart", str(STANDIN_CHART), "values.yaml"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupt_exits_128_plus_signal_and_cleans_up(tmp_path: Path, signum: signal.Signals,
                                                       command: str) -> None:
    before = snapshot(STANDIN_CHART)
    helm = write(tmp_path / "bin" / "helm", HUNG_HELM)
    helm.chmod(0o755)
    write(tmp_path / "values.yaml", VALUES)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    pid_file = tmp_path / "helm.pid"
    env = dict(os.environ, TMPDIR=str(private_tmp), HELM_PID_FILE=str(pid_file), HELM_BIN=str(helm),
               PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen([sys.executable, "-m", "aaoi_netpol", *COMMANDS[command]],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and len(pid_file.read_text().split()) == 2):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the stand-in helm never started"
            time.sleep(0.02)
        helm_pids = [int(pid) for pid in pid_file.read_text().split()]
        assert any(private_tmp.iterdir()), "the chart copy should exist while helm runs"
        time.sleep(0.3)  # let the lint finish, so the CLI waits on helm
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 128 + signum, stderr
    assert stderr.strip().splitlines()[-1].endswith("aaoi-netpol: interrupted")
    assert "Traceback" not in stderr
    assert stdout == ""
    assert list(private_tmp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "helm.pid", "tmp", "values.yaml"]
    assert _wait_gone(helm_pids) == [], "helm or its child was left running"
    assert snapshot(STANDIN_CHART) == before


def test_a_signal_ignored_by_the_parent_stays_ignored(tmp_path: Path) -> None:
    """``nohup``-style: SIGINT set to ignored before start is not turned into an interrupt."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    probe = ("import signal, sys\nfrom aaoi_netpol.signals import interrupts_unwind\n"
             "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
             "with interrupts_unwind():\n"
             "    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN\n"
             "    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL\n"
             "assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\nprint('ok')\n")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout == "ok\n", result.stderr
