"""Finding Helm and running ``helm template`` on the prepared chart.

Which helm: ``--helm PATH`` when given, else ``$HELM_BIN`` (set by Helm when
aaoi-netpol runs as a plugin; it is argv[0] as the user typed it, so it may be
relative to the current directory or a bare name to look up on PATH), else
``helm`` on PATH.

Helm runs in the background (its output goes to files in the work directory,
so it never blocks on a full pipe) while the values are linted; the result is
only looked at once the lint passed, so the lint still decides first.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import select
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.durations import format_duration
from aaoi_netpol.input_files import MiB, is_stdin, read_stdin, size_text
from aaoi_netpol.render.helm_errors import HelmFailed
from aaoi_netpol.value_flags import ValueFlags
from aaoi_netpol.values_file import MAX_VALUES_BYTES

DEFAULT_TIMEOUT_SECONDS = 300.0  # Helm's own default for --timeout: 5m
MAX_HELM_OUTPUT_BYTES = 8 * MiB


class HelmMissing(InputError):
    """No usable helm binary."""


def _resolve(name: str, what: str) -> Path:
    if os.sep in name or (os.altsep and os.altsep in name):
        candidate = Path(name).expanduser()
        candidate = candidate if candidate.is_absolute() else Path.cwd() / candidate
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        raise HelmMissing(f"helm not found: {what} {name!r} is not an executable file")
    found = shutil.which(name)
    if found is None:
        raise HelmMissing(f"helm not found: {what} {name!r} is not on PATH")
    return Path(found)


def find_helm(explicit: Path | None = None) -> Path:
    """The helm binary to run (see the module docstring for the order); HelmMissing when there is none."""
    if explicit is not None:
        return _resolve(str(explicit), "--helm")
    helm_bin = os.environ.get("HELM_BIN")
    if helm_bin:
        return _resolve(helm_bin, "HELM_BIN")
    found = shutil.which("helm")
    if found is None:
        raise HelmMissing("helm not found on PATH: install Helm 3 or 4, or pass --helm PATH")
    return Path(found)


@dataclass(frozen=True)
class TemplateRequest:
    chart_dir: Path
    release: str
    namespace: str
    values: ValueFlags = field(default_factory=ValueFlags)
    kube_context: str | None = None

    def command(self, helm: Path) -> list[str]:
        command = [str(helm), "template", self.release, str(self.chart_dir), "--namespace", self.namespace,
                   *self.values.helm_arguments()]
        if self.kube_context:
            command += ["--kube-context", self.kube_context]
        return command


class HelmStopped(InputError):
    """Helm ran past ``--timeout`` or wrote more than the output limit, and was killed (exit 2)."""


def _limit_output(limit: int) -> Callable[[], None]:
    def apply() -> None:  # in the child, before exec: no file Helm writes may grow past the limit
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit + 1, limit + 1))
    return apply


@dataclass
class RunningHelm:
    """A ``helm template`` child process (in a process group of its own) writing to files in ``workdir``."""

    command: list[str]
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    deadline: float = math.inf  # time.monotonic() by which Helm must be done
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    output_limit: int = MAX_HELM_OUTPUT_BYTES

    def _wait(self) -> int | None:
        """Helm's exit code, or None once the deadline passed (woken the moment Helm exits, where Linux can)."""
        try:
            pidfd = os.pidfd_open(self.process.pid) if hasattr(os, "pidfd_open") else None
        except OSError:
            pidfd = None
        try:
            remaining = self.deadline - time.monotonic()
            while remaining > 0 and self.process.poll() is None:
                if pidfd is None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        self.process.wait(timeout=min(remaining, 3600.0))
                else:
                    select.select([pidfd], [], [], min(remaining, 3600.0))
                remaining = self.deadline - time.monotonic()
        finally:
            if pidfd is not None:
                os.close(pidfd)
        return self.process.poll()

    def result(self) -> tuple[str, str]:
        """Wait for Helm; (stdout, stderr) on success, HelmFailed or HelmStopped otherwise."""
        returncode = self._wait()
        if returncode is None:
            self.stop()
            raise HelmStopped(f"helm did not finish within {format_duration(self.timeout)} (--timeout) and was "
                              f"stopped: {shlex.join(self.command)}")
        for path, stream in ((self.stdout_path, "output"), (self.stderr_path, "error output")):
            if path.stat().st_size > self.output_limit:
                raise HelmStopped(f"helm wrote more than {size_text(self.output_limit)} of {stream}, aaoi-netpol's "
                                  f"limit, and was stopped: {shlex.join(self.command)}")
        stdout = self.stdout_path.read_text(encoding="utf-8", errors="replace")
        stderr = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        if returncode != 0:
            raise HelmFailed(self.command, returncode, stderr)
        return stdout, stderr

    def stop(self) -> None:
        """Kill Helm and anything it started if it still runs (interrupt, lint failure, timeout); always reap it."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _stdin_for(request: TemplateRequest, workdir: Path) -> Path | None:
    """``-f -``: Helm reads the same standard input the linter read (saved to a file Helm gets as its stdin)."""
    if not any(is_stdin(path) for path in request.values.files):
        return None
    saved = workdir / "helm.stdin"
    saved.write_bytes(read_stdin("values file", MAX_VALUES_BYTES))
    return saved


def start_template(helm: Path, request: TemplateRequest, workdir: Path,
                   timeout: float = DEFAULT_TIMEOUT_SECONDS) -> RunningHelm:
    """Start ``helm template`` in the background; it must be done ``timeout`` seconds from now."""
    command = request.command(helm)
    stdout_path, stderr_path = workdir / "helm.stdout", workdir / "helm.stderr"
    stdin_path = _stdin_for(request, workdir)
    with contextlib.ExitStack() as files:
        out = files.enter_context(stdout_path.open("wb"))
        err = files.enter_context(stderr_path.open("wb"))
        stdin = files.enter_context(stdin_path.open("rb")) if stdin_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(command, stdout=out, stderr=err, stdin=stdin, start_new_session=True,
                                       preexec_fn=_limit_output(MAX_HELM_OUTPUT_BYTES))
        except OSError as error:
            raise HelmMissing(f"cannot run helm {command[0]}: {error.strerror or error}") from None
    return RunningHelm(command, process, stdout_path, stderr_path, time.monotonic() + timeout, timeout)
