"""``explain`` and ``diff`` as plain functions: render (lint, Helm, gate), then the connection matrix."""

from __future__ import annotations

from dataclasses import dataclass

from aaoi_netpol.explain.matrix import ConnectionMatrix, connection_matrix
from aaoi_netpol.model.switches import egress_enabled, policies_enabled
from aaoi_netpol.render.pipeline import RenderOutcome, RenderRequest, render_chart


@dataclass
class Explained:
    outcome: RenderOutcome
    matrix: ConnectionMatrix | None  # None: the values did not lint, or a rendered policy could not be read


def explain_chart(request: RenderRequest) -> Explained:
    """What the rendered output allows; the gate's findings are in ``outcome`` (they do not stop the matrix)."""
    outcome = render_chart(request)
    lint_failed = outcome.lint is not None and (outcome.lint.input_errors or outcome.lint.has_errors())
    if lint_failed or outcome.world is None:
        return Explained(outcome, None)
    values = outcome.layered.values if outcome.layered is not None else {}
    restricted = policies_enabled(values) and egress_enabled(values)
    return Explained(outcome, connection_matrix(outcome.world, restricted))
