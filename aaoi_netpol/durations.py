"""Durations written as Helm writes them (Go's ``time.ParseDuration``): ``300ms``, ``1m30s``, ``5m``, ``1.5h``."""

from __future__ import annotations

import re

_UNITS = {"ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "\u03bcs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)([a-z\u00b5\u03bc]+)")
_MAX_SECONDS = (2**63 - 1) / 1e9  # Go's Duration is an int64 of nanoseconds


class DurationError(ValueError):
    pass


def parse_duration(text: str) -> float:
    """Seconds in ``text``: an optional sign, then number-and-unit parts (``0`` alone is allowed)."""
    body = text[1:] if text[:1] in "+-" else text
    negative = text.startswith("-")
    if body == "0":
        return 0.0
    if not body:
        raise DurationError(f"invalid duration {text!r}")
    seconds, position = 0.0, 0
    while position < len(body):
        match = _PART.match(body, position)
        number = match.group(1) if match else ""
        if not match or number in ("", ".") or match.group(2) not in _UNITS:
            unit = f" (unknown unit {match.group(2)!r})" if match and number not in ("", ".") else ""
            raise DurationError(f"invalid duration {text!r}{unit}: write e.g. 300ms, 1m30s, 5m or 1h")
        seconds += float(number) * _UNITS[match.group(2)]
        position = match.end()
    if seconds > _MAX_SECONDS:
        raise DurationError(f"invalid duration {text!r}: too long")
    return -seconds if negative else seconds


def format_duration(seconds: float) -> str:
    """The way Go prints a duration: ``5m0s``, ``1m30s``, ``300ms``, ``1h0m0s``."""
    if seconds < 1:
        return f"{seconds * 1000:g}ms"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:.9g}s"
    if hours or minutes:
        text = f"{int(minutes)}m{text}"
    if hours:
        text = f"{int(hours)}h{text}"
    return text
