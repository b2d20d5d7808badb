"""Layout steps on small hand-built grids: header, repeated headers, merged cells, sections."""

from __future__ import annotations

import pytest
from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import (
    Cell,
    Covered,
    Extracted,
    RawDocument,
    RawRow,
    RawTable,
    ReaderTraits,
)
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import normalize

HEADER: list[Cell] = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]


def _document(
    *tables: list[list[Cell]],
    before: list[str] | None = None,
    traits: ReaderTraits = ReaderTraits(),  # noqa: B008  (immutable)
) -> RawDocument:
    raw_tables = [
        RawTable([RawRow(list(cells)) for cells in rows], name=f"table {i + 1}")
        for i, rows in enumerate(tables)
    ]
    content = Extracted(raw_tables, before or ["附件1", "某区2019年工作任务清单"], traits=traits)
    return RawDocument("list.txt", "txt", "0" * 64, content)


def test_the_header_is_found_below_a_title_row() -> None:
    task_list = normalize(
        _document([["说明"], HEADER, ["大气", "治理扬尘", "区城管局", "", "2019年"]])
    )
    assert [c.field for c in task_list.columns] == [
        "category", "measure", "lead", "support", "deadline"
    ]  # fmt: skip
    assert task_list.records[0].measure == "治理扬尘"


def test_header_repeated_at_a_page_break_is_dropped() -> None:
    rows = [
        HEADER,
        ["大气", "措施一", "区城管局", "", ""],
        HEADER,
        ["", "措施二", "区城管局", "", ""],
    ]
    task_list = normalize(_document(rows))
    assert [r.measure for r in task_list.records] == ["措施一", "措施二"]


def test_a_letter_spaced_repeated_header_is_still_a_header() -> None:
    spaced: list[Cell] = ["重 点 工 作", "工作 措施", "牵头部门", "配合部门", "完成时限"]
    rows = [HEADER, ["大气", "措施一", "区城管局", "", ""], spaced, ["", "措施二", "", "", ""]]
    assert len(normalize(_document(rows)).records) == 2


def test_an_empty_category_carries_the_one_above() -> None:
    rows = [HEADER, ["大气\n污染", "措施一", "", "", ""], ["", "措施二", "", "", ""]]
    assert [r.category for r in normalize(_document(rows)).records] == ["大气污染", "大气污染"]


def test_a_covered_cell_carries_the_text_above_in_any_column() -> None:
    rows = [
        HEADER,
        ["大气", "措施一", "区城管局", "", "2019年"],
        [Covered.ABOVE, "措施二", Covered.ABOVE, "", Covered.ABOVE],
    ]
    second = normalize(_document(rows)).records[1]
    assert (second.category, second.lead, second.deadline) == ("大气", ["区城管局"], "2019年")


def test_a_blank_cell_that_is_not_a_category_stays_blank() -> None:
    rows = [
        HEADER,
        ["大气", "措施一", "区城管局", "区财政局", ""],
        ["", "措施二", "区城管局", "", ""],
    ]
    assert normalize(_document(rows)).records[1].support == []


def test_a_category_printed_again_after_a_page_break_is_the_same_group() -> None:
    rows = [HEADER, ["土壤", "措施一", "", "", ""], HEADER, ["土壤", "措施二", "", "", ""]]
    assert {r.category for r in normalize(_document(rows)).records} == {"土壤"}


def test_a_full_width_row_is_a_section_for_the_rows_below() -> None:
    rows = [
        HEADER,
        ["一、蓝天保卫战", Covered.LEFT, Covered.LEFT, Covered.LEFT, Covered.LEFT],
        ["大气", "措施一", "", "", ""],
        ["二、碧水保卫战"],  # a text dump prints a merged full-width row as one cell
        ["", "措施二", "", "", ""],
    ]
    records = normalize(_document(rows)).records
    assert [(r.section, r.measure) for r in records] == [
        ("一、蓝天保卫战", "措施一"),
        ("二、碧水保卫战", "措施二"),
    ]
    assert records[1].category is None  # a merged category does not cross a section row


