"""Our CLI in this process (:func:`run_cli`) or as a real subprocess (:func:`run_cli_process`).

In process, a run sees what a fresh ``python -m aaoi_netpol ARGS`` sees: the environment given (by
default this process's; ``GITHUB_ACTIONS`` is always dropped, so ``--format auto`` means text unless a
test sets it through :func:`run_cli_process`), the working directory, ``sys.argv``, a stdin holding
``input_text``, and stdout/stderr that are UTF-8 pipes (not terminals: no colour) with the error
handlers a real run gets. Everything is restored afterwards, and the package's memoised functions
forget what they saw, as a new process would.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.input_guard import guarding_arguments

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "aaoi_netpol"


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


class _Pipe(io.BytesIO):
    """The bytes a stream received; stays readable when the program closes its end (as on EPIPE)."""

    def close(self) -> None:
        return None


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    full = dict(os.environ if env is None else env)
    full.pop("GITHUB_ACTIONS", None)
    return full


def _text(data: bytes) -> str:
    """Decoded as ``subprocess.run(..., text=True)`` decodes: strict UTF-8, universal newlines."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _forget_memoised() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not (name == PACKAGE or name.startswith(PACKAGE + ".")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


@contextlib.contextmanager
def _fresh_process(args: Sequence[str], cwd: Path | None, env: dict[str, str],
                   streams: tuple[io.TextIOWrapper, io.TextIOWrapper, io.TextIOWrapper]) -> Iterator[None]:
    saved_env, saved_cwd, saved_argv = dict(os.environ), os.getcwd(), sys.argv
    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(REPO_ROOT / PACKAGE / "__main__.py"), *args]
    try:
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = streams
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.argv = saved_argv
        _forget_memoised()


def run_cli(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None,
            input_text: str | None = None) -> CliResult:
    """Run ``aaoi-netpol ARGS`` in this process (``aaoi_netpol.cli.run``), as a fresh process would.

    With ``input_text`` (standard input, which the CLI reads from its file descriptor) it runs as a real
    process. Either way every chart, archive and values file named is checked unchanged afterwards.
    """
    from aaoi_netpol.cli import run

    if input_text is not None:
        return run_cli_process(args, cwd, env, input_text)

    stdout_errors = getattr(sys.__stdout__, "errors", None) or "strict"
    stdin = io.TextIOWrapper(_Pipe((input_text or "").encode("utf-8")), encoding="utf-8")
    stdout = io.TextIOWrapper(_Pipe(), encoding="utf-8", errors=stdout_errors, write_through=True)
    stderr = io.TextIOWrapper(_Pipe(), encoding="utf-8", errors="backslashreplace", write_through=True)
    with guarding_arguments(args, cwd), _fresh_process(list(args), cwd, _environment(env), (stdin, stdout, stderr)):
        code = run(list(args))
    stdout.flush()
    stderr.flush()
    assert isinstance(stdout.buffer, _Pipe) and isinstance(stderr.buffer, _Pipe)
    result = CliResult(code, _text(stdout.buffer.getvalue()), _text(stderr.buffer.getvalue()))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run_cli_process(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                    input_text: str | None = None) -> CliResult:
    """Run ``python -m aaoi_netpol ARGS`` as a user would (a real subprocess, this checkout's package)."""
    full_env = _environment(env)
    full_env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    with guarding_arguments(args, cwd):  # every chart, .tgz and values file named is unchanged afterwards
        result = subprocess.run([sys.executable, "-m", PACKAGE, *args], capture_output=True, text=True,
                                cwd=cwd, env=full_env, input=input_text, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return CliResult(result.returncode, result.stdout, result.stderr)
