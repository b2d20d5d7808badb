"""Page-break rules, each on small hand-built grids (no file format involved)."""

from __future__ import annotations

from qingdan.extract.grid import Cell, Covered, Extracted, Foot, RawDocument, RawRow, RawTable
from qingdan.normalize import normalize
from qingdan.normalize.header import Header
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.layout import GridRow, collect_task_rows, drop_repeated_headers
from qingdan.normalize.page_breaks import (
    continue_cut_categories,
    continues_row_above,
    ends_sentence,
    join_split_rows,
)
from qingdan.normalize.roles import Role

FIELDS: list[Role | None] = [Role.CATEGORY, Role.MEASURE, Role.LEAD, Role.SUPPORT, Role.DEADLINE]
LABELS = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]


def _row(*cells: Cell, page: int = 1, starts_page: bool = False) -> GridRow:
    return GridRow(list(cells), page=page, starts_page=starts_page)


# --- a row split across a page break -------------------------------------------------


def test_a_measure_cut_mid_sentence_is_joined_with_its_rest_on_the_next_page() -> None:
    rows = [
        _row("土壤", "加强监管，提升监", "环境局", "区城管局", "2019年12月"),
        _row("", "管能力。", "", "", "", page=2, starts_page=True),
        _row(Covered.ABOVE, "推进整治。", "城管局", "区住建局", "2019年12月", page=2),
    ]
    joined = join_split_rows(rows, FIELDS)
    assert [row.cells for row in joined] == [
        ["土壤", "加强监管，提升监\n管能力。", "环境局", "区城管局", "2019年12月"],
        [Covered.ABOVE, "推进整治。", "城管局", "区住建局", "2019年12月"],
    ]
    assert joined[0].page == 1


def test_a_department_list_cut_by_the_break_is_joined_even_when_the_measure_ended() -> None:
    rows = [
        _row("土壤", "加强监管。", "环境局", "区发改委\n区城管局", "2019年12月"),
        _row("", "", "", "各街道办事处", "", page=2, starts_page=True),
    ]
    joined = join_split_rows(rows, FIELDS)
    assert len(joined) == 1
    assert joined[0].cells[3] == "区发改委\n区城管局\n各街道办事处"


def test_a_new_task_at_the_top_of_a_page_is_not_joined() -> None:
    """Its own cells (lead, deadline) are filled, though the measure above has no full stop."""
    rows = [
        _row("土壤", "加强监管", "环境局", "区城管局", "2019年12月"),
        _row("", "推进整治", "城管局", "区住建局", "2019年12月", page=2, starts_page=True),
    ]
    assert join_split_rows(rows, FIELDS) == rows


def test_a_new_task_without_supporting_departments_is_not_joined() -> None:
    rows = [
        _row("土壤", "加强监管", "环境局", "区城管局", "2019年12月"),
        _row("", "推进整治", "城管局", "", "2019年12月", page=2, starts_page=True),
    ]
    assert join_split_rows(rows, FIELDS) == rows


def test_a_row_after_a_finished_sentence_is_not_joined() -> None:
    rows = [
        _row("土壤", "加强监管。", "环境局", "区城管局", "2019年12月"),
        _row("", "推进整治", "", "", "", page=2, starts_page=True),
    ]
    assert join_split_rows(rows, FIELDS) == rows


def test_a_department_list_ending_in_its_separator_continues_after_a_finished_sentence() -> None:
    # The break fell after a full stop in the measure, but inside both department lists:
    # 市民政局、 cannot end a list, and every cell above ran to the page's foot.
    above = _row("污水", "提升收集率。", "市林业局、市医", "市民政局、", "全年")
    above = above._replace(at_foot=(Foot.FILLED,) * 5)
    rest = _row("", "持续推进监测。", "保局", "市水利局", "", page=2, starts_page=True)
    joined = join_split_rows([above, rest], FIELDS)
    assert len(joined) == 1
    assert joined[0].cells[1:4] == [
        "提升收集率。\n持续推进监测。",
        "市林业局、市医\n保局",
        "市民政局、\n市水利局",
    ]
    # Without the separator, the finished sentence still decides: a new row.
    whole = above._replace(cells=["污水", "提升收集率。", "市林业局", "市民政局", "全年"])
    assert len(join_split_rows([whole, rest], FIELDS)) == 2


