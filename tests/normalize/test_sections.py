"""Section rows: a full-width row sets ``section`` until the next one (issue 5)."""

from __future__ import annotations

import pytest

from extract.grid import Cell
from extract.txt import read_cell_per_line
from normalize import normalize
from tests.normalize.grids import raw_document

HEADER: list[Cell] = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]


def _task(no: str) -> list[Cell]:
    return [no, "大气污染防治", f"措施{no}。", "区生态环境分局", "各街道办事处", "2019年底前"]


SECTION_SHAPES: dict[str, list[Cell]] = {
    "one cell, the rest covered": ["一、持续打好蓝天保卫战", None, None, None, None, None],
    "one cell in a text dump": ["一、持续打好蓝天保卫战"],
    "every cell repeats it": ["一、持续打好蓝天保卫战"] * 6,
    "wrapped over two lines": ["一、持续打好\n蓝天保卫战", None, None, None, None, None],
}


@pytest.mark.parametrize("shape", SECTION_SHAPES)
def test_section_row_sets_section_for_the_rows_below(shape: str) -> None:
    grid = [HEADER, SECTION_SHAPES[shape], _task("1"), _task("2")]
    records = normalize(raw_document(grid)).records
    assert [r.section for r in records] == ["一、持续打好蓝天保卫战"] * 2
    assert [r.no for r in records] == ["1", "2"]


def test_sections_change_at_the_next_section_row_and_rows_above_have_none() -> None:
    grid = [
        HEADER,
        _task("1"),
        ["一、蓝天保卫战", None, None, None, None, None],
        _task("2"),
        ["二、碧水保卫战"],
        _task("3"),
        _task("4"),
    ]
    records = normalize(raw_document(grid)).records
    assert [r.section for r in records] == [
        None,
        "一、蓝天保卫战",
        "二、碧水保卫战",
        "二、碧水保卫战",
    ]


def test_a_row_with_one_filled_cell_and_blank_others_is_a_task_not_a_section() -> None:
    grid = [HEADER, ["1", "", "只有措施。", "", "", ""]]
    [record] = normalize(raw_document(grid)).records
    assert (record.section, record.measure) == (None, "只有措施。")


def test_a_merged_section_row_in_a_text_dump_sets_the_section_without_a_warning() -> None:
    dump = [
        "附件1",
        "XX区2019年大气污染防治重点任务",
        *[f"\t{label}" for label in HEADER],
        "",
        "\t一、持续打好蓝天保卫战",
        "",
        *[f"\t{cell}" for cell in _task("1")],
        "",
    ]
    content = read_cell_per_line(dump)
    task_list = normalize(raw_document([list(row.cells) for row in content.tables[0].rows]))
    assert [r.section for r in task_list.records] == ["一、持续打好蓝天保卫战"]
    assert content.notices == []
