"""``render`` as a plain function: chart copy → helm template (while the values are linted) → verify.

Nothing here prints: :func:`render_chart` returns a :class:`RenderOutcome`
and the click layer decides what goes where. Every temporary file lives in
one :class:`tempfile.TemporaryDirectory`, removed on return, on error and on
Ctrl-C; a Helm child still running then is killed first.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aaoi_netpol.chart_archive import chart_path_kind
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_FINDINGS, InputError, Location
from aaoi_netpol.render.chart_copy import prepare_chart
from aaoi_netpol.render.helm_runner import (
    DEFAULT_TIMEOUT_SECONDS,
    HelmMissing,
    RunningHelm,
    TemplateRequest,
    find_helm,
    start_template,
)
from aaoi_netpol.render.manifests import Manifest, ManifestError, split_documents
from aaoi_netpol.render.verify import TEST_HOOK_NOTE, verify
from aaoi_netpol.render.write_chart import check_destination, merge_schema_into, write_chart

if TYPE_CHECKING:  # the lint pipeline is imported when it runs, once Helm has started
    from aaoi_netpol.layering import SetLayer
    from aaoi_netpol.lint import LintOptions, LintReport

DEFAULT_RELEASE = "axway-elk"  # the release name of AAOI's own install instructions
DEFAULT_NAMESPACE = "default"
ENABLED_PATH = ("networkPolicy", "enabled")


@dataclass(frozen=True)
class ValueArgs:
    """The value flags as typed, for Helm (the linter gets them parsed, as SetLayers)."""

    files: tuple[Path, ...] = ()
    set_values: tuple[str, ...] = ()
    set_strings: tuple[str, ...] = ()
    set_json: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderRequest:
    chart: Path
    values: ValueArgs = ValueArgs()
    sets: tuple[SetLayer, ...] = ()  # the same --set* flags, parsed for the linter
    release: str = DEFAULT_RELEASE
    namespace: str = DEFAULT_NAMESPACE
    helm: Path | None = None
    kube_context: str | None = None
    write_chart: Path | None = None
    lint: bool = True  # lint --chart has linted already
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # Helm is stopped after this many seconds (render --timeout)

    @property
    def lint_options(self) -> LintOptions:
        from aaoi_netpol.lint import LintOptions

        return LintOptions(self.values.files, self.sets, self.chart)

    def template_request(self, chart_dir: Path) -> TemplateRequest:
        return TemplateRequest(chart_dir, self.release, self.namespace, self.values.files,
                               self.values.set_values, self.values.set_strings, self.values.set_json,
                               self.kube_context)


@dataclass
class RenderOutcome:
    status: int = EXIT_CLEAN
    stream: str = ""  # Helm's stdout, unchanged: the chart's manifests and our policies
    manifests: list[Manifest] = field(default_factory=list)
    policies: list[Manifest] = field(default_factory=list)
    lint: LintReport | None = None
    problems: list[str] = field(default_factory=list)  # verification failures (exit 1)
    notes: list[str] = field(default_factory=list)  # one line each, for stderr
    helm_stderr: str = ""  # Helm's warnings on success


def enabled_switch(options: LintOptions) -> tuple[bool, Location | None]:
    """networkPolicy.enabled as the overlay reads it (true or "true"), and where the value was written."""
    from aaoi_netpol.lint import layer_files

    layered = layer_files(list(options.value_files), options)
    section = layered.values.get("networkPolicy")
    value = section.get("enabled") if isinstance(section, dict) else None
    return value is True or value == "true", layered.key_location(ENABLED_PATH)


def lint_values(options: LintOptions) -> LintReport:
    """The lint pipeline over the chart's values.yaml, the -f files and the --set layers."""
    from aaoi_netpol.lint import lint_paths

    return lint_paths((), options)  # no -f: the chart's defaults and the --set layers alone


def _lint(request: RenderRequest) -> LintReport | None:
    return lint_values(request.lint_options) if request.lint else None


def _verify(outcome: RenderOutcome, request: RenderRequest) -> None:
    try:
        outcome.manifests = split_documents(outcome.stream)
    except ManifestError as error:
        outcome.problems.append(str(error))
        return
    verification = verify(outcome.manifests, request.namespace)
    outcome.policies, outcome.problems = verification.policies, verification.problems
    if not outcome.policies:
        enabled, _ = enabled_switch(request.lint_options)
        if enabled:
            outcome.problems.append("networkPolicy.enabled is true but the overlay rendered no NetworkPolicy "
                                    "(no AAOI component is enabled?)")
        else:
            outcome.notes.append("networkPolicy.enabled is not true: no NetworkPolicy was rendered, "
                                 "the chart's manifests are unchanged")
    elif not outcome.problems:
        outcome.notes.append(f"{len(outcome.policies)} NetworkPolicies rendered and verified against the "
                             f"rendered workloads ({TEST_HOOK_NOTE})")


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
        outcome.lint = _lint(request)
        if outcome.lint is not None and (outcome.lint.input_errors or outcome.lint.has_errors()):
            outcome.status = EXIT_CANNOT_RUN if outcome.lint.input_errors else EXIT_FINDINGS
            return
        if running is None:
            raise missing or HelmMissing("helm not found")
        outcome.stream, outcome.helm_stderr = running.result()
    finally:
        if running is not None:
            running.stop()
    _verify(outcome, request)
    if outcome.problems:
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
    outcome = RenderOutcome()
    with tempfile.TemporaryDirectory(prefix="aaoi-netpol-render-") as workdir:
        _run(request, Path(workdir), outcome)
    return outcome
