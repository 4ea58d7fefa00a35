"""Inputs never change: every chart, ``.tgz`` and values file the CLI is given is byte-identical afterwards.

Two layers:

- :func:`guarding_arguments` (used by ``run_cli``) hashes every existing path
  among the CLI's arguments — values files, ``.tgz`` archives, whole chart
  directories — before the command and compares after it. The directories
  named by ``--output-dir`` and ``--write-chart`` are outputs, not inputs.
- :func:`repository_inputs_unchanged` (a module-scoped autouse fixture, so it covers the
  tests that start the CLI through Helm, pre-commit or their own subprocess
  too) checks the repository's shared inputs after every test module: the stand-in
  chart, the examples, fixtures and corpus, and the AAOI reference values.
  Their hashes are taken once a session; after a module each file costs one
  ``lstat``, and a file whose status changed (a write always changes its
  ctime, even when the mtime is put back) is hashed again.

Only regular files are opened (a FIFO in the corpus must not block the check).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT_OPTIONS = ("--output-dir", "--write-chart")
Signature = tuple[int, int, int, int, int]


def _signature(status: os.stat_result) -> Signature:
    return status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def _content(path: str, status: os.stat_result) -> str:
    if stat.S_ISREG(status.st_mode):
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    if stat.S_ISLNK(status.st_mode):
        return "link:" + os.readlink(path)
    return f"mode:{stat.S_IFMT(status.st_mode):o}"


def _walk(root: str) -> Iterator[tuple[str, os.stat_result]]:
    """Every entry below ``root`` with its lstat (plain strings: this runs around every test)."""
    status = os.lstat(root)
    yield root, status
    if stat.S_ISDIR(status.st_mode):
        with os.scandir(root) as scan:
            entries = [entry.path for entry in scan]
        for child in entries:
            yield from _walk(child)


@dataclass
class TreeState:
    """The content of every entry below some roots, and the lstat signature it was hashed at."""

    roots: tuple[str, ...]
    content: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)

    @classmethod
    def take(cls, roots: Sequence[Path]) -> TreeState:
        state = cls(tuple(str(root) for root in roots))
        for root in state.roots:
            for path, status in _walk(root):
                state.content[path] = _content(path, status)
                state.signatures[path] = _signature(status)
        return state

    def changes(self) -> list[str]:
        """What differs now (added, removed, changed); signatures of unchanged content are refreshed."""
        problems: list[str] = []
        seen: set[str] = set()
        for root in self.roots:
            if not os.path.lexists(root):
                continue
            for path, status in _walk(root):
                seen.add(path)
                signature = _signature(status)
                if signature == self.signatures.get(path):
                    continue
                if path not in self.content:
                    problems.append(f"{path} appeared")
                elif _content(path, status) != self.content[path]:
                    problems.append(f"{path} changed")
                else:
                    self.signatures[path] = signature
        problems += [f"{path} disappeared" for path in self.content if path not in seen]
        return problems


def argument_paths(args: Sequence[str], cwd: Path | None = None) -> list[Path]:
    """The existing files and directories among ``args`` (resolved against ``cwd``), outputs left out."""
    found: list[Path] = []
    skip_next = False
    for arg in args:
        if skip_next or arg in OUTPUT_OPTIONS:
            skip_next = arg in OUTPUT_OPTIONS
            continue
        if arg.startswith("-") or "\0" in arg:
            continue
        path = Path(arg) if cwd is None or os.path.isabs(arg) else cwd / arg
        with contextlib.suppress(OSError):
            if os.path.lexists(path) and path not in found:
                found.append(path)
    return found


@contextlib.contextmanager
def guarding_arguments(args: Sequence[str], cwd: Path | None = None) -> Iterator[None]:
    """Fail when the command changed any input path among ``args``."""
    state = TreeState.take(argument_paths(args, cwd))
    yield
    problems = state.changes()
    assert not problems, f"the CLI changed its input: {problems[:5]}"
