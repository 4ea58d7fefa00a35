"""Reading the files a user names, bounded: regular files (or ``-``, standard input) only, up to a size limit.

A FIFO, a device (``/dev/zero``), a socket or a directory is refused before a
byte is read: files are opened with ``O_NONBLOCK`` (so opening a FIFO never
waits for a writer) and checked with ``fstat`` on the open descriptor. Every
refusal is one line naming the file, and exit code 2.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from aaoi_netpol.diagnostics import InputError

MiB = 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISLNK, "a symbolic link"))
_stdin_data: dict[str, bytes] = {}


class UnreadableInput(InputError):
    """A named input that cannot be read; ``reason`` is the message without the file name."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.reason = reason


class InputTooBig(UnreadableInput):
    """A named input over its size limit."""


def is_stdin(path: Path | str) -> bool:
    return str(path) == STDIN


def display_name(path: Path | str) -> str:
    return STDIN_NAME if is_stdin(path) else str(path)


def size_text(size: int) -> str:
    return f"{size / MiB:.1f} MiB" if size >= MiB else f"{size} bytes"


def file_kind(mode: int) -> str:
    """'a FIFO (named pipe)', 'a directory', ...: what a non-regular file is, for messages."""
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def _open_reason(path: Path, error: OSError, what: str) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ENXIO:  # a socket (or a FIFO's other end): tell which
        try:
            return f"is {file_kind(os.stat(path).st_mode)}, not a {what}"
        except OSError:
            pass
    return f"cannot read: {error.strerror or error}"


def _regular_reason(mode: int, what: str) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"is a directory, not a {what}"
    return f"is {file_kind(mode)}, not a regular file (aaoi-netpol reads only regular files, or - for standard input)"


def _too_big(size: int, limit: int, what: str) -> str:
    return f"{size_text(size)} is over aaoi-netpol's limit of {size_text(limit)} for a {what}"


def _read_fd(fd: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes: one byte more than allowed tells the caller the input is too big."""
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = os.read(fd, min(remaining, MiB))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_stdin(what: str, limit: int) -> bytes:
    """Standard input, read once per process (``-`` named twice, or also handed to Helm, sees the same bytes)."""
    if STDIN not in _stdin_data:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise UnreadableInput(STDIN_NAME, "there is no standard input to read")
        try:
            _stdin_data[STDIN] = _read_fd(stream.fileno(), limit)
        except (OSError, ValueError) as error:
            raise UnreadableInput(STDIN_NAME, f"cannot read: {getattr(error, 'strerror', None) or error}") from None
    data = _stdin_data[STDIN]
    if len(data) > limit:
        raise InputTooBig(STDIN_NAME, f"more than {size_text(limit)}, aaoi-netpol's limit for a {what}")
    return data


def read_bounded(path: Path, what: str, limit: int) -> bytes:
    """The bytes of ``path`` (``-``: standard input); UnreadableInput unless it is a regular file within ``limit``."""
    if is_stdin(path):
        return read_stdin(what, limit)
    name = str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise UnreadableInput(name, _open_reason(path, error, what)) from None
    try:
        info = os.fstat(fd)
        reason = _regular_reason(info.st_mode, what)
        if reason is not None:
            raise UnreadableInput(name, reason)
        if info.st_size > limit:
            raise InputTooBig(name, _too_big(info.st_size, limit, what))
        data = _read_fd(fd, limit)
    except OSError as error:
        raise UnreadableInput(name, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise InputTooBig(name, _too_big(len(data), limit, what))
    return data


def decode_utf8(data: bytes, name: str) -> str:
    """The text of a file Helm reads as UTF-8; an invalid byte is an InputError at its line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(f"{name}:{line}:{column}: not UTF-8 text (byte {error.start})") from None


def path_status(path: Path) -> os.stat_result | None:
    """``os.stat`` of ``path`` (symbolic links followed), None when nothing is there; InputError for any other
    failure (a name over 255 characters, a permission problem, a link loop), so no caller sees an OSError."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as error:
        raise UnreadableInput(str(path), f"cannot read: {error.strerror or error}") from None


def is_regular(info: os.stat_result | None) -> bool:
    return info is not None and stat.S_ISREG(info.st_mode)


def chart_path_kind(chart: Path) -> str:
    """'directory', 'file' or 'missing' for a CHART argument; InputError for anything else (a FIFO, a long name)."""
    info = path_status(chart)
    if info is None:
        return "missing"
    if stat.S_ISDIR(info.st_mode):
        return "directory"
    if stat.S_ISREG(info.st_mode):
        return "file"
    raise UnreadableInput(str(chart), f"is {file_kind(info.st_mode)}, not a chart directory or archive")
