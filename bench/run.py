"""The benchmark suite (on demand, not a test): every target side by side, measured in one run.

    .venv/bin/python bench/run.py [--repeat 11] [--batch 300]

Every command is a real subprocess (medians of interleaved repetitions; peak
RSS from os.wait4). Helm runs the stand-in AAOI chart (tests/charts/apim4elastic)
with our values.schema.json added, so `helm lint` validates the same section.
The values file is the real AAOI chart defaults (../shared/aaoi, ~35 KB) when
present, else the bundled defaults padded with comments to the same size,
plus a networkPolicy section.

| measurement | target |
|---|---|
| lint of one file / helm lint of the chart with it | <= 0.5x |
| render / helm template, Helm 3 | <= 1.3x |
| render / helm template, Helm 4 | <= 1.5x |
| batch lint of 300 files in one call | >= 500 files/s |
| peak RSS of lint | <= 80 MiB |
| the gate on the default render, all components on (in-process) | < 200 ms |
| diff / render (Helm 3) | < 2.5x |
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHART = ROOT / "tests" / "charts" / "apim4elastic"
SHARED_DEFAULTS = ROOT.parent / "shared" / "aaoi" / "values" / "chart-defaults.yaml"
HELMS = {"Helm 3": ROOT / ".helm" / "3.17.3" / "helm", "Helm 4": ROOT / ".helm" / "4.3.1" / "helm"}
ANM = 'apibuilder4elastic:\n  anmUrl: "https://10.20.30.40:8090"\n'
"""Written into the file's own apibuilder4elastic block (a second one would be a duplicate key, NP002)."""
SECTION = """
networkPolicy:
  enabled: true
  apiGateways:
    - ipBlock: {{cidr: 10.{a}.{b}.0/24}}
  adminNodeManagers:
    - ipBlock: {{cidr: 10.30.1.10/32}}
  monitoring:
    - namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: monitoring}}}}
"""


@dataclass
class Sample:
    seconds: list[float]
    peak_rss_kib: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(command: list[str], env: dict[str, str], ok: tuple[int, ...]) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit(f"failed: {' '.join(command[:6])}...\n{error}")
    return elapsed, usage.ru_maxrss


def measure(commands: dict[str, list[str]], repeat: int, env: dict[str, str],
            ok: tuple[int, ...] = (0, 1)) -> dict[str, Sample]:
    """Interleaved: one run of each command per round, after one warm-up round."""
    samples = {name: Sample([], 0) for name in commands}
    for round_number in range(repeat + 1):
        for name, command in commands.items():
            elapsed, rss = run_once(command, env, ok)
            if round_number:
                samples[name].seconds.append(elapsed)
                samples[name].peak_rss_kib = max(samples[name].peak_rss_kib, rss)
    return samples


