#!/usr/bin/env python3
"""Regenerate the README's `lint` examples from real runs, so they cannot drift from what the CLI prints.

Every ```` ```console ```` block of README.md whose first line is
``$ helm netpol lint ARGS`` or ``$ aaoi-netpol lint ARGS`` on files of this
repository (``examples/``) gets the output of ``aaoi-netpol lint ARGS`` run
from the repository root (stdout, then stderr). Blocks that need a chart,
Helm or files a reader makes first (``staging-values.yaml``) are left alone:
those outputs are asserted by the CLI tests.

    python tools/update_readme_examples.py            # rewrite README.md
    python tools/update_readme_examples.py --check    # exit 1 if an example is out of date
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (?:helm netpol|aaoi-netpol) (lint [^\n]*)\n(.*?)```", re.S)


def _runnable(arguments: list[str]) -> bool:
    """A plain command (no pipe) on values files that are all in this repository."""
    files = [a for a in arguments if a.endswith((".yaml", ".yml"))]
    return "|" not in arguments and bool(files) and all((REPO_ROOT / f).is_file() for f in files)


def run_example(command: str) -> str:
    """What ``aaoi-netpol COMMAND`` prints (stdout, then stderr), run from the repository root."""
    result = subprocess.run([sys.executable, "-m", "aaoi_netpol", *shlex.split(command)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
    return result.stdout + result.stderr


def updated_readme(text: str) -> tuple[str, list[str]]:
    """README text with every runnable lint example regenerated, and the commands regenerated."""
    commands: list[str] = []

    def regenerate(match: re.Match[str]) -> str:
        command = match.group(1)
        if not _runnable(shlex.split(command)):
            return match.group(0)
        commands.append(command)
        prompt = match.group(0).split("\n", 2)[1]
        return f"```console\n{prompt}\n{run_example(command)}```"

    return BLOCK.sub(regenerate, text), commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether an example is out of date")
    args = parser.parse_args(argv)
    readme = REPO_ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    updated, _ = updated_readme(current)
    if updated == current:
        return 0
    if args.check:
        print(f"{readme}: a lint example is out of date; run python tools/update_readme_examples.py", file=sys.stderr)
        return 1
    readme.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
