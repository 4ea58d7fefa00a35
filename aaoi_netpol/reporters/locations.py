"""How reporters name a finding's file: relative to the working directory when it is inside it."""

from __future__ import annotations

from pathlib import Path


def is_pseudo(file: str) -> bool:
    """``<--set #1>`` and the like: a place on the command line, not a file."""
    return file.startswith("<") and file.endswith(">")


def relative_path(file: str, cwd: Path | None = None) -> str:
    """``file`` in POSIX form, relative to ``cwd`` when it lies below it; unchanged otherwise."""
    if is_pseudo(file):
        return file
    path = Path(file)
    if not path.is_absolute():
        return path.as_posix()
    base = (cwd or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
