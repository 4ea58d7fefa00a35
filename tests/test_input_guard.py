"""The input guard itself (tests/input_guard.py): it notices what a command must never do to its inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.input_guard import TreeState, argument_paths, guarding_arguments


def test_changes_are_seen_even_with_the_mtime_put_back(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    values = chart / "values.yaml"
    values.write_text("a: 1\n")
    (chart / "templates" / "x.yaml").write_text("x\n")
    state = TreeState.take([chart])
    assert state.changes() == []
    before = values.stat()
    values.write_text("a: 2\n")
    os.utime(values, ns=(before.st_atime_ns, before.st_mtime_ns))
    (chart / "templates" / "x.yaml").unlink()
    (chart / "templates" / "y.yaml").write_text("y\n")
    assert sorted(state.changes()) == [f"{chart}/templates/x.yaml disappeared", f"{chart}/templates/y.yaml appeared",
                                       f"{values} changed"]


def test_a_hard_link_alone_is_not_a_change(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("a: 1\n")
    state = TreeState.take([values])
    os.link(values, tmp_path / "linked")  # the ctime moves, the content does not
    assert state.changes() == []


def test_arguments_are_guarded_and_outputs_are_not(tmp_path: Path) -> None:
    values, out = tmp_path / "values.yaml", tmp_path / "out"
    values.write_text("a: 1\n")
    out.mkdir()
    args = ["render", "chart", "-f", "values.yaml", "--output-dir", "out", "--set", "a=1"]
    assert argument_paths(args, tmp_path) == [values]
    with guarding_arguments(args, tmp_path):
        (out / "written.yaml").write_text("ours\n")
    with pytest.raises(AssertionError, match="the CLI changed its input"), guarding_arguments(args, tmp_path):
        values.write_text("a: 2\n")
