"""The HTML report of the seed against its 2020 version, opened in headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qingdan.normalize.knowledge import Knowledge

from qingdan.diff import compare, load_document
from qingdan.diff.render import write_report
from tests.conftest import SAMPLES, SEED, OpenedPage


def test_the_report_loads_cleanly_with_changes_highlighted(
    tmp_path: Path, open_html: Callable[[Path], OpenedPage]
) -> None:
    report = compare(
        load_document(SEED),
        load_document(SAMPLES / "001_xincheng_2020.txt"),
        aliases=Knowledge.load(aliases=SAMPLES / "diffs" / "xincheng_aliases.yaml").aliases,
    )
    target = tmp_path / "diff.html"
    write_report(report, target)
    opened = open_html(target)
    page = opened.page
    assert opened.console_errors == []
    assert page.title() == "新城区净土保卫战2019年工作任务清单 → 新城区净土保卫战2020年工作任务清单"
    counts = {
        s: page.inner_text(f"#count-{s}") for s in ("unchanged", "modified", "removed", "added")
    }
    assert counts == {"unchanged": "5", "modified": "8", "removed": "2", "added": "2"}
    insertions = page.locator("section.modified ins").all_inner_texts()
    deletions = page.locator("section.modified del").all_inner_texts()
    assert "国土空间" in insertions and "城市" in deletions
    assert "+ 区农业农村局" in insertions and "− 区科技局" in deletions
    # deadlines that only rolled 2019 -> 2020 are shown, but not highlighted as changes
    assert page.locator("dd.rolled").count() > 0
    assert page.locator("dd.rolled ins, dd.rolled del").count() == 0
    assert page.locator("section.added ins").count() == 2
    inserted_colour = page.eval_on_selector(
        "section.modified ins", "e => getComputedStyle(e).backgroundColor"
    )
    assert inserted_colour == "rgb(221, 255, 221)"
