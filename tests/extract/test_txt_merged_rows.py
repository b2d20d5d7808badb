"""Rows a cell-per-line dump prints narrower because a merged cell is printed once."""

from __future__ import annotations

from qingdan.extract.txt import read_cell_per_line


def _dump(*rows: list[str]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return lines


def test_merged_header_and_full_width_rows_are_not_ragged() -> None:
    content = read_cell_per_line(
        _dump(["序号", "任务", "责任单位", "时限"], ["", "", "牵头", "配合", ""], ["一、大气"],
              ["1", "散煤", "区发改委", "区财政局", "2019年底"])
    )  # fmt: skip
    assert [len(row.cells) for row in content.tables[0].rows] == [4, 5, 1, 5]
    assert content.notices == []


def test_a_narrow_row_among_the_tasks_is_noticed() -> None:
    header = ["序号", "任务", "牵头", "配合", "时限"]
    full = ["2", "扬尘", "区住建局", "区城管局", "2019年底"]
    narrow = ["3", "扬尘", "区住建局", "2019年底"]
    content = read_cell_per_line(_dump(header, full, narrow, full))
    assert [n.code for n in content.notices] == ["ragged-row"]


def test_a_narrow_header_repeated_at_a_page_break_is_not_ragged() -> None:
    top, sub = ["序号", "任务", "责任单位", "时限"], ["", "", "牵头", "配合", ""]
    task = ["1", "散煤", "区发改委", "区财政局", "2019年底"]
    content = read_cell_per_line(_dump(top, sub, task, top, sub, task))
    assert content.notices == []
