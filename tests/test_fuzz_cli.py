"""Fuzzing the CLI in-process: generated values files and flags give exit 0, 1 or 2, never 3 or a traceback.

Settings come from :mod:`tests.fuzz_support` (``AAOI_NETPOL_FUZZ=ci|long``).
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aaoi_netpol.cli import run
from tests.fuzz_support import CHART_OVERRIDES, SECTIONS, YAML_TOKENS, dump, fuzz_settings, yaml_like_text

FILE_TEXT = st.one_of(yaml_like_text(), st.builds(lambda section, chart: dump({**chart, "networkPolicy": section}),
                                                  SECTIONS, CHART_OVERRIDES))
SET_ARGUMENT = st.lists(st.one_of(st.sampled_from(["networkPolicy", "enabled", ".", "=", ",", "[0]", "[", "]", "{",
                                                   "}", "\\", "true", "null", "1", "apiGateways", "ipBlock.cidr"]),
                                  st.sampled_from(YAML_TOKENS)), max_size=12).map("".join)
FLAGS = st.lists(st.one_of(
    st.sampled_from([("--strict",), ("--format", "json"), ("--format", "sarif"), ("--format", "github"),
                     ("--format", "text"), ("--disable", "NP022"), ("--severity", "NP020=error")]),
    st.tuples(st.sampled_from(["--set", "--set-string", "--set-json"]), SET_ARGUMENT)), max_size=4)


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(args)
    return code, out.getvalue() + err.getvalue()


@fuzz_settings(ci_examples=150)
@given(st.lists(FILE_TEXT, min_size=1, max_size=3), FLAGS)
def test_lint_exits_0_1_or_2(texts: list[str], flags: list[tuple[str, ...]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for number, text in enumerate(texts):
            path = Path(scratch) / f"values-{number}.yaml"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            paths.append(str(path))
        args: list[Any] = ["lint", "--no-config", *[part for flag in flags for part in flag]]
        if len(paths) > 1:
            args += ["-f", paths[0]]
        code, output = _run([*args, *(paths[1:] or paths)])
    assert code in (0, 1, 2), output
    assert "Traceback" not in output
