"""Rule configuration: which rules run and at what severity, from three places.

Lowest precedence first:

1. the config file (``.netpol.yaml`` or ``[tool.aaoi-netpol]`` in
   ``pyproject.toml``, found from the working directory upward; see
   :mod:`aaoi_netpol.config_file`);
2. the command line: ``--disable NP0xx`` and ``--severity NP0xx=warning|error``
   (a ``--severity`` on the command line re-enables a rule the file disables);
3. an inline ``# netpol: disable=NP0xx[,NP0yy]`` comment on the line a finding
   points at, which drops that finding only (a real YAML comment: the same
   text inside a quoted, plain or block scalar is not a directive).

A locked rule (``Rule.locked`` says why) can be neither disabled nor
downgraded, inline or otherwise: NP000 (a file Helm cannot read), the rules
that report a component opened to the whole cluster or the world, a flow AAOI
needs left blocked, or a policy that selects nothing. Fail closed.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from aaoi_netpol.diagnostics import Diagnostic, InputError, Severity
from aaoi_netpol.lint import LintReport
from aaoi_netpol.rules import RULES_BY_ID

INLINE_DISABLE = re.compile(r"#\s*netpol:\s*disable\s*=\s*(NP\d{3}(?:\s*,\s*NP\d{3})*)")


class ConfigError(InputError):
    """The configuration is invalid (exit 2); each problem is ``file:line:col: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid configuration")
        self.problems = problems


@dataclass(frozen=True)
class RuleConfig:
    """What one source (a config file or the command line) says; ``None``: says nothing."""

    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    strict: bool | None = None
    output_format: str | None = None
    source: str | None = None  # the config file this came from, if any

    def overridden_by(self, other: RuleConfig) -> RuleConfig:
        """``other`` (the command line) wins; its --severity re-enables a rule this disables."""
        disabled = (self.disabled - set(other.severities)) | other.disabled
        severities = {**self.severities, **other.severities}
        return RuleConfig(
            disabled=frozenset(disabled),
            severities={rule: level for rule, level in severities.items() if rule not in disabled},
            strict=other.strict if other.strict is not None else self.strict,
            output_format=other.output_format or self.output_format,
            source=self.source,
        )


def rule_problem(rule_id: object, *, disabling: bool, severity: Severity | None = None) -> str | None:
    """Why ``rule_id`` cannot be disabled (or set to ``severity``) here, or None when it can."""
    if not isinstance(rule_id, str) or rule_id not in RULES_BY_ID:
        return f"unknown rule ID {rule_id!r} (`rules` lists the known ones)"
    rule = RULES_BY_ID[rule_id]
    downgrading = severity is Severity.WARNING and rule.severity is Severity.ERROR
    if rule.locked and (disabling or downgrading):
        return f"{rule_id} cannot be {'disabled' if disabling else 'downgraded'}: {rule.locked}"
    return None


def parse_severity(value: object) -> Severity | None:
    if isinstance(value, str):
        for severity in Severity:
            if value.strip().lower() == severity.value:
                return severity
    return None


def conflicts(disabled: Iterable[str], severities: Mapping[str, Severity]) -> list[str]:
    both = sorted(set(disabled) & set(severities))
    return [f"{rule} is both disabled and given a severity" for rule in both]


def from_command_line(disable: Iterable[str], severity: Iterable[str], strict: bool | None,
                      output_format: str | None) -> RuleConfig:
    """--disable / --severity as typed; InputError (exit 2) names the first bad argument."""
    disabled: set[str] = set()
    for argument in disable:
        for rule_id in filter(None, (part.strip().upper() for part in argument.split(","))):
            problem = rule_problem(rule_id, disabling=True)
            if problem:
                raise InputError(f"--disable {argument}: {problem}")
            disabled.add(rule_id)
    severities: dict[str, Severity] = {}
    for argument in severity:
        rule_id, equals, level = argument.partition("=")
        rule_id = rule_id.strip().upper()
        parsed = parse_severity(level)
        if not equals or parsed is None:
            raise InputError(f"--severity {argument}: expected RULE=warning or RULE=error")
        problem = rule_problem(rule_id, disabling=False, severity=parsed)
        if problem:
            raise InputError(f"--severity {argument}: {problem}")
        severities[rule_id] = parsed
    clash = conflicts(disabled, severities)
    if clash:
        raise InputError(f"on the command line: {clash[0]}")
    return RuleConfig(frozenset(disabled), severities, strict, output_format)


@functools.lru_cache(maxsize=1024)  # many findings on one long line: scan it once
def inline_disabled(line: str) -> frozenset[str]:
    """The rule IDs a ``# netpol: disable=…`` directive in this text names (give it the comment only)."""
    found: set[str] = set()
    for match in INLINE_DISABLE.finditer(line):
        found.update(part.strip() for part in match.group(1).split(","))
    return frozenset(found)


def _directive_lines(diagnostics: Iterable[Diagnostic], lines: Mapping[str, list[str]]) -> dict[str, list[int]]:
    """File -> the lines findings point at that mention ``netpol:`` (only those files are re-scanned)."""
    wanted: dict[str, set[int]] = {}
    for diagnostic in diagnostics:
        file_lines = lines.get(diagnostic.file)
        if file_lines and 1 <= diagnostic.line <= len(file_lines) and "netpol:" in file_lines[diagnostic.line - 1]:
            wanted.setdefault(diagnostic.file, set()).add(diagnostic.line)
    return {file: sorted(numbers) for file, numbers in wanted.items()}


def inline_comments(diagnostics: Iterable[Diagnostic], lines: Mapping[str, list[str]]) -> dict[str, dict[int, str]]:
    """File -> line -> the YAML comment on that line, for the lines findings point at that may hold a directive.

    Only real comments count: a ``# netpol:`` inside a quoted, plain or block scalar is text.
    """
    from aaoi_netpol.yaml_comments import comment_columns  # scans the file again: only when a directive may exist

    comments: dict[str, dict[int, str]] = {}
    for file, numbers in _directive_lines(diagnostics, lines).items():
        file_lines = lines[file]
        columns = comment_columns(file_lines, numbers)
        comments[file] = {number: file_lines[number - 1][column:] for number, column in columns.items()}
    return comments


def suppressed_inline(diagnostic: Diagnostic, comments: Mapping[str, Mapping[int, str]]) -> bool:
    comment = comments.get(diagnostic.file, {}).get(diagnostic.line)
    if comment is None:
        return False
    rule = RULES_BY_ID.get(diagnostic.rule)
    return diagnostic.rule in inline_disabled(comment) and not (rule and rule.locked)


def apply_config(report: LintReport, config: RuleConfig) -> LintReport:
    """A copy of ``report`` without disabled or inline-suppressed findings, severities overridden."""
    kept: list[Diagnostic] = []
    comments = inline_comments(report.diagnostics, report.lines)
    for diagnostic in report.diagnostics:
        if diagnostic.rule in config.disabled or suppressed_inline(diagnostic, comments):
            continue
        severity = config.severities.get(diagnostic.rule, diagnostic.severity)
        kept.append(dataclasses.replace(diagnostic, severity=severity))
    return dataclasses.replace(report, diagnostics=kept)
