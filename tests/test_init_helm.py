"""Helm 3 and Helm 4 read a file after `init` exactly as before plus the section, and the overlay renders it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.authoring_support import cli, copy_fixture, dumping_chart, helm_reading
from tests.support import STANDIN_CHART, Helm


@pytest.mark.helm
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_helm_reads_the_file_as_before_plus_the_section(tmp_path: Path, helm: Helm,
                                                       capsys: pytest.CaptureFixture[str], newline: bytes) -> None:
    chart = dumping_chart(tmp_path)
    values = copy_fixture("reviewed-values.yaml", tmp_path, newline)
    before, objects_before = helm_reading(helm, chart, [values])
    assert cli(capsys, "init", values)[0] == 0
    after, objects_after = helm_reading(helm, chart, [values])
    section = after.pop("networkPolicy")
    assert after == before and objects_after == objects_before
    assert section["enabled"] is True and section["egress"] == {"enabled": False}
    assert section["ingressController"][0]["podSelector"] == {"matchLabels": {"app.kubernetes.io/name":
                                                                              "ingress-nginx"}}
    code, _, err = cli(capsys, "render", STANDIN_CHART, "-f", values, "--helm", helm.path, "--policies-only")
    assert code == 0, err
    assert "NetworkPolicies rendered and verified against the rendered workloads" in err
