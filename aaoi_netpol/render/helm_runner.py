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
import os
import re
import shlex
import shutil
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.value_flags import ValueFlags


class HelmMissing(InputError):
    """No usable helm binary."""


DEBUG_HINT = "(--debug shows Helm's whole output)"


class HelmFailed(InputError):
    """``helm template`` exited non-zero; the message holds the command and Helm's stderr.

    Shown to users as Helm's own error in a few lines (:func:`helm_error_summary`: the innermost template
    location and message, e.g. a chart's ``required`` text); ``--debug`` shows all of Helm's stderr.
    """

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.command = list(command)
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(f"helm failed (exit {returncode}): {shlex.join(self.command)}")

    def report(self, debug: bool = False) -> str:
        """The command, shell-quoted, then Helm's error: its summary, or (debug) its whole stderr."""
        if debug:
            details = self.stderr.rstrip("\n") or "(helm printed nothing on stderr)"
            return f"{self}\n{details}\n"
        lines = helm_error_summary(self.stderr)
        shown = "\n".join(f"  {line}" for line in lines) if lines else "  (helm printed nothing on stderr)"
        return f"{self}\n{shown}\n  {DEBUG_HINT}\n"

    def one_line(self) -> str:
        """Helm's error in one line, without the command (it names a temporary copy of the chart)."""
        lines = helm_error_summary(self.stderr)
        return f"helm template failed (exit {self.returncode}): {'; '.join(lines) if lines else 'no output'}"


_DEBUG_HINT = re.compile(r"^Use --debug flag", re.IGNORECASE)
_CALL_CHAIN = re.compile(r"error calling \w+: ")
# A template location where Helm names one: after "template: ", "error at (", ": " or at the start
_LOCATION = re.compile(r'(?:^|template: |error at \(|: )'
                       r'([^\s()<>"]+/[^\s()<>":]+\.(?:ya?ml|tpl|txt|json):\d+(?::\d+)?)')
_PREFIXES = (
    re.compile(r"^Error:\s*"),
    re.compile(r"^template:\s*"),
    re.compile(r'^[^\s()<>"]+:\d+(?::\d+)?:?\s+executing "[^"]*" at <[^>]*>:\s*'),
    re.compile(r"^(?:execution|parse) error at \([^)]*\):\s*"),
)
_MAX_LINES = 4
_MAX_WIDTH = 400


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_WIDTH else text[:_MAX_WIDTH - 1] + "…"


def _innermost_message(flat: str) -> str:
    """The last link of Go's template error chain, without its location prefixes."""
    message = _CALL_CHAIN.split(flat)[-1].strip()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            stripped = prefix.sub("", message, count=1).strip()
            if stripped != message:
                message, changed = stripped, True
    return message


def helm_error_summary(stderr: str) -> list[str]:
    """Helm's error, at most a few lines: for a template error ``FILE:LINE[:COL]: message`` of the innermost
    failure (the chart's ``required`` message, a missing template, ...), else the error's first lines."""
    lines = [line.rstrip() for line in stderr.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("Error")), None)
    block = [line.strip() for line in (lines[start:] if start is not None else lines)
             if line.strip() and not _DEBUG_HINT.match(line.strip())]
    if not block:
        return []
    flat = " ".join(block)
    message = _innermost_message(flat)
    chain = flat[:flat.rfind(message)] if message and message in flat else flat
    locations = _LOCATION.findall(chain)
    if not locations or not message:
        return [_clip(line) for line in block[:_MAX_LINES]]
    return [_clip(f"{locations[-1]}: {message}")]


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


@dataclass
class RunningHelm:
    """A ``helm template`` child process writing to files in ``workdir``."""

    command: list[str]
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    def result(self) -> tuple[str, str]:
        """Wait for Helm; (stdout, stderr) on success, HelmFailed otherwise."""
        returncode = self.process.wait()
        stdout = self.stdout_path.read_text(encoding="utf-8", errors="replace")
        stderr = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        if returncode != 0:
            raise HelmFailed(self.command, returncode, stderr)
        return stdout, stderr

    def stop(self) -> None:
        """Kill Helm and its children (its own process group) if it still runs; always reap it."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it exited meanwhile
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def start_template(helm: Path, request: TemplateRequest, workdir: Path) -> RunningHelm:
    command = request.command(helm)
    stdout_path, stderr_path = workdir / "helm.stdout", workdir / "helm.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        try:
            # its own process group (session), so that stop() reaches whatever Helm started
            process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
        except OSError as error:
            raise HelmMissing(f"cannot run helm {command[0]}: {error.strerror or error}") from None
    return RunningHelm(command, process, stdout_path, stderr_path)
