"""Rule configuration: which rules run and at what severity, from three places.

Lowest precedence first:

1. the config file (``.netpol.yaml`` or ``[tool.aaoi-netpol]`` in
   ``pyproject.toml``, found from the working directory upward; see
   :mod:`aaoi_netpol.config_file`);
2. the command line: ``--disable NP0xx`` and ``--severity NP0xx=warning|error``
   (a ``--severity`` on the command line re-enables a rule the file disables);
3. an inline ``# netpol: disable=NP0xx[,NP0yy]`` comment on the line a finding
   points at, which drops that finding only.

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
    """The rule IDs a ``# netpol: disable=…`` comment on this line names."""
    found: set[str] = set()
    for match in INLINE_DISABLE.finditer(line):
        found.update(part.strip() for part in match.group(1).split(","))
    return frozenset(found)


def suppressed_inline(diagnostic: Diagnostic, lines: Mapping[str, list[str]]) -> bool:
    file_lines = lines.get(diagnostic.file)
    if not file_lines or not 1 <= diagnostic.line <= len(file_lines):
        return False
    named = inline_disabled(file_lines[diagnostic.line - 1])
    rule = RULES_BY_ID.get(diagnostic.rule)
    return diagnostic.rule in named and not (rule and rule.locked)


def apply_config(report: LintReport, config: RuleConfig) -> LintReport:
    """A copy of ``report`` without disabled or inline-suppressed findings, severities overridden."""
    kept: list[Diagnostic] = []
    for diagnostic in report.diagnostics:
        if diagnostic.rule in config.disabled or suppressed_inline(diagnostic, report.lines):
            continue
        severity = config.severities.get(diagnostic.rule, diagnostic.severity)
        kept.append(dataclasses.replace(diagnostic, severity=severity))
    return dataclasses.replace(report, diagnostics=kept)
