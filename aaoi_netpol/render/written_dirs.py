"""Directories aaoi-netpol writes (``--output-dir``, ``--write-chart``), and the record that lets it replace them.

Every such directory holds a record, ``.aaoi-netpol-written``: a JSON object
naming the option that wrote it and every directory and file it wrote, each
file with its SHA-256. (No ``.json`` suffix: ``kubectl apply -f DIR`` reads
only ``.json``, ``.yaml`` and ``.yml`` files.) A directory may be written when
it does not exist, is empty, or holds exactly what its record lists, unchanged
— an earlier output of the same option. Anything else in it (a file the user
added or edited, a symbolic link, a record of the other option) makes the
write refuse with one line, before anything is touched.

The new content is built in a staging directory beside the target and swapped
in with two renames. The previous content is then deleted file by file, and
only the files the record lists and that still have the recorded hash: a file
that appeared in the instant between the check and the swap is kept (and
named in the error).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.diagnostics import InputError

RECORD = ".aaoi-netpol-written"
WRITER = "aaoi-netpol"
_REFUSED = "nothing was replaced (move it away, or choose another directory)"


@dataclass
class Record:
    option: str
    files: dict[str, str] = field(default_factory=dict)  # POSIX relative path -> sha256 hex
    directories: set[str] = field(default_factory=set)

    def to_json(self) -> str:
        return json.dumps({"writtenBy": WRITER, "option": self.option, "directories": sorted(self.directories),
                           "files": dict(sorted(self.files.items()))}, indent=2) + "\n"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entries(root: Path, relative: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry below ``root`` (symbolic links reported, never followed), parents before children."""
    with os.scandir(root / relative if relative else root) as scan:
        found = sorted(scan, key=lambda entry: entry.name)
    for entry in found:
        path = f"{relative}/{entry.name}" if relative else entry.name
        yield path, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(root, path)


def record_of(root: Path, option: str) -> Record:
    """A record of everything below ``root`` (which aaoi-netpol has just written)."""
    record = Record(option)
    for path, entry in _entries(root):
        if entry.is_dir(follow_symlinks=False):
            record.directories.add(path)
        elif entry.is_file(follow_symlinks=False):
            record.files[path] = file_hash(Path(entry.path))
        else:
            raise InputError(f"{option}: cannot record {path}: not a regular file")
    return record


def _inside_path(path: str) -> bool:
    """A relative POSIX path that stays inside its folder (a record naming ``../x`` is not ours)."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def read_record(directory: Path) -> Record | None:
    """The record in ``directory``, or None when there is none that aaoi-netpol could have written."""
    path = directory / RECORD
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("writtenBy") != WRITER or not isinstance(data.get("option"), str):
        return None
    files, directories = data.get("files"), data.get("directories")
    if not (isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
            and isinstance(directories, list) and all(isinstance(d, str) for d in directories)
            and all(_inside_path(p) for p in [*files, *directories])):
        return None
    return Record(data["option"], dict(files), set(directories))


def blocking_entry(target: Path, option: str) -> str | None:
    """Why ``target`` may not be replaced by ``option`` (one phrase), or None when it may."""
    if not target.exists() and not target.is_symlink():
        return None
    if not target.is_dir():
        return "exists and is not a directory"
    if not any(target.iterdir()):
        return None
    record = read_record(target)
    if record is None or record.option != option:
        return f"directory is not empty and not an earlier {option} output; choose a new or empty directory"
    for path, entry in _entries(target):
        if path == RECORD:
            continue
        if entry.is_dir(follow_symlinks=False) and path in record.directories:
            continue
        if entry.is_file(follow_symlinks=False) and path in record.files:
            if file_hash(Path(entry.path)) != record.files[path]:
                return f"{path} was changed after aaoi-netpol wrote it: {_REFUSED}"
            continue
        return f"{path} was not written by aaoi-netpol: {_REFUSED}"
    return None


def _remove_recorded(previous: Path, record: Record) -> list[str]:
    """Delete what ``record`` lists and is unchanged; the paths left behind."""
    for path, digest in record.files.items():
        candidate = previous / path
        if candidate.is_file() and not candidate.is_symlink() and file_hash(candidate) == digest:
            candidate.unlink()
    (previous / RECORD).unlink(missing_ok=True)
    for path in sorted(record.directories, key=lambda p: p.count("/"), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something not ours is inside, it stays
            (previous / path).rmdir()
    try:
        previous.rmdir()
    except OSError:
        return [path for path, _ in _entries(previous)]
    return []


def _swap(target: Path, option: str, fill: Callable[[Path], object], staging: Path,
          old: list[Record]) -> list[str]:
    """Fill, record, check, swap; then delete the previous content we wrote. Returns what had to be kept."""
    content, previous = staging / "content", staging / "previous"
    fill(content)
    (content / RECORD).write_text(record_of(content, option).to_json(), encoding="utf-8")
    problem = blocking_entry(target, option)  # checked again just before the swap
    if problem is not None:
        raise InputError(f"{option} {target}: {problem}")
    if target.exists():
        old.extend([read_record(target) or Record(option)])
        target.rename(previous)
    content.rename(target)
    return _remove_recorded(previous, old[0]) if old else []


def _clean_staging(staging: Path, target: Path, old: list[Record]) -> None:
    """Remove the staging directory; an interrupted swap is undone, anything not ours stays."""
    previous = staging / "previous"
    if previous.exists() and not target.exists():
        previous.rename(target)  # interrupted between the two renames: put the old content back
    shutil.rmtree(staging / "content", ignore_errors=True)  # ours: new content that was not swapped in
    if previous.exists() and old:
        _remove_recorded(previous, old[0])  # interrupted while deleting the old content
    for directory in (previous, staging):
        with contextlib.suppress(OSError):  # missing, or holds files we did not write
            directory.rmdir()


def replace_directory(target: Path, option: str, fill: Callable[[Path], object]) -> None:
    """Build ``target``'s new content with ``fill(content_dir)``, record it, then swap it in (see the module)."""
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.aaoi-netpol-", dir=target.parent))
    except OSError as error:
        raise InputError(f"{option} {target}: cannot write: {error.strerror or error}") from None
    old: list[Record] = []
    try:
        left = _swap(target, option, fill, staging, old)
    except OSError as error:
        raise InputError(f"{option} {target}: cannot write: {error.strerror or error}") from None
    finally:
        _clean_staging(staging, target, old)
    if left:
        raise InputError(f"{option} {target}: written, but {len(left)} file(s) not written by aaoi-netpol "
                         f"appeared in the old content meanwhile; they are kept in {staging / 'previous'}")
