"""Header mapping and two-row headers (issue 5), on hand-built grids."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract.grid import Cell, Covered, ReaderTraits
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import Knowledge, normalize

from tests.normalize.grids import raw_document

SYNONYMS = Knowledge.load().columns


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("序号", "no"),
        ("重点任务", "category"),
        ("重点工作", "category"),
        ("具体措施", "measure"),
        ("工作措施", "measure"),
        ("牵头单位", "lead"),
        ("配合单位", "support"),
        ("责任单位", "responsible"),
        ("完成时间", "deadline"),
        ("时间节点", "deadline"),
        ("完成时限", "deadline"),
        ("牵 头 单 位", "lead"),
        ("完成\n时限", "deadline"),
        ("序\u3000号", "no"),
        ("配合单位：", "support"),
        ("备注", "note"),
        ("某某栏", None),
        ("完成时限（2019年）", "deadline"),
        ("责任单位(排第一位的为牵头单位)", "responsible"),
    ],
)
def test_header_label_maps_to_field_after_removing_spaces(label: str, field: str | None) -> None:
    assert SYNONYMS.role_for(label) == field


def test_user_columns_file_adds_a_synonym(tmp_path: Path) -> None:
    columns = tmp_path / "columns.yaml"
    columns.write_text("measure: [推进举措]\n", encoding="utf-8")
    grid: list[list[Cell]] = [
        ["重点工作", "推进举措", "牵头部门", "完成时限"],
        ["防汛", "清淤排水管网。", "区水务局", "2019年5月底前"],
    ]
    task_list = normalize(raw_document(grid), Knowledge.load(columns=columns))
    assert task_list.records[0].measure == "清淤排水管网。"


# The same two-row header as three readers give it: Word/PDF mark the positions merged cells
# cover; a text dump prints the merged group label once and a merged-down cell blank.
TWO_ROW_HEADERS: dict[str, list[list[Cell]]] = {
    "covered": [
        ["序号", "重点任务", "具体措施", "责任单位", Covered.LEFT, "完成时限"],
        [Covered.ABOVE, Covered.ABOVE, Covered.ABOVE, "牵头单位", "配合单位", Covered.ABOVE],
    ],
    "repeated": [
        ["序号", "重点任务", "具体措施", "责任单位", "责任单位", "完成时限"],
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
    ],
    "text dump": [
        ["序号", "重点任务", "具体措施", "责任单位", "完成时限"],
        ["", "", "", "牵头单位", "配合单位", ""],
    ],
    "text dump, sub-labels only": [
        ["序号", "重点任务", "具体措施", "责任单位", "完成时限"],
        ["牵头单位", "配合单位"],
    ],
}
DATA_ROW: list[Cell] = [
    "1",
    "防汛备汛",
    "修订防汛应急预案。",
    "区水务局",
    "区应急局\n各街道办事处",
    "2019年5月底前",
]


@pytest.mark.parametrize("shape", TWO_ROW_HEADERS)
def test_two_row_header_reads_as_its_sub_column_labels(shape: str) -> None:
    traits = TEXT_DUMP if shape.startswith("text dump") else ReaderTraits()
    task_list = normalize(raw_document([*TWO_ROW_HEADERS[shape], DATA_ROW], traits=traits))
    assert [(c.label, c.field) for c in task_list.columns] == [
        ("序号", "no"),
        ("重点任务", "category"),
        ("具体措施", "measure"),
        ("牵头单位", "lead"),
        ("配合单位", "support"),
        ("完成时限", "deadline"),
    ]
    [record] = task_list.records
    assert (record.no, record.lead, record.support) == (
        "1",
        ["区水务局"],
        ["区应急局", "各街道办事处"],
    )
    assert task_list.warnings == []


def test_two_row_header_repeated_on_the_next_page_is_dropped() -> None:
    grid = [*TWO_ROW_HEADERS["text dump"], DATA_ROW, *TWO_ROW_HEADERS["text dump"], DATA_ROW]
    assert len(normalize(raw_document(grid)).records) == 2


def test_a_data_row_under_a_one_row_header_is_not_a_sub_header() -> None:
    grid: list[list[Cell]] = [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
        ["1", "防汛", "修订预案。", "区水务局", "区应急局", "2019年5月底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert len(task_list.records) == 1
    assert task_list.records[0].measure == "修订预案。"


def test_sub_labels_alone_under_two_possible_groups_are_not_guessed() -> None:
    grid: list[list[Cell]] = [
        ["序号", "责任单位", "具体措施", "附注栏", "完成时限"],
        ["牵头单位", "配合单位"],
        ["1", "区水务局", "修订预案。", "", "2019年5月底前"],
    ]
    task_list = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [c.label for c in task_list.columns] == [
        "序号",
        "责任单位",
        "具体措施",
        "附注栏",
        "完成时限",
    ]


def test_sub_labels_alone_go_under_the_one_label_that_can_be_their_group() -> None:
    """A remark (备注) cannot head 牵头/配合 sub-columns: only 责任单位 can."""
    grid: list[list[Cell]] = [
        ["序号", "责任单位", "具体措施", "备注", "完成时限"],
        ["牵头单位", "配合单位"],
        ["1", "区水务局", "区应急局", "修订预案。", "", "2019年5月底前"],
    ]
    task_list = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [c.role for c in task_list.columns] == [
        "no", "lead", "support", "measure", "note", "deadline"
    ]  # fmt: skip


def test_a_table_per_page_repeating_the_two_row_header_is_one_list() -> None:
    header = TWO_ROW_HEADERS["covered"]
    second: list[Cell] = [
        "2",
        "预案修订",
        "组织综合应急演练。",
        "区应急管理局",
        "区水务局",
        "2019年5月底前",
    ]
    task_list = normalize(raw_document([*header, DATA_ROW], [*header, second]))
    assert [r.no for r in task_list.records] == ["1", "2"]
    assert task_list.warnings == []


def test_a_two_row_headers_sub_labels_printed_again_are_dropped() -> None:
    """Found by the generated corpus: a text dump prints a two-row header again at a
    page break; its sub-label row alone (one label unknown) must not become a record."""
    grid: list[list[Cell]] = [
        ["序号", "整改措施", "责任分工", "整改期限"],
        ["牵头单位", "责任（配合）单位"],
        ["1", "完成管网改造。", "县住建局", "县财政局", "年底前"],
        ["序号", "整改措施", "责任分工", "整改期限"],
        ["牵头单位", "责任（配合）单位"],
        ["2", "完成泵站建设。", "县水务局", "", "6月底前"],
    ]
    records = normalize(raw_document(grid, traits=TEXT_DUMP)).records
    assert [(r.no, r.lead) for r in records] == [("1", ["县住建局"]), ("2", ["县水务局"])]


def test_a_narrower_top_row_is_widened_only_where_the_reader_prints_a_merge_once() -> None:
    """A Word or PDF reader marks the group label's span itself: rows that do not line
    up are not a two-row header there."""
    grid = [*TWO_ROW_HEADERS["text dump, sub-labels only"], DATA_ROW]
    assert len(normalize(raw_document(grid, traits=TEXT_DUMP)).columns) == 6
    assert [c.label for c in normalize(raw_document(grid)).columns][3] == "责任单位"
