"""The Rule record and the helper that builds one from a rule module's docstring."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, Severity
from aaoi_netpol.fix_record import Fix
from aaoi_netpol.value_path import ValuePath


@dataclass(frozen=True)
class Finding:
    """What a rule found, without its identity (the runner stamps the rule's ID and severity, yamllint's way).

    ``path`` is the value the finding is about (None: the linted file's top); ``at_value`` points at the
    value instead of its key; ``fix``, when the rule knows the one right value.
    """

    path: ValuePath | None
    message: str
    at_value: bool = False
    fix: Fix | None = None


CheckFunction = Callable[[LintContext], Iterable[Finding]]

# Why a rule is locked: its findings are always reported, at their own severity or higher.
OPENS_TO_EVERYONE = "it reports an AAOI component opened to the whole cluster or the world"
BLOCKS_REQUIRED_FLOW = "it reports a flow AAOI needs that the policies would block"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction | None  # None: the finding is produced by the loader or the schema stage
    locked: str | None = None  # why the rule can be neither disabled nor downgraded (fail closed)
    fixable: bool = False  # some of its findings carry a certain Fix (`lint --fix`)

    def _stamp(self, context: LintContext, finding: Finding) -> Diagnostic:
        return Diagnostic.at(context.locate(finding.path, finding.at_value), self.id, self.severity, finding.message)

    def diagnostics(self, context: LintContext) -> Iterator[Diagnostic]:
        """The rule's findings for ``context``, located and stamped with the rule's ID and severity."""
        if self.check is None:
            return
        for finding in self.check(context):
            yield self._stamp(context, finding)

    def fixes(self, context: LintContext) -> Iterator[tuple[Diagnostic, Fix]]:
        """The findings that carry a certain fix, each with its fix."""
        if self.check is None or not self.fixable:
            return
        for finding in self.check(context):
            if finding.fix is not None:
                yield self._stamp(context, finding), finding.fix

    @property
    def help_text(self) -> str:
        """The documentation after the first line."""
        return self.doc.split("\n", 1)[1].strip() if "\n" in self.doc else ""


def clean_docstring(docstring: str) -> str:
    """inspect.cleandoc without importing inspect (a plain lint should start fast)."""
    lines = docstring.expandtabs().splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents, default=0)
    cleaned = [lines[0].strip(), *(line[margin:].rstrip() for line in lines[1:])] if lines else []
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    while cleaned and not cleaned[0]:
        cleaned.pop(0)
    return "\n".join(cleaned)


def rule_from_docstring(docstring: str | None, severity: Severity, check: CheckFunction | None = None,
                        locked: str | None = None, fixable: bool = False) -> Rule:
    """Build a Rule from ``NPXXX name: summary`` on the docstring's first line."""
    if not docstring:
        raise ValueError("a rule module needs a docstring")
    doc = clean_docstring(docstring)
    head = doc.split("\n", 1)[0]
    ident_and_name, _, summary = head.partition(": ")
    ident, _, name = ident_and_name.partition(" ")
    if not (ident.startswith("NP") and len(ident) == 5 and name and summary):
        raise ValueError(f"rule docstring must start with 'NPXXX name: summary', got {head!r}")
    return Rule(ident, name, severity, summary.rstrip("."), doc, check, locked, fixable)
