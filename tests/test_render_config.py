"""``render`` takes the same rule configuration as ``lint``: one values file, one verdict (Helm 3 and Helm 4).

Config file, --config/--no-config, --disable, --severity, --strict and
inline disables; locked rules stay locked. Each case runs ``lint`` and
``render`` on the stand-in chart (in process, from the project directory, with
the real Helm) and compares their exit codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_in_process import cli
from tests.support import STANDIN_CHART, Helm

# NP011 (an error that may be disabled) on line 4; nothing else fires.
HOST_BITS = """\
networkPolicy:
  enabled: true
  adminNodeManagers:
    - ipBlock: {cidr: 10.20.1.0/16}{comment}
"""
# NP010 on line 7, whose only '# netpol:' is inside a quoted string: not a directive.
QUOTED_DIRECTIVE = """\
networkPolicy:
  enabled: true
  adminNodeManagers:
    - ipBlock:
        cidr: 10.20.0.0/16
        except:
          - "10.20.1.0/24 # netpol: disable=NP010"
"""
# NP033 (locked) on line 4: kibana behind an ALB, only the default ingressController.
LOCKED = """\
elasticsearch: {ingress: {enabled: false}}
kibana:
  ingress:
    className: alb{comment}
networkPolicy:
  enabled: true
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def verdicts(helm: Helm, cwd: Path, values: Path, *options: str) -> tuple[int, int, str]:
    """(lint exit code, render exit code, render stderr), both run in process from ``cwd``."""
    lint, _, _ = cli(helm, "lint", *options, str(values), cwd=cwd)
    render, out, err = cli(helm, "render", str(STANDIN_CHART), "-f", str(values), "--policies-only", *options,
                           cwd=cwd)
    assert (out == "") == (render != 0), err
    return lint, render, err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "values.yaml", HOST_BITS.replace("{comment}", ""))
    return tmp_path


def test_options_and_config_file_give_lint_and_render_one_verdict(helm: Helm, project: Path) -> None:
    values = project / "values.yaml"
    lint, render, stderr = verdicts(helm, project, values)
    assert (lint, render) == (1, 1) and "error NP011" in stderr and "nothing was rendered" in stderr
    assert verdicts(helm, project, values, "--disable", "NP011")[:2] == (0, 0)
    lint, render, stderr = verdicts(helm, project, values, "--severity", "NP011=warning")
    assert (lint, render) == (0, 0) and "warning NP011" in stderr
    lint, render, stderr = verdicts(helm, project, values, "--severity", "NP011=warning", "--strict")
    assert (lint, render) == (1, 1) and "warnings (strict)" in stderr
    write(project / ".netpol.yaml", "disable: [NP011]\n")
    assert verdicts(helm, project, values)[:2] == (0, 0)
    assert verdicts(helm, project, values, "--no-config")[:2] == (1, 1)
    other = write(project / "conf" / "strict.yaml", "severity: {NP011: warning}\nstrict: true\n")
    assert verdicts(helm, project, values, "--config", str(other))[:2] == (1, 1)
    write(project / ".netpol.yaml", "disable: [NP11]\n")
    lint, render, stderr = verdicts(helm, project, values)
    assert (lint, render) == (2, 2) and ".netpol.yaml:1:11: error: unknown rule ID 'NP11'" in stderr


def test_inline_disables_apply_to_render_only_in_comments(helm: Helm, tmp_path: Path) -> None:
    commented = write(tmp_path / "commented.yaml", HOST_BITS.replace("{comment}", "  # netpol: disable=NP011"))
    assert verdicts(helm, tmp_path, commented, "--no-config")[:2] == (0, 0)
    quoted = write(tmp_path / "quoted.yaml", QUOTED_DIRECTIVE)
    lint, render, stderr = verdicts(helm, tmp_path, quoted, "--no-config")
    assert (lint, render) == (1, 1) and f"{quoted}:7:13: error NP010" in stderr


def test_locked_rules_stay_locked_in_render(helm: Helm, tmp_path: Path) -> None:
    values = write(tmp_path / "alb.yaml", LOCKED.replace("{comment}", "  # netpol: disable=NP033"))
    lint, render, stderr = verdicts(helm, tmp_path, values, "--no-config")
    assert (lint, render) == (1, 1) and "error NP033" in stderr
    lint, render, stderr = verdicts(helm, tmp_path, values, "--no-config", "--disable", "NP033")
    assert (lint, render) == (2, 2) and "NP033 cannot be disabled" in stderr


def test_a_misplaced_section_stops_the_render_at_its_place(helm: Helm, tmp_path: Path) -> None:
    values = write(tmp_path / "values.yaml", "global:\n  networkPolicy:\n    enabled: true\n")
    lint, render, stderr = verdicts(helm, tmp_path, values, "--no-config")
    assert (lint, render) == (1, 1)
    assert f"{values}:2:3: error NP034 global.networkPolicy" in stderr and "did you mean" in stderr
    assert f"{values}:2:3: warning NP016" in stderr
