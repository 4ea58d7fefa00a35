"""Connections opened and closed between two values revisions, party by party (keys are stable)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from aaoi_netpol.evaluator import PortMatrix
from aaoi_netpol.explain.matrix import ConnectionMatrix
from aaoi_netpol.explain.ports import compact, is_empty, minus, port_json
from aaoi_netpol.gate.parties import Party

FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True)
class Change:
    source: Party
    target: Party
    opened: PortMatrix  # allowed now, not before
    closed: PortMatrix  # allowed before, not now


def compare(base: ConnectionMatrix, new: ConnectionMatrix) -> list[Change]:
    parties = {p.key: p for p in base.parties} | {p.key: p for p in new.parties}
    changes = []
    for source_key, target_key in sorted(set(base.cells) | set(new.cells)):
        before, after = base.cells.get((source_key, target_key), {}), new.cells.get((source_key, target_key), {})
        opened, closed = minus(after, before), minus(before, after)
        if not (is_empty(opened) and is_empty(closed)):
            changes.append(Change(parties[source_key], parties[target_key], opened, closed))
    return changes


def opened_any(changes: list[Change]) -> bool:
    return any(not is_empty(change.opened) for change in changes)


def _lines(changes: list[Change]) -> list[tuple[str, Change, PortMatrix]]:
    rows = [("opened", c, c.opened) for c in changes if not is_empty(c.opened)]
    return rows + [("closed", c, c.closed) for c in changes if not is_empty(c.closed)]


def text(changes: list[Change]) -> str:
    if not changes:
        return "no connection opened or closed\n"
    out = [f"{'+' if kind == 'opened' else '-'} {kind} {c.source.name} -> {c.target.name}: {compact(ports)}"
           for kind, c, ports in _lines(changes)]
    opened = sum(1 for kind, _, _ in _lines(changes) if kind == "opened")
    out.append(f"{opened} opened, {len(out) - opened} closed")
    return "\n".join(out) + "\n"


def markdown(changes: list[Change]) -> str:
    head = "### aaoi-netpol: connections opened and closed by this change\n\n"
    if not changes:
        return head + "No connection is opened or closed.\n"
    rows = ["| | from | to | ports |", "|---|---|---|---|"]
    for kind, c, ports in _lines(changes):
        mark = ":warning: opened" if kind == "opened" else "closed"
        cells = [mark, f"`{c.source.name}`", f"`{c.target.name}`", compact(ports)]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    legend = sorted({p.describe() for c in changes for p in (c.source, c.target) if p.kind != "component"})
    return head + "\n".join(rows) + "\n\n" + "".join(f"- {line}\n" for line in legend)


def json_document(changes: list[Change]) -> str:
    def party(p: Party) -> dict[str, str]:
        return {"key": p.key, "name": p.name, "kind": p.kind}

    return json.dumps({"version": 1, "opened": opened_any(changes), "changes": [
        {"source": party(c.source), "target": party(c.target), "opened": port_json(c.opened),
         "closed": port_json(c.closed)} for c in changes]}, indent=2) + "\n"


def render(changes: list[Change], output_format: str) -> str:
    return {"text": text, "markdown": markdown, "json": json_document}[output_format](changes)
