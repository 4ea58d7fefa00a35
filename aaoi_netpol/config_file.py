"""The config file: ``.netpol.yaml`` (or ``.netpol.yml``), or ``[tool.aaoi-netpol]`` in ``pyproject.toml``.

Looked for in the working directory, then each parent up to the filesystem
root; the first directory holding one wins (``.netpol.yaml`` before
``pyproject.toml`` in the same directory; a ``pyproject.toml`` without the
table is passed over). Keys::

    disable: [NP010, NP011]      # rules that do not run
    severity: {NP012: warning}   # warning | error
    strict: true                 # warnings fail too (like --strict)
    format: github               # text | json | github | sarif | auto

Anything else — an unknown key, an unknown rule ID, a bad severity, a value
of the wrong type — is an error at its ``file:line:col`` and exit 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from aaoi_netpol.config import ConfigError, RuleConfig, conflicts, parse_severity, rule_problem
from aaoi_netpol.diagnostics import InputError, Location, Severity
from aaoi_netpol.input_files import InputTooBig, MiB, UnreadableInput, decode_utf8, read_bounded
from aaoi_netpol.yaml_budget import MAX_DEPTH
from aaoi_netpol.yaml_loader import ValuePath, load_values_text

YAML_NAMES = (".netpol.yaml", ".netpol.yml")
PYPROJECT = "pyproject.toml"
TOOL = "aaoi-netpol"
KEYS = ("disable", "severity", "strict", "format")
MAX_CONFIG_BYTES = 1 * MiB


class Problem(Protocol):
    def __call__(self, path: ValuePath, message: str, at_value: bool = ...) -> None: ...

Locator = Callable[[ValuePath, bool], Location]  # (path, at the value rather than the key)


def find_config_file(start: Path) -> Path | None:
    directory = start.resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in YAML_NAMES:
            if (candidate_dir / name).is_file():
                return candidate_dir / name
        pyproject = candidate_dir / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _read_config_text(path: Path, display: str) -> str:
    """The config file's text: a regular file of at most MAX_CONFIG_BYTES, UTF-8; InputError otherwise."""
    try:
        return decode_utf8(read_bounded(path, "config file", MAX_CONFIG_BYTES), display)
    except UnreadableInput as error:
        raise InputError(f"{display}: cannot read config file: {error.reason}") from None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = decode_utf8(read_bounded(pyproject, "config file", MAX_CONFIG_BYTES), str(pyproject))
    except InputTooBig:
        raise  # too big to tell: fail closed rather than lint without its settings
    except InputError:
        return False
    return re.search(rf"^\s*\[\s*tool\s*\.\s*[\"']?{re.escape(TOOL)}[\"']?\s*[\].]", text, re.M) is not None


def load_config_file(path: Path, formats: Sequence[str]) -> RuleConfig:
    """The configuration ``path`` holds; ConfigError lists every problem at its place."""
    display = _display(path)
    text = _read_config_text(path, display)
    if path.name == PYPROJECT:
        data, locate = _from_pyproject(text, display)
    else:
        data, locate = _from_yaml(text, display)
    return validate(data, locate, display, formats)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _from_yaml(text: str, display: str) -> tuple[Any, Locator]:
    loaded = load_values_text(text, display)
    if loaded.problems:
        raise ConfigError([f"{d.location}: error: {d.message}" for d in loaded.problems])

    def locate(path: ValuePath, at_value: bool) -> Location:
        for depth in range(len(path), -1, -1):
            prefix = path[:depth]
            found = (at_value and loaded.sources.values.get(prefix)) or loaded.sources.keys.get(prefix)
            if found:
                return found
        return Location(display, 1, 1)

    return loaded.values, locate


