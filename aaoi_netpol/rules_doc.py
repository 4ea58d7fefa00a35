"""Every registered rule as text, Markdown or JSON (``rules``), and the README's rules table.

The documentation is each rule module's docstring (see :mod:`aaoi_netpol.rules`):
first line ``NPXXX name: summary``, then why, how to fix and examples written
as reStructuredText literal blocks (``Failing example::`` + an indented
block), which Markdown output turns into fenced YAML blocks.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from aaoi_netpol.reporters.safe_text import lines
from aaoi_netpol.rules import ALL_RULES, Rule

FORMATS = ("text", "markdown", "json")
JSON_VERSION = 1


def registered_rules(rules: Iterable[Rule] | None = None) -> list[Rule]:
    """The rules in ID order (the registry's, unless given)."""
    return sorted(ALL_RULES if rules is None else rules, key=lambda rule: rule.id)


def why_paragraph(rule: Rule) -> str:
    """The first paragraph after the summary line, unwrapped; the summary when there is none."""
    first = rule.help_text.split("\n\n", 1)[0].strip()
    return " ".join(first.split()) if first else rule.summary


def literal_blocks_to_markdown(text: str) -> str:
    """``Intro::`` followed by an indented block becomes ``Intro:`` and a fenced YAML block."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.endswith("::"):
            out.append(line)
            continue
        intro = line[:-2].rstrip()
        if intro:
            out.append(intro + ":")
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i][:1] in (" ", "\t")):
            block.append(lines[i].rstrip())
            i += 1
        code = textwrap.dedent("\n".join(block)).strip("\n")
        out += ["", "```yaml", code, "```"]
        if i < len(lines):
            out.append("")
    return "\n".join(out).strip() + "\n"


def help_markdown(rule: Rule) -> str:
    return literal_blocks_to_markdown(rule.help_text) if rule.help_text else rule.summary + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(rules: Iterable[Rule] | None = None) -> str:
    """The rules table (README, top of ``rules --format markdown``)."""
    rows = ["| Rule | Name | Default severity | What it catches | `--fix` |", "| --- | --- | --- | --- | --- |"]
    rows += [f"| {rule.id} | {_cell(rule.name)} | {rule.severity}{' (locked)' if rule.locked else ''} "
             f"| {_cell(rule.summary)} | {'yes' if rule.fixable else ''} |" for rule in registered_rules(rules)]
    return "\n".join(rows) + "\n"


FIXABLE_SENTENCE = "Fixable: `lint --fix` rewrites the value where the fix is certain."


def locked_sentence(rule: Rule) -> str:
    return f" Locked: it cannot be disabled or downgraded, because {rule.locked}." if rule.locked else ""


def render_markdown(rules: Iterable[Rule] | None = None) -> str:
    parts = ["# aaoi-netpol rules\n", markdown_table(rules)]
    for rule in registered_rules(rules):
        parts.append(f"## {rule.id} {rule.name}\n\nDefault severity: **{rule.severity}**. "
                     f"{rule.summary[:1].upper()}{rule.summary[1:]}.{locked_sentence(rule)}"
                     f"{' ' + FIXABLE_SENTENCE if rule.fixable else ''}\n\n{help_markdown(rule)}")
    return "\n".join(parts)


def render_text(rules: Iterable[Rule] | None = None) -> str:
    parts = []
    for rule in registered_rules(rules):
        body = textwrap.indent(rule.help_text, "    ") if rule.help_text else ""
        fixable = f"{FIXABLE_SENTENCE}\n" if rule.fixable else ""
        parts.append(f"{rule.id} {rule.name} [{rule.severity}{', locked' if rule.locked else ''}]: "
                     f"{rule.summary}{'.' + locked_sentence(rule) if rule.locked else ''}\n{fixable}\n{body}".rstrip()
                     + "\n")
    return "\n".join(parts)


def rule_record(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "name": rule.name, "severity": rule.severity.value, "summary": rule.summary,
            "locked": rule.locked, "fixable": rule.fixable, "description": why_paragraph(rule), "help": rule.help_text,
            "doc": rule.doc}


def render_json(rules: Iterable[Rule] | None = None) -> str:
    document = {"version": JSON_VERSION, "rules": [rule_record(rule) for rule in registered_rules(rules)]}
    return json.dumps(document, indent=2) + "\n"


def render(output_format: str, rules: Sequence[Rule] | None = None) -> str:
    """The rules in ``output_format``; control characters other than newline and tab escaped (in JSON text,
    the escape of the one raw control JSON allows, DEL, is itself a valid JSON escape)."""
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
    return lines(renderers[output_format](rules))
