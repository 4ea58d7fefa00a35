"""``init``: add a networkPolicy section to a values file, leaving every other byte as it was."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aaoi_netpol.authoring.atomic_write import write_atomically
from aaoi_netpol.authoring.existing_section import existing_section
from aaoi_netpol.authoring.ingress_choice import choose_controllers
from aaoi_netpol.authoring.section import plan_section
from aaoi_netpol.authoring.section_writer import detect_layout, insert_section, render_section
from aaoi_netpol.authoring.text_edits import same_values, unified_diff
from aaoi_netpol.authoring.yaml_nodes import NotEditable, compose_first_document
from aaoi_netpol.chart_defaults import chart_defaults
from aaoi_netpol.diagnostics import InputError, Severity
from aaoi_netpol.layering import layer_values
from aaoi_netpol.lint import check_layered
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.values_file import read_values_text as read_text
from aaoi_netpol.yaml_loader import LoadedFile, load_values_text

# A cloud controller whose addresses init cannot know leaves the list empty on purpose (said in a note).
EXPECTED_AFTER_INIT = frozenset({"NP015"})


@dataclass
class InitResult:
    name: str
    old_text: str = ""
    new_text: str = ""
    error: str | None = None  # one line: nothing was done (exit 2)
    internal: str | None = None  # the written section would not read back or lint as intended (exit 3)
    notes: list[str] = field(default_factory=list)

    def diff(self) -> str:
        return unified_diff(self.name, self.old_text, self.new_text)


def _reads_back(new_text: str, loaded: LoadedFile, section: dict[str, Any]) -> LoadedFile | None:
    reread = load_values_text(new_text, loaded.name)
    counts = sorted(problem.rule for problem in reread.problems)
    if reread.parsed and counts == sorted(p.rule for p in loaded.problems) and \
            same_values(reread.values, {**loaded.values, SECTION: section}):
        return reread
    return None


def _new_errors(before: LoadedFile, after: LoadedFile, chart: Path | None) -> list[str]:
    def errors(loaded: LoadedFile) -> set[tuple[str, str]]:
        layered = layer_values(chart_defaults(chart), [loaded], ())
        return {(d.rule, d.message) for d in check_layered(layered, loaded.name) if d.severity is Severity.ERROR}

    return [f"{rule} {message}" for rule, message in sorted(errors(after) - errors(before))
            if rule not in EXPECTED_AFTER_INIT]


def init_text(text: str, name: str, controller: str | None, chart: Path | None) -> InitResult:
    """The file's text with the section added (``error`` set, and nothing to write, when it cannot be)."""
    result = InitResult(name, text, text)
    loaded = load_values_text(text, name)
    syntax = next((p for p in loaded.problems if p.rule == "NP000"), None)
    if syntax is not None or not loaded.parsed:
        where = f"{syntax.location}: {syntax.message}" if syntax else f"{name}: not readable YAML"
        result.error = f"{where}; a file with a YAML error is never changed"
        return result
    result.error = existing_section(loaded)
    if result.error:
        return result
    try:
        root = compose_first_document(text)
    except NotEditable as error:
        result.error = f"{name}: {error}"
        return result
    if getattr(root, "flow_style", False):
        result.error = f"{name}: the top-level mapping is written in flow style ({{...}}): add the section by hand"
        return result
    values = layer_values(chart_defaults(chart), [loaded], ()).values
    choice = choose_controllers(values, controller)
    if choice.problem:
        result.error = f"{name}: {choice.problem}"
        return result
    plan = plan_section(values, choice)
    result.notes = plan.notes
    layout = detect_layout(text, root)
    section = render_section(plan, layout)
    for separate in (True, False):  # a blank separator line would change a keep-chomped (|+) last value
        new_text = insert_section(text, root, section, layout.newline, separate)
        reread = _reads_back(new_text, loaded, plan.section)
        if reread is not None:
            errors = _new_errors(loaded, reread, chart)
            if errors:
                result.internal = f"{name}: the section init built does not lint: {errors[0]}"
                return result
            result.new_text = new_text
            return result
    result.internal = f"{name}: the section init built would not read back as written"
    return result


def init_file(path: Path, controller: str | None, chart: Path | None, write: bool) -> InitResult:
    """Add the section to the file at ``path`` (``write`` False: only compute it, for --diff)."""
    try:
        text = read_text(path)
        result = init_text(text, str(path), controller, chart)
    except InputError as error:
        return InitResult(str(path), error=str(error))
    if write and not result.error and not result.internal and result.new_text != result.old_text:
        try:
            write_atomically(path, result.new_text)
        except OSError as error:
            result.error = f"{path}: cannot write: {error.strerror or error}"
    return result
