"""Page-break rules that use the reader's evidence (``GridRow.at_foot``, issue 15)."""

from __future__ import annotations

from qingdan.extract.grid import Cell, Covered, Foot
from qingdan.normalize.layout import GridRow
from qingdan.normalize.page_breaks import (
    continue_cut_categories,
    join_cut_section_rows,
    join_split_rows,
)
from qingdan.normalize.roles import Role

FIELDS: list[Role | None] = [Role.CATEGORY, Role.MEASURE, Role.LEAD, Role.SUPPORT, Role.DEADLINE]
F, L, C = Foot.FILLED, Foot.LOWER, Foot.CLEAR


def _foot(*cells: Cell, feet: tuple[Foot, ...]) -> GridRow:
    return GridRow(list(cells), page=1, at_foot=feet)


def _top(*cells: Cell) -> GridRow:
    return GridRow(list(cells), page=2, starts_page=True)


def test_a_row_cut_in_every_cell_is_joined_though_its_own_cells_are_filled() -> None:
    """``2020年12`` / ``月``: every cell above ran to the foot, the measure mid-sentence."""
    rows = [
        _foot("土壤", "强化后备资源未利", "规划新城", "区发改委", "2020年12", feet=(F,) * 5),
        _top("", "用地管理。", "分局", "国土新城分局", "月"),
    ]
    (joined,) = join_split_rows(rows, FIELDS)
    assert joined.cells == [
        "土壤",
        "强化后备资源未利\n用地管理。",
        "规划新城\n分局",
        "区发改委\n国土新城分局",
        "2020年12\n月",
    ]
    assert joined.at_foot is None


def test_text_in_a_cell_that_ended_above_the_foot_starts_a_new_row() -> None:
    rows = [
        _foot("土壤", "加强监管，提升监", "环境局", "区城管局", "2020年", feet=(C, F, C, C, C)),
        _top("", "管能力", "城管局", "", ""),
    ]
    assert len(join_split_rows(rows, FIELDS)) == 2


def test_when_only_the_cut_cells_go_on_the_row_is_joined_even_after_a_full_stop() -> None:
    rows = [
        _foot("土壤", "加强监管。", "环境局", "区城管局\n区住建局", "2020年", feet=(C, F, C, F, C)),
        _top("", "推进整治。", "", "区财政局", ""),
    ]
    (joined,) = join_split_rows(rows, FIELDS)
    assert joined.cells[1] == "加强监管。\n推进整治。"


def test_a_number_at_the_top_of_a_page_starts_a_task() -> None:
    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD]
    rows = [_foot("3", "加强监管", "环境局", feet=(F, F, F)), _top("4", "推进整治", "城管局")]
    assert len(join_split_rows(rows, fields)) == 2


def test_every_cell_filled_and_a_finished_sentence_is_a_new_row() -> None:
    """A one-line row that just fills the page looks cut everywhere: the text decides."""
    rows = [
        _foot("土壤", "加强监管。", "环境局", "区城管局", "2020年底", feet=(F,) * 5),
        _top("", "推进整治。", "城管局", "区住建局", "2021年底"),
    ]
    assert len(join_split_rows(rows, FIELDS)) == 2


def test_a_centred_category_cut_by_the_break_continues_on_the_next_page() -> None:
    """The merged cell's text ran to the foot from below its top: the rest is its own."""
    rows = [
        GridRow(["土壤污染", "甲。", "a局", "", "2020年"], page=1),
        _foot(Covered.ABOVE, "乙。", "b局", "", "2020年", feet=(L, C, C, C, C)),
        _top("源头管控", "丙。", "c局", "", "2020年"),
    ]
    mended = continue_cut_categories(join_split_rows(rows, FIELDS), FIELDS)
    assert mended[0].cells[0] == "土壤污染\n源头管控"
    assert mended[2].cells[0] is Covered.ABOVE


def test_a_category_that_fills_its_cell_is_not_continued_by_a_new_one() -> None:
    rows = [
        _foot("土壤污染", "乙。", "b局", "", "2020年", feet=(F, F, F, C, F)),
        _top("源头管控", "丙。", "c局", "", "2020年"),
    ]
    mended = continue_cut_categories(join_split_rows(rows, FIELDS), FIELDS)
    assert [row.cells[0] for row in mended] == ["土壤污染", "源头管控"]


def _section(text: str, page: int, **kwargs: object) -> GridRow:
    return GridRow([text, *[Covered.LEFT] * 4], page=page, **kwargs)  # type: ignore[arg-type]


def test_a_section_row_cut_by_the_break_is_one_section_row() -> None:
    rows = [
        _section("二、严格建设用地准入，保障人居", 1, at_foot=(F, F, F, F, F)),
        _section("环境安全", 2, starts_page=True),
        GridRow(["", "甲。", "a局", "", ""], page=2),
    ]
    joined = join_cut_section_rows(rows)
    assert len(joined) == 2
    assert joined[0].cells[0] == "二、严格建设用地准入，保障人居\n环境安全"


def test_two_section_rows_across_a_break_stay_two() -> None:
    evidence = [
        _section("一、加强组织领导", 1, at_foot=(C, C, C, C, C)),
        _section("二、强化督查问效", 2, starts_page=True),
    ]
    assert len(join_cut_section_rows(evidence)) == 2
    text_only = [_section("一、加强组织领导", 1), _section("二、强化督查问效", 2, starts_page=True)]
    assert len(join_cut_section_rows(text_only)) == 2
    cut = [_section("一、加强组织", 1), _section("领导", 2, starts_page=True)]
    assert len(join_cut_section_rows(cut)) == 1


def test_a_measure_cut_between_its_numbered_parts_is_joined() -> None:
    """``（1）……；`` / ``（2）……``: the part after the break follows the last one above, and
    the task's own cells (序号, units, deadline) are blank on the new page."""
    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD, Role.DEADLINE]
    rows = [
        _foot("7", "（1）健全台账管理；\n完善巡查机制；", "区环保局", "年底前", feet=(F,) * 4),
        _top("", "（2）开展联合执法；（3）加强监测。", "", ""),
    ]
    (joined,) = join_split_rows(rows, fields)
    parts = ["（1）健全台账管理；", "完善巡查机制；", "（2）开展联合执法；（3）加强监测。"]
    assert joined.cells[1] == "\n".join(parts)


def test_circled_parts_continue_in_their_own_style_only() -> None:
    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD]
    above = _foot("7", "①健全台账管理；", "区环保局", feet=(F,) * 3)
    assert len(join_split_rows([above, _top("", "②开展联合执法。", "")], fields)) == 1
    # （2） under ①: parts in another style are not these parts' next one.
    assert len(join_split_rows([above, _top("", "（2）开展联合执法。", "")], fields)) == 2


def test_a_row_opening_with_a_first_part_is_a_new_task() -> None:
    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD]
    rows = [
        _foot("7", "（1）健全台账管理；（2）完善巡查。", "区环保局", feet=(F,) * 3),
        _top("", "（1）开展联合执法。", ""),
    ]
    assert len(join_split_rows(rows, fields)) == 2
