"""``render`` as a plain function: chart copy → helm template (while the values are linted) → verify.

Nothing here prints: :func:`render_chart` returns a :class:`RenderOutcome`
and the click layer decides what goes where. Every temporary file lives in
one :class:`tempfile.TemporaryDirectory`, removed on return, on error and on
Ctrl-C; a Helm child still running then is killed first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aaoi_netpol.diagnostics import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    Diagnostic,
    InputError,
    Location,
    Severity,
)
from aaoi_netpol.gate.findings import GateFinding
from aaoi_netpol.gate.run import run_gate
from aaoi_netpol.gate.world import World
from aaoi_netpol.input_files import chart_path_kind
from aaoi_netpol.model.switches import ENABLED_PATH, policies_enabled
from aaoi_netpol.render.chart_copy import prepare_chart
from aaoi_netpol.render.chart_identity import check_chart_identity
from aaoi_netpol.render.helm_runner import (
    DEFAULT_TIMEOUT_SECONDS,
    HelmMissing,
    RunningHelm,
    TemplateRequest,
    find_helm,
    start_template,
)
from aaoi_netpol.render.ingress_check import ingress_problems
from aaoi_netpol.render.manifests import Manifest, ManifestError, split_documents
from aaoi_netpol.render.verify import TEST_HOOK_NOTE, verify
from aaoi_netpol.render.write_chart import check_destination, merge_schema_into, write_chart
from aaoi_netpol.value_flags import ValueFlags

if TYPE_CHECKING:  # the lint pipeline is imported when it runs, once Helm has started
    from aaoi_netpol.config import RuleConfig
    from aaoi_netpol.layering import LayeredValues
    from aaoi_netpol.lint import LintReport

DEFAULT_RELEASE = "axway-elk"  # the release name of AAOI's own install instructions
DEFAULT_NAMESPACE = "default"


@dataclass(frozen=True)
class RenderRequest:
    chart: Path
    values: ValueFlags = field(default_factory=ValueFlags)
    release: str = DEFAULT_RELEASE
    namespace: str = DEFAULT_NAMESPACE
    helm: Path | None = None
    kube_context: str | None = None
    write_chart: Path | None = None
    layered: LayeredValues | None = None  # values lint --chart has already read and linted: no second lint
    # lint's configuration (disable, severity, strict, inline disables), resolved once Helm has started
    rule_config: Callable[[], RuleConfig] | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # Helm is stopped after this many seconds (render --timeout)

    def template_request(self, chart_dir: Path) -> TemplateRequest:
        return TemplateRequest(chart_dir, self.release, self.namespace, self.values, self.kube_context)


@dataclass
class RenderOutcome:
    status: int = EXIT_CLEAN
    stream: str = ""  # Helm's stdout, unchanged: the chart's manifests and our policies
    manifests: list[Manifest] = field(default_factory=list)
    policies: list[Manifest] = field(default_factory=list)
    lint: LintReport | None = None
    layered: LayeredValues | None = None  # the values as layered for the lint (None if they could not be read)
    problems: list[str] = field(default_factory=list)  # verification failures (exit 1)
    gate: list[GateFinding] = field(default_factory=list)  # what the whole output allows, computed (NP901-NP903)
    world: World | None = None  # the modelled cluster the gate evaluated (explain and diff print it)
    notes: list[str] = field(default_factory=list)  # one line each, for stderr
    helm_stderr: str = ""  # Helm's warnings on success
    target: str = "<defaults>"  # the values file findings with no better place point at
    strict: bool = False  # the rule configuration says warnings fail too

    def enabled_location(self) -> Location | None:
        """Where networkPolicy.enabled was written, for findings about the rendered output."""
        return self.layered.key_location(ENABLED_PATH) if self.layered is not None else None

    def gate_diagnostics(self) -> list[Diagnostic]:
        """The gate's findings located in the values (a finding about no value: at networkPolicy.enabled)."""
        fallback = self.enabled_location() or Location(self.target, 1, 1)
        found = []
        for finding in self.gate:
            where = self.layered.key_location(finding.path) if self.layered and finding.path else None
            found.append(Diagnostic.at(where or fallback, finding.rule, finding.severity, finding.message))
        return sorted(found)

    def blocking(self) -> bool:
        return bool(self.problems) or any(f.severity is Severity.ERROR for f in self.gate)


