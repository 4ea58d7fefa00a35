"""Regenerate aaoi_netpol/data/aaoi-4.5.0-values.json from the AAOI chart's values.yaml.

The bundled file holds the keys and values exactly as Helm reads them (YAML 1.1,
go-yaml v2 rules) and none of the chart's comments. JSON keeps every value
unambiguous and is still YAML, so findings in it keep a line and column.

Usage: python tools/bundle_defaults.py [PATH/TO/values.yaml]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aaoi_netpol.values_file import read_values_file as load_values_file  # noqa: E402

SOURCE = REPO.parent / "shared" / "aaoi" / "values" / "chart-defaults.yaml"
TARGET = REPO / "aaoi_netpol" / "data" / "aaoi-4.5.0-values.json"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    loaded = load_values_file(source)
    if loaded.problems:
        raise SystemExit(f"{source}: {loaded.problems[0].message}")
    TARGET.write_text(json.dumps(loaded.values, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
