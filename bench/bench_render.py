"""Benchmark (run on demand, not a test): ``render`` against one plain ``helm template``.

Both run the stand-in AAOI chart (tests/charts/apim4elastic) with the chart's
example values (/work/shared/aaoi/values/myvalues.yaml) plus
``networkPolicy.enabled: true``, as real subprocesses, interleaved, several
repetitions each; the medians and their ratio are printed. Target: at most 1.3x.

    .venv/bin/python bench/bench_render.py [--repeat 21] [--helm PATH]...
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "tests" / "charts" / "apim4elastic"
MYVALUES = ROOT.parent / "shared" / "aaoi" / "values" / "myvalues.yaml"
DEFAULT_HELMS = [ROOT / ".helm" / "3.17.3" / "helm", ROOT / ".helm" / "4.3.1" / "helm"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()}")
    return elapsed


def bench(helm: Path, repeat: int, values: Path) -> tuple[float, float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("HELM_BIN", None)
    flags = ["-f", str(MYVALUES), "-f", str(values)]
    render = [sys.executable, "-m", "aaoi_netpol", "render", str(CHART), "--helm", str(helm),
              "--release", "axway-elk", "-n", "apim-elk", *flags]
    template = [str(helm), "template", "axway-elk", str(CHART), "-n", "apim-elk", *flags]
    # where render's time goes: the interpreter with the CLI's imports, and the values lint alone
    startup = [sys.executable, "-m", "aaoi_netpol", "--version"]
    lint = [sys.executable, "-m", "aaoi_netpol", "lint", "--no-config", *flags]
    commands = (render, template, startup, lint)
    for _ in range(2):  # warm the page cache and Python's bytecode cache
        for command in commands:
            timed(command, env)
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, times in zip(commands, samples, strict=True):
            times.append(timed(command, env))
    ours, theirs, floor, linted = (statistics.median(times) for times in samples)
    return ours, theirs, floor, linted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--helm", type=Path, action="append", default=None)
    args = parser.parse_args()
    # An installed aaoi-netpol has bytecode (pip compiles it); a checkout under PYTHONDONTWRITEBYTECODE
    # would recompile every module on every run and measure the compiler, not the renderer.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "aaoi_netpol")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        values = Path(tmp) / "np.yaml"
        values.write_text("networkPolicy:\n  enabled: true\n", encoding="utf-8")
        print(f"chart {CHART.relative_to(ROOT)}, values {MYVALUES.name} + networkPolicy.enabled, "
              f"median of {args.repeat} runs each, interleaved")
        print(f"{'helm':<18} {'render':>8} {'helm template':>14} {'ratio':>6}   "
              f"{'(python+imports':>15} {'lint alone)':>11}   all in ms")
        for helm in args.helm or DEFAULT_HELMS:
            version = subprocess.run([str(helm), "version", "--short"], capture_output=True, text=True).stdout
            ours, theirs, floor, linted = bench(helm, args.repeat, values)
            print(f"{version.strip():<18} {ours * 1000:>8.1f} {theirs * 1000:>14.1f} {ours / theirs:>5.2f}x   "
                  f"{floor * 1000:>15.1f} {linted * 1000:>11.1f}")


if __name__ == "__main__":
    main()
