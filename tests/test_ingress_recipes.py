"""Every Ingress recipe of the README, and an AWS-shaped values file, on the stand-in chart with Helm 3 and 4.

The recipes are read from README.md (a ``<!-- recipe: NAME -->`` line, then a
yaml block). Each must lint without errors, render (exit 0), and the rendered
policy of each component with an Ingress must admit exactly the recipe's
Ingress-controller peers on the component's Ingress port.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_in_process import cli
from tests.support import FIXTURES, REPO_ROOT, STANDIN_CHART, Helm, documents, ours, run_cli

_RECIPE = re.compile(r"^<!-- recipe: ([a-z0-9-]+) -->\n```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
# recipe -> {component: the ingressController key its peers are under (None: the list form)}
EXPECTED: dict[str, dict[str, str | None]] = {
    "ingress-nginx": {"elasticsearch": None, "kibana": None},
    "traefik": {"elasticsearch": None, "kibana": None},
    "aws-alb-ip": {"kibana": None},
    "aws-alb-instance": {"kibana": None},
    "gke": {"kibana": None},
    "azure-application-gateway": {"kibana": None},
    "several-classes": {"kibana": "alb", "elasticsearch": "nginx"},
}
INGRESS_PORTS = {"elasticsearch": 9200, "kibana": 5601, "apibuilder4elastic": 8443}
AWS = FIXTURES / "aws"


def readme_recipes() -> dict[str, str]:
    return {name: body for name, body in _RECIPE.findall((REPO_ROOT / "README.md").read_text(encoding="utf-8"))}


def test_the_readme_has_a_recipe_per_provider() -> None:
    assert set(readme_recipes()) == set(EXPECTED)


@pytest.fixture(scope="module")
def recipe_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("recipes")
    files = {}
    for name, body in readme_recipes().items():
        files[name] = folder / f"{name}.yaml"
        files[name].write_text(body, encoding="utf-8")
    return files


def test_every_recipe_lints_without_errors(recipe_files: dict[str, Path]) -> None:
    result = run_cli(["lint", "--format", "json", *(str(p) for p in recipe_files.values())])
    document = json.loads(result.stdout)
    assert result.returncode == 0 and document["summary"]["errors"] == 0, document["findings"]
    assert document["findings"] == [], "the recipes are meant to lint clean"


def controller_rules(policy: dict[str, Any], port: int) -> list[dict[str, Any]]:
    """The rules admitting peers from outside the release (ipBlock or namespaceSelector) on ``port``."""
    return [rule for rule in policy["spec"].get("ingress") or []
            if any("ipBlock" in peer or "namespaceSelector" in peer for peer in rule.get("from", []))
            and {"port": port, "protocol": "TCP"} in rule.get("ports", [])]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_recipe_renders_and_admits_exactly_its_peers(helm: Helm, recipe_files: dict[str, Path],
                                                           name: str) -> None:
    recipe = yaml.safe_load(recipe_files[name].read_text(encoding="utf-8"))
    code, out, err = cli(helm, "render", str(STANDIN_CHART), "-f", str(recipe_files[name]), "--policies-only",
                         "--release", "r1", "--no-config")
    assert code == 0, err
    policies = {p["metadata"]["labels"]["aaoi-netpol/component"]: p
                for p in ours(documents(out)) if p["metadata"]["name"].endswith("-ingress")}
    controllers = recipe["networkPolicy"]["ingressController"]
    for component, key in EXPECTED[name].items():
        peers = controllers if key is None else controllers[key]
        rules = controller_rules(policies[component], INGRESS_PORTS[component])
        assert rules == [{"from": peers, "ports": [{"port": INGRESS_PORTS[component], "protocol": "TCP"}]}], \
            (component, rules)
    published = {c for c in INGRESS_PORTS if c in policies and controller_rules(policies[c], INGRESS_PORTS[c])}
    assert published == set(EXPECTED[name]), "no other component is opened to a controller"


def test_aws_example_as_shipped_is_refused_with_what_to_do(helm: Helm) -> None:
    """Kibana behind an internet-facing ALB through annotations only, the default ingressController."""
    shipped = AWS / "values-eks-alb.yaml"
    lint = run_cli(["lint", "--format", "json", "--no-config", str(shipped)])
    found = {(f["rule"], f["line"]) for f in json.loads(lint.stdout)["findings"]}
    assert lint.returncode == 1
    text = (shipped.read_text(encoding="utf-8")).splitlines()
    annotation_line = next(i for i, line in enumerate(text, 1) if "kubernetes.io/ingress.class: alb" in line)
    assert ("NP032", annotation_line) in found and ("NP033", annotation_line) in found, found
    messages = " ".join(f["message"] for f in json.loads(lint.stdout)["findings"])
    assert "kibana.ingress.className: \"\"" in messages and "VPC subnets" in messages
    code, out, err = cli(helm, "render", str(STANDIN_CHART), "-f", str(shipped), "--no-config")
    assert code == 1 and out == ""
    assert "NP033" in err and "nothing was rendered" in err


def test_aws_example_fixed_renders_the_albs_subnets(helm: Helm) -> None:
    fixed = AWS / "values-eks-alb-fixed.yaml"
    assert run_cli(["lint", "--no-config", "--strict", str(fixed)]).returncode == 0
    code, out, err = cli(helm, "render", str(STANDIN_CHART), "-f", str(fixed), "--policies-only", "--no-config")
    assert code == 0, err
    policies = {p["metadata"]["name"]: p for p in ours(documents(out))}
    kibana = policies["aaoi-netpol-axway-elk-kibana-ingress"]
    peers = yaml.safe_load(fixed.read_text(encoding="utf-8"))["networkPolicy"]["ingressController"]
    assert controller_rules(kibana, 5601) == [{"from": peers["alb"], "ports": [{"port": 5601, "protocol": "TCP"}]}]
    elasticsearch = policies["aaoi-netpol-axway-elk-elasticsearch-ingress"]
    assert controller_rules(elasticsearch, 9200)[0]["from"] == peers["nginx"]


def test_written_chart_validates_the_map_form_natively(helm: Helm, tmp_path: Path) -> None:
    """--write-chart's schema takes ingressController as a list or a map of lists, on Helm 3 and Helm 4."""
    fixed = AWS / "values-eks-alb-fixed.yaml"
    target = tmp_path / "written"
    code, _, err = cli(helm, "render", str(STANDIN_CHART), "-f", str(fixed), "--write-chart", str(target),
                       "--no-config")
    assert code == 0, err
    assert helm.run(["template", "r", str(target), "-f", str(fixed)]).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("networkPolicy:\n  enabled: true\n  ingressController:\n    alb: 5\n", encoding="utf-8")
    refused = helm.run(["template", "r", str(target), "-f", str(bad)], check=False)
    assert refused.returncode != 0 and "ingressController" in refused.stderr
