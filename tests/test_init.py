"""`init`: the section is added after the user's text, which stays byte for byte; the result lints."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
import yaml

from aaoi_netpol.model.ingress_controllers import BY_CONTROLLER, CONTROLLERS, IngressController
from tests.authoring_support import cli, copy_fixture
from tests.support import STANDIN_CHART

REVIEWED = "reviewed-values.yaml"


def section_of(path: Path) -> dict[str, object]:
    section: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))["networkPolicy"]
    return section


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_the_section_follows_the_untouched_file_and_lints(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          newline: bytes) -> None:
    values = copy_fixture(REVIEWED, tmp_path, newline)
    before = values.read_bytes()
    code, out, err = cli(capsys, "init", values)
    after = values.read_bytes()
    assert code == 0 and out == ""
    assert err.startswith(f"{values}: added the networkPolicy section (30 lines)")
    assert after.startswith(before)  # every byte of the file as it was, comments, quotes, anchors, blanks
    added = after[len(before):]
    assert added.startswith(newline + b"networkPolicy:" + newline)
    assert added.count(b"\n") == added.count(newline)  # the file's own line break throughout
    assert section_of(values)["enabled"] is True
    assert cli(capsys, "lint", "--no-config", values)[:2] == (0, "1 file linted: 0 errors, 0 warnings\n")


def test_a_second_init_is_refused_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = copy_fixture(REVIEWED, tmp_path)
    cli(capsys, "init", values)
    before = values.read_bytes()
    code, out, err = cli(capsys, "init", values)
    assert (code, out, values.read_bytes()) == (2, "", before)
    assert err == f"error: {values}:59:1: the file already has a networkPolicy section; init only adds one to a " \
                  "file without it: nothing was changed\n"


@pytest.mark.parametrize(("text", "where"), [
    ("kibana:\n  enabled: true\nnetworkpolicy:\n  enabled: true\n", "3:1: the file already has a networkPolicy "
                                                                    "section (written 'networkpolicy')"),
    ("network_policy: {}\n", "1:1: the file already has a networkPolicy section (written 'network_policy')"),
    ("NetworkPolicies: null\n", "1:1: the file already has a networkPolicy section (written 'NetworkPolicies')"),
    ("global:\n  networkPolicy:\n    enabled: true\n    apiGateways: []\n",
     "2:3: the file has a networkPolicy section at global.networkPolicy; it belongs at the top level"),
    ("kibana: [\n", "2:1: YAML syntax error"),
    ("{kibana: {enabled: true}}\n", "the top-level mapping is written in flow style"),
], ids=["lower-case", "snake-case", "plural", "misplaced", "syntax-error", "flow-style"])
def test_files_init_must_not_touch_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
                                               where: str) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, "init", values)
    assert (code, out, values.read_text(encoding="utf-8")) == (2, "", text)
    assert err.startswith(f"error: {values}") and where in err and err.count("\n") == 1


def test_elastic_s_own_network_policy_is_not_a_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("elasticsearch:\n  networkPolicy:\n    http: {enabled: false}\n", encoding="utf-8")
    assert cli(capsys, "init", values)[0] == 0 and section_of(values)["enabled"] is True


def test_diff_prints_the_change_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = copy_fixture(REVIEWED, tmp_path)
    before = values.read_bytes()
    code, diff, _ = cli(capsys, "init", "--diff", values)
    assert code == 0 and values.read_bytes() == before
    assert diff.startswith(f"--- a/{values}\n+++ b/{values}\n@@ -55,3 +55,33 @@\n")
    cli(capsys, "init", values)
    added = values.read_bytes()[len(before):].decode("utf-8")
    assert "".join(line[1:] for line in diff.splitlines(keepends=True) if line.startswith("+")
                   and not line.startswith("+++")) == added


def test_the_section_takes_the_file_s_indentation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("elasticsearch:\n    ingress:\n        hosts:\n        - host: es.example.com\n"
                      "kibana:\n    enabled: true\n", encoding="utf-8")
    cli(capsys, "init", values)
    text = values.read_text(encoding="utf-8")
    assert "\nnetworkPolicy:\n    # Written by `aaoi-netpol init`" in text
    assert "\n    ingressController:\n    - namespaceSelector:\n          matchLabels:\n" \
           "              kubernetes.io/metadata.name: ingress-nginx\n" in text
    assert "\n    egress:\n        # Egress stays open." in text


def test_indented_top_level_and_a_missing_last_line_break(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("  kibana:\n    enabled: false  # no line break at the end", encoding="utf-8")
    assert cli(capsys, "init", values)[0] == 0
    text = values.read_text(encoding="utf-8")
    assert text.startswith("  kibana:\n    enabled: false  # no line break at the end\n\n  networkPolicy:\n    #")
    assert section_of(values)["enabled"] is True


@pytest.mark.parametrize("controller", CONTROLLERS, ids=lambda c: c.name)
def test_each_controller_writes_its_peers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          controller: IngressController) -> None:
    name = controller.name
    values = tmp_path / "values.yaml"
    values.write_text("kibana:\n  ingress:\n    enabled: true\n", encoding="utf-8")
    code, _, err = cli(capsys, "init", "--ingress-controller", name, values)
    assert code == 0
    model = BY_CONTROLLER[name]
    assert section_of(values)["ingressController"] == list(model.peers)
    lint_code, report, _ = cli(capsys, "lint", "--no-config", values)
    errors = {line.split()[2] for line in report.splitlines() if " error " in line}
    if model.peers:
        assert lint_code == 0 and errors == set()
    else:  # the cloud controllers that connect from addresses only the user knows
        assert errors == {"NP015"} and f"note: {values}: networkPolicy.ingressController is empty: {name}" in err


@pytest.mark.parametrize(("ingress", "controllers"), [
    ("kibana:\n  ingress:\n    className: traefik\n", ["ingress-nginx", "traefik"]),  # elasticsearch keeps nginx
    ("elasticsearch:\n  ingress:\n    enabled: false\n"
     # the annotation alone: the subchart's className default is blanked (NP032 otherwise)
     "kibana:\n  ingress:\n    className: ''\n    annotations: {kubernetes.io/ingress.class: haproxy}\n", ["haproxy"]),
    ("elasticsearch:\n  ingress:\n    className: istio\n"
     "kibana:\n  ingress:\n    className: contour\n"
     "apibuilder4elastic:\n  ingress: {enabled: true}\n", ["istio", "contour"]),
    ("elasticsearch:\n  ingress: {enabled: false}\nkibana:\n  ingress: {enabled: false}\n", []),
], ids=["class-name", "annotation", "two-classes-and-a-classless-one", "no-ingress"])
def test_the_ingress_classes_choose_the_controllers(tmp_path: Path, capsys: pytest.CaptureFixture[str], ingress: str,
                                                    controllers: list[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(ingress, encoding="utf-8")
    code, _, err = cli(capsys, "init", values)
    if "classless" in ingress or "apibuilder4elastic" in ingress:
        assert code == 2 and "apibuilder4elastic's Ingress has no class" in err
        assert cli(capsys, "init", "--ingress-controller", "nginx", values)[0] == 0
        controllers = ["ingress-nginx"]
    else:
        assert code == 0, err
    assert section_of(values)["ingressController"] == [p for c in controllers for p in BY_CONTROLLER[c].peers]
    assert cli(capsys, "lint", "--no-config", values)[0] == 0


def test_an_unknown_class_needs_the_controller_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("kibana:\n  ingress:\n    className: corp-lb\n", encoding="utf-8")
    code, _, err = cli(capsys, "init", values)
    assert code == 2 and "kibana's Ingress has class 'corp-lb', which aaoi-netpol does not know: name its " \
                         "controller with --ingress-controller NAME" in err
    assert values.read_text(encoding="utf-8") == "kibana:\n  ingress:\n    className: corp-lb\n"


def test_the_egress_guidance_is_what_restricted_egress_needs(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    values = copy_fixture(REVIEWED, tmp_path)
    cli(capsys, "init", values)
    text = values.read_text(encoding="utf-8")
    assert "# If it calls from the address anmUrl names:\n  #   - ipBlock: {cidr: 10.20.30.40/32}\n" in text
    assert "#     # apimgr.example.internal (apimgrUrl) is a DNS name: list the addresses it resolves to" in text
    # follow the guidance: uncomment the apiManagement peers and switch egress on
    peers = re.findall(r"^ {4}# {5}(- ipBlock: .*?)\s+# anmUrl$", text, re.MULTILINE)
    assert peers == ["- ipBlock: {cidr: 10.20.30.40/32}"]
    values.write_text(text.replace("    enabled: false\n", "    enabled: true\n"), encoding="utf-8")
    code, report, _ = cli(capsys, "lint", "--no-config", values)
    assert code == 1 and "NP018" in report  # egress restricted without the peers: the ANM is blocked
    values.write_text(text.replace("    enabled: false\n", "    enabled: true\n    apiManagement:\n      "
                                   + peers[0] + "\n"), encoding="utf-8")
    assert cli(capsys, "lint", "--no-config", values)[:2] == (0, "1 file linted: 0 errors, 0 warnings\n")


def test_written_files_keep_their_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("kibana:\n  enabled: true\n", encoding="utf-8")
    os.chmod(values, 0o600)
    assert cli(capsys, "init", values)[0] == 0
    assert stat.S_IMODE(values.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["values.yaml"]


def test_the_defaults_come_from_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("apm-server:\n  enabled: true\n", encoding="utf-8")
    assert cli(capsys, "init", "--chart", STANDIN_CHART, values)[0] == 0
    assert "apm-server :8200 (APM agents)" in values.read_text(encoding="utf-8")
    assert cli(capsys, "init", "--chart", tmp_path / "nothing", tmp_path / "other.yaml")[0] == 2
