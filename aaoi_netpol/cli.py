"""The click layer: parse arguments, call plain functions, map outcomes to exit codes.

Exit codes: 0 clean, 1 error-level findings (or warnings with --strict),
2 could not run (usage, unreadable input, helm missing or failing), 3 internal error,
130 / 143 interrupted by SIGINT / SIGTERM (after cleaning up).
"""

from __future__ import annotations

import importlib
import io
import os
import sys

import click

from aaoi_netpol import __version__
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_INTERNAL, InputError
from aaoi_netpol.reporters.safe_text import lines, one_line
from aaoi_netpol.signals import exit_status, interrupts_unwind

# Subcommands are imported when they are run (or listed by --help): `lint` never loads `render`.
SUBCOMMANDS: dict[str, str] = {
    "diff": "aaoi_netpol.commands.diff_cmd:diff_command",
    "explain": "aaoi_netpol.commands.explain_cmd:explain_command",
    "init": "aaoi_netpol.commands.init_cmd:init_command",
    "lint": "aaoi_netpol.commands.lint_cmd:lint_command",
    "render": "aaoi_netpol.commands.render_cmd:render_command",
    "rules": "aaoi_netpol.commands.rules_cmd:rules_command",
    "schema": "aaoi_netpol.commands.schema_cmd:schema_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS:
            return None
        module_name, attribute = SUBCOMMANDS[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="aaoi-netpol")
@click.option("--debug", is_flag=True, envvar="HELM_DEBUG", help="Verbose output (Helm's --debug / HELM_DEBUG).")
@click.option("--kube-context", envvar="HELM_KUBECONTEXT", default=None, metavar="NAME",
              help="Helm's --kube-context; passed on to helm (no command contacts a cluster).")
@click.pass_context
def cli(ctx: click.Context, debug: bool, kube_context: str | None) -> None:
    """Lint AAOI values and render explicit NetworkPolicies for the apim4elastic chart."""
    ctx.obj = {"debug": debug, "kube_context": kube_context}


def program_name() -> str:
    explicit = os.environ.get("AAOI_NETPOL_PROG")
    if explicit:
        return explicit
    return "helm netpol" if os.environ.get("HELM_PLUGIN_DIR") else "aaoi-netpol"


def _debug_requested() -> bool:
    return os.environ.get("HELM_DEBUG", "").lower() in ("1", "true") or "--debug" in sys.argv[1:]


def _show(error: click.ClickException) -> None:
    """click's own message (usage, hint, error), with control characters from the arguments escaped."""
    shown = io.StringIO()
    error.show(file=shown)
    click.echo(lines(shown.getvalue()), nl=False, err=True)


def run(argv: list[str] | None = None) -> int:
    prog = program_name()
    try:
        with interrupts_unwind():
            result = cli.main(args=argv, prog_name=prog, standalone_mode=False)
    except click.exceptions.Exit as stop:
        return int(stop.exit_code)
    except click.ClickException as error:
        _show(error)
        return EXIT_CANNOT_RUN
    except click.Abort as stop:
        if not isinstance(stop.__cause__, KeyboardInterrupt):  # end of input at a prompt
            click.echo(f"{prog}: aborted", err=True)
            return EXIT_CANNOT_RUN
        click.echo(f"{prog}: interrupted", err=True)
        return exit_status(stop.__cause__)
    except KeyboardInterrupt as stop:  # a signal outside click's own handling (while it starts or ends)
        click.echo(f"{prog}: interrupted", err=True)
        return exit_status(stop)
    except InputError as error:
        click.echo(f"{prog}: error: {one_line(str(error))}", err=True)
        return EXIT_CANNOT_RUN
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CANNOT_RUN
    except Exception as error:  # the one place an unexpected failure becomes exit 3
        click.echo(f"{prog}: internal error: {type(error).__name__}: {one_line(str(error))} "
                   "(run with --debug for details, and please report it)", err=True)
        if _debug_requested():
            import traceback

            traceback.print_exc()
        return EXIT_INTERNAL
    return int(result or 0)

