"""`pip install .` gives a working `aaoi-netpol` whose data (schemas, overlay, defaults) is inside the wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import EXAMPLE_VALUES, REPO_ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # the backend is in the test venv: no isolated build environment to set up (seconds)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO_ROOT)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("aaoi_netpol-*.whl"))


def test_wheel_carries_the_schemas_overlay_and_defaults(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "aaoi_netpol/_bundled/schemas/networkpolicy.schema.json" in names
    assert "aaoi_netpol/_bundled/schemas/aaoi-values.schema.json" in names
    assert "aaoi_netpol/data/aaoi-4.5.0-values.json" in names
    overlay = sorted(n for n in names if n.startswith("aaoi_netpol/_bundled/chart-overlay/templates/"))
    expected = sorted(f"aaoi_netpol/_bundled/chart-overlay/templates/{p.name}"
                      for p in (REPO_ROOT / "chart-overlay" / "templates").iterdir() if p.is_file())
    assert overlay == expected and overlay


def test_installed_wheel_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # A venv without its own pip, filled by this pip (--python): the same install, without ensurepip's cost
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True, timeout=600)
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "from aaoi_netpol.resources import project_data; print(project_data('schemas'))"],
                           capture_output=True, text=True, cwd=tmp_path, check=True)
    assert "site-packages" in where.stdout
    schema = subprocess.run([str(venv / "bin" / "aaoi-netpol"), "schema"], capture_output=True, text=True,
                            cwd=tmp_path, check=True)
    assert json.loads(schema.stdout)["title"].startswith("aaoi-netpol")
    lint = subprocess.run([str(venv / "bin" / "aaoi-netpol"), "lint", str(EXAMPLE_VALUES)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout + lint.stderr