def test_a_unit_name_cut_by_the_break_continues_after_a_finished_sentence() -> None:
    # 县生态 / 环境局: the lead's last piece above is no name and becomes one with the
    # first piece below (the department model judges), though the measure ended.
    knowledge = Knowledge.load().departments
    above = _row("整治", "开展动态监测。", "县生态", "县统计局", "长期")
    above = above._replace(at_foot=(Foot.FILLED,) * 5)
    rest = _row("", "形成长效机制。", "环境\n局，县\n统计局", "", "", page=2, starts_page=True)
    joined = join_split_rows([above, rest], FIELDS, knowledge.is_complete)
    assert len(joined) == 1
    assert joined[0].cells[2] == "县生态\n环境\n局，县\n统计局"
    # Without the model, or when the piece above is a whole name, the sentence decides.
    assert len(join_split_rows([above, rest], FIELDS)) == 2
    whole = above._replace(cells=["整治", "开展动态监测。", "县生态环境局", "县统计局", "长期"])
    assert len(join_split_rows([whole, rest], FIELDS, knowledge.is_complete)) == 2


def test_a_row_cut_in_every_cell_but_its_finished_measure_is_joined() -> None:
    # A one-line row at the foot: 序号 13 wrapped as 1 / 3, every department and the
    # deadline cut; the measure ended above, so the row below has none of its own.
    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD, Role.SUPPORT, Role.DEADLINE]
    above = _row("1", "开展规范管理。", "市人力资", "市自然资源", "2022")
    above = above._replace(at_foot=(Foot.FILLED,) * 5)
    rest = _row("3", "", "源和社会保\n障局", "局、市文旅局", "年8月底前", page=2, starts_page=True)
    joined = join_split_rows([above, rest], fields)
    assert len(joined) == 1
    assert joined[0].cells[0] == "1\n3" and joined[0].cells[4] == "2022\n年8月底前"


def test_rows_inside_a_page_are_never_joined() -> None:
    rows = [
        _row("土壤", "加强监管，提升监", "环境局", "区城管局", "2019年12月"),
        _row("", "管能力。", "", "", ""),
    ]
    assert join_split_rows(rows, FIELDS) == rows


def test_a_row_with_its_own_category_starts_a_new_group_not_a_continuation() -> None:
    above = _row("土壤", "加强监管，提升监", "环境局", "区城管局", "2019年12月")
    below = _row("水", "管能力。", "", "", "", page=2, starts_page=True)
    assert not continues_row_above(below, above, FIELDS)


def test_sentence_ends_allow_closing_quotes_and_brackets() -> None:
    assert ends_sentence("推进“垃圾围堰”整治工作。")
    assert ends_sentence("做好“三个确保”。”")
    assert ends_sentence("（长期坚持；）")
    assert not ends_sentence("提升监")
    assert not ends_sentence("")
    assert not ends_sentence(None)


# --- a category cell cut by a page break ---------------------------------------------


def test_a_blank_category_at_the_top_of_a_page_continues_the_group_above() -> None:
    rows = [
        _row("土壤污染源头管控", "加强监管。", "环境局", "区城管局", "2019年12月"),
        _row("", "推进整治。", "城管局", "区住建局", "2019年12月", page=2, starts_page=True),
        _row(Covered.ABOVE, "清理垃圾。", "城管局", "区住建局", "2019年12月", page=2),
    ]
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[0] for row in mended] == ["土壤污染源头管控", Covered.ABOVE, Covered.ABOVE]


def test_one_character_under_a_category_that_ran_to_the_foot_is_its_rest() -> None:
    # make fidelity SEED=43: 其他乡村振兴工 / 作, the merged cell starting on the page's
    # last row; no category is one character, so 作 is not a new group.
    above = _row("其他乡村振兴工", "加快推进。", "市卫健局", "", "8月16日前")
    above = above._replace(at_foot=(Foot.FILLED,) * 5)
    rows = [
        above,
        _row("作", "组织开展。", "市农业局", "", "年底前", page=2, starts_page=True),
        _row(Covered.ABOVE, "扎实推进。", "市农业局", "", "年底前", page=2),
    ]
    mended = continue_cut_categories(rows, FIELDS)
    assert [row.cells[0] for row in mended] == ["其他乡村振兴工\n作", Covered.ABOVE, Covered.ABOVE]
    # Two characters may be a category of their own (党建): a new group.
    other = [above, rows[1]._replace(cells=["党建", *rows[1].cells[1:]])]
    assert [row.cells[0] for row in continue_cut_categories(other, FIELDS)][1] == "党建"


