"""bench/run.py's paired mode: the order alternates within pairs, and the summary is exact."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("faultlines_bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pairs_alternate_which_side_goes_first(bench):
    order: list[str] = []
    times = {"bare": iter([10.0, 9.0, 8.0]), "ours": iter([12.5, 10.0, 10.0])}

    def timed(side: str):
        def run() -> float:
            order.append(side)
            return next(times[side])
        return run

    ratios = bench.paired_ratios(timed("bare"), timed("ours"), 3)
    assert order == ["bare", "ours", "ours", "bare", "bare", "ours"]
    assert ratios == [0.8, 0.9, 0.8]


def test_summary_is_the_median_of_the_pairs(bench):
    summary = bench.summarize_ratios([0.9, 0.7, 0.8, 1.2, 0.75])
    assert summary == {"median": 0.8, "min": 0.7, "max": 1.2, "pairs": 5}


def test_no_pairs_gives_no_ratios(bench):
    assert bench.paired_ratios(lambda: 1.0, lambda: 1.0, 0) == []


def test_docstring_examples(bench):
    result = doctest.testmod(bench)
    assert result.attempted >= 2 and result.failed == 0
