"""``render`` plumbing with the real CLI and real Helm 3 and Helm 4.

The policy content is the overlay's business (tests/test_overlay_scenarios.py);
here: where the output goes, which inputs Helm gets, .tgz charts, errors and
their exit codes, and that the user's chart is never modified (every command
below is followed by a byte-for-byte comparison of the input charts).
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from tests.support import (
    EXAMPLE_VALUES,
    Helm,
    RenderRun,
    assert_valid_policies,
    copy_standin,
    documents,
    env_without_helm,
    mask_random,
    np_values,
    ours,
    package,
    write,
)

EXAMPLE = str(EXAMPLE_VALUES)  # the example user values (the AAOI chart's example settings)


@pytest.fixture
def run(helm: Helm) -> RenderRun:
    return RenderRun(helm)


def test_stdout_is_the_charts_manifests_plus_our_policies(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    np = np_values(tmp_path)
    result = run.render(str(chart), "-f", EXAMPLE, "-f", str(np), "--release", "axway-elk", "-n", "apim-elk")
    assert result.returncode == 0, result.stderr
    docs = documents(result.stdout)
    policies = ours(docs)
    assert sorted(p["metadata"]["labels"]["aaoi-netpol/component"] for p in policies) == [
        "apibuilder4elastic", "elasticsearch", "kibana", "logstash"]
    assert_valid_policies(docs)
    assert "# Source: apim4elastic/templates/aaoi-netpol-networkpolicies.yaml" in result.stdout
    plain = run.helm.run(["template", "axway-elk", str(chart), "-n", "apim-elk", "-f", EXAMPLE, "-f", str(np)])
    others = [d for d in docs if d not in policies]
    assert [mask_random(yaml.safe_dump(d)) for d in others] == [
        mask_random(yaml.safe_dump(d)) for d in documents(plain.stdout)]
    assert "4 NetworkPolicies rendered and verified" in result.stderr


def test_policies_only(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    np = np_values(tmp_path, "networkPolicy:\n  enabled: true\n  egress:\n    enabled: true\n")
    result = run.render(str(chart), "-f", str(np), "--set", "filebeat.enabled=true",
                        "--set-json", 'apm-server={"enabled": true}', "--policies-only")
    assert result.returncode == 0, result.stderr
    docs = documents(result.stdout)
    assert docs == ours(docs)
    assert len(docs) == 12  # six components, ingress and egress
    assert_valid_policies(docs)
    assert all(line.startswith("# Source: apim4elastic/templates/aaoi-netpol-")
               for line in result.stdout.splitlines() if line.startswith("# Source:"))


def test_release_default_is_named_and_release_namespace_reach_helm(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    write(chart / "templates" / "where.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: where\ndata:\n"
          "  release: {{ .Release.Name | quote }}\n  namespace: {{ .Release.Namespace | quote }}\n")
    run.keep(chart)
    np = np_values(tmp_path)
    default = run.render(str(chart), "-f", str(np))
    assert default.returncode == 0, default.stderr
    assert "no --release given, rendering as release 'axway-elk'" in default.stderr
    where = next(d for d in documents(default.stdout) if d["metadata"]["name"] == "where")
    assert where["data"] == {"release": "axway-elk", "namespace": "default"}
    named = run.render(str(chart), "-f", str(np), "--release", "prod-elk", env=run.env(HELM_NAMESPACE="apim-elk"))
    assert named.returncode == 0, named.stderr
    assert "no --release" not in named.stderr
    docs = documents(named.stdout)
    assert next(d for d in docs if d["metadata"]["name"] == "where")["data"] == {
        "release": "prod-elk", "namespace": "apim-elk"}
    assert "aaoi-netpol-prod-elk-kibana-ingress" in {p["metadata"]["name"] for p in ours(docs)}
    flag = run.render(str(chart), "-f", str(np), "-n", "other", "--policies-only")
    assert flag.returncode == 0, flag.stderr


def test_helm_bin_relative_and_kube_context_passed_through(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    log = tmp_path / "helm-args.txt"
    wrapper = write(tmp_path / "bin" / "helm-wrapper",
                    f'#!/bin/sh\nprintf "%s\\n" "$@" > {shlex.quote(str(log))}\n'
                    f'exec {shlex.quote(str(run.helm.path))} "$@"\n')
    wrapper.chmod(0o755)
    env = env_without_helm(run.helm.env)
    env["HELM_BIN"] = "bin/helm-wrapper"  # as Helm passes it: argv0 as typed, relative to the working directory
    env["HELM_KUBECONTEXT"] = "staging"
    result = run.render(str(chart), "--set", "networkPolicy.enabled=true", "--set-string", "kibana.labels.tier=ui",
                        "--policies-only", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    args = log.read_text().splitlines()
    assert args[:2] == ["template", "axway-elk"]
    assert args[args.index("--kube-context") + 1] == "staging"
    assert args[args.index("--namespace") + 1] == "default"
    assert args[args.index("--set-string") + 1] == "kibana.labels.tier=ui"
    assert Path(args[2]) != chart  # helm renders the private copy


def test_tgz_chart_renders_like_the_directory(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    archive = package(run.helm, chart, tmp_path / "packaged")
    run.keep(chart, archive)
    np = np_values(tmp_path)
    from_dir = run.render(str(chart), "-f", EXAMPLE, "-f", str(np), "--policies-only")
    from_tgz = run.render(str(archive), "-f", EXAMPLE, "-f", str(np), "--policies-only")
    assert from_tgz.returncode == 0, from_tgz.stderr
    assert from_tgz.stdout == from_dir.stdout
    assert len(ours(documents(from_tgz.stdout))) == 4
    full = run.render(str(archive), "-f", str(np))
    assert full.returncode == 0, full.stderr
    assert any(d["kind"] == "StatefulSet" for d in documents(full.stdout))


def test_disabled_emits_the_chart_unchanged_with_a_note(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    result = run.render(str(chart), "-f", EXAMPLE, "--release", "r1")
    assert result.returncode == 0, result.stderr
    plain = run.helm.run(["template", "r1", str(chart), "-n", "default", "-f", EXAMPLE])
    assert mask_random(result.stdout) == mask_random(plain.stdout)
    notes = [line for line in result.stderr.splitlines() if "no NetworkPolicy was rendered" in line]
    assert len(notes) == 1
    only = run.render(str(chart), "--policies-only", "--release", "r1")
    assert only.returncode == 0 and only.stdout == ""


def test_output_dir_one_file_per_object(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    np = np_values(tmp_path)
    out = tmp_path / "out"
    result = run.render(str(chart), "-f", EXAMPLE, "-f", str(np), "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    files = sorted(p.name for p in out.glob("*.yaml"))
    assert "networkpolicy-aaoi-netpol-axway-elk-kibana-ingress.yaml" in files
    assert "deployment-axway-elk-apim4elastic-kibana.yaml" in files
    assert "statefulset-axway-elk-apim4elastic-elasticsearch.yaml" in files
    for name in files:
        (doc,) = documents((out / name).read_text())
        assert name == f"{doc['kind']}-{doc['metadata']['name']}.yaml".lower()
        text = (out / name).read_text()
        assert text.startswith("---\n# Source: apim4elastic/") and text.endswith("\n") and not text.endswith("\n\n")
    # a second run replaces the earlier output whole
    again = run.render(str(chart), "-f", str(np), "--output-dir", str(out), "--policies-only")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.glob("*.yaml")) == sorted(n for n in files if n.startswith("networkpolicy-"))
    assert_valid_policies([documents(p.read_text())[0] for p in out.glob("*.yaml")])


def test_output_dir_refuses_foreign_or_chart_directories(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    foreign = write(tmp_path / "mine" / "notes.txt", "keep me\n").parent
    run.keep(chart, foreign)
    np = np_values(tmp_path)
    refused = run.render(str(chart), "-f", str(np), "--output-dir", str(foreign))
    assert refused.returncode == 2
    assert "not empty and not an earlier --output-dir output" in refused.stderr
    inside = run.render(str(chart), "-f", str(np), "--output-dir", str(chart / "rendered"))
    assert inside.returncode == 2
    assert "never modifies" in inside.stderr


@pytest.mark.parametrize("case", ["missing", "not-a-chart", "empty-file"])
def test_chart_that_is_not_a_chart_exits_2_with_one_line(run: RenderRun, tmp_path: Path, case: str) -> None:
    target = {"missing": tmp_path / "nope",
              "not-a-chart": write(tmp_path / "dir" / "values.yaml", "a: 1\n").parent,
              "empty-file": write(tmp_path / "chart.tgz", "")}[case]
    if target.exists():
        run.keep(target)
    result = run.render(str(target), "--set", "networkPolicy.enabled=true")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and str(target) in errors[0], result.stderr
    assert result.stdout == ""


def test_template_name_collision_exits_2(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    write(chart / "templates" / "aaoi-netpol-networkpolicies.yaml", "# the user's own\n")
    run.keep(chart)
    result = run.render(str(chart), "--set", "networkPolicy.enabled=true")
    assert result.returncode == 2
    assert "templates/aaoi-netpol-networkpolicies.yaml already exists" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # the --release note and the error


def test_helm_failing_shows_the_command_and_helms_stderr(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    write(chart / "templates" / "broken.yaml", "value: {{ .Values.kibana | nosuchfunction }}\n")
    archive = package(run.helm, chart, tmp_path / "packaged")
    run.keep(chart, archive)
    for target in (chart, archive):
        result = run.render(str(target), "--set", "networkPolicy.enabled=true", "--release", "r1")
        assert result.returncode == 2
        assert result.stdout == ""
        first = result.stderr.splitlines()[0]
        assert first.startswith("error: helm failed (exit 1): ") and " template r1 " in first
        command = shlex.split(first.split(": ", 2)[2])
        assert command[0] == str(run.helm.path) and command[1:3] == ["template", "r1"]
        assert command[command.index("--set") + 1] == "networkPolicy.enabled=true"
        assert 'function "nosuchfunction" not defined' in result.stderr  # Helm's own words


def test_helm_missing_exits_2(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    result = run.render(str(chart), "--set", "networkPolicy.enabled=true", env=env_without_helm(run.helm.env))
    assert result.returncode == 2
    assert "helm not found on PATH" in result.stderr
    explicit = run.render(str(chart), "--helm", str(tmp_path / "no-helm"))
    assert explicit.returncode == 2 and "is not an executable file" in explicit.stderr


def test_lint_errors_stop_the_render(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    bad = np_values(tmp_path, "networkPolicy:\n  enabled: true\n  ingressControler: []\n")
    out = tmp_path / "out"
    result = run.render(str(chart), "-f", str(bad), "--output-dir", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{bad}:3:3: error NP001 unknown key 'ingressControler'" in result.stderr
    assert "nothing was rendered" in result.stderr
    assert not out.exists()
    unreadable = run.render(str(chart), "-f", str(tmp_path / "missing.yaml"))
    assert unreadable.returncode == 2
    assert unreadable.stdout == ""


def test_usage_errors_exit_2(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    run.keep(chart)
    assert run.render().returncode == 2
    assert run.render(str(chart), "--set", "networkPolicy.enabled").returncode == 2
    same = tmp_path / "same"
    assert run.render(str(chart), "--output-dir", str(same), "--write-chart", str(same)).returncode == 2
    assert run.render(str(chart), "--policies-only", "--write-chart", str(same)).returncode == 2
    assert not same.exists()
