"""The connection matrix as a terminal table, JSON, Markdown or a Mermaid graph."""

from __future__ import annotations

import json
import re

from aaoi_netpol.explain.matrix import ConnectionMatrix
from aaoi_netpol.explain.ports import compact, port_json
from aaoi_netpol.gate.parties import Party

FORMATS = ("table", "json", "markdown", "mermaid")
NOTHING = "·"
_EGRESS_OPEN = "egress is not restricted (networkPolicy.egress.enabled is false): AAOI's pods may connect anywhere"


def _grid(matrix: ConnectionMatrix, rows: list[Party], columns: list[Party], outbound: bool = False) -> list[list[str]]:
    """Inbound: a row per source, a column per component. Outbound: a row per destination, a column per component."""
    grid = [["to \\ from" if outbound else "from \\ to", *(c.name for c in columns)]]
    for row in rows:
        cells = []
        for column in columns:
            ports = matrix.ports(column, row) if outbound else matrix.ports(row, column)
            cells.append(compact(ports) if ports is not None else NOTHING)
        grid.append([row.name, *cells])
    return grid


def _sections(matrix: ConnectionMatrix) -> list[tuple[str, list[list[str]]]]:
    sections = [("who may connect to AAOI's pods (ports; · = nothing)",
                 _grid(matrix, matrix.parties, matrix.components))]
    if matrix.egress_restricted:
        sections.append(("where AAOI's pods may connect (ports; · = nothing)",
                         _grid(matrix, matrix.others, matrix.components, outbound=True)))
    return sections


def _legend(matrix: ConnectionMatrix) -> list[str]:
    return [f"{p.name}: {p.describe().removeprefix(p.name + ' ').strip('()')}" for p in matrix.others]


def table(matrix: ConnectionMatrix) -> str:
    lines: list[str] = []
    for title, grid in _sections(matrix):
        widths = [max(len(row[i]) for row in grid) for i in range(len(grid[0]))]
        lines += [title, ""]
        for number, row in enumerate(grid):
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
            if number == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines.append("")
    if not matrix.egress_restricted:
        lines += [_EGRESS_OPEN, ""]
    lines += ["parties outside AAOI:", *(f"  {line}" for line in _legend(matrix))]
    return "\n".join(lines) + "\n"


def _escape_markdown(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(matrix: ConnectionMatrix) -> str:
    lines: list[str] = []
    for title, grid in _sections(matrix):
        lines += [f"**{title[0].upper()}{title[1:]}**", ""]
        lines.append("| " + " | ".join(_escape_markdown(c) for c in grid[0]) + " |")
        lines.append("|" + "---|" * len(grid[0]))
        lines += ["| " + " | ".join(_escape_markdown(c) for c in row) + " |" for row in grid[1:]]
        lines.append("")
    if not matrix.egress_restricted:
        lines += [f"_{_EGRESS_OPEN}_", ""]
    lines += [f"- `{_escape_markdown(line.split(': ', 1)[0])}`: {_escape_markdown(line.split(': ', 1)[1])}"
              for line in _legend(matrix)]
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    return re.sub(r'["<>{}|\[\]]', " ", text).strip()


def mermaid(matrix: ConnectionMatrix) -> str:
    """A flowchart GitHub renders in a comment (fenced as ```mermaid)."""
    ids = {p.key: f"p{index}" for index, p in enumerate(matrix.parties)}
    lines = ["```mermaid", "flowchart LR"]
    for party in matrix.parties:
        shape = ('["', '"]') if party.kind == "component" else ('("', '")')
        lines.append(f"  {ids[party.key]}{shape[0]}{_mermaid_label(party.name)}{shape[1]}")
    for (source, target), ports in sorted(matrix.cells.items()):
        if source == target:
            continue
        lines.append(f'  {ids[source]} -->|"{_mermaid_label(compact(ports))}"| {ids[target]}')
    if not matrix.egress_restricted:
        lines.append(f"  %% {_EGRESS_OPEN}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def json_document(matrix: ConnectionMatrix) -> str:
    document = {
        "version": 1,
        "namespace": matrix.namespace,
        "egressRestricted": matrix.egress_restricted,
        "parties": [{"key": p.key, "name": p.name, "kind": p.kind, "role": p.role, "describe": p.describe()}
                    for p in matrix.parties],
        "connections": [{"source": s, "target": t, "ports": port_json(ports)}
                        for (s, t), ports in sorted(matrix.cells.items())],
    }
    return json.dumps(document, indent=2) + "\n"


def render(matrix: ConnectionMatrix, output_format: str) -> str:
    return {"table": table, "json": json_document, "markdown": markdown, "mermaid": mermaid}[output_format](matrix)
