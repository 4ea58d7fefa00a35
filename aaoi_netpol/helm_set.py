"""``--set``, ``--set-string`` and ``--set-json`` parsed the way Helm's strvals parser does.

``a.b=1,c[0]=x,list={a,b}``: dots nest, ``[N]`` indexes lists, ``\\`` escapes,
``{a,b}`` is a list. ``--set`` types ``true``/``false``/``null`` and integers
without a leading zero; ``--set-string`` keeps text; ``--set-json`` takes JSON.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.yaml_budget import MAX_DEPTH

ValuePath = tuple[str | int, ...]
MAX_INDEX = 65536
_INT = re.compile(r"[+-]?[0-9]+")
_MAX_INT64_CHARS = 20  # a sign and 19 digits: anything longer is out of int64 range, and stays text as in Helm
_MAX_JSON_NUMBER_CHARS = 400  # longer, and float64 overflows (Helm refuses): never int() on 4300+ digits


def _json_int(text: str) -> int:
    if len(text) > _MAX_JSON_NUMBER_CHARS:
        raise ValueError(f"number {text[:20]}… is out of range")
    number = int(text)
    if math.isinf(float(number)):
        raise ValueError(f"number {text[:20]}… is out of range")
    return number


def _json_float(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"number {text[:20]} is out of range")
    return number


def _json_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


_JSON = json.JSONDecoder(parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)


@dataclass(frozen=True)
class SetAssignment:
    path: ValuePath
    value: Any
    column: int  # 1-based position of the key in the argument


def typed_value(text: str) -> Any:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if text == "0":
        return 0
    if text and text[0] != "0" and len(text) <= _MAX_INT64_CHARS and _INT.fullmatch(text):
        number = int(text)
        if -(2**63) <= number < 2**63:
            return number
    return text


class _Scanner:
    def __init__(self, flag: str, text: str) -> None:
        self.flag, self.text, self.pos = flag, text, 0

    def fail(self, message: str) -> InputError:
        shown = self.text if len(self.text) <= 120 else f"{self.text[:120]}…"
        return InputError(f"{self.flag} {shown!r}: {message}")

    def read_until(self, stops: str) -> tuple[str, str]:
        """Text up to the first unescaped stop character, and that character ('' at the end)."""
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if char == "\\" and self.pos < len(self.text):
                out.append(self.text[self.pos])
                self.pos += 1
            elif char in stops:
                return "".join(out), char
            else:
                out.append(char)
        return "".join(out), ""

    def index(self) -> int:
        """A list index after '[', up to and with its ']'."""
        index_text, closing = self.read_until("]")
        if closing != "]" or not index_text.isascii() or not index_text.isdigit():
            raise self.fail(f"bad list index '[{index_text[:20]}'")
        if len(index_text.lstrip("0")) > len(str(MAX_INDEX)) or int(index_text) > MAX_INDEX:
            raise self.fail(f"list index {index_text[:20]} is over the limit of {MAX_INDEX}")
        return int(index_text)

    def key_path(self) -> tuple[ValuePath, int]:
        start = self.pos + 1
        path: list[str | int] = []
        while True:
            name, stop = self.read_until(".=[,")
            if stop == "[":
                path.append(name)
                path.append(self.index())
                while self.pos < len(self.text) and self.text[self.pos] == "[":
                    self.pos += 1
                    path.append(self.index())
                if self.pos < len(self.text) and self.text[self.pos] in ".=":
                    stop = self.text[self.pos]
                    self.pos += 1
                    if stop == "=":
                        return tuple(path), start
                    continue
                raise self.fail("a list index must be followed by '.' or '='")
            if stop == ".":
                if not name:
                    raise self.fail("empty key segment")
                path.append(name)
                continue
            if stop == "=":
                path.append(name)
                return tuple(path), start
            raise self.fail(f"key '{'.'.join(map(str, [*path, name]))}' has no value")


def parse_set(text: str, flag: str = "--set") -> list[SetAssignment]:
    scanner = _Scanner(flag, text)
    assignments: list[SetAssignment] = []
    while scanner.pos < len(text):
        path, column = scanner.key_path()
        if flag == "--set-json":
            try:
                value, end = _JSON.raw_decode(text, scanner.pos)
            except json.JSONDecodeError as error:
                raise scanner.fail(f"invalid JSON at character {error.pos + 1}: {error.msg}") from None
            except ValueError as error:  # out of float64 range, NaN or Infinity: Helm refuses them too
                raise scanner.fail(f"invalid JSON: {error}") from None
            except RecursionError:
                raise scanner.fail(f"JSON nested more than {MAX_DEPTH} levels deep: aaoi-netpol's limit") from None
            _check_depth(value, len(path), scanner)
            scanner.pos = end
            if scanner.pos < len(text):
                if text[scanner.pos] != ",":
                    raise scanner.fail(f"expected ',' after the JSON value at character {end + 1}")
                scanner.pos += 1
        elif scanner.pos < len(text) and text[scanner.pos] == "{":
            scanner.pos += 1
            items: list[str] = []
            while True:
                item, stop = scanner.read_until(",}")
                items.append(item)
                if stop != ",":
                    break
            if stop != "}":
                raise scanner.fail("a list value '{' is not closed by '}'")
            value = [item if flag == "--set-string" else typed_value(item) for item in items]
            if scanner.pos < len(text) and text[scanner.pos] == ",":
                scanner.pos += 1
        else:
            raw, _ = scanner.read_until(",")
            value = raw if flag == "--set-string" else typed_value(raw)
        if len(path) > MAX_DEPTH:
            raise scanner.fail(f"the key is nested more than {MAX_DEPTH} levels deep: aaoi-netpol's limit")
        if path != ("",):  # Helm ignores an assignment with an empty key ("=1")
            assignments.append(SetAssignment(path, value, column))
    return assignments


def _check_depth(value: Any, depth: int, scanner: _Scanner) -> None:
    """A --set-json value may not take the values past MAX_DEPTH levels (walked without recursion)."""
    pending = [(value, depth)]
    while pending:
        item, level = pending.pop()
        if level > MAX_DEPTH:
            raise scanner.fail(f"JSON nested more than {MAX_DEPTH} levels deep: aaoi-netpol's limit")
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        pending.extend((child, level + 1) for child in children)


def apply_assignment(values: dict[str, Any], assignment: SetAssignment) -> None:
    """Set one value in place, creating maps and growing lists as Helm does."""
    container: Any = values
    path = assignment.path
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        following = None if last else path[depth + 1]
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(container) <= step:
                container.append(None)
            if last:
                container[step] = assignment.value
            else:
                current = container[step]
                if not isinstance(current, type(fresh)):
                    container[step] = fresh
                container = container[step]
        else:
            if last:
                container[step] = assignment.value
            else:
                current = container.get(step)
                if isinstance(fresh, dict) and current is not None and not isinstance(current, dict):
                    shown = ".".join(str(s) for s in path[: depth + 1])
                    raise InputError(f"--set: '{shown}' is {type(current).__name__} {current!r}, not a table, "
                                     f"so '{'.'.join(map(str, path))}' cannot be set")
                if not isinstance(current, type(fresh)):
                    container[step] = fresh
                container = container[step]