def values_text() -> tuple[str, str]:
    """A realistic values file without our section: its apibuilder4elastic block gets an anmUrl (the chart
    requires one to render)."""
    if SHARED_DEFAULTS.is_file():
        text, origin = SHARED_DEFAULTS.read_text(encoding="utf-8"), "the real AAOI chart defaults (../shared)"
    else:
        import yaml

        from aaoi_netpol.resources import BUNDLED_DEFAULTS

        text = yaml.safe_dump(json.loads(BUNDLED_DEFAULTS.read_text(encoding="utf-8")), sort_keys=False)
        padding = "# padding: a values file carries about as much comment as values\n"
        text, origin = text + padding * ((35_000 - len(text)) // len(padding)), "the bundled defaults padded"
    with_anm = ("\n" + text).replace("\napibuilder4elastic:\n", "\n" + ANM, 1)[1:]
    assert with_anm != text, "the values have no apibuilder4elastic block"
    return with_anm, origin


def gate_time(workdir: Path, helm: Path, repeat: int) -> float:
    """In-process: the gate (world, required flows, openings) on the render with every component on."""
    from aaoi_netpol.gate.run import run_gate
    from aaoi_netpol.lint import layer_stack
    from aaoi_netpol.render.manifests import split_documents
    from aaoi_netpol.value_flags import ValueFlags

    values = workdir / "all-on.yaml"
    values.write_text(ANM + SECTION.format(a=1, b=1) + "  egress: {enabled: true}\nfilebeat: {enabled: true}\n"
                      "apm-server: {enabled: true}\nkibana: {ingress: {enabled: true}}\n", encoding="utf-8")
    chart = workdir / "overlaid"
    shutil.copytree(CHART, chart)
    for template in (ROOT / "chart-overlay" / "templates").iterdir():
        shutil.copy2(template, chart / "templates" / template.name)
    stream = subprocess.run([str(helm), "template", "axway-elk", str(chart), "-n", "apim-elk", "-f", str(values)],
                            capture_output=True, text=True, check=True).stdout
    layered = layer_stack(ValueFlags((values,)), chart).values
    manifests = split_documents(stream)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_gate(manifests, layered, "apim-elk")
        times.append(time.perf_counter() - start)
        assert result.world is not None and not result.findings, result.findings
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--batch", type=int, default=300)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "aaoi_netpol")], check=True)
    text, origin = values_text()
    rows: list[tuple[str, str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="aaoi-bench-") as temp:
        work = Path(temp)
        env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
        env.pop("HELM_BIN", None)
        for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
            env[var] = str(work / "helm-home" / var.lower())
        files = []
        for number in range(args.batch):
            path = work / f"values-{number:03d}.yaml"
            path.write_text(text + SECTION.format(a=20 + number // 250, b=number % 250), encoding="utf-8")
            files.append(path)
        chart = work / "apim4elastic"
        shutil.copytree(CHART, chart)
        schema = subprocess.run([sys.executable, "-m", "aaoi_netpol", "schema", "--values-file"], env=env,
                                capture_output=True, text=True, check=True).stdout
        (chart / "values.schema.json").write_text(schema, encoding="utf-8")
        ours = [sys.executable, "-m", "aaoi_netpol"]
        one = str(files[0])
        print(f"values file: {files[0].stat().st_size / 1024:.1f} KB ({origin} + a networkPolicy section); "
              f"{args.repeat} interleaved runs each, medians\n")

        lint_cmds = {"lint": [*ours, "lint", "--no-config", one]}
        lint_cmds |= {f"{name} lint": [str(helm), "lint", str(chart), "-f", one] for name, helm in HELMS.items()}
        lint = measure(lint_cmds, args.repeat, env)
        for name in HELMS:
            ratio = lint["lint"].median / lint[f"{name} lint"].median
            rows.append((f"lint / helm lint ({name})", f"{lint['lint'].median * 1000:.0f} ms",
                         f"{lint[f'{name} lint'].median * 1000:.0f} ms", f"{ratio:.2f}x <= 0.5x", ratio <= 0.5))
        rss_mib = lint["lint"].peak_rss_kib / 1024
        rows.append(("peak RSS of lint", f"{rss_mib:.1f} MiB", "", "<= 80 MiB", rss_mib <= 80))

        batch = measure({"batch": [*ours, "lint", "--no-config", *map(str, files)]}, max(args.repeat // 3, 3), env)
        rate = args.batch / batch["batch"].median
        rows.append((f"batch lint of {args.batch} files", f"{rate:.0f} files/s", "", ">= 500 files/s", rate >= 500))

        flags = ["-f", one, "--release", "axway-elk", "-n", "apim-elk"]
        for (name, helm), target in zip(HELMS.items(), (1.3, 1.5), strict=True):
            render_cmds = {"render": [*ours, "render", str(CHART), "--helm", str(helm), *flags],
                           "template": [str(helm), "template", "axway-elk", str(CHART), "-n", "apim-elk", "-f", one]}
            if name == "Helm 3":
                render_cmds["diff"] = [*ours, "diff", str(CHART), "--base", one, "-f", str(files[1]),
                                       "--helm", str(helm), "--release", "axway-elk", "-n", "apim-elk"]
            render = measure(render_cmds, args.repeat, env)
            ratio = render["render"].median / render["template"].median
            rows.append((f"render / helm template ({name})", f"{render['render'].median * 1000:.0f} ms",
                         f"{render['template'].median * 1000:.0f} ms", f"{ratio:.2f}x <= {target}x", ratio <= target))
            if "diff" in render:
                ratio = render["diff"].median / render["render"].median
                rows.append(("diff / render (Helm 3)", f"{render['diff'].median * 1000:.0f} ms",
                             f"{render['render'].median * 1000:.0f} ms (render)", f"{ratio:.2f}x < 2.5x", ratio < 2.5))
        seconds = gate_time(work, HELMS["Helm 3"], args.repeat)
        rows.append(("gate on the default render, all on", f"{seconds * 1000:.1f} ms", "", "< 200 ms",
                     seconds < 0.2))

    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    print(f"{'measurement':<{widths[0]}}  {'aaoi-netpol':>{widths[1]}}  {'helm':>{widths[2]}}  target")
    for label, value, reference, target, met in rows:
        print(f"{label:<{widths[0]}}  {value:>{widths[1]}}  {reference:>{widths[2]}}  {target:<{widths[3]}}  "
              f"{'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
