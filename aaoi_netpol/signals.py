"""SIGINT and SIGTERM unwind the program like an exception, then it exits 130 or 143.

Unwinding runs every ``finally`` and context manager on the way out: the
render's temporary folder is removed, a Helm child still running is killed,
a half-built ``--output-dir`` is dropped. Once one signal has arrived, a second
SIGINT or SIGTERM is ignored until the program has exited, so a user pressing
Ctrl-C twice cannot interrupt that clean-up halfway. A signal the parent set to
be ignored (``nohup``, a background job) stays ignored. The exit code is the
shell's for a process killed by the signal: 128 + its number.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread when SIGINT or SIGTERM arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_status(error: BaseException | None) -> int:
    """128 + the signal number for an :class:`Interrupted` (130 for any other KeyboardInterrupt)."""
    return 128 + (error.signum if isinstance(error, Interrupted) else signal.SIGINT)


@contextlib.contextmanager
def interrupts_unwind() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise :class:`Interrupted` once (no-op outside the main thread)."""
    received: list[int] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if received:
            return  # already unwinding: let the clean-up finish
        received.append(signum)
        raise Interrupted(signum)

    # a signal the parent made us ignore (nohup, a background job) stays ignored
    wanted = [signum for signum in HANDLED if signal.getsignal(signum) is not signal.SIG_IGN]
    try:
        previous = {signum: signal.signal(signum, interrupt) for signum in wanted}
    except ValueError:  # not the main thread: signals are not ours to handle
        previous = {}
    try:
        yield
    finally:
        if not received:  # after a signal, later ones stay swallowed until the program exits
            for signum, handler in previous.items():
                signal.signal(signum, handler)
