"""Benchmark (issue 2, point 8): `lint` of one ~35 KB values file vs `helm lint`, and a 500-file batch.

Run on demand (not a test):

    .venv/bin/python bench/bench_lint.py [--repeat 15] [--batch 500] [--batch-repeat 5]

Every figure is the wall time of a real subprocess (median of the repetitions, min and max
alongside) and its peak RSS (os.wait4's ru_maxrss of that very process). The values file is the
real AAOI chart defaults plus a networkPolicy section. Helm lints the stand-in AAOI chart
(tests/charts/apim4elastic, when present, with our values.schema.json added) or else a minimal
chart carrying the AAOI defaults and the schema. Targets: single lint <= 0.5x helm lint; batch
>= 150 files/s.
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aaoi_netpol.resources import BUNDLED_DEFAULTS  # noqa: E402
from aaoi_netpol.schema import values_file_schema  # noqa: E402

CHART_DEFAULTS = REPO.parent / "shared" / "aaoi" / "values" / "chart-defaults.yaml"
STANDIN_CHART = REPO / "tests" / "charts" / "apim4elastic"
HELMS = {"helm3": REPO / ".helm" / "3.17.3" / "helm", "helm4": REPO / ".helm" / "4.3.1" / "helm"}
SECTION = """
networkPolicy:
  enabled: true
  apiGateways:
    - ipBlock: {{cidr: 10.{a}.{b}.0/24}}
  adminNodeManagers:
    - ipBlock: {{cidr: 10.30.1.10/32}}
  monitoring:
    - namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: monitoring}}}}
  logstash:
    extraIngress:
      - ports: [{{port: 5044, protocol: TCP}}]
  egress:
    enabled: false
"""


@dataclass
class Sample:
    seconds: list[float]
    peak_rss_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(command: list[str], repeat: int, env: dict[str, str], ok_codes: tuple[int, ...] = (0, 1)) -> Sample:
    """Wall time of each run and the largest peak RSS of the runs (os.wait4 gives one child's rusage)."""
    seconds, peak = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(command[:4])}... exited {process.returncode}:\n{error}")
        peak = max(peak, usage.ru_maxrss)
    return Sample(seconds, peak)


def build_values(where: Path, count: int) -> list[Path]:
    base = CHART_DEFAULTS.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = where / f"values-{number:03d}.yaml"
        path.write_text(base + SECTION.format(a=20 + number // 250, b=number % 250), encoding="utf-8")
        paths.append(path)
    return paths


def build_chart(where: Path) -> tuple[Path, str]:
    schema = json.dumps(values_file_schema(), indent=2)
    if (STANDIN_CHART / "Chart.yaml").is_file():
        chart = where / "apim4elastic"
        shutil.copytree(STANDIN_CHART, chart)
        (chart / "values.schema.json").write_text(schema, encoding="utf-8")
        return chart, "stand-in AAOI chart tests/charts/apim4elastic (+ values.schema.json)"
    chart = where / "aaoi-agreement"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: aaoi-agreement\nversion: 0.1.0\n", encoding="utf-8")
    shutil.copyfile(BUNDLED_DEFAULTS, chart / "values.yaml")
    (chart / "values.schema.json").write_text(schema, encoding="utf-8")
    (chart / "templates" / "configmap.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\n", encoding="utf-8")
    return chart, "minimal chart with the AAOI defaults and values.schema.json (stand-in chart missing)"


def row(label: str, sample: Sample) -> str:
    runs = sample.seconds
    return (f"  {label:<34} median {sample.median * 1000:8.1f} ms   min {min(runs) * 1000:8.1f}   "
            f"max {max(runs) * 1000:8.1f}   peak RSS {sample.peak_rss_kb / 1024:6.1f} MB   (n={len(runs)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15, help="repetitions of each single-file command")
    parser.add_argument("--batch", type=int, default=500, help="files in the batch lint")
    parser.add_argument("--batch-repeat", type=int, default=5, help="repetitions of the batch lint")
    args = parser.parse_args()
    # An installed aaoi-netpol has bytecode (pip compiles it); a checkout under PYTHONDONTWRITEBYTECODE
    # would recompile every module on every run and measure the compiler, not the linter.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "aaoi_netpol")], check=True)

    with tempfile.TemporaryDirectory(prefix="aaoi-bench-") as temp:
        where = Path(temp)
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
            env[var] = str(where / "helm-home" / var.lower())
        files = build_values(where, max(args.batch, 1))
        chart, chart_note = build_chart(where)
        ours = [sys.executable, "-m", "aaoi_netpol", "lint"]

        print(f"values file: {files[0].stat().st_size / 1024:.1f} KB ({CHART_DEFAULTS.name} + networkPolicy)")
        print(f"helm chart:  {chart_note}")
        print(f"python:      {sys.executable} ({sys.version.split()[0]})\n")

        single = measure([*ours, str(files[0])], args.repeat, env)
        helm = {name: measure([str(path), "lint", str(chart), "-f", str(files[0])], args.repeat, env, (0,))
                for name, path in HELMS.items() if path.is_file()}
        batch = measure([*ours, *map(str, files[: args.batch])], args.batch_repeat, env)
        startup = measure([sys.executable, "-c", "pass"], args.repeat, env, (0,))

        print("single file:")
        print(row("python -c pass (interpreter)", startup))
        print(row("aaoi-netpol lint FILE", single))
        for name, sample in helm.items():
            print(row(f"{name} lint CHART -f FILE", sample))
        print(f"\nbatch of {args.batch} files in one call:")
        print(row(f"aaoi-netpol lint {args.batch} FILES", batch))

        print("\nresults:")
        for name, sample in helm.items():
            ratio = single.median / sample.median
            verdict = "meets" if ratio <= 0.5 else "MISSES"
            print(f"  single lint / {name} lint = {ratio:.2f}x  ({verdict} the <= 0.5x target)")
        per_file = (batch.median - single.median) / max(args.batch - 1, 1)
        rate = args.batch / batch.median
        print(f"  batch: {rate:.0f} files/s ({'meets' if rate >= 150 else 'MISSES'} the >= 150 files/s target); "
              f"{per_file * 1000:.2f} ms per extra file after start-up")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
