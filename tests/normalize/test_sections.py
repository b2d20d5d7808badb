"""Section rows: a full-width row sets ``section`` until the next one (issue 5)."""

from __future__ import annotations

import pytest
from qingdan.extract.grid import Cell, Covered
from qingdan.extract.txt import read_cell_per_line, read_delimited
from qingdan.normalize import normalize

from tests.normalize.grids import raw_document

HEADER: list[Cell] = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]


def _task(no: str) -> list[Cell]:
    return [no, "大气污染防治", f"措施{no}。", "区生态环境分局", "各街道办事处", "2019年底前"]


SECTION_SHAPES: dict[str, list[Cell]] = {
    "one cell, the rest covered": ["一、持续打好蓝天保卫战", *[Covered.LEFT] * 5],
    "one cell in a text dump": ["一、持续打好蓝天保卫战"],
    "every cell repeats it": ["一、持续打好蓝天保卫战"] * 6,
    "wrapped over two lines": ["一、持续打好\n蓝天保卫战", *[Covered.LEFT] * 5],
}


@pytest.mark.parametrize("shape", SECTION_SHAPES)
def test_section_row_sets_section_for_the_rows_below(shape: str) -> None:
    grid = [HEADER, SECTION_SHAPES[shape], _task("1"), _task("2")]
    records = normalize(raw_document(grid)).records
    assert [r.section for r in records] == ["一、持续打好蓝天保卫战"] * 2
    assert [r.no for r in records] == ["1", "2"]


def test_a_task_whose_other_cells_are_merged_from_above_is_no_section_row() -> None:
    # make fidelity SEED=43: 序号, 重点任务 merged over two measures, and the second
    # measure carries its responsibility inline, so it is the only text of its row.
    second: list[Cell] = [Covered.ABOVE, Covered.ABOVE, "推进整治。（区城管局牵头）"]
    second += [Covered.ABOVE] * 3
    grid = [HEADER, _task("1"), second]
    records = normalize(raw_document(grid)).records
    assert [(r.section, r.no, r.measure) for r in records] == [
        (None, "1", "措施1。"),
        (None, "1", "推进整治。"),
    ]


def test_sections_change_at_the_next_section_row_and_rows_above_have_none() -> None:
    grid = [
        HEADER,
        _task("1"),
        ["一、蓝天保卫战", *[Covered.LEFT] * 5],
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


@pytest.mark.parametrize("heading", ["一、提升政务服务效能", "（二）降低企业成本", "第三部分 监管"])
def test_a_heading_alone_in_the_first_cell_is_a_section(heading: str) -> None:
    grid = [HEADER, [heading, "", "", "", "", ""], _task("1")]
    [record] = normalize(raw_document(grid)).records
    assert record.section == heading.replace(" ", "")


def test_other_text_alone_in_the_first_cell_is_not_a_section() -> None:
    grid = [HEADER, _task("1"), ["综合治理", "", "", "", "", ""]]
    records = normalize(raw_document(grid)).records
    assert [r.section for r in records] == [None, None]


def test_a_spreadsheet_csv_with_section_rows_and_merged_categories() -> None:
    lines = [
        "南湖区2019年优化营商环境重点工作任务清单",
        "序号,工作任务,工作措施,牵头单位,配合单位,完成时间",
        "一、提升政务服务效能,,,,,",
        "1,推进“一网通办”,梳理政务服务事项清单。,区政务服务中心,区各相关部门,2019年上半年",
        "2,,设立自助服务区。,区政务服务中心,各街道办事处,2019年—2020年",
        "二、降低企业经营成本,,,,,",
        "1,落实减税降费,开展政策宣讲。,区税务局,区财政局,持续推进",
    ]
    content = read_delimited(lines, ",")
    raw = raw_document(
        [list(row.cells) for row in content.tables[0].rows], title=content.text_before
    )
    task_list = normalize(raw)
    assert [(r.section, r.category, r.no) for r in task_list.records] == [
        ("一、提升政务服务效能", "推进“一网通办”", "1"),
        ("一、提升政务服务效能", "推进“一网通办”", "2"),
        ("二、降低企业经营成本", "落实减税降费", "1"),
    ]
    assert task_list.warnings == []


@pytest.mark.parametrize("merged", [Covered.ABOVE, ""], ids=["covered", "text dump"])
def test_a_section_column_feeds_section_and_carries_down(merged: Cell) -> None:
    grid: list[list[Cell]] = [
        ["领域", "重点工作", "工作措施", "牵头部门", "完成时限"],
        ["大气污染防治", "散煤治理", "完成煤改电改造。", "区发展改革委", "2019年10月底前"],
        [merged, "扬尘管控", "安装在线监测设备。", "区住房城乡建设局", "2019年6月底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [r.section for r in task_list.records] == ["大气污染防治", "大气污染防治"]
    assert all(r.extra == {} for r in task_list.records)
