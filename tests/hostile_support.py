"""Helpers shared by the hostile-input tests (no tests here): cases, two ways to run them, one set of checks.

A :class:`Case` is a CLI command line with the exit code it must give. It runs
either in-process (:func:`run_in_process`, fast: most cases) or as a fresh
subprocess whose CPU time, wall time and peak RSS (its own ``VmHWM``) are
measured (:func:`run_measured`, for the classes where cost is the point). Every outcome
goes through :func:`check_outcome`: the expected exit code (never 3), no
traceback, and a one-line located message.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aaoi_netpol.cli import run
from tests.support import REPO_ROOT

HOSTILE = Path(__file__).resolve().parent / "corpus" / "hostile"
EXAMPLE = REPO_ROOT / "examples" / "aaoi-values.yaml"
MAX_SECONDS = 5.0  # of CPU time, the process's own (user + system), which a loaded machine does not stretch
MAX_WALL_SECONDS = 20.0  # wall time, to catch blocking; on an idle machine it is about the CPU time
MAX_RSS_BYTES = 300 * 1024 * 1024
_HEADER = re.compile(r"hostile-exit: (?P<exit>[0-9])\s*\n#\s*why: (?P<why>.+)")
_FINDING = re.compile(r"^(?P<file>.+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<severity>error|warning) NP[0-9]{3} ")
_SUMMARY = re.compile(r"^[0-9]+ files? linted: ")
_SET_PLACE = re.compile(r"^<--set(-string|-json)? #[0-9]+>$")
_CONFIG_ERROR = re.compile(r"^.+?:[0-9]+:[0-9]+: error: ")
_ERROR_FORMS = ("error: ", "aaoi-netpol: error: ", "Error: ")
_OTHER_FORMS = ("note: ", "Usage: ", "Try '", "warning: ")


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    expected: int
    why: str
    places: tuple[str, ...] = ()  # what a located message may name: input paths, flags, "helm"
    stdin: bytes | None = None
    cwd: Path | None = None
    measure: bool = False  # run as a measured subprocess (cost is the point, or it could block)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float = 0.0
    max_rss: int = 0  # bytes
    timed_out: bool = False
    cpu_seconds: float = 0.0


def header(path: Path) -> tuple[int, str]:
    """The ``# hostile-exit: N`` and ``# why:`` lines a corpus file starts with."""
    data = path.read_bytes()[:2000]
    text = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-8", "replace")
    match = _HEADER.search(text)
    assert match, f"{path}: no '# hostile-exit: N' and '# why: ...' header"
    return int(match["exit"]), match["why"].strip()


def file_case(path: Path, args: tuple[str, ...], places: tuple[str, ...] = ()) -> Case:
    expected, why = header(path)
    return Case(str(path.relative_to(HOSTILE)), args, expected, why, (str(path), *places))


def run_in_process(case: Case) -> Outcome:
    """The CLI in this process: exit code, stdout, stderr."""
    assert case.stdin is None and case.cwd is None, f"{case.name}: needs a subprocess"
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(case.args))
    return Outcome(code, out.getvalue(), err.getvalue(), time.monotonic() - start)


# The CLI as `python -m aaoi_netpol` would run it, reporting its own peak RSS (VmHWM) when it exits. Not the
# rusage of wait4: Linux carries the forking process's peak over into the child's, and pytest's is large.
_MEASURED_MAIN = (
    "import atexit, os, runpy, sys\n"
    "def report():\n"
    "    with open('/proc/self/status') as status, open(os.environ['AAOI_NETPOL_HWM_FILE'], 'w') as out:\n"
    "        out.write(next(line for line in status if line.startswith('VmHWM:')))\n"
    "atexit.register(report)\n"
    "sys.argv = ['aaoi-netpol', *sys.argv[1:]]\n"
    "runpy.run_module('aaoi_netpol', run_name='__main__', alter_sys=True)\n"
)


def run_measured(case: Case, timeout: float = 60.0) -> Outcome:
    """The CLI as a fresh subprocess: its wall time and peak RSS, killed after ``timeout`` seconds."""
    with tempfile.TemporaryDirectory(prefix="aaoi-netpol-measure-") as scratch:
        hwm_file = Path(scratch) / "hwm"
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   AAOI_NETPOL_HWM_FILE=str(hwm_file))
        for name in ("GITHUB_ACTIONS", "HELM_PLUGIN_DIR", "HELM_DEBUG"):
            env.pop(name, None)
        (Path(scratch) / "stdin").write_bytes(case.stdin or b"")
        with (Path(scratch) / "stdin").open("rb") as stdin, tempfile.TemporaryFile() as out, \
                tempfile.TemporaryFile() as err:
            start = time.monotonic()
            process = subprocess.Popen([sys.executable, "-c", _MEASURED_MAIN, *case.args], stdin=stdin,
                                       stdout=out, stderr=err, cwd=case.cwd, env=env)
            timed_out = False
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > timeout:
                    process.kill()
                    pid, status, usage = os.wait4(process.pid, 0)
                    timed_out = True
                    break
                time.sleep(0.005)
            seconds = time.monotonic() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        peak = int(hwm_file.read_text().split()[1]) * 1024 if hwm_file.exists() else 0
    return Outcome(process.returncode, stdout, stderr, seconds, peak, timed_out,
                   usage.ru_utime + usage.ru_stime)


def _located(text: str, case: Case) -> bool:
    return any(place and place in text for place in case.places)


def check_outcome(case: Case, outcome: Outcome, measured: bool = False) -> None:
    """The case's exit code, no traceback, one-line located messages; within the limits when measured."""
    shown = f"{case.name} ({case.why})\n--- stdout\n{outcome.stdout[-3000:]}\n--- stderr\n{outcome.stderr[-3000:]}"
    assert not outcome.timed_out, f"did not finish: {shown}"
    assert "Traceback" not in outcome.stdout + outcome.stderr, shown
    assert outcome.code != 3, f"internal error: {shown}"
    assert outcome.code == case.expected, f"exit {outcome.code}, expected {case.expected}: {shown}"
    if measured:
        assert outcome.cpu_seconds < MAX_SECONDS, f"{outcome.cpu_seconds:.2f} s of CPU: {shown}"
        assert outcome.seconds < MAX_WALL_SECONDS, f"{outcome.seconds:.2f} s: {shown}"
        assert outcome.max_rss < MAX_RSS_BYTES, f"{outcome.max_rss / 2**20:.0f} MiB: {shown}"
    findings = [_FINDING.match(line) for line in outcome.stdout.splitlines() if _FINDING.match(line)]
    error_lines = []
    for line in filter(None, outcome.stderr.splitlines()):
        if line.startswith(_ERROR_FORMS) or _CONFIG_ERROR.match(line):
            error_lines.append(line)
        else:
            assert line.startswith(_OTHER_FORMS) or _FINDING.match(line), f"not a one-line message: {line!r}: {shown}"
    if case.expected == 1:
        errors = [f for f in findings + [_FINDING.match(line) for line in outcome.stderr.splitlines()]
                  if f and f["severity"] == "error"]
        assert errors, f"exit 1 without an error finding: {shown}"
        for finding in errors:
            assert finding["file"] in case.places or _SET_PLACE.match(finding["file"]), \
                f"finding not located in the inputs: {finding.group(0)}: {shown}"
    elif case.expected == 2:
        assert error_lines, f"exit 2 without an error line: {shown}"
        assert any(_located(line, case) for line in error_lines), f"error not located: {shown}"
