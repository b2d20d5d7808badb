"""The department workload page, rendered in headless Chromium: the chart is drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qingdan.workload import DepartmentLoad, Workload, workload
from qingdan.writers.workload import write_workload
from tests.conftest import OpenedPage


@pytest.mark.parametrize("kind", ["lead", "support"])
def test_seed_chart_bars_match_the_counts(
    seed: Path, tmp_path: Path, open_html: Callable[[Path], OpenedPage], kind: str
) -> None:
    load = workload([seed])
    page_file = tmp_path / "load.html"
    write_workload(load, page_file)
    opened = open_html(page_file)
    counts = {d.department: getattr(d, kind) for d in load.departments}
    bars = opened.page.locator(f"svg.chart g.department rect.bar.{kind}")
    assert bars.count() == sum(1 for n in counts.values() if n)
    widths_per_task = []
    for i in range(bars.count()):
        bar = bars.nth(i)
        box = bar.bounding_box()
        assert box is not None and box["height"] > 0
        department = bar.evaluate("rect => rect.parentElement.dataset.department")
        assert int(bar.get_attribute("data-count") or 0) == counts[department]
        widths_per_task.append(box["width"] / counts[department])
    # One scale for every bar: the drawn width is proportional to the count.
    assert max(widths_per_task) - min(widths_per_task) < 0.5
    assert opened.console_errors == []


def test_page_is_self_contained_and_labels_every_department(
    seed: Path, tmp_path: Path, open_html: Callable[[Path], OpenedPage]
) -> None:
    load = workload([seed])
    page_file = tmp_path / "load.html"
    write_workload(load, page_file)
    text = page_file.read_text(encoding="utf-8")
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text and "<script" not in text and "<link" not in text
    opened = open_html(page_file)
    labels = opened.page.locator("svg.chart g.department > text:first-child").all_text_contents()
    assert labels == [d.department for d in load.departments]


def test_an_empty_workload_still_renders(
    tmp_path: Path, open_html: Callable[[Path], OpenedPage]
) -> None:
    page_file = tmp_path / "empty.html"
    write_workload(Workload(), page_file)
    opened = open_html(page_file)
    assert opened.page.locator("rect.bar").count() == 0
    assert "没有部门" in opened.page.inner_text("body")
    assert opened.console_errors == []


def test_names_are_escaped(tmp_path: Path, open_html: Callable[[Path], OpenedPage]) -> None:
    load = Workload(["a.txt"], 1, [DepartmentLoad("<b>区财政局</b>", 1, 0, ("<b>区财政局</b>",))])
    page_file = tmp_path / "escaped.html"
    write_workload(load, page_file)
    opened = open_html(page_file)
    assert opened.page.locator("svg b").count() == 0
    assert "<b>区财政局</b>" in opened.page.inner_text("table")