def test_an_unmapped_column_is_kept_in_extra() -> None:
    rows = [[*HEADER, "备注"], ["大气", "措施一", "", "", "", "需报送进展"]]
    task_list = normalize(_document(rows))
    assert task_list.records[0].extra == {"备注": "需报送进展"}
    assert task_list.columns[-1].field is None


def test_a_row_without_measure_is_kept_with_a_warning() -> None:
    task_list = normalize(_document([HEADER, ["大气", "", "区城管局", "", ""]]))
    assert task_list.records[0].lead == ["区城管局"]
    # The row says so, and so does the document: no record has a measure (issue 12).
    assert [w.code for w in task_list.warnings] == ["no-measure", "column-roles"]


def test_a_table_without_a_task_header_is_an_error_naming_the_file() -> None:
    with pytest.raises(NoTableFound, match=r"list\.txt: no table with a task-list header"):
        normalize(_document([["姓名", "电话"], ["张三", "123"]]))


def test_title_attachment_and_year_come_from_the_text_above() -> None:
    task_list = normalize(_document([HEADER, ["大气", "措施", "", "", ""]]))
    assert (task_list.attachment, task_list.title, task_list.year) == (
        "附件1",
        "某区2019年工作任务清单",
        2019,
    )


def test_a_note_row_under_the_table_is_a_warning_not_a_task_or_section() -> None:
    note = "注：以上任务均需于每月25日前报送进展情况。"
    rows = [HEADER, ["大气", "措施一", "区城管局", "", ""], [note, *[Covered.LEFT] * 4], [note]]
    task_list = normalize(_document(rows))
    assert [r.measure for r in task_list.records] == ["措施一"]
    assert task_list.records[0].section is None
    notes = [w.message for w in task_list.warnings if w.code == "table-note"]
    assert notes == [f"note in the table: {note}"] * 2


def test_a_note_run_into_the_last_cell_of_a_text_dump_is_a_warning() -> None:
    """A dump prints the note paragraph under the table as lines of the last cell."""
    note = "注：本表所列单位按职责分工负责。"
    rows = [HEADER, ["大气", "措施一", "区城管局", "", f"持续推进\n\n{note}"]]
    task_list = normalize(_document(rows, traits=TEXT_DUMP))
    assert task_list.records[0].deadline == "持续推进"
    assert [w.message for w in task_list.warnings if w.code == "table-note"] == [
        f"note in the table: {note}"
    ]


def test_a_note_that_a_dump_runs_into_the_empty_last_cell_is_a_warning() -> None:
    note = "注：本表所列单位按职责分工负责。"
    rows = [[*HEADER, "备注"], ["大气", "措施一", "区城管局", "", "年底前", note]]
    task_list = normalize(_document(rows, traits=TEXT_DUMP))
    assert task_list.records[0].extra == {}
    assert [w.code for w in task_list.warnings if w.code == "table-note"] == ["table-note"]


def test_a_note_in_the_last_cell_is_cut_only_where_the_reader_may_run_text_on() -> None:
    """A Word or PDF cell holds what is printed in it: its note line stays in the cell."""
    note = "注：本表所列单位按职责分工负责。"
    rows = [HEADER, ["大气", "措施一", "区城管局", "", f"持续推进\n{note}"]]
    task_list = normalize(_document(rows))
    assert task_list.records[0].deadline == f"持续推进{note}"
    assert not [w for w in task_list.warnings if w.code == "table-note"]


def test_a_lone_cell_spans_the_table_only_where_the_reader_prints_a_merge_once() -> None:
    rows = [HEADER, ["大气污染防治"], ["", "治理扬尘。", "区城管局", "", "2019年"]]
    dump = normalize(_document(rows, traits=TEXT_DUMP))
    assert [(r.section, r.category) for r in dump.records] == [("大气污染防治", None)]
    whole = normalize(_document(rows))  # a short row of a Word or PDF table is not a span
    assert [r.category for r in whole.records] == ["大气污染防治", "大气污染防治"]
