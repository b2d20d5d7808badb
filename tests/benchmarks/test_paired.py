"""The in-turns timing of issue 16's in-process target (``benchmarks.paired``)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from benchmarks import paired
from benchmarks.corpus import Input
from benchmarks.tools import TOOLS, Tool


def test_the_ratio_is_of_medians_and_the_spread_run_by_run() -> None:
    pair = paired.Paired("a.pdf", 1, [1.0, 2.0, 3.0], [4.0, 4.0, 2.0])
    assert pair.ratio == 0.5
    assert pair.spread == (0.25, 1.5)
    assert paired.ratios([asdict(pair)]) == {"a.pdf": 0.5}
    assert paired.Paired.from_json(asdict(pair)) == pair


def test_the_tools_take_turns_after_one_untimed_run_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []

    def fake(name: str) -> Tool:
        return Tool(name, name, frozenset, lambda path: calls.append(name), lambda rows: [])

    monkeypatch.setitem(TOOLS, "one", fake("one"))
    monkeypatch.setitem(TOOLS, "two", fake("two"))
    seconds = paired.time_in_turns(tmp_path / "x.pdf", 3, ("one", "two"))
    assert calls == ["one", "two", "one", "two", "two", "one", "one", "two"]
    assert [len(times) for times in seconds.values()] == [3, 3]


def test_only_pdfs_of_a_few_pages_are_timed_in_turns(tmp_path: Path) -> None:
    long_pdf = Input("long.pdf", tmp_path / "long.pdf", [], pages=paired.MAX_PAGES + 1)
    text = Input("a.txt", tmp_path / "a.txt", [])
    assert paired.measure([long_pdf, text]) == []


def test_the_section_shows_each_file() -> None:
    pair = paired.Paired("a.pdf", 2, [0.010, 0.014], [0.040, 0.040])
    text = paired.render([asdict(pair)])
    assert "| a.pdf | 2 | 12.0 ms | 40.0 ms | 0.30x | 0.25–0.35x |" in text
