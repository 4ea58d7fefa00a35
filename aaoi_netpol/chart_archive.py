"""Chart sources read within bounds: a ``.tgz`` is checked from its tar headers before anything is written.

Limits (Helm 3.17's own loader refuses a chart over 100 MiB unpacked or a file
over 5 MiB; Helm 4 keeps the first): :data:`MAX_CHART_BYTES` in all,
:data:`MAX_CHART_FILE_BYTES` per file, :data:`MAX_CHART_FILES` files and
directories. A member whose path is absolute or climbs out with ``..`` is
refused; links and devices are skipped, as Helm's loader reads regular files
only. The archive itself must be a regular file of at most
:data:`MAX_CHART_BYTES`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.input_files import MiB, UnreadableInput, file_kind, size_text

MAX_CHART_BYTES = 100 * MiB
MAX_CHART_FILE_BYTES = 5 * MiB
MAX_CHART_FILES = 1000
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def chart_limits_text() -> str:
    return (f"{size_text(MAX_CHART_BYTES)} in all, {size_text(MAX_CHART_FILE_BYTES)} per file, "
            f"{MAX_CHART_FILES} files")


class ChartTooBig(InputError):
    """A chart passed one of the limits above (exit 2)."""

    def __init__(self, chart: Path, what: str) -> None:
        super().__init__(f"{chart}: {what}: over aaoi-netpol's chart limits ({chart_limits_text()})")


@contextlib.contextmanager
def open_archive(archive: Path) -> Iterator[tarfile.TarFile]:
    """The chart archive opened for streaming; InputError unless it is a regular file within the limit."""
    try:
        fd = os.open(archive, _OPEN_FLAGS)
    except OSError as error:
        reason = "no such chart directory or archive" if isinstance(error, FileNotFoundError) else \
            f"cannot read: {error.strerror or error}"
        raise UnreadableInput(str(archive), reason) from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput(str(archive), f"is {file_kind(info.st_mode)}, not a chart directory or archive")
        if info.st_size > MAX_CHART_BYTES:
            raise ChartTooBig(archive, f"the archive is {size_text(info.st_size)}")
        try:
            with tarfile.open(fileobj=stream, mode="r:*") as tar:
                yield tar
        except (tarfile.TarError, OSError, EOFError, ValueError) as error:
            reason = str(error).splitlines()[0].rstrip(":") if str(error) else type(error).__name__
            raise InputError(f"{archive}: not a readable chart archive: {reason}") from None


def _check_path(archive: Path, name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\x00" in name:
        raise InputError(f"{archive}: unsafe path in chart archive: {name!r}")
    return path


def checked_members(tar: tarfile.TarFile, archive: Path) -> list[tarfile.TarInfo]:
    """The archive's files and directories, every header checked against the limits before any is extracted.

    Headers are read one by one, so an archive is refused at its first member over a limit without
    unpacking the rest.
    """
    members: list[tarfile.TarInfo] = []
    total = 0
    seen = 0
    for member in tar:
        seen += 1
        if seen > MAX_CHART_FILES:
            raise ChartTooBig(archive, f"more than {MAX_CHART_FILES} members")
        _check_path(archive, member.name)
        if not (member.isfile() or member.isdir()):
            continue
        if member.size > MAX_CHART_FILE_BYTES:
            raise ChartTooBig(archive, f"{member.name} is {size_text(member.size)}")
        total += member.size
        if total > MAX_CHART_BYTES:
            raise ChartTooBig(archive, f"its files unpack to more than {size_text(MAX_CHART_BYTES)}")
        members.append(member)
    return members


def read_member(tar: tarfile.TarFile, member: tarfile.TarInfo, limit: int) -> bytes:
    """One member's bytes, at most ``limit + 1`` of them (one more tells the caller it is too big)."""
    extracted = tar.extractfile(member)
    return extracted.read(limit + 1) if extracted is not None else b""
