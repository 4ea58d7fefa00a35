"""Hostile charts made at test time (no tests here): bad directories, archives that escape or explode, bad helms.

Sizes are made cheaply: big files in directories are sparse, big archive
members are runs of zeros (gzip packs 100 MiB into about 100 KB). Each maker
returns :class:`Case` objects for ``test_hostile_cost.py``.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
from pathlib import Path

from tests.hostile_support import EXAMPLE, Case
from tests.support import STANDIN_CHART

MiB = 1024 * 1024
TOP = "apim4elastic"


# Cost is measured (in a subprocess) for what is big or could block; the rest runs in-process.
MEASURED = {"chart-with-fifo", "chart-with-dev-zero-link", "chart-file-over-5mib", "chart-over-100mib",
            "chart-over-1000-files", "chart-is-a-fifo", "chart-is-dev-zero", "lint-chart-is-a-fifo",
            "tgz-member-over-5mib", "tgz-member-claims-1.5gb", "tgz-over-100mib", "tgz-over-1000-members",
            "lint-chart-tgz-member-over-5mib"}


def _render(name: str, chart: Path | str, expected: int, why: str, helm: Path, *extra: str) -> Case:
    args = ("render", str(chart), "-f", str(EXAMPLE), "--release", "axway-elk", "--helm", str(helm), *extra)
    return Case(name, args, expected, why, (str(chart), "helm", "--timeout"),
                measure=name in MEASURED or name.startswith("helm-"))


def _lint_chart(name: str, chart: Path | str, expected: int, why: str) -> Case:
    return Case(name, ("lint", "--no-config", "--chart", str(chart), str(EXAMPLE)), expected, why, (str(chart),),
                measure=name in MEASURED)


def _chart(root: Path, name: str) -> Path:
    chart = root / name / TOP
    shutil.copytree(STANDIN_CHART, chart)
    return chart


def chart_directories(root: Path, helm: Path) -> list[Case]:
    cases = []
    no_chart_yaml = _chart(root, "no-chart-yaml")
    (no_chart_yaml / "Chart.yaml").unlink()
    templates_file = _chart(root, "templates-file")
    shutil.rmtree(templates_file / "templates")
    (templates_file / "templates").write_text("not a directory\n", encoding="utf-8")
    fifo_inside = _chart(root, "fifo-inside")
    os.mkfifo(fifo_inside / "pipe")
    zero_inside = _chart(root, "zero-inside")
    (zero_inside / "zero").symlink_to("/dev/zero")
    loop_inside = _chart(root, "loop-inside")
    (loop_inside / "again").symlink_to(loop_inside)
    big_file = _chart(root, "big-file")
    with (big_file / "big.bin").open("wb") as sparse:
        sparse.truncate(5 * MiB + 1)
    big_total = _chart(root, "big-total")
    for number in range(21):
        with (big_total / f"part{number}.bin").open("wb") as sparse:
            sparse.truncate(5 * MiB)
    many_files = _chart(root, "many-files")
    (many_files / "many").mkdir()
    for number in range(1001):
        (many_files / "many" / f"{number}.txt").touch()
    fifo_chart = root / "chart-fifo"
    os.mkfifo(fifo_chart)
    for name, chart, why in (
            ("chart-no-chart-yaml", no_chart_yaml, "a directory without Chart.yaml"),
            ("chart-templates-is-a-file", templates_file, "templates is a file"),
            ("chart-with-fifo", fifo_inside, "a FIFO inside the chart is refused, never opened"),
            ("chart-with-dev-zero-link", zero_inside, "a link to /dev/zero inside the chart"),
            ("chart-with-link-loop", loop_inside, "a directory link to its own chart"),
            ("chart-file-over-5mib", big_file, "a file over 5 MiB (Helm 3's limit too)"),
            ("chart-over-100mib", big_total, "105 MiB in all, refused before a byte is copied"),
            ("chart-over-1000-files", many_files, "1001 files"),
            ("chart-is-a-fifo", fifo_chart, "CHART is a FIFO"),
            ("chart-is-dev-zero", "/dev/zero", "CHART is a character device"),
            ("chart-name-over-255", root / ("c" * 300), "CHART's name is over 255 characters"),
            ("chart-missing", root / "missing", "no such chart")):
        cases.append(_render(name, chart, 2, why, helm))
    cases.append(_lint_chart("lint-chart-templates-is-a-file", templates_file, 2, "lint --chart, templates a file"))
    cases.append(_lint_chart("lint-chart-is-a-fifo", fifo_chart, 2, "lint --chart on a FIFO"))
    return cases


def _archive(path: Path, *, with_chart: bool = True, skip: str = "",
             extra: tuple[tuple[tarfile.TarInfo, bytes], ...] = ()) -> Path:
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        if with_chart:
            tar.add(STANDIN_CHART, arcname=TOP, filter=lambda info: None if info.name == f"{TOP}/{skip}" else info)
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return path


def _member(name: str, data: bytes = b"x", kind: bytes = tarfile.REGTYPE) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def _claims_huge_member(path: Path) -> Path:
    """A 1 KB .tgz whose second member says it holds 1.5 GB: refused from its header, the rest never read."""
    chart_yaml = b"apiVersion: v2\nname: x\nversion: 0.1.0\n"
    first, huge = tarfile.TarInfo(f"{TOP}/Chart.yaml"), tarfile.TarInfo(f"{TOP}/huge.bin")
    first.size, huge.size = len(chart_yaml), 1536 * MiB
    data = first.tobuf() + chart_yaml.ljust(512, b"\0") + huge.tobuf() + bytes(200 * 1024)
    path.write_bytes(gzip.compress(data, compresslevel=1))
    return path


def chart_archives(root: Path, helm: Path) -> list[Case]:
    big = _member(f"{TOP}/big.bin", bytes(5 * MiB + 1))
    zeros = bytes(5 * MiB)  # one buffer for all 21 members
    parts = tuple(_member(f"{TOP}/files/part{number}.bin", zeros) for number in range(21))
    many = tuple(_member(f"{TOP}/many/{number}.txt") for number in range(1001))
    valid = _archive(root / "valid.tgz")
    truncated = root / "truncated.tgz"
    truncated.write_bytes(valid.read_bytes()[: valid.stat().st_size // 2])
    corrupt = root / "corrupt.tgz"
    corrupt.write_bytes(os.urandom(4096))
    empty = root / "empty.tgz"
    empty.write_bytes(b"")
    cases = [
        ("tgz-member-over-5mib", _archive(root / "big.tgz", extra=(big,)), "a member over 5 MiB"),
        ("tgz-member-claims-1.5gb", _claims_huge_member(root / "huge.tgz"), "a 1.5 GB member, refused from "
         "its header before anything is written"),
        ("tgz-over-100mib", _archive(root / "total.tgz", extra=parts), "105 MiB unpacked in all"),
        ("tgz-over-1000-members", _archive(root / "many.tgz", extra=many), "1001 members"),
        ("tgz-dotdot", _archive(root / "dotdot.tgz", extra=(_member(f"{TOP}/../evil.txt"),)), "a member "
         "escaping with .."),
        ("tgz-absolute", _archive(root / "absolute.tgz", extra=(_member("/tmp/evil.txt"),)), "an absolute member"),
        ("tgz-two-top-directories", _archive(root / "two.tgz", extra=(_member("other/x.txt"),)),
         "two top-level directories"),
        ("tgz-no-chart-yaml", _archive(root / "nochart.tgz", skip="Chart.yaml"), "no Chart.yaml"),
        ("tgz-corrupt", corrupt, "random bytes"),
        ("tgz-truncated", truncated, "half an archive"),
        ("tgz-empty", empty, "an empty file"),
    ]
    rendered = [_render(name, path, 2, why, helm) for name, path, why in cases]
    rendered.append(_lint_chart("lint-chart-tgz-dotdot", root / "dotdot.tgz", 2, "lint --chart, escaping member"))
    rendered.append(_lint_chart("lint-chart-tgz-member-over-5mib", root / "big.tgz", 2, "lint --chart, big member"))
    return rendered


def bad_helms(root: Path) -> list[Case]:
    """Stand-in helms: one that hangs, two that write without end."""
    made = []
    for name, body in (("hang", "exec sleep 60"), ("zeros", "exec cat /dev/zero"),
                       ("300mb", "exec head -c 314572800 /dev/zero")):
        script = root / f"helm-{name}"
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
        made.append(script)
    hang, zeros, big = made
    return [
        _render("helm-hangs", STANDIN_CHART, 2, "--timeout 300ms stops a helm that hangs", hang, "--timeout",
                "300ms"),
        _render("helm-writes-forever", STANDIN_CHART, 2, "helm output over 8 MiB: stopped", zeros),
        _render("helm-writes-300mb", STANDIN_CHART, 2, "300 MB of helm output: stopped at 8 MiB", big),
    ]
