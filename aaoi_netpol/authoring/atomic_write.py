"""Replacing a file's content atomically: a temporary file beside it, then os.replace."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) over ``path`` so that readers see the old or the new file, never a part.

    A symlink is followed (the file it points to is replaced); the file keeps its mode and, where the
    process may set them, its owner and group.
    """
    target = Path(os.path.realpath(path))
    before = target.stat()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".aaoi-netpol", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        with contextlib.suppress(OSError):  # best effort: only root may give a file away
            os.chown(temporary, before.st_uid, before.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
