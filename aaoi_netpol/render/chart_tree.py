"""A chart directory copied into the private work directory: real copies, within the chart limits.

Every file is copied (never hard-linked), so a ``helm`` that writes into the
chart it is given cannot reach the user's files; ``copy_file_range`` lets the
kernel copy (or share the blocks, on file systems that can) without passing
the bytes through Python. Symbolic links are followed, as Helm's loader
follows them, with a loop check; a FIFO, device or socket in the chart is
refused, never opened. The limits of :mod:`aaoi_netpol.chart_archive` are
checked on the whole tree before the first byte is copied.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.chart_archive import MAX_CHART_BYTES, MAX_CHART_FILE_BYTES, MAX_CHART_FILES, ChartTooBig
from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.input_files import file_kind, size_text

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


@dataclass
class _Plan:
    directories: list[Path] = field(default_factory=list)  # relative, parents first
    files: list[tuple[Path, int]] = field(default_factory=list)  # relative path, size
    total: int = 0


def _stat(path: Path, chart: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{chart}: {path.relative_to(chart)} is a broken symbolic link") from None
    except OSError as error:
        raise InputError(f"{chart}: cannot read {path.relative_to(chart)}: {error.strerror or error}") from None


def _plan(chart: Path) -> _Plan:
    """Every directory and regular file under ``chart``, checked against the limits (no recursion)."""
    plan = _Plan()
    root = _stat(chart, chart)
    pending: list[tuple[Path, frozenset[tuple[int, int]]]] = [(Path(), frozenset({(root.st_dev, root.st_ino)}))]
    while pending:
        relative, ancestors = pending.pop()
        try:
            entries = sorted(os.scandir(chart / relative), key=lambda entry: entry.name)
        except OSError as error:
            raise InputError(f"{chart}: cannot read {relative or '.'}: {error.strerror or error}") from None
        for entry in entries:
            child = relative / entry.name
            info = _stat(chart / child, chart)
            if len(plan.directories) + len(plan.files) >= MAX_CHART_FILES:
                raise ChartTooBig(chart, f"more than {MAX_CHART_FILES} files and directories")
            if stat.S_ISDIR(info.st_mode):
                identity = (info.st_dev, info.st_ino)
                if identity in ancestors:
                    raise InputError(f"{chart}: {child} is a symbolic link loop")
                plan.directories.append(child)
                pending.append((child, ancestors | {identity}))
            elif stat.S_ISREG(info.st_mode):
                if info.st_size > MAX_CHART_FILE_BYTES:
                    raise ChartTooBig(chart, f"{child} is {size_text(info.st_size)}")
                plan.total += info.st_size
                if plan.total > MAX_CHART_BYTES:
                    raise ChartTooBig(chart, f"its files hold more than {size_text(MAX_CHART_BYTES)}")
                plan.files.append((child, info.st_size))
            else:
                raise InputError(f"{chart}: {child} is {file_kind(info.st_mode)}: a chart holds only files "
                                 "and directories")
    return plan


def _copy_bytes(source_fd: int, target_fd: int, limit: int) -> int:
    """Copy up to ``limit + 1`` bytes; the count copied."""
    copied = 0
    use_range = hasattr(os, "copy_file_range")
    while copied <= limit:
        want = limit + 1 - copied
        try:
            count = os.copy_file_range(source_fd, target_fd, want) if use_range else 0
        except OSError:  # an older kernel, another file system: copy through user space
            use_range, count = False, 0
        if not use_range:
            chunk = os.read(source_fd, min(want, 1 << 20))
            count = os.write(target_fd, chunk) if chunk else 0
        if count == 0:
            break
        copied += count
    return copied


def copy_file(source: Path, target: Path, limit: int, chart: Path) -> None:
    """A real copy of one regular file of at most ``limit`` bytes (checked again on the open file)."""
    source_fd = os.open(source, _READ_FLAGS)
    try:
        info = os.fstat(source_fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{chart}: {source.relative_to(chart)} is {file_kind(info.st_mode)}")
        target_fd = os.open(target, _WRITE_FLAGS, 0o644)
        try:
            copied = _copy_bytes(source_fd, target_fd, limit)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)
    if copied > limit:
        raise ChartTooBig(chart, f"{source.relative_to(chart)} grew past {size_text(limit)} while it was copied")


def copy_chart_tree(chart: Path, target: Path) -> None:
    """Copy the chart directory ``chart`` to the new directory ``target``; InputError when it cannot."""
    plan = _plan(chart)
    try:
        target.mkdir()
        for directory in plan.directories:
            (target / directory).mkdir()
        budget = MAX_CHART_BYTES
        for relative, size in plan.files:
            copy_file(chart / relative, target / relative, min(MAX_CHART_FILE_BYTES, budget), chart)
            budget -= size
    except OSError as error:
        shutil.rmtree(target, ignore_errors=True)
        raise InputError(f"{chart}: cannot copy the chart: {error.strerror or error}") from None