def test_a_blank_category_inside_a_page_is_left_alone() -> None:
    rows = [
        _row("土壤", "加强监管。", "环境局", "区城管局", "2019年12月"),
        _row("", "推进整治。", "城管局", "区住建局", "2019年12月"),
    ]
    assert continue_cut_categories(rows, FIELDS) == rows


# --- page breaks survive the header repeated on every page ---------------------------


def test_the_page_break_moves_to_the_row_below_a_repeated_header() -> None:
    synonyms = Knowledge.load().columns
    header = Header(0, LABELS, FIELDS)
    rows = [
        _row("土壤", "加强监管，提升监", "环境局", "区城管局", "2019年12月"),
        GridRow(list(LABELS), page=2, starts_page=True),
        _row("", "管能力。", "", "", "", page=2),
    ]
    kept = drop_repeated_headers(rows, header, synonyms)
    assert [row.starts_page for row in kept] == [False, True]


def test_collecting_a_page_table_keeps_its_page_break_past_its_header() -> None:
    tables = [
        RawTable([RawRow(list(LABELS), page=1), RawRow(["土壤", "甲。", "a局", "b局", "c"])]),
        RawTable(
            [
                RawRow(list(LABELS), page=2, starts_page=True),
                RawRow(["", "乙。", "a局", "b局", "c"], page=2),
            ]
        ),
    ]
    collected = collect_task_rows(tables, Knowledge.load().columns)
    assert collected is not None
    assert [row.starts_page for row in collected.rows] == [False, True]


# --- all rules together, through normalize ---------------------------------------------


def test_a_table_over_three_pages_gives_one_record_per_task() -> None:
    def page(number: int, *rows: list[Cell]) -> RawTable:
        raw = [RawRow(list(LABELS), page=number, starts_page=number > 1)]
        raw += [RawRow(cells, page=number) for cells in rows]
        return RawTable(raw, name=f"page {number} table 1")

    tables = [
        page(
            1, ["土壤污染状况详查", "完善监测网络。", "生态环境新城分局", "区城管局", "2019年12月"]
        ),
        page(
            2,
            [
                "",
                "配合开展重点行业企业信息采集，加强与省、市部门",
                "区城管局",
                "区住建局",
                "2019年12月",
            ],
        ),
        page(
            3,
            ["", "对接。", "", "", ""],
            ["建设用地准入管理", "加强监管。", "区城管局", "区住建局", "2019年12月"],
        ),
    ]
    raw = RawDocument("x.pdf", "pdf", "0" * 64, Extracted(tables, ["附件1", "清单"]))
    records = normalize(raw).records
    assert [(r.category, r.measure, r.page) for r in records] == [
        ("土壤污染状况详查", "完善监测网络。", 1),
        ("土壤污染状况详查", "配合开展重点行业企业信息采集，加强与省、市部门对接。", 2),
        ("建设用地准入管理", "加强监管。", 3),
    ]


def test_a_number_wrapped_in_a_narrow_column_and_cut_by_the_break_is_one_task() -> None:
    """Found by the generated corpus: "11" printed "1" / "1" in a narrow 序号 column, the
    break between the two lines; the row below the break is the rest of task 11."""
    from qingdan.extract.grid import Foot

    fields: list[Role | None] = [Role.NO, Role.MEASURE, Role.LEAD, Role.DEADLINE]
    above = _row("1", "全面推进农田专项检", "各镇", "2018年")._replace(
        at_foot=(Foot.FILLED, Foot.FILLED, Foot.FILLED, Foot.FILLED),
    )
    below = _row("1", "查，确保按时完成。", "（街道）", "底前", page=2, starts_page=True)
    [joined] = join_split_rows([above, below], fields)
    assert joined.cells == [
        "1\n1",
        "全面推进农田专项检\n查，确保按时完成。",
        "各镇\n（街道）",
        "2018年\n底前",
    ]
    # A number that ended clear of the foot starts a task of its own.
    whole = above._replace(at_foot=(Foot.CLEAR, Foot.FILLED, Foot.FILLED, Foot.FILLED))
    assert len(join_split_rows([whole, below], fields)) == 2
