"""Lead and support written in one responsibility cell (issue 5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.normalize import normalize
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.responsibility import (
    label_says_first_leads,
    names_only_units,
    split_inline_responsibility,
    split_responsibility,
)
from qingdan.normalize.units.departments import DepartmentReader

from tests.normalize.grids import raw_document

KNOWLEDGE = Knowledge.load().departments
WORDS = Knowledge.load().responsibility

# (cell as written, lead, support)
WRITTEN_FORMS: list[tuple[str, list[str], list[str]]] = [
    # labels before lists
    ("牵头单位：区发改委；配合单位：区财政局、各街道", ["区发改委"], ["区财政局", "各街道"]),
    ("牵头单位:区发改委\n配合单位:区财政局，各街道", ["区发改委"], ["区财政局", "各街道"]),
    ("牵头部门：区发改委。配合部门：区财政局。", ["区发改委"], ["区财政局"]),
    ("配合单位：区财政局 区教育局；牵头单位：区发改委", ["区发改委"], ["区财政局", "区教育局"]),
    ("牵头：区民政局\n配合：区卫生健康委", ["区民政局"], ["区卫生健康委"]),
    # a level before the labels says whose unit it is (a list handed down the levels)
    (
        "市级牵头单位：市水务局\n责任单位：市农业农村局、各区政府",
        ["市水务局"],
        ["市农业农村局", "各区政府"],
    ),
    ("县级责任单位：县交通运输局；配合单位：各乡镇", ["县交通运输局"], ["各乡镇"]),
    # role words after names
    ("区住建局牵头，区城管局配合", ["区住建局"], ["区城管局"]),
    ("区住建局牵头,区城管局、区财政局配合", ["区住建局"], ["区城管局", "区财政局"]),
    ("区住建局牵头、区城管局配合", ["区住建局"], ["区城管局"]),
    ("由区商务局负责，区市场监管局协助", ["区商务局"], ["区市场监管局"]),
    ("由区商务局负责；区市场监管局等部门协助。", ["区商务局"], ["区市场监管局"]),
    ("区住建局牵头，区城管局、各街道", ["区住建局"], ["区城管局", "各街道"]),
    ("区住建局牵头", ["区住建局"], []),
    ("区委宣传部（区文明办）牵头，区教育局配合", ["区委宣传部（区文明办）"], ["区教育局"]),
    # marks in brackets after names
    ("区教育局（牵头）、区卫健局", ["区教育局"], ["区卫健局"]),
    ("区教育局(牵头), 区卫健局、区民政局", ["区教育局"], ["区卫健局", "区民政局"]),
    ("区卫健局、区教育局【牵头】", ["区教育局"], ["区卫健局"]),
    ("区教育局、区卫健局（配合）", ["区教育局"], ["区卫健局"]),
    # a narrow column (PDF) wraps lines inside role words and names
    (
        "牵头单位：区民政局；配合单\n位：区财政局、各街道办事处",
        ["区民政局"],
        ["区财政局", "各街道办事处"],
    ),
    ("由区人力资源社会保障局负\n责，区民政局协助", ["区人力资源社会保障局"], ["区民政局"]),
    ("区教育局（牵\n头）、区卫生健康委", ["区教育局"], ["区卫生健康委"]),
    ("区住建局牵头，区自\n然资源分局配合", ["区住建局"], ["区自然资源分局"]),
    # nothing says who leads: every name leads
    ("区发改委、区财政局", ["区发改委", "区财政局"], []),
    ("区发改委\n区财政局", ["区发改委", "区财政局"], []),
]


@pytest.mark.parametrize(
    ("text", "lead", "support"), WRITTEN_FORMS, ids=[f[0] for f in WRITTEN_FORMS]
)
def test_written_form_is_split(text: str, lead: list[str], support: list[str]) -> None:
    found = split_responsibility(text, KNOWLEDGE, WORDS)
    assert (found.lead, found.support, found.understood) == (lead, support, True)


@pytest.mark.parametrize(
    "text",
    ["区住建局牵头，配合", "区发改委、牵头单位：区财政局", "（牵头）区教育局",
     "区民政局为牵头单位，区财政局为配合单位", "区发改委负责协调"],
)  # fmt: skip
def test_a_form_that_cannot_be_split_is_not_understood(text: str) -> None:
    found = split_responsibility(text, KNOWLEDGE, WORDS)
    assert not found.understood
    assert found.support == []
    assert found.lead


def _responsibility_grid(cell: str) -> list[list[str | None]]:
    return [
        ["序号", "重点任务", "具体措施", "责任单位", "完成时限"],
        ["1", "营商环境", "压缩企业开办时间。", cell, "2019年6月底前"],
    ]


def test_a_single_responsibility_column_feeds_lead_and_support() -> None:
    record = normalize(
        raw_document(_responsibility_grid("区市场监管局牵头，区税务局配合"))
    ).records[0]
    assert (record.lead, record.support) == (["区市场监管局"], ["区税务局"])


def test_a_single_responsibility_column_without_roles_goes_to_lead() -> None:
    task_list = normalize(raw_document(_responsibility_grid("区市场监管局、区税务局")))
    assert (task_list.records[0].lead, task_list.records[0].support) == (
        ["区市场监管局", "区税务局"],
        [],
    )
    assert task_list.warnings == []


def test_an_unsplittable_cell_goes_to_lead_with_a_warning_naming_the_row() -> None:
    task_list = normalize(raw_document(_responsibility_grid("区市场监管局牵头，配合")))
    assert task_list.records[0].support == []
    [warning] = [w for w in task_list.warnings if w.code == "responsibility"]
    assert warning.row == 1
    assert "record 1" in warning.message


def test_a_label_saying_the_first_name_leads_splits_plain_lists() -> None:
    grid: list[list[str | None]] = [
        ["序号", "工作任务", "工作措施", "责任单位（排第一位的为牵头单位）", "完成时限"],
        ["1", "养老", "建设社区养老服务站。", "区民政局、区财政局\n各街道办事处", "2019年底前"],
        ["2", "养老", "开展护理员培训。", "区人力资源社会保障局牵头，区民政局配合", "2019年内"],
    ]
    task_list = normalize(raw_document(grid))
    assert task_list.columns[3].role == "responsible"
    assert [(r.lead, r.support) for r in task_list.records] == [
        (["区民政局"], ["区财政局", "各街道办事处"]),
        (["区人力资源社会保障局"], ["区民政局"]),
    ]


@pytest.mark.parametrize(
    ("label", "says"),
    [("责任单位（排第一位的为牵头单位）", True), ("责任单位(首位为牵头单位)", True),
     ("责任单位", False), ("牵头单位", False)],
)  # fmt: skip
def test_label_says_first_leads(label: str, says: bool) -> None:
    assert label_says_first_leads(label, WORDS) is says


# Every written form, with every punctuation variant, over any names: what was written
# as lead comes out as lead and the rest as support, in order.
_NAMES = [
    "区发展改革委",
    "区财政局",
    "区住房城乡建设局",
    "区卫生健康委",
    "各街道办事处",
    "区城管局",
]
_LIST_SEPARATORS = ["、", "，", ",", "；"]
_CLAUSE_SEPARATORS = ["，", "；", ",", ";", "。", "\n"]


def _written(form: str, lead: list[str], support: list[str], sep: str, clause: str) -> str:
    leads, supports = sep.join(lead), sep.join(support)
    forms = {
        "labels": f"牵头单位：{leads}{clause}配合单位：{supports}",
        "verbs": f"{leads}牵头{clause}{supports}配合",
        "by": f"由{leads}负责{clause}{supports}协助",
        "mark": f"{leads}（牵头）{sep}{supports}",
    }
    return forms[form]


@given(
    form=st.sampled_from(["labels", "verbs", "by", "mark"]),
    names=st.permutations(_NAMES),
    lead_count=st.integers(1, 2),
    support_count=st.integers(1, 3),
    sep=st.sampled_from(_LIST_SEPARATORS),
    clause=st.sampled_from(_CLAUSE_SEPARATORS),
)
def test_every_form_and_punctuation_variant_splits(
    form: str, names: list[str], lead_count: int, support_count: int, sep: str, clause: str
) -> None:
    if form == "mark":
        lead_count = 1  # a mark names the one name before it
    if sep == "；" and form in ("labels", "verbs", "by"):
        sep = "、"  # ； between names would read as a new clause, as a person reads it too
    lead, support = names[:lead_count], names[lead_count : lead_count + support_count]
    found = split_responsibility(_written(form, lead, support, sep, clause), KNOWLEDGE, WORDS)
    assert (found.lead, found.support, found.understood) == (lead, support, True)


# ---- issue 13: more written forms, a lead mark, responsibility inline in the measure ----

MORE_FORMS: list[tuple[str, list[str], list[str]]] = [
    ("▲市水利局，市财政局，各区县", ["市水利局"], ["市财政局", "各区县"]),
    ("市财政局、▲市水利局、各区县", ["市水利局"], ["市财政局", "各区县"]),
    ("★县文旅局\n县教体局", ["县文旅局"], ["县教体局"]),
    ("县自然资源局（牵头）、县林业局", ["县自然资源局"], ["县林业局"]),
    ("县文旅局牵头，县教体局参与", ["县文旅局"], ["县教体局"]),
    ("县文旅局牵头，县教体局、县总工会参与", ["县文旅局"], ["县教体局", "县总工会"]),
    ("各乡镇负责落实", ["各乡镇"], []),
    ("县民政局负责落实，县财政局配合", ["县民政局"], ["县财政局"]),
    ("牵头单位：县民政局 配合单位：县财政局、县人社局", ["县民政局"], ["县财政局", "县人社局"]),
    ("牵头单位：县民政局　配合单位：县财政局", ["县民政局"], ["县财政局"]),
    ("责任单位：县应急局 配合单位：县消防救援大队", ["县应急局"], ["县消防救援大队"]),
    ("责任单位：县应急局；配合单位：各乡镇人民政府", ["县应急局"], ["各乡镇人民政府"]),
    ("市公安局\n金湾分局牵头，县财政局配合", ["市公安局金湾分局"], ["县财政局"]),
]


@pytest.mark.parametrize(("text", "lead", "support"), MORE_FORMS, ids=[f[0] for f in MORE_FORMS])
def test_more_written_forms_are_split(text: str, lead: list[str], support: list[str]) -> None:
    found = split_responsibility(text, KNOWLEDGE, WORDS)
    assert (found.lead, found.support, found.understood) == (lead, support, True)


def test_the_lead_mark_is_no_part_of_the_name() -> None:
    found = split_responsibility("▲县发改局", KNOWLEDGE, WORDS)
    assert found.lead == ["县发改局"]
    assert not any("▲" in name for name in [*found.lead, *found.support])


def test_a_reader_with_document_evidence_splits_the_names() -> None:
    reader = DepartmentReader.for_document(KNOWLEDGE, "会泽县2023年重点工作任务清单", [])
    found = split_responsibility("市公安局\n会泽分局牵头，县财政局配合", reader, WORDS)
    assert (found.lead, found.support) == (["市公安局会泽分局"], ["县财政局"])


INLINE: list[tuple[str, str, list[str], list[str]]] = [
    (
        "推进政务服务中心改造，年底前建成投用。（县行政审批局牵头，县发改局、县财政局配合）",
        "推进政务服务中心改造，年底前建成投用。",
        ["县行政审批局"],
        ["县发改局", "县财政局"],
    ),
    ("完成河道清淤。(县水利局牵头,各乡镇配合)", "完成河道清淤。", ["县水利局"], ["各乡镇"]),
    (
        "推进燃气管网检查。（各县（市、区）人民政府牵头，市住建局配合）",
        "推进燃气管网检查。",
        ["各县（市、区）人民政府"],
        ["市住建局"],
    ),
    (
        "开展专项检查（各镇人民政府（街道办事处）牵头，区工信局配合）。",
        "开展专项检查。",
        ["各镇人民政府（街道办事处）"],
        ["区工信局"],
    ),
    ("开展安全检查（县应急局负责）。", "开展安全检查。", ["县应急局"], []),
    (
        "落实补贴资金。（县财政局、县农业农村局）",
        "落实补贴资金。",
        ["县财政局", "县农业农村局"],
        [],
    ),
    (
        "建设智慧停车系统。（牵头单位：县城管局；配合单位：县公安局）",
        "建设智慧停车系统。",
        ["县城管局"],
        ["县公安局"],
    ),
]


@pytest.mark.parametrize(("text", "measure", "lead", "support"), INLINE, ids=[i[0] for i in INLINE])
def test_responsibility_inline_at_the_end_of_the_measure(
    text: str, measure: str, lead: list[str], support: list[str]
) -> None:
    kept, found = split_inline_responsibility(text, KNOWLEDGE, WORDS)
    assert kept == measure
    assert found is not None
    assert (found.lead, found.support) == (lead, support)


@pytest.mark.parametrize(
    "text",
    ["制定实施方案（试行）", "完成目标任务（2019年）。", "建设污水管网（含县城）。",
     "编制规划（含（县城）片区）", "完成）", "建设（县水利局牵头",
     "推进项目建设（按职责分工负责）", "建设5个示范点（县财政局牵头）并验收。", "", "开展排查。"],
)  # fmt: skip
def test_a_bracket_that_names_no_responsibility_stays_in_the_measure(text: str) -> None:
    assert split_inline_responsibility(text, KNOWLEDGE, WORDS) == (text, None)


def test_an_inline_note_naming_a_unit_with_its_own_bracket_is_read_whole() -> None:
    from qingdan.normalize.responsibility import split_inline_responsibility

    measure, found = split_inline_responsibility(
        "完成农贸市场提升改造。（县商务局牵头，各乡（镇）、县财政局配合）",
        Knowledge.load().departments,
        WORDS,
    )
    assert measure == "完成农贸市场提升改造。"
    assert found is not None
    assert (found.lead, found.support) == (["县商务局"], ["各乡（镇）", "县财政局"])


def _every_name_a_unit(text: str) -> bool:
    reader = DepartmentReader(KNOWLEDGE)
    found = split_responsibility(text, reader, WORDS)
    names = [*found.lead, *found.support]
    return bool(names) and all(reader.is_complete(name) for name in names)


# Cells of every kind a column holds: names, names with roles, measures, categories,
# deadlines, names glued to a remark, a name with a stray full stop.
EVIDENCE_CELLS = [
    *(form[0] for form in WRITTEN_FORMS),
    "加强河道巡查，及时清理水面漂浮物。",
    "完善监测网络，配合上级部门开展培训，提升能力。",
    "全面推进垃圾分类工作",
    "2024年12月底前",
    "区发改委、区财政局按职责分工负责",
    "区发改委、区财政局。",
    "区发改委、",
    "▲区发改委，区财政局",
    "各镇（街道、开发区）、区财政局",
    "区发改委、加强协调",
    "",
]


@pytest.mark.parametrize("text", EVIDENCE_CELLS)
def test_names_only_units_answers_as_the_full_split(text: str) -> None:
    assert names_only_units(text, DepartmentReader(KNOWLEDGE), WORDS) == _every_name_a_unit(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "区发改委",
                "区财政局",
                "各街道",
                "加强",
                "协调推进",
                "牵头",
                "配合",
                "、",
                "，",
                "。",
                "\n",
            ]
        ),
        max_size=8,
    )
)
def test_names_only_units_answers_as_the_full_split_on_free_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert names_only_units(text, DepartmentReader(KNOWLEDGE), WORDS) == _every_name_a_unit(text)
