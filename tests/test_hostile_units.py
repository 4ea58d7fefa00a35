"""The small pieces behind the bounds: durations, go-yaml's alias share, iterative merging, the node pre-count."""

from __future__ import annotations

from typing import Any

import pytest

from aaoi_netpol.durations import DurationError, format_duration, parse_duration
from aaoi_netpol.merging import merge_maps
from aaoi_netpol.yaml_budget import BudgetExceeded, DecodeBudget, allowed_alias_share, check_node_count


@pytest.mark.parametrize(("text", "seconds"), [
    ("300ms", 0.3), ("1m30s", 90.0), ("5m", 300.0), ("1h", 3600.0), ("1.5h", 5400.0), (".5s", 0.5),
    ("1h2m3s4ms", 3723.004), ("2us", 2e-6), ("2\u00b5s", 2e-6), ("7ns", 7e-9), ("0", 0.0), ("+1s", 1.0)])
def test_durations_read_as_helm_reads_them(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "5", "5x", "1d", "1h 30m", "5M", "s", ".s", "1..5s", "9" * 30 + "h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize(("seconds", "text"), [(300.0, "5m0s"), (90.0, "1m30s"), (0.3, "300ms"),
                                               (3600.0, "1h0m0s"), (1.5, "1.5s")])
def test_durations_print_as_go_prints_them(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_alias_share_follows_go_yaml() -> None:
    assert allowed_alias_share(1000) == allowed_alias_share(400_000) == 0.99
    assert allowed_alias_share(2_200_000) == pytest.approx(0.545)
    assert allowed_alias_share(4_000_000) == allowed_alias_share(10**9) == 0.10


def test_the_alias_rule_waits_for_100_aliases_and_1000_values() -> None:
    budget = DecodeBudget(max_nodes=10**6)
    budget.alias_depth = 1
    for _ in range(1000):
        budget.count(None)  # 1000 of 1000 from aliases: not yet, 1000 values is not more than 1000
    with pytest.raises(BudgetExceeded) as raised:
        budget.count(None)
    assert raised.value.helm_refuses


def test_merging_has_no_depth_limit() -> None:
    def nested(depth: int, leaf: Any) -> dict[str, Any]:
        value: dict[str, Any] = {"leaf": leaf}
        for _ in range(depth):
            value = {"n": value}
        return value

    merged = merge_maps(nested(100_000, 1), nested(100_000, 2))
    for _ in range(100_000):
        merged = merged["n"]
    assert merged == {"leaf": 2}
    assert merge_maps({"a": {"x": 1, "y": [1]}, "b": 1}, {"a": {"y": [2], "z": None}}) == \
        {"a": {"x": 1, "y": [2], "z": None}, "b": 1}


def test_the_node_precount_stops_at_the_limit() -> None:
    check_node_count("x: [" + ",".join(["1"] * 10) + "]\n", limit=20, min_chars=0)
    check_node_count("x: [" + ",".join(["1"] * 30) + "]\n", limit=20)  # too short to be worth counting
    with pytest.raises(BudgetExceeded) as raised:
        check_node_count("x: [" + ",".join(["1"] * 30) + "]\n", limit=20, min_chars=0)
    assert not raised.value.helm_refuses and raised.value.mark.line == 0
