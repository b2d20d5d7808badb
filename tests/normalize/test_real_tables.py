"""Table shapes of published lists that decide who leads and what a row holds (issue 31).

Each case is built here with invented words (other wording than the real-shapes
skeletons), with the records a careful analyst reads from it (docs/conventions.md).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from qingdan.extract.grid import Covered
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import normalize
from qingdan.normalize.cell_kinds import is_measure_unit, says_nothing
from qingdan.normalize.deadlines import Deadline, parse_deadline
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.model import TaskList
from qingdan.normalize.warning_codes import NormalizeCode

from tests.normalize.grids import raw_document


def _records(task_list: TaskList, *fields: str) -> list[dict[str, Any]]:
    return [{name: getattr(record, name) for name in fields} for record in task_list.records]


def test_a_responsible_column_leads_in_a_row_whose_lead_cell_is_empty() -> None:
    # 责任单位 supports only because 牵头单位 stands beside it: with nobody named in
    # 牵头单位, the responsible units lead. A 配合 column's names stay support.
    grid = [
        ["序号", "工作任务", "牵头单位", "责任单位"],
        ["1", "建成区级养老服务指导中心。", "区民政局", "区财政局、各街道"],
        ["2", "新增公共停车泊位2000个。", "", "区交通局、区城管局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "lead", "support") == [
        {"lead": ["区民政局"], "support": ["区财政局", "各街道"]},
        {"lead": ["区交通局", "区城管局"], "support": []},
    ]


def test_a_support_column_stays_support_when_the_lead_cell_is_empty() -> None:
    grid = [
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "建成区级养老服务指导中心。", "区民政局", "区财政局"],
        ["2", "新增公共停车泊位2000个。", "", "区交通局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "lead", "support")[1] == {"lead": [], "support": ["区交通局"]}


# 重点任务 merged over two columns (a short name, then its sentence), printed once.
_SPANNED_HEADER = ["序号", "重点任务", "牵头单位", "配合单位"]
_SPANNED_ROWS: list[list[str | Covered]] = [
    ["1", "乡村振兴", "建设高标准农田3万亩，完善灌排设施。", "县农业农村局", "县水利局"],
    ["2", "", "培育农民专业合作社20家。", "县农业农村局", "县供销社"],
    ["3", "城市更新", "改造城中村两处，同步建设配套学校。", "县住建局", "县教育局"],
]


def test_a_dump_that_prints_a_merged_label_once_widens_the_header() -> None:
    task_list = normalize(raw_document([_SPANNED_HEADER, *_SPANNED_ROWS], traits=TEXT_DUMP))
    assert _records(task_list, "category", "measure", "lead", "support", "extra")[1] == {
        "category": "乡村振兴",
        "measure": "培育农民专业合作社20家。",
        "lead": ["县农业农村局"],
        "support": ["县供销社"],
        "extra": {},
    }


def test_a_word_grid_with_the_same_merge_gives_the_same_records() -> None:
    header = ["序号", "重点任务", Covered.LEFT, "牵头单位", "配合单位"]
    rows = [
        [*row[:1], Covered.ABOVE if row[1] == "" else row[1], *row[2:]] for row in _SPANNED_ROWS
    ]
    word = normalize(raw_document([header, *rows]))
    dump = normalize(raw_document([_SPANNED_HEADER, *_SPANNED_ROWS], traits=TEXT_DUMP))
    fields = ("category", "measure", "lead", "support", "extra")
    assert _records(word, *fields) == _records(dump, *fields)


def test_problems_met_right_of_the_measure_are_not_carried_down() -> None:
    # A progress report: 存在问题 follows 完成情况 and says what got in the way; an
    # empty cell there is no problem, in a Word grid and in a text dump alike.
    grid = [
        ["序号", "重点工作", "责任单位", "完成情况", "存在问题"],
        ["1", "完成农村危房改造120户。", "县住建局", "已完工90户。", "部分农户未签协议。"],
        ["2", "新建村级养老服务站10个。", "县民政局", "已建成6个。", ""],
    ]
    for traits in (TEXT_DUMP, None):
        raw = raw_document(grid) if traits is None else raw_document(grid, traits=traits)
        task_list = normalize(raw)
        assert [column.role for column in task_list.columns][-1] == "progress"
        assert task_list.records[1].extra == {"完成情况": "已建成6个。"}


def test_a_rectification_problem_merged_over_its_measures_still_applies_to_each() -> None:
    grid: list[list[str | Covered]] = [
        ["序号", "存在问题", "整改措施", "整改责任单位", "整改时限"],
        ["1", "河道沿岸垃圾清理不及时。", "建立河道保洁日巡查制度。", "县水利局", "2024年6月底前"],
        ["2", Covered.ABOVE, "落实保洁人员和经费。", "县财政局", "2024年6月底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert task_list.records[1].extra == {"存在问题": "河道沿岸垃圾清理不及时。"}


def test_ratio_units_and_none_marks() -> None:
    cells = Knowledge.load().cells
    assert is_measure_unit("立方米/万元", cells)
    assert is_measure_unit("人／万人", cells)
    assert not is_measure_unit("县发改局/县财政局", cells)
    assert not is_measure_unit("3/5", cells)
    assert says_nothing("—") and says_nothing("／") and not says_nothing("无")


def test_an_indicator_tables_unit_of_measure_column_is_no_unit_column() -> None:
    # 单位 reads like a responsibility label by its head, but its cells are units of
    # measure (a ratio among them) and "—" for an indicator with none.
    grid = [
        ["序号", "指标", "单位", "目标值", "牵头单位", "配合单位"],
        ["1", "空气质量优良天数比例", "%", "≥90", "县环保局", "县气象局"],
        ["2", "单位工业增加值能耗", "吨标准煤/万元", "≤0.4", "县发改局", "县工信局"],
        ["3", "生态保护红线面积", "—", "不减少", "县自然资源局", "各乡镇"],
        ["4", "自然保护地面积", "—", "不减少", "县林业局", "各乡镇"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "measure", "support", "extra")[2] == {
        "measure": "生态保护红线面积",
        "support": ["各乡镇"],
        "extra": {"单位": "—", "目标值": "不减少"},
    }


def test_rectify_at_once_is_no_ongoing_work() -> None:
    words = Knowledge.load().deadlines
    assert parse_deadline("立行立改", 2024, words) == Deadline(None, None)
    assert parse_deadline("立行立改，长期坚持", 2024, words).kind == "ongoing"


def test_a_dump_carries_a_remark_printed_once_per_group_down_the_group() -> None:
    # 备注 is merged over each category's rows; the dump prints it once, where the
    # category opens, and leaves it blank wherever the category goes on.
    grid = [
        ["重点任务", "具体措施", "责任单位", "备注"],
        ["稳定粮食生产", "落实耕地地力保护补贴。", "县农业农村局", "2025年3月"],
        ["", "推广水稻机插秧技术。", "县农机中心", ""],
        ["改善人居环境", "开展村庄清洁行动。", "各乡镇", "2025年6月"],
        ["", "新建农村公厕20座。", "县住建局", ""],
    ]
    task_list = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [record.extra for record in task_list.records] == [
        {"备注": "2025年3月"},
        {"备注": "2025年3月"},
        {"备注": "2025年6月"},
        {"备注": "2025年6月"},
    ]


_GROUP_MERGED = [
    ["重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
    ["稳定粮食生产", "落实耕地地力保护补贴。", "县农业农村局", "县财政局", "2025年3月底前"],
    ["", "推广水稻机插秧技术。", "", "", ""],
    ["改善人居环境", "开展村庄清洁行动。", "县住建局", "各乡镇", "2025年6月底前"],
    ["", "新建农村公厕20座。", "", "", ""],
]
"""Units and a deadline merged over each category's rows, as a text dump prints them: once,
where the category opens."""


def test_a_dump_carries_units_and_deadlines_printed_once_per_group_down_the_group() -> None:
    fields = ("measure", "lead", "support", "deadline")
    dumped = _records(normalize(raw_document(_GROUP_MERGED, traits=TEXT_DUMP)), *fields)
    assert [(r["lead"], r["support"], r["deadline"]) for r in dumped] == [
        (["县农业农村局"], ["县财政局"], "2025年3月底前"),
        (["县农业农村局"], ["县财政局"], "2025年3月底前"),
        (["县住建局"], ["各乡镇"], "2025年6月底前"),
        (["县住建局"], ["各乡镇"], "2025年6月底前"),
    ]
    # A table reader gives the same merge as covered cells: the same records.
    merged: list[list[Any]] = [[cell or Covered.ABOVE for cell in row] for row in _GROUP_MERGED]
    assert _records(normalize(raw_document(merged)), *fields) == dumped


def test_units_carried_down_a_group_from_blanks_are_a_warning_a_real_merge_is_not() -> None:
    dumped = normalize(raw_document(_GROUP_MERGED, traits=TEXT_DUMP))
    carried = [w.message for w in dumped.warnings if w.code is NormalizeCode.CARRIED_BY_GROUP]
    assert carried == ["牵头单位", "配合单位", "完成时限"]  # a guess from blanks: said
    merged: list[list[Any]] = [[cell or Covered.ABOVE for cell in row] for row in _GROUP_MERGED]
    codes = {w.code for w in normalize(raw_document(merged)).warnings}
    assert NormalizeCode.CARRIED_BY_GROUP not in codes  # the file says it is merged
    remark = [
        ["重点任务", "具体措施", "责任单位", "备注"],
        ["稳定粮食生产", "落实耕地地力保护补贴。", "县农业农村局", "纳入年度考核"],
        ["", "推广水稻机插秧技术。", "县农业农村局", ""],
        ["改善人居环境", "开展村庄清洁行动。", "县住建局", "按季度调度"],
        ["", "新建农村公厕20座。", "县住建局", ""],
    ]
    kept = normalize(raw_document(remark, traits=TEXT_DUMP))
    assert [r.extra for r in kept.records][1] == {"备注": "纳入年度考核"}
    assert NormalizeCode.CARRIED_BY_GROUP not in {w.code for w in kept.warnings}  # extra: as before


def test_a_dump_leaves_units_blank_that_do_not_follow_the_groups() -> None:
    grid = [list(row) for row in _GROUP_MERGED]
    grid[3][3] = ""  # 各乡镇 not printed where its group opens: no merge over the group
    dumped = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [r.support for r in dumped.records] == [["县财政局"], [], [], []]


def test_a_dump_leaves_a_remark_blank_that_does_not_follow_the_groups() -> None:
    grid = [
        ["重点任务", "具体措施", "责任单位", "备注"],
        ["稳定粮食生产", "落实耕地地力保护补贴。", "县农业农村局", "2025年3月"],
        ["", "推广水稻机插秧技术。", "县农机中心", ""],
        ["改善人居环境", "开展村庄清洁行动。", "各乡镇", ""],
        ["", "新建农村公厕20座。", "县住建局", "跨年度"],
    ]
    task_list = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [record.extra for record in task_list.records] == [
        {"备注": "2025年3月"},
        {},
        {},
        {"备注": "跨年度"},
    ]


def test_a_column_citing_documents_is_no_deadline_column() -> None:
    # An unknown label over 某政〔2022〕9号文件: the year is the document's, not a due date.
    grid = [
        ["序号", "工作任务", "责任单位", "文件出处"],
        ["1", "完善城乡居民医保制度，提高财政补助标准。", "县医保局", "某政〔2022〕9号文件"],
        ["2", "推进县域医共体建设。", "县卫健局", "某政办发[2023]3号"],
        ["3", "实施城镇老旧小区改造。", "县住建局", "某政〔2022〕9号文件"],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "deadline", "due", "extra")[1] == {
        "deadline": None,
        "due": None,
        "extra": {"文件出处": "某政办发[2023]3号"},
    }
    assert [column.role for column in task_list.columns][-1] == "note"


def test_numbers_and_codes_under_an_unknown_label_are_no_deadlines() -> None:
    # "1.2" is no date and "B3" no month: without a year, such cells are codes.
    grid = [
        ["序号", "工作任务", "责任单位", "子项编码"],
        ["1", "完善城乡居民医保制度，提高财政补助标准。", "县医保局", "1.2"],
        ["2", "推进县域医共体建设。", "县卫健局", "B3"],
        ["3", "实施城镇老旧小区改造。", "县住建局", "12"],
    ]
    task_list = normalize(raw_document(grid))
    assert [record.deadline for record in task_list.records] == [None, None, None]
    assert task_list.records[0].extra == {"子项编码": "1.2"}


_NAMES = ["乡村振兴", "城市更新", "民生保障", "营商环境"]
_SENTENCES = [
    "建设高标准农田3万亩，完善灌排设施。",
    "培育农民专业合作社20家。",
    "改造城中村两处，同步建设配套学校。",
    "新增公共停车泊位2000个。",
    "推行企业开办一日办结。",
]
_UNITS = ["县农业农村局", "县住建局", "县民政局", "县市场监管局、县税务局"]
_TERMS = ["2025年底前", "2025年6月底前", "长期坚持", "每季度"]


@given(
    st.lists(
        st.tuples(
            st.one_of(st.just(""), st.sampled_from(_NAMES)),
            st.sampled_from(_SENTENCES),
            st.sampled_from(_UNITS),
            st.sampled_from(_TERMS),
        ),
        min_size=2,
        max_size=5,
        unique_by=lambda row: row[1],  # a sentence printed twice in a row reads as a merge
    )
)
def test_a_label_printed_once_over_two_columns_reads_as_the_word_grid(
    rows: list[tuple[str, str, str, str]],
) -> None:
    rows[0] = (rows[0][0] or _NAMES[0], *rows[0][1:])  # the first row opens a group
    dump = [["序号", "重点任务", "牵头单位", "完成时限"]]
    word: list[list[str | Covered]] = [["序号", "重点任务", Covered.LEFT, "牵头单位", "完成时限"]]
    for number, (name, sentence, unit, term) in enumerate(rows, start=1):
        dump.append([str(number), name, sentence, unit, term])
        word.append([str(number), name or Covered.ABOVE, sentence, unit, term])
    fields = ("category", "no", "measure", "lead", "support", "deadline", "extra")
    from_dump = normalize(raw_document(dump, traits=TEXT_DUMP))
    assert _records(from_dump, *fields) == _records(normalize(raw_document(word)), *fields)
    assert [record.measure for record in from_dump.records] == [row[1] for row in rows]
