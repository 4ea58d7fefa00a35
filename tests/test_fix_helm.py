"""Helm 3 and Helm 4 read a file fixed by `lint --fix` exactly as before, apart from the intended changes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.authoring_support import cli, copy_fixture, dumping_chart, helm_reading
from tests.support import Helm


@pytest.mark.helm
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_helm_reads_the_fixed_file_as_intended(tmp_path: Path, helm: Helm, capsys: pytest.CaptureFixture[str],
                                              newline: bytes) -> None:
    chart = dumping_chart(tmp_path)
    values = copy_fixture("fixable-values.yaml", tmp_path, newline)
    before, objects_before = helm_reading(helm, chart, [values])
    cli(capsys, "lint", "--fix", values)
    after, objects_after = helm_reading(helm, chart, [values])

    expected = copy.deepcopy(before)
    expected["elasticsearch"]["enabled"] = True
    expected["kibana"]["ingress"]["enabled"] = True
    section = expected["networkPolicy"]
    section["enabled"], section["allowHelmTest"], section["egress"]["enabled"] = True, False, False
    section["adminNodeManagers"][0]["ipBlock"]["cidr"] = "10.20.30.0/24"
    section["adminNodeManagers"][1]["podSelector"] = section["adminNodeManagers"][1].pop("podselector")
    section["monitoring"][0]["namespaceSelector"] = section["monitoring"][0].pop("namespaceSelectr")
    section["monitoring"][1]["ipBlock"]["cidr"] = "192.168.7.0/24"
    assert after == expected
    assert before["networkPolicy"]["apiGateways"][0]["ipBlock"]["cidr"] == "10.30.1.0/16"  # the alias, untouched
    # "true" and true deploy the same: everything else Helm renders is unchanged
    assert objects_after == objects_before
