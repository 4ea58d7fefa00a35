"""Sets of integers as sorted, disjoint, non-adjacent closed intervals ``((lo, hi), ...)``.

Both address sets (IPv4/IPv6 numbers) and port sets (1-65535) are built on these few operations.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Interval = tuple[int, int]
Intervals = tuple[Interval, ...]

EMPTY: Intervals = ()


def normalize(pieces: Iterable[Interval]) -> Intervals:
    """Sort and merge overlapping or adjacent intervals; empty ones (lo > hi) are dropped."""
    merged: list[list[int]] = []
    for lo, hi in sorted(piece for piece in pieces if piece[0] <= piece[1]):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple((lo, hi) for lo, hi in merged)


def union(left: Intervals, right: Intervals) -> Intervals:
    return normalize((*left, *right))


def intersect(left: Intervals, right: Intervals) -> Intervals:
    result: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        lo = max(left[i][0], right[j][0])
        hi = min(left[i][1], right[j][1])
        if lo <= hi:
            result.append((lo, hi))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def subtract(left: Intervals, right: Intervals) -> Intervals:
    """The numbers of ``left`` that are not in ``right``."""
    result: list[Interval] = []
    j = 0
    for lo, hi in left:
        start = lo
        while j < len(right) and right[j][1] < start:
            j += 1
        k = j
        while k < len(right) and right[k][0] <= hi:
            if right[k][0] > start:
                result.append((start, right[k][0] - 1))
            start = max(start, right[k][1] + 1)
            k += 1
        if start <= hi:
            result.append((start, hi))
    return tuple(result)


def _start(piece: Interval) -> int:
    return piece[0]


def contains(intervals: Intervals, number: int) -> bool:
    index = bisect_right(intervals, number, key=_start) - 1
    return index >= 0 and intervals[index][0] <= number <= intervals[index][1]


def size(intervals: Intervals) -> int:
    return sum(hi - lo + 1 for lo, hi in intervals)


def is_subset(inner: Intervals, outer: Intervals) -> bool:
    return not subtract(inner, outer)


def describe(intervals: Intervals) -> str:
    """``80, 443, 8000-8080`` (``none`` when empty)."""
    if not intervals:
        return "none"
    return ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in intervals)
