"""``render CHART``: the chart rendered by Helm with the aaoi-netpol overlay, verified, then printed or written."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import click

from aaoi_netpol.commands.duration_param import duration_seconds
from aaoi_netpol.commands.lint_cmd import set_layers, values_options
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN
from aaoi_netpol.render.helm_runner import HelmFailed
from aaoi_netpol.render.manifests import join_documents
from aaoi_netpol.render.pipeline import (
    DEFAULT_NAMESPACE,
    DEFAULT_RELEASE,
    RenderOutcome,
    RenderRequest,
    ValueArgs,
    render_chart,
)
from aaoi_netpol.render.write_chart import check_destination, write_output_dir


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so temporary files and the Helm child are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report_failures(outcome: RenderOutcome) -> None:
    if outcome.lint is not None and outcome.lint.diagnostics:
        from aaoi_netpol.reporters import reporter

        click.echo(reporter("text")(outcome.lint), nl=False, err=True)
    if outcome.lint is not None:
        for message in outcome.lint.input_errors:
            click.echo(f"error: {message}", err=True)
        if outcome.lint.has_errors() and not outcome.lint.input_errors:
            click.echo("error: the values have error findings: nothing was rendered", err=True)
    for problem in outcome.problems:
        click.echo(f"error: verification failed: {problem}", err=True)
    if outcome.problems:
        click.echo(f"error: {len(outcome.problems)} verification failure(s) in the rendered output: "
                   "nothing was written", err=True)


def _emit(outcome: RenderOutcome, policies_only: bool, output_dir: Path | None, write_chart: Path | None) -> None:
    documents = outcome.policies if policies_only else outcome.manifests
    if output_dir is not None:
        names = write_output_dir(documents, output_dir)
        click.echo(f"note: wrote {len(names)} file(s) to {output_dir}", err=True)
    elif write_chart is None:
        click.echo(join_documents(documents) if policies_only else outcome.stream, nl=False)


@click.command("render")
@click.argument("chart", type=click.Path(path_type=Path))
@values_options
@click.option("--release", default=DEFAULT_RELEASE, show_default=True, metavar="NAME",
              help="Release name (pod labels depend on it: use the name you install with).")
@click.option("-n", "--namespace", envvar="HELM_NAMESPACE", default=DEFAULT_NAMESPACE, show_default=True,
              metavar="NS", help="Release namespace (Helm's -n / HELM_NAMESPACE).")
@click.option("--policies-only", is_flag=True, help="Emit only aaoi-netpol's NetworkPolicy objects.")
@click.option("--output-dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Write one file per object (<kind>-<name>.yaml) to DIR instead of stdout.")
@click.option("--write-chart", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Write the chart with the overlay and the networkPolicy schema to DIR, "
                   "ready for `helm upgrade --install`.")
@click.option("--helm", "helm_path", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="The helm binary (default: $HELM_BIN when run by Helm, else helm on PATH).")
@click.option("--timeout", default="5m", show_default=True, metavar="DURATION", callback=duration_seconds,
              help="Stop helm after this long (Helm's syntax: 300ms, 1m30s, 5m, 1h); exit 2.")
@click.pass_context
def render_command(ctx: click.Context, chart: Path, value_files: tuple[Path, ...], set_values: tuple[str, ...],
                   set_strings: tuple[str, ...], set_json: tuple[str, ...], release: str, namespace: str,
                   policies_only: bool, output_dir: Path | None, write_chart: Path | None,
                   helm_path: Path | None, timeout: float) -> int:
    """Render CHART (a directory or .tgz, never modified) with the NetworkPolicies of the networkPolicy values.

    The values are linted first; error findings stop the render (exit 1). The
    policies are then checked against the rendered workloads: each policy must
    select pods of its component and each AAOI workload must be selected
    (Helm test hook pods are exempt); a failure stops the render (exit 1).
    """
    if output_dir is not None and write_chart is not None and output_dir.resolve() == write_chart.resolve():
        raise click.UsageError("--output-dir and --write-chart need different directories")
    if policies_only and write_chart is not None and output_dir is None:
        raise click.UsageError("--policies-only selects what is printed or written with --output-dir; "
                               "--write-chart alone prints nothing")
    if output_dir is not None:
        check_destination(output_dir, "--output-dir", chart)
    if ctx.get_parameter_source("release") is click.core.ParameterSource.DEFAULT:
        click.echo(f"note: no --release given, rendering as release '{DEFAULT_RELEASE}'", err=True)
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    request = RenderRequest(chart, ValueArgs(value_files, set_values, set_strings, set_json),
                            set_layers(set_json, set_values, set_strings), release, namespace,
                            helm_path, obj.get("kube_context"), write_chart, timeout=timeout)
    try:
        with _sigterm_as_interrupt():
            outcome = render_chart(request)
    except HelmFailed as failure:
        click.echo(f"error: {failure.report()}", nl=False, err=True)
        return EXIT_CANNOT_RUN
    if outcome.helm_stderr:
        click.echo(outcome.helm_stderr, nl=False, err=True)
    if outcome.status != EXIT_CLEAN:
        _report_failures(outcome)
        return outcome.status
    if outcome.lint is not None and outcome.lint.diagnostics:
        _report_failures(outcome)  # warnings only: shown, the render goes on
    _emit(outcome, policies_only, output_dir, write_chart)
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    return EXIT_CLEAN
