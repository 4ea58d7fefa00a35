"""Hostile inputs made at test time (no tests here): big files, special files, long names, stdin, configs.

Nothing here is committed: multi-MB files, FIFOs, sockets and links are made
in a temporary directory. Each maker returns :class:`Case` objects for
``test_hostile_cost.py``, which runs them as measured subprocesses.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from pathlib import Path

from tests.hostile_support import EXAMPLE, HOSTILE, Case, file_case

MiB = 1024 * 1024
VALID_RULE = ("    - from: [{ipBlock: {cidr: 10.0.0.0/8}}]\n"
              "      ports: [{port: 9200, protocol: TCP}]\n")
NP = "networkPolicy:\n  enabled: true\n"
EXPENSIVE_COMMITTED = ("alias-bomb", "merge-chain-500", "deep-flow-10001", "deep-block-sequence", "big-int-port",
                       "many-", "long-key")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _lint(name: str, path: Path | str, expected: int, why: str, *extra: str, stdin: bytes | None = None,
          measure: bool = True) -> Case:
    return Case(name, ("lint", "--no-config", *extra, str(path)), expected, why, (str(path), "<stdin>"), stdin,
                measure=measure or stdin is not None)


def big_values(root: Path) -> list[Case]:
    """Files over the size, node, section and document limits, and the worst ones just under them."""
    rule_items = 1000 * 1000 * 8 // len(VALID_RULE)
    aliased = "anchor: &a [" + ",".join(["x"] * 800) + "]\ncopies: [" + ",".join(["*a"] * 100) + "]\n"
    under = "anchor: &a [" + ",".join(["x"] * 490) + "]\ncopies: [" + ",".join(["*a"] * 99) + "]\n"
    documents = "".join("---\n" + f"d{i}: [" + ",".join(["1"] * 450) + "]\n" for i in range(100))
    cases = [
        _lint("size-over-limit", _write(root / "over.yaml", "a: 1\n" + "#" * (2 * MiB)), 2,
              "over the 2 MiB limit for a values file"),
        _lint("file-50mb", _write(root / "fifty.yaml", ("x: " + "y" * 96 + "\n") * (50 * MiB // 100)), 2,
              "a 50 MB file is refused from its size, before it is read"),
        _lint("extra-ingress-100k", _write(root / "ingress100k.yaml", NP + "  kibana:\n    extraIngress:\n"
                                           + VALID_RULE * 100_000), 2, "100k extraIngress items, 8 MB"),
        _lint("extra-ingress-2mb", _write(root / "ingress2mb.yaml", NP + "  kibana:\n    extraIngress:\n"
                                          + VALID_RULE * (rule_items // 4)), 2,
              "under 2 MiB but more than 50,000 values: refused from the event stream, before it is built"),
        _lint("dense-over-nodes", _write(root / "dense-over.yaml", "x: [" + ",".join(["1"] * 60_000) + "]\n"), 2,
              "60,000 values in 120 KB"),
        _lint("dense-under-nodes", _write(root / "dense-under.yaml", "x: [" + ",".join(["1"] * 49_000) + "]\n"),
              0, "49,000 values outside our section: the most the loader builds, and clean"),
        _lint("aliases-over-nodes", _write(root / "aliases-over.yaml", aliased), 2,
              "7 KB whose aliases expand to 80,000 values (Helm accepts: 98% from aliases)"),
        _lint("aliases-under-nodes", _write(root / "aliases-under.yaml", under), 0,
              "aliases expanding to 49,000 values, under both limits"),
        _lint("section-1999-nulls", _write(root / "nulls-1999.yaml", NP + "  apiGateways: ["
                                           + ",".join(["null"] * 1997) + "]\n"), 1,
              "the biggest invalid section under the limit: every item an NP001"),
        _lint("section-2001-nulls", _write(root / "nulls-2001.yaml", NP + "  apiGateways: ["
                                           + ",".join(["null"] * 2001) + "]\n"), 2,
              "more than 2000 values in the networkPolicy section"),
        _lint("section-valid-near-limit", _write(root / "valid-near.yaml", NP + "  kibana:\n    extraIngress:\n"
                                                 + VALID_RULE * 180), 0,
              "180 valid extraIngress rules (1,800 values): clean"),
        _lint("long-line-findings", _write(root / "long-line.yaml", NP + "  apiGateways: ["
                                           + ",".join(["{ipBlock: {cidr: 10.0.0.0/33}}"] * 450) + "]\n"), 1,
              "450 invalid CIDRs on one line: each finding is checked against that line once"),
        _lint("duplicate-keys-20k", _write(root / "dups.yaml", "a: 1\n" * 20_000), 1,
              "the same key 20,000 times (NP002 each)"),
        _lint("helm4-100-documents", _write(root / "docs.yaml", documents), 1,
              "100 documents of 450 values: Helm 4's view read within one budget (NP000)"),
        _lint("empty-file", _write(root / "empty.yaml", ""), 0, "an empty file is empty values, as for Helm",
              measure=False),
        _lint("blank-file", _write(root / "blank.yaml", "  \n\n   \n"), 0, "spaces and newlines only: empty values",
              measure=False),
        _lint("tab-only-line", _write(root / "tab.yaml", "  \n\t\n"), 1, "a line holding only a tab: Helm refuses "
              "it too (NP000)", measure=False),
    ]
    for path in sorted((HOSTILE / "values").glob("*.yaml")):
        if path.name.startswith(EXPENSIVE_COMMITTED):
            cases.append(dataclasses.replace(file_case(path, ("lint", "--no-config", str(path))), measure=True))
    return cases


def special_files(root: Path) -> list[Case]:
    """Only regular files (and -) are read: FIFOs, devices, sockets, directories, links, long names."""
    fifo = root / "fifo.yaml"
    os.mkfifo(fifo)
    sock = root / "socket.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()  # the path stays a socket
    (root / "zero-link.yaml").symlink_to("/dev/zero")
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    long_name = root / ("v" * 300 + ".yaml")
    deep = root.joinpath(*(["d" * 200] * 25), "values.yaml")
    example = EXAMPLE.read_bytes()
    huge_config = _write(root / "huge.netpol.yaml", "strict: true\n" + "#" * (2 * MiB))
    project = root / "project"
    project.mkdir()
    _write(project / "pyproject.toml", "[tool.aaoi-netpol]\nstrict = true\n" + "#" * (2 * MiB))

    def refused(name: str, path: Path | str, why: str, measure: bool = False) -> Case:
        return _lint(name, path, 2, why, measure=measure)

    return [
        refused("fifo", fifo, "a FIFO is refused without waiting for a writer", measure=True),
        refused("dev-zero", "/dev/zero", "a character device is refused, never read", measure=True),
        refused("dev-null", "/dev/null", "a character device, even an empty one"),
        refused("socket", sock, "a socket", measure=True),
        refused("directory", root, "a directory"),
        refused("link-to-dev-zero", root / "zero-link.yaml", "a link to /dev/zero is followed, then refused",
                measure=True),
        refused("link-loop", root / "loop.yaml", "a link to itself"),
        refused("name-over-255", long_name, "a file name over 255 characters (ENAMETOOLONG)"),
        refused("path-over-4096", deep, "a path over 4096 characters (ENAMETOOLONG)"),
        _lint("trailing-slash", f"{EXAMPLE}/", 0, "a trailing slash is dropped from the name (pathlib), so the "
              "file itself is read", measure=False),
        refused("missing", root / "missing.yaml", "no such file"),
        _lint("stdin", "-", 0, "- reads standard input", stdin=example),
        _lint("stdin-over-limit", "-", 2, "standard input over 2 MiB", stdin=b"#" * (2 * MiB + 1)),
        _lint("stdin-twice", "-", 0, "-f - and - read the same standard input", "-f", "-", stdin=example),
        Case("config-fifo", ("lint", "--config", str(fifo), str(EXAMPLE)), 2, "a FIFO as --config", (str(fifo),),
             measure=True),
        Case("config-dev-zero", ("lint", "--config", "/dev/zero", str(EXAMPLE)), 2, "/dev/zero as --config",
             ("/dev/zero",), measure=True),
        Case("config-over-limit", ("lint", "--config", str(huge_config), str(EXAMPLE)), 2, "a 2 MiB config file",
             ("huge.netpol.yaml",)),
        Case("pyproject-over-limit", ("lint", str(EXAMPLE)), 2, "a 2 MiB pyproject.toml found from the working "
             "directory: too big to tell whether it holds our table, so refused", ("pyproject.toml",), None,
             project, measure=True),
    ]
