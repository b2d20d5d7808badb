"""Ratios between benchmark measurements: qingdan against peers, and run against run."""

from __future__ import annotations

import pytest

from benchmarks.ratios import compare_runs, growth, own_time_ratios, ratio, slower_than_target


def test_ratio_is_none_when_a_side_is_missing_or_zero() -> None:
    assert ratio(3.0, 2.0) == pytest.approx(1.5)
    assert ratio(None, 2.0) is None
    assert ratio(1.0, None) is None
    assert ratio(1.0, 0.0) is None


def test_qingdan_time_is_divided_by_each_peer_on_the_same_input() -> None:
    medians = {
        ("a.pdf", "qingdan"): 0.6,
        ("a.pdf", "pdfplumber"): 0.3,
        ("a.pdf", "camelot"): 2.4,
        ("b.pdf", "pdfplumber"): 1.0,
    }
    ratios = own_time_ratios(medians)
    assert ratios[("a.pdf", "pdfplumber")] == pytest.approx(2.0)
    assert ratios[("a.pdf", "camelot")] == pytest.approx(0.25)
    assert ratios[("b.pdf", "pdfplumber")] is None  # qingdan did not run on b.pdf
    assert ("a.pdf", "qingdan") not in ratios


def test_only_inputs_beyond_one_and_a_half_times_pdfplumber_are_slow() -> None:
    ratios = {
        ("fast.pdf", "pdfplumber"): 1.5,
        ("slow.pdf", "pdfplumber"): 1.51,
        ("slow.pdf", "camelot"): 9.0,
        ("camelot-only.pdf", "camelot"): 3.0,
        ("failed.pdf", "pdfplumber"): None,
    }
    assert slower_than_target(ratios) == ["slow.pdf"]


def test_runs_are_compared_on_the_measurements_they_share() -> None:
    previous = [
        {"input": "a", "tool": "qingdan", "median_seconds": 2.0, "peak_rss_bytes": 100,
         "recovered": 14},
        {"input": "gone", "tool": "qingdan", "median_seconds": 1.0, "peak_rss_bytes": 1,
         "recovered": 1},
    ]  # fmt: skip
    current = [
        {"input": "a", "tool": "qingdan", "median_seconds": 1.0, "peak_rss_bytes": 150,
         "recovered": 15},
        {"input": "new", "tool": "qingdan", "median_seconds": 1.0, "peak_rss_bytes": 1,
         "recovered": 1},
    ]  # fmt: skip
    (change,) = compare_runs(current, previous)
    assert change["input"] == "a"
    assert change["time_ratio"] == pytest.approx(0.5)
    assert change["rss_ratio"] == pytest.approx(1.5)
    assert change["recovered"] == (14, 15)


def test_growth_compares_the_largest_size_with_the_smallest() -> None:
    assert growth([(200, 0.05), (10, 0.1), (1000, 0.04)]) == pytest.approx(0.4)
    assert growth([(10, 0.1), (50, None)]) is None
