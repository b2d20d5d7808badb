"""The role table drives every step: flipping a trait in ``ROLE_TRAITS`` changes what
the step does (page breaks, headers, grouping, the value readers)."""

from __future__ import annotations

import pytest
from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import Cell, Covered, Foot
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import normalize
from qingdan.normalize.layout import GridRow, carry_forward
from qingdan.normalize.page_breaks import continue_cut_categories, join_split_rows
from qingdan.normalize.roles import DEPARTMENT_ROLES, ROLE_TRAITS, Role, Value

from tests.normalize.grids import raw_document


def _flip(monkeypatch: pytest.MonkeyPatch, role: Role, **changes: object) -> None:
    monkeypatch.setitem(ROLE_TRAITS, role, ROLE_TRAITS[role]._replace(**changes))


def _row(*cells: Cell, starts_page: bool = False) -> GridRow:
    return GridRow(list(cells), page=2 if starts_page else 1, starts_page=starts_page)


CUT = [
    _row("土壤", "加强监管，提升监", "区城管局"),
    _row("", "管能力。", "区住建局", starts_page=True),
]
CUT_ROLES: list[Role | None] = [Role.CATEGORY, Role.MEASURE, Role.SUPPORT]


def test_own_row_on_support_makes_a_filled_support_cell_start_a_task(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(join_split_rows(CUT, CUT_ROLES)) == 1  # the rest of a cut sentence
    _flip(monkeypatch, Role.SUPPORT, own_row=True)
    assert len(join_split_rows(CUT, CUT_ROLES)) == 2  # the task fills 配合 itself


def test_task_text_decides_whether_a_cut_sentence_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [_row("土壤", "加强监管，提升监", "区城管局。"), CUT[1]]
    assert len(join_split_rows(rows, CUT_ROLES)) == 1  # the measure stops mid-sentence
    _flip(monkeypatch, Role.MEASURE, task_text=False)
    _flip(monkeypatch, Role.SUPPORT, task_text=True)  # its text above ends a sentence
    assert len(join_split_rows(rows, CUT_ROLES)) == 2


def test_a_cut_category_continues_only_where_its_merge_may_cross_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [_row("土壤", "加强监管。", "区城管局"), _row("", "推进整治。", "", starts_page=True)]
    assert continue_cut_categories(rows, CUT_ROLES)[1].cells[0] is Covered.ABOVE
    _flip(monkeypatch, Role.CATEGORY, merge_crosses_pages=False)
    assert continue_cut_categories(rows, CUT_ROLES)[1].cells[0] == ""


def test_a_blank_number_follows_the_innermost_group_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roles: list[Role | None] = [Role.CATEGORY, Role.NO, Role.MEASURE]
    rows = [_row("土壤", "1", "加强监管。"), _row(Covered.ABOVE, "", "推进整治。")]
    assert carry_forward(rows, roles)[1].cells[1] == "1"
    _flip(monkeypatch, Role.CATEGORY, group_level=0)
    assert carry_forward(rows, roles)[1].cells[1] == ""


def test_a_printed_number_starts_a_task_only_where_the_role_numbers_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roles: list[Role | None] = [Role.NO, Role.MEASURE]
    above = GridRow(["1", "加强监管，提升监"], page=1, at_foot=(Foot.FILLED, Foot.FILLED))
    below = _row("2", "管能力。", starts_page=True)
    assert len(join_split_rows([above, below], roles)) == 2
    _flip(monkeypatch, Role.NO, numbers_tasks=False)
    assert len(join_split_rows([above, below], roles)) == 1


def test_only_a_label_that_may_head_sub_columns_takes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grid: list[list[Cell]] = [
        ["序号", "责任单位", "具体措施", "备注", "完成时限"],
        ["牵头单位", "配合单位"],
        ["1", "区水务局", "区应急局", "修订预案。", "", "2019年5月底前"],
    ]
    assert len(normalize(raw_document(grid, traits=TEXT_DUMP)).columns) == 6
    _flip(monkeypatch, Role.NOTE, heads_sub_columns=True)  # two labels could: no guess
    assert len(normalize(raw_document(grid, traits=TEXT_DUMP)).columns) == 5


def test_the_value_kind_decides_how_a_cell_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作措施", "牵头单位", "备注"],
        ["1", "修订预案。", "区水务局", "区应急局"],
    ]
    assert normalize(raw_document(grid)).records[0].extra == {"备注": "区应急局"}
    _flip(monkeypatch, Role.NOTE, field="support", value=Value.DEPARTMENTS)
    record = normalize(raw_document(grid)).records[0]
    assert (record.support, record.extra) == (["区应急局"], {})


def test_department_roles_are_the_roles_whose_cells_name_units() -> None:
    assert DEPARTMENT_ROLES == (Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE)


def test_a_table_found_by_its_content_needs_a_label_that_marks_a_task_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grid: list[list[Cell]] = [
        ["报告确定的任务", "本季度推进情况"],  # no label known whole; 推进情况 by its head
        ["推进老旧厂区改造，盘活闲置低效用地。", "已完成厂区改造方案编制。"],
        ["建设社区养老服务综合体，完善助餐服务网络。", "新建社区食堂已投入使用。"],
    ]
    assert len(normalize(raw_document(grid)).records) == 2
    _flip(monkeypatch, Role.PROGRESS, marks_task_list=False)
    with pytest.raises(NoTableFound):
        normalize(raw_document(grid))
