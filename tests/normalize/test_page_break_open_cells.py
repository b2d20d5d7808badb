"""Merged cells a page break leaves blank and open (``Foot.OPEN``, issue 27): LibreOffice
Calc prints a merged cell's text once, in the middle of its whole range, so the part of
the range above the break is blank and the text is on the next page (or the one after)."""

from __future__ import annotations

from qingdan.extract.grid import Cell, Covered, Foot
from qingdan.normalize.layout import GridRow
from qingdan.normalize.page_breaks import continue_cut_categories

FIELDS: list[str | None] = ["no", "category", "measure", "lead", "deadline"]


def _row(*cells: Cell, page: int = 1, starts_page: bool = False) -> GridRow:
    return GridRow(list(cells), page=page, starts_page=starts_page)


def _open_at(row: GridRow, *columns: int) -> GridRow:
    feet = tuple(Foot.OPEN if col in columns else Foot.CLEAR for col in range(len(FIELDS)))
    return row._replace(at_foot=feet)


def test_the_text_printed_below_the_break_goes_to_the_blank_cell_above() -> None:
    rows = [
        _open_at(_row("", "", "推进整治。", "县水利局", "年底前"), 0, 1),
        _row("1", "水环境", "清理河道。", "县水利局", "6月底前", page=2, starts_page=True),
    ]
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[:2] for row in mended] == [["1", "水环境"], [Covered.ABOVE] * 2]


def test_a_range_over_three_pages_gives_its_text_to_its_first_part() -> None:
    rows = [
        _open_at(_row("", "", "推进整治。", "县水利局", "年底前"), 0),
        _open_at(
            _row("", "水环境", "清理河道。", "县水利局", "年底前", page=2, starts_page=True), 0
        ),
        _row("1", "^", "疏浚水系。", "县水利局", "年底前", page=3, starts_page=True),
    ]
    rows[2] = rows[2]._replace(cells=["1", Covered.ABOVE, *rows[2].cells[2:]])
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[0] for row in mended] == ["1", Covered.ABOVE, Covered.ABOVE]


def test_without_the_readers_evidence_a_new_number_starts_a_new_task() -> None:
    rows = [
        _row("", "", "推进整治。", "县水利局", "年底前"),
        _row("1", "水环境", "清理河道。", "县水利局", "6月底前", page=2, starts_page=True),
    ]
    mended = continue_cut_categories(rows, FIELDS)
    assert mended[1].cells[0] == "1" and mended[0].cells[0] == ""


def test_a_filled_cell_above_is_not_overwritten() -> None:
    rows = [
        _open_at(_row("1", "", "推进整治。", "县水利局", "年底前"), 0),
        _row("2", "水环境", "清理河道。", "县水利局", "6月底前", page=2, starts_page=True),
    ]
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[0] for row in mended] == ["1", "2"]


def test_a_blank_open_part_under_a_closed_group_starts_the_group_printed_below() -> None:
    """The group above closed at the foot (``Foot.CLEAR``); the blank cell at the top of
    the next page is open at its own foot: it is the first part of the next group, whose
    text Calc printed on the page after, not the rest of the group above."""
    rows = [
        _row("1", "水环境", "推进整治。", "县水利局", "年底前"),
        _open_at(_row("2", "", "清理河道。", "县水利局", "年底前", page=2, starts_page=True), 1),
        _row("3", "大气", "治理扬尘。", "县住建局", "年底前", page=3, starts_page=True),
    ]
    rows[0] = rows[0]._replace(at_foot=(Foot.CLEAR,) * len(FIELDS))
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[1] for row in mended] == ["水环境", "大气", Covered.ABOVE]


def test_a_blank_part_under_a_closed_group_that_is_not_open_continues_it() -> None:
    rows = [
        _row("1", "水环境", "推进整治。", "县水利局", "年底前"),
        _row("2", "", "清理河道。", "县水利局", "年底前", page=2, starts_page=True),
    ]
    rows[0] = rows[0]._replace(at_foot=(Foot.CLEAR,) * len(FIELDS))
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[1] for row in mended] == ["水环境", Covered.ABOVE]