def _lint(request: RenderRequest, outcome: RenderOutcome) -> None:
    """The lint pipeline over the chart's values.yaml, the -f files and the --set layers (unless done already)."""
    outcome.target = request.values.target
    if request.layered is not None:
        outcome.layered = request.layered
        return
    from aaoi_netpol.lint import LintOptions, lint_paths

    config = request.rule_config() if request.rule_config is not None else None
    outcome.lint = lint_paths((), LintOptions(request.values, request.chart))
    if config is not None:  # the same verdict as lint for the same file and configuration
        from aaoi_netpol.config import apply_config

        outcome.lint = apply_config(outcome.lint, config)
        outcome.strict = bool(config.strict)
    outcome.layered = outcome.lint.stacks[0].layered if outcome.lint.stacks else None


def _lint_stops(outcome: RenderOutcome) -> bool:
    """Input errors, error findings, or (strict) warnings: nothing is rendered."""
    lint = outcome.lint
    if lint is None:
        return False
    return bool(lint.input_errors) or lint.has_errors() or (outcome.strict and lint.has_warnings())


def _verify(outcome: RenderOutcome, request: RenderRequest) -> None:
    try:
        outcome.manifests = split_documents(outcome.stream)
    except ManifestError as error:
        outcome.problems.append(str(error))
        return
    gate = run_gate(outcome.manifests, outcome.layered.values if outcome.layered else {}, request.namespace)
    verification = verify(outcome.manifests, request.namespace, gate.ours)
    outcome.policies, outcome.problems = verification.policies, verification.problems
    outcome.problems += [f.message for f in gate.findings if f.rule == "NP900"]
    outcome.gate = [f for f in gate.findings if f.rule != "NP900"]
    outcome.world = gate.world
    if outcome.layered is not None and policies_enabled(outcome.layered.values):
        outcome.problems += ingress_problems(outcome.manifests, outcome.layered.values)
    if not outcome.policies:
        if outcome.layered is not None and policies_enabled(outcome.layered.values):
            outcome.problems.append("networkPolicy.enabled is true but the overlay rendered no NetworkPolicy "
                                    "(no AAOI component is enabled?)")
        else:
            outcome.notes.append("networkPolicy.enabled is not true: no NetworkPolicy was rendered, "
                                 "the chart's manifests are unchanged")
    elif not outcome.blocking():
        outcome.notes.append(f"{len(outcome.policies)} NetworkPolicies rendered and verified against the "
                             f"rendered workloads ({TEST_HOOK_NOTE}); every required flow is open and nothing "
                             "else is, computed over every NetworkPolicy of the output")


def _run(request: RenderRequest, workdir: Path, outcome: RenderOutcome) -> None:
    prepared = prepare_chart(request.chart, workdir)
    if request.write_chart is not None:
        merge_schema_into(prepared.path, request.chart)  # Helm validates with it below, as it will on install
    running: RunningHelm | None = None
    missing: HelmMissing | None = None
    try:
        try:
            running = start_template(find_helm(request.helm), request.template_request(prepared.path), workdir,
                                     request.timeout)
        except HelmMissing as error:
            missing = error  # the lint still comes first
        _lint(request, outcome)
        if outcome.lint is not None and _lint_stops(outcome):
            outcome.status = EXIT_CANNOT_RUN if outcome.lint.input_errors else EXIT_FINDINGS
            return
        if running is None:
            raise missing or HelmMissing("helm not found")
        outcome.stream, outcome.helm_stderr = running.result()
    finally:
        if running is not None:
            running.stop()
    _verify(outcome, request)
    if outcome.blocking():
        outcome.status = EXIT_FINDINGS
    elif request.write_chart is not None:
        write_chart(prepared.path, request.write_chart)
        outcome.notes.append(f"wrote the chart with the aaoi-netpol overlay to {request.write_chart}")


def render_chart(request: RenderRequest) -> RenderOutcome:
    """Render and verify; InputError (HelmFailed, HelmMissing, ...) when it cannot run."""
    if request.write_chart is not None:
        check_destination(request.write_chart, "--write-chart", request.chart)
    if chart_path_kind(request.chart) == "missing":
        raise InputError(f"{request.chart}: no such chart directory or archive")
    check_chart_identity(request.chart)  # not the AAOI chart: one line, before Helm runs
    outcome = RenderOutcome()
    with tempfile.TemporaryDirectory(prefix="aaoi-netpol-render-") as workdir:
        _run(request, Path(workdir), outcome)
    return outcome
