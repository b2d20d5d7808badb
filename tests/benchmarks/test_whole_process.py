"""The whole-process benchmark's arithmetic and report (no real conversions run)."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.whole_process import Comparison, compare, render, summary


def test_ratios_are_of_medians_and_the_spread_is_run_by_run() -> None:
    item = Comparison("x.pdf", [1.0, 2.0, 3.0], [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], [4.0, 4.0, 4.0])
    assert item.ratio == 1.0
    assert item.cpu_ratio == 0.25
    assert item.spread == (0.5, 1.5)


def test_compare_alternates_fresh_processes(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "pass"]
    item = compare("pass", command, command, tmp_path, rounds=2)
    assert len(item.qingdan) == len(item.raw) == 2
    assert all(seconds > 0 for seconds in item.qingdan + item.raw)


def test_the_report_checks_each_target() -> None:
    fast = Comparison("a.pdf", [0.4], [1.0], [0.4], [1.0])
    slow = Comparison("b.docx", [2.0], [1.0], [2.0], [1.0])
    text = render({"pdf": [fast], "docx": [slow], "batch": [], "help": []}, rounds=1)
    assert "Target ≤ 1.0x: met (worst 0.40x" in text
    assert "Target ≤ 1.5x: missed (worst 2.00x" in text
    assert "pdfplumber.open(path)" in text  # the raw script is printed with the figures
    assert summary({"pdf": [fast]}) == [
        "whole process, pdf: median 0.40x, worst 0.40x (target ≤ 1.0x)"
    ]