def _toml_module() -> Any:
    """tomllib (or tomli on Python 3.10), imported only when a pyproject.toml is read."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:  # pragma: no cover - Python 3.10
        import tomli  # type: ignore[import-not-found, unused-ignore]

        return tomli
    except ImportError:  # pragma: no cover
        return None


def _from_pyproject(text: str, display: str) -> tuple[Any, Locator]:
    tomllib = _toml_module()
    if tomllib is None:  # pragma: no cover - Python 3.10 without tomli
        raise InputError(f"{display}: reading [tool.{TOOL}] needs Python 3.11+ or the tomli package")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = f"{match.group(1)}:{match.group(2)}" if match else "1:1"
        raise ConfigError([f"{display}:{where}: error: invalid TOML: {error}"]) from None
    except (ValueError, RecursionError) as error:  # an integer of 4300+ digits, arrays nested 1000 deep
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error).split(":")[0]
        raise ConfigError([f"{display}:1:1: error: cannot read this TOML: {reason}"]) from None
    lines = text.splitlines()

    def locate(path: ValuePath, at_value: bool) -> Location:
        return _toml_location(lines, path, display)

    return document.get("tool", {}).get(TOOL, {}), locate


def _toml_location(lines: list[str], path: ValuePath, display: str) -> Location:
    """Best effort (tomllib keeps no positions): the first line in our table naming the deepest key."""
    in_table, header = False, None
    needles = [str(step) for step in path if isinstance(step, str)]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = bool(re.match(rf"\[\s*tool\s*\.\s*[\"']?{re.escape(TOOL)}\b", stripped))
            header = header or (Location(display, number, 1) if in_table else None)
            continue
        if in_table:
            for needle in reversed(needles):
                column = _find_word(line, needle)
                if column:
                    return Location(display, number, column)
    return header or Location(display, 1, 1)


def _find_word(line: str, word: str) -> int:
    match = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line.split("#", 1)[0])
    return match.start() + 1 if match else 0


def validate(data: Any, locate: Locator, display: str, formats: Sequence[str]) -> RuleConfig:
    problems: list[tuple[Location, str]] = []

    def problem(path: ValuePath, message: str, at_value: bool = False) -> None:
        problems.append((locate(path, at_value), message))

    if data is None:
        data = {}
    _check_depth(data, locate, display)
    if not isinstance(data, dict):
        raise ConfigError([f"{locate((), True)}: error: the configuration must be a mapping of {', '.join(KEYS)}"])
    for key in data:
        if key not in KEYS:
            problem((key,), f"unknown key {key!r} (allowed: {', '.join(KEYS)})")
    disabled = _disabled(data.get("disable"), problem)
    severities = _severities(data.get("severity"), problem)
    strict = data.get("strict")
    if strict is not None and not isinstance(strict, bool):
        problem(("strict",), f"strict must be true or false, got {strict!r}", True)
        strict = None
    output_format = data.get("format")
    if output_format is not None and output_format not in formats:
        problem(("format",), f"unknown format {output_format!r} (allowed: {', '.join(formats)})", True)
        output_format = None
    for message in conflicts(disabled, severities):
        problem(("severity", message.split()[0]), message)
    if problems:
        raise ConfigError([f"{where}: error: {message}" for where, message in sorted(problems)])
    return RuleConfig(frozenset(disabled), severities, strict, output_format, display)


def _check_depth(data: Any, locate: Locator, display: str) -> None:
    """No setting is deeper than a few levels: anything past MAX_DEPTH is refused before any message shows it."""
    pending: list[tuple[ValuePath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if len(path) > MAX_DEPTH:
            raise ConfigError([f"{locate(path[:MAX_DEPTH], True)}: error: nested more than {MAX_DEPTH} levels deep"])
        if isinstance(value, dict):
            pending.extend(((*path, str(key)), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))


def _disabled(value: Any, problem: Problem) -> set[str]:
    if value is None:
        return set()
    if not isinstance(value, list):
        problem(("disable",), "disable must be a list of rule IDs, e.g. [NP010]", True)
        return set()
    disabled: set[str] = set()
    for index, rule_id in enumerate(value):
        message = rule_problem(rule_id, disabling=True)
        if message:
            problem(("disable", index), message, True)
        else:
            disabled.add(rule_id)
    return disabled


def _severities(value: Any, problem: Problem) -> dict[str, Severity]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problem(("severity",), "severity must be a mapping of rule ID to warning or error", True)
        return {}
    severities: dict[str, Severity] = {}
    for rule_id, level in value.items():
        parsed = parse_severity(level)
        if parsed is None:
            problem(("severity", rule_id), f"severity of {rule_id} must be warning or error, got {level!r}", True)
            continue
        message = rule_problem(rule_id, disabling=False, severity=parsed)
        if message:
            problem(("severity", rule_id), message)
        else:
            severities[rule_id] = parsed
    return severities


def effective_config(command_line: RuleConfig, explicit: Path | None, search: bool, cwd: Path,
                     formats: Sequence[str]) -> RuleConfig:
    """The config file's settings (``explicit``, else found from ``cwd`` upward) under the command line's."""
    path = explicit if explicit is not None else (find_config_file(cwd) if search else None)
    if path is None:
        return RuleConfig().overridden_by(command_line)
    return load_config_file(path, formats).overridden_by(command_line)
