"""``--output-dir`` and ``--write-chart`` never remove a file aaoi-netpol did not write.

The refusals happen before Helm runs, so most cases here need no Helm (``--helm``
names a missing binary: reaching Helm would be a different error). One test
per Helm version runs the real render twice over an output folder the user
added a file to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.render.written_dirs import RECORD, _clean_staging, blocking_entry, file_hash, replace_directory
from tests.support import STANDIN_CHART, Helm, RenderRun, np_values, run_cli, snapshot, write

NO_HELM = ("--helm", "/nonexistent/helm", "--set", "networkPolicy.enabled=true")


def refused(tmp_path: Path, *args: str) -> str:
    """Run render with ``args``; it must exit 2 with exactly one error line, before reaching Helm."""
    result = run_cli(["render", str(STANDIN_CHART), *NO_HELM, *args], cwd=tmp_path)
    errors = [line for line in result.stderr.splitlines() if not line.startswith("note:")]
    assert result.returncode == 2 and len(errors) == 1, result.stderr
    assert "helm not found" not in errors[0], errors[0]
    return errors[0]


@pytest.mark.parametrize(("output_dir", "write_chart"), [("X", "X/chart"), ("X/out", "X"), ("X", "X")])
def test_the_two_destinations_may_not_nest(tmp_path: Path, output_dir: str, write_chart: str) -> None:
    error = refused(tmp_path, "--output-dir", output_dir, "--write-chart", write_chart)
    assert "the same directory or one inside the other" in error
    assert not (tmp_path / "X").exists()


def test_destinations_under_a_file_or_in_proc_are_refused_in_one_line(tmp_path: Path) -> None:
    write(tmp_path / "file", "mine\n")
    assert "is not a directory" in refused(tmp_path, "--output-dir", "file/sub")
    assert "is not a directory" in refused(tmp_path, "--write-chart", "file/sub/chart")
    assert "exists and is not a directory" in refused(tmp_path, "--output-dir", "file")
    assert (tmp_path / "file").read_text() == "mine\n"
    assert "(permission denied)" in refused(tmp_path, "--output-dir", "/proc/self/aaoi-netpol-out")


def test_a_folder_without_our_record_is_refused_and_kept(tmp_path: Path) -> None:
    mine = write(tmp_path / "out" / "notes.txt", "keep me\n")
    assert "not an earlier --output-dir output" in refused(tmp_path, "--output-dir", "out")
    fake = write(tmp_path / "chart-out" / RECORD, json.dumps({"writtenBy": "aaoi-netpol", "option": "--output-dir",
                                                             "directories": [], "files": {}}))
    assert "not an earlier --write-chart output" in refused(tmp_path, "--write-chart", "chart-out")
    assert mine.read_text() == "keep me\n" and fake.is_file()
    escaping = write(tmp_path / "escape" / RECORD, json.dumps({  # a record naming a file outside its folder
        "writtenBy": "aaoi-netpol", "option": "--output-dir", "directories": [],
        "files": {"../out/notes.txt": file_hash(mine)}}))
    assert "not an earlier --output-dir output" in refused(tmp_path, "--output-dir", "escape")
    assert escaping.is_file()


def fill_with(files: dict[str, str]) -> object:
    def fill(content: Path) -> None:
        content.mkdir()
        for name, text in files.items():
            write(content / name, text)
    return fill


def test_rewrite_replaces_only_recorded_unchanged_files(tmp_path: Path) -> None:
    target = tmp_path / "out"
    replace_directory(target, "--output-dir", fill_with({"a.yaml": "a\n", "sub/b.yaml": "b\n"}))
    record = json.loads((target / RECORD).read_text())
    assert record == {"writtenBy": "aaoi-netpol", "option": "--output-dir", "directories": ["sub"],
                      "files": {"a.yaml": file_hash(target / "a.yaml"), "sub/b.yaml": file_hash(target / "sub/b.yaml")}}
    replace_directory(target, "--output-dir", fill_with({"c.yaml": "c\n"}))
    assert sorted(p.name for p in target.rglob("*")) == [RECORD, "c.yaml"]
    for intruder, expected in (("sub2/x.yaml", "was not written by aaoi-netpol"),
                               ("c.yaml", "was changed after aaoi-netpol wrote it")):
        before = snapshot(target)
        write(target / intruder, "the user's\n")
        with pytest.raises(InputError, match=expected):
            replace_directory(target, "--output-dir", fill_with({"d.yaml": "d\n"}))
        assert (target / intruder).read_text() == "the user's\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging left behind
        (target / intruder).unlink()
        if intruder == "c.yaml":
            write(target / "c.yaml", "c\n")
        else:
            (target / "sub2").rmdir()
        assert snapshot(target) == before
    os.symlink(tmp_path / "elsewhere", target / "link.yaml")
    assert blocking_entry(target, "--output-dir") == ("link.yaml was not written by aaoi-netpol: nothing was "
                                                      "replaced (move it away, or choose another directory)")


def test_an_interrupted_write_leaves_the_old_content_and_no_staging(tmp_path: Path) -> None:
    target = tmp_path / "out"
    replace_directory(target, "--output-dir", fill_with({"a.yaml": "a\n"}))
    before = snapshot(target)

    def interrupted(content: Path) -> None:
        content.mkdir()
        write(content / "half.yaml", "half\n")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace_directory(target, "--output-dir", interrupted)
    assert snapshot(target) == before and [p.name for p in tmp_path.iterdir()] == ["out"]
    # interrupted between the two renames: the old content is put back where it was
    staging = tmp_path / ".out.aaoi-netpol-test"
    staging.mkdir()
    target.rename(staging / "previous")
    _clean_staging(staging, target, [])
    assert snapshot(target) == before and [p.name for p in tmp_path.iterdir()] == ["out"]


def test_rerendering_into_an_output_folder_the_user_added_to(helm: Helm, tmp_path: Path) -> None:
    run = RenderRun(helm)
    run.keep(STANDIN_CHART)
    np = np_values(tmp_path)
    out = tmp_path / "out"
    assert run.render(str(STANDIN_CHART), "-f", str(np), "--output-dir", str(out), "--policies-only",
                      "--release", "r").returncode == 0
    ours = snapshot(out)
    mine = write(out / "kustomization.yaml", "resources: []\n")
    again = run.render(str(STANDIN_CHART), "-f", str(np), "--output-dir", str(out), "--release", "r")
    assert again.returncode == 2, again.stderr
    assert "kustomization.yaml was not written by aaoi-netpol" in again.stderr
    assert mine.read_text() == "resources: []\n" and {k: v for k, v in snapshot(out).items()
                                                      if k != "kustomization.yaml"} == ours
    mine.unlink()
    again = run.render(str(STANDIN_CHART), "-f", str(np), "--output-dir", str(out), "--release", "r")
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*.yaml"))) > len(ours) - 1  # now every manifest, not only the policies
    proc = run.render(str(STANDIN_CHART), "-f", str(np), "--output-dir", "/proc/aaoi-netpol-out")
    assert proc.returncode == 2 and "error: --output-dir /proc/aaoi-netpol-out: cannot write" in proc.stderr
