"""What the writer puts into a file is read by Helm's YAML 1.1 as meant (ruamel.yaml's own default is YAML 1.2)."""

from __future__ import annotations

import pytest

from aaoi_netpol.authoring.scalar_text import scalar_source
from aaoi_netpol.authoring.section import SectionPlan
from aaoi_netpol.authoring.section_writer import Layout, render_section
from aaoi_netpol.authoring.text_edits import Edit, apply_edits, unified_diff
from aaoi_netpol.yaml_loader import load_values_text

AMBIGUOUS = ["yes", "on", "off", "y", "n", "~", "null", "1.0", "0777", "1_000", "2024-01-01", "true", "a: b", "#x"]


@pytest.mark.parametrize("text", AMBIGUOUS)
@pytest.mark.parametrize("style", ["", "'", '"'])
def test_a_spliced_string_reads_back_as_itself(text: str, style: str) -> None:
    source = f"key: {scalar_source(text, style)}\n"
    assert load_values_text(source, "t").values == {"key": text}


def test_booleans_are_written_true_and_false() -> None:
    assert (scalar_source(True, '"'), scalar_source(False, "'")) == ("true", "false")
    assert scalar_source("10.1.0.0/16") == "10.1.0.0/16" and scalar_source("10.1.0.0/16", "'") == "'10.1.0.0/16'"


def test_a_new_section_with_yaml_1_1_words_reads_back_as_written() -> None:
    plan = SectionPlan(section={"enabled": True, "monitoring": [
        {"podSelector": {"matchLabels": {word: word for word in AMBIGUOUS}}}]})
    written = render_section(plan, Layout(base=0, mapping=4, offset=0, newline="\r\n"))
    assert "\n" not in written.replace("\r\n", "")
    assert load_values_text(written, "t").values == {"networkPolicy": plan.section}


def test_edits_are_spliced_and_overlaps_refused() -> None:
    assert apply_edits("a: 1\nb: 2\n", [Edit(3, 4, "10"), Edit(8, 9, "x")]) == "a: 10\nb: x\n"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])
    assert unified_diff("f", "a\n", "a\nb") == "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n"
