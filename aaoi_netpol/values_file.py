"""One values file read as Helm reads it: bounded (:mod:`input_files`), parsed, and checked for Helm 4's view.

Helm 3 reads the first YAML document of a values file, Helm 4 every one
(:mod:`helm4_documents`); a file they read differently gets an NP000.
"""

from __future__ import annotations

from pathlib import Path

from aaoi_netpol.helm4_documents import helm4_difference
from aaoi_netpol.input_files import MiB, decode_utf8, display_name, read_bounded
from aaoi_netpol.yaml_budget import MAX_NODES
from aaoi_netpol.yaml_loader import LoadedFile, load_values_text

MAX_VALUES_BYTES = 2 * MiB


def values_from_text(text: str, name: str) -> LoadedFile:
    """``text`` read as Helm 3 reads a values file, plus an NP000 when Helm 4 would read it differently."""
    loaded = load_values_text(text, name)
    if not loaded.parsed:
        return loaded
    budget = [MAX_NODES]  # what is left for Helm 4's documents, all of them together

    def load_chunk(chunk: str) -> LoadedFile:
        chunk_loaded = load_values_text(chunk, name, max_nodes=max(budget[0], 1))
        budget[0] -= chunk_loaded.decoded
        return chunk_loaded

    different = helm4_difference(text, name, loaded.values, load_chunk)
    if different is not None:
        loaded.problems.append(different)
    return loaded


def read_values_file(path: Path, name: str | None = None) -> LoadedFile:
    """The values file at ``path`` (``-``: standard input); InputError when it cannot be read or is refused."""
    display = name if name is not None else display_name(path)
    data = read_bounded(path, "values file", MAX_VALUES_BYTES)
    return values_from_text(decode_utf8(data, display), display)


def read_values_text(path: Path) -> str:
    """The text of a values file, bounded and decoded as :func:`read_values_file` reads it (for writers)."""
    return decode_utf8(read_bounded(path, "values file", MAX_VALUES_BYTES), display_name(path))
