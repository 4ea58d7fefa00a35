"""The Helm agreement corpus (tests/corpus): each case with the verdict its header states for Helm 3 and 4.

A case is one values file, or a pair ``pair-NN-a.yaml``/``pair-NN-b.yaml`` used as ``-f a -f b``; the
header says ``# expect: pass|fail`` (both Helm versions) or ``# expect-helm3:``/``# expect-helm4:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.support import TESTS

CORPUS = TESTS / "corpus"
_EXPECT = re.compile(r"^# expect(?:-helm(?P<major>[34]))?: (?P<verdict>pass|fail)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    """A corpus case: one values file, or a pair ``pair-NN-a.yaml``/``-b.yaml`` used as ``-f a -f b``."""

    name: str
    files: tuple[Path, ...]
    expected: dict[int, str]  # Helm major version -> "pass" | "fail"

    @property
    def versions_differ(self) -> bool:
        return self.expected[3] != self.expected[4]

    @property
    def ours_expected(self) -> str:
        """Helm's verdict; where Helm 3 and Helm 4 differ, we flag the file (the strict verdict)."""
        return "fail" if self.versions_differ else self.expected[3]


def _expectations(path: Path) -> dict[int, str]:
    found = {match["major"]: match["verdict"] for match in _EXPECT.finditer(path.read_text(encoding="utf-8"))}
    if None in found:
        assert set(found) == {None}, f"{path.name}: mixes '# expect:' with per-version expectations"
        return {3: found[None], 4: found[None]}
    assert set(found) == {"3", "4"}, f"{path.name}: needs '# expect: pass|fail' (or expect-helm3 and -helm4)"
    return {3: found["3"], 4: found["4"]}


def corpus_cases() -> list[Case]:
    """Every case of tests/corpus with the verdict its header states (``# expect[-helmN]: pass|fail``)."""
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        if path.name.startswith("pair-"):
            if path.name.endswith("-b.yaml"):
                first = path.with_name(path.name.replace("-b.yaml", "-a.yaml"))
                cases.append(Case(path.name[: -len("-b.yaml")], (first, path), _expectations(path)))
        else:
            cases.append(Case(path.stem, (path,), _expectations(path)))
    return cases
