"""Column roles chosen for the whole table (issue 12), one header vocabulary per case.

Each case is a header as published lists print it (labels from real task lists; the
measures and names are invented) with two body rows, read as a text dump and as a
Word table, and the records a careful analyst reads from it (docs/conventions.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pytest
from qingdan.extract.grid import Cell, Covered
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import normalize
from qingdan.normalize.model import TaskList

import qingdan
from tests.extract.test_docx import row, table, write_docx
from tests.normalize.grids import raw_document


@dataclass(frozen=True)
class Expected:
    """What the first record of a case holds (only the fields named are checked)."""

    roles: list[str]
    measure: str
    category: str | None = None
    section: str | None = None
    no: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    header: list[str]
    rows: list[list[str]]
    expected: Expected


M1 = "完成城区雨污管网改造12公里，新建泵站2座。"
M2 = "开展重点企业排污许可执法检查，年内覆盖率达到100%。"

CASES: dict[str, Case] = {
    # --- the headers named in issue 12 ------------------------------------------------
    "工作任务 alone is the measure": Case(
        ["序号", "工作任务", "责任单位", "完成时限"],
        [["1", M1, "县住建局", "2024年6月底前"], ["2", M2, "县生态环境分局", "2024年底前"]],
        Expected(
            ["no", "measure", "responsible", "deadline"],
            M1,
            no="1",
            lead=["县住建局"],
            deadline="2024年6月底前",
        ),
    ),
    "类别 beside 工作任务 is the category": Case(
        ["类别", "工作任务", "牵头单位", "配合单位", "时间节点"],
        [
            ["城市建设", M1, "县住建局", "县财政局", "6月底前"],
            ["环境治理", M2, "县环保局", "", "年底前"],
        ],
        Expected(
            ["category", "measure", "lead", "support", "deadline"],
            M1,
            category="城市建设",
            lead=["县住建局"],
            support=["县财政局"],
            deadline="6月底前",
        ),
    ),
    "责任单位 beside 牵头单位 supports": Case(
        ["序号", "工作任务", "牵头单位", "责任单位"],
        [["1", M1, "县住建局", "县财政局、各街道办事处"], ["2", M2, "县环保局", "县水利局"]],
        Expected(
            ["no", "measure", "lead", "support"],
            M1,
            no="1",
            lead=["县住建局"],
            support=["县财政局", "各街道办事处"],
        ),
    ),
    "three text levels and three unit columns": Case(
        ["类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位"],
        [
            ["基础设施", "管网改造", M1, "县住建局", "县财政局", "城关镇人民政府"],
            ["基础设施", "执法检查", M2, "县环保局", "", "县公安局"],
        ],
        Expected(
            ["category", "detail", "measure", "lead", "support", "support"],
            M1,
            category="基础设施",
            lead=["县住建局"],
            support=["县财政局", "城关镇人民政府"],
            extra={"主要任务": "管网改造"},
        ),
    ),
    "labels the wave-1 list did not know": Case(
        ["序号", "主要目标任务", "政策措施", "负责部门", "时间进度", "责任领导", "备注"],
        [
            ["1", "管网改造", M1, "市住建局", "2024年9月", "王副市长", "续建"],
            ["2", "执法检查", M2, "市生态环境局", "2024年底前", "李副市长", ""],
        ],
        Expected(
            ["no", "category", "measure", "responsible", "deadline", "people", "note"],
            M1,
            no="1",
            category="管网改造",
            lead=["市住建局"],
            deadline="2024年9月",
            extra={"责任领导": "王副市长", "备注": "续建"},
        ),
    ),
    "rectification list": Case(
        ["序号", "存在问题", "整改措施", "整改责任单位", "整改时限", "整改进展"],
        [
            ["1", "雨污混接问题突出", M1, "区住建局牵头，区水务局配合", "2024年6月底前", "已完成"],
            ["2", "执法检查不到位", M2, "区生态环境局", "长期坚持", "推进中"],
        ],
        Expected(
            ["no", "problem", "measure", "responsible", "deadline", "progress"],
            M1,
            no="1",
            lead=["区住建局"],
            support=["区水务局"],
            deadline="2024年6月底前",
            extra={"存在问题": "雨污混接问题突出", "整改进展": "已完成"},
        ),
    ),
    "rectification list of problems only": Case(
        ["序号", "存在问题", "整改责任单位", "整改时限"],
        [
            ["1", "雨污混接问题突出，群众反映强烈。", "区住建局", "2024年6月底前"],
            ["2", M2, "区水务局", "年底前"],
        ],
        Expected(
            ["no", "measure", "responsible", "deadline"],
            "雨污混接问题突出，群众反映强烈。",
            no="1",
            lead=["区住建局"],
            deadline="2024年6月底前",
        ),
    ),
}

# --- further header vocabularies of published lists ----------------------------------
_MORE: list[tuple[str, list[str], list[str]]] = [
    ("序号 重点工作 工作措施 牵头部门 配合部门 完成时限", [], []),
    ("序号 重点任务 具体措施 牵头单位 配合单位 完成时间", [], []),
    ("序号 工作任务 牵头领导 牵头单位 配合单位 完成时限", ["people"], ["牵头领导"]),
    ("序号 目标任务 工作措施 责任单位 完成时限", [], []),
    ("序号 重点工作任务 牵头单位 协办单位 完成时限", [], []),
    ("序号 工作内容 主责单位 协同单位 时间安排", [], []),
    ("序号 任务名称 具体任务 牵头部门 参与部门 进度安排", [], []),
    ("序号 工作任务 责任单位 责任人 完成时限", ["people"], ["责任人"]),
    ("序号 工作事项 工作要求 责任科室 办结时限", [], []),
    ("序号 重点事项 推进措施 主办单位 协办单位 完成时限", [], []),
    ("序号 领域 重点工作 工作措施 牵头单位 配合单位 完成时限", ["section"], []),
    ("板块 重点任务 具体措施 牵头部门 配合部门 时间节点", ["section"], []),
    ("序号 工作任务 具体举措 牵头责任单位 配合责任单位 完成时限", [], []),
    ("序号 主要任务 工作举措 牵头单位 协作单位 完成期限", [], []),
    ("序号 工作目标 主要措施 牵头单位 配合单位 时限要求", [], []),
    ("序号 任务事项 具体内容 承办单位 完成时限 备注", ["note"], ["备注"]),
    ("序号 项目名称 建设内容 责任单位 计划完成时间", [], []),
    ("编号 工作任务 落实单位 完成时限", [], []),
    ("序号 问题描述 整改举措 整改单位 整改期限 责任人", ["people"], ["责任人"]),
    ("序号 反馈问题 整改措施 责任单位 责任领导 整改时限", ["people"], ["责任领导"]),
    ("序号 工作任务 牵头单位 配合单位 完成时限 分管领导", ["people"], ["分管领导"]),
    ("序号 重点任务 责任单位（部门） 完成时限", [], []),
    ("序号 工作任务 任务分解 牵头部门 配合部门 时间进度", [], []),
    ("序号 事项 工作标准 实施主体 完成时限", [], []),
    ("序号 重点项目 推进措施 牵头单位 协助单位 完成节点", [], []),
    ("序号 工作任务 责任单位 完成时限 完成标准", ["note"], ["完成标准"]),
]


class _Places(NamedTuple):
    """Where a header's columns are, by their labels."""

    text_columns: list[int]
    sections: list[int]
    measure_col: int
    units: list[int]
    lead_col: int


def _places(labels: list[str], extra_labels: list[str]) -> _Places:
    text_columns = [
        i
        for i, label in enumerate(labels)
        if label not in ("序号", "编号")
        and not any(w in label for w in ("单位", "部门", "时", "期限", "节点", "进度", "科室"))
        and label not in (*extra_labels, "领域", "板块", "实施主体")
    ]
    sections = [i for i, label in enumerate(labels) if label in ("领域", "板块")]
    units = [
        i
        for i, label in enumerate(labels)
        if any(w in label for w in ("单位", "部门", "科室", "主体")) and label not in extra_labels
    ]
    return _Places(text_columns, sections, text_columns[-1], units, units[0])


def _more_cell(places: _Places, index: int, label: str, number: int, extra: list[str]) -> str:
    """The body cell of row ``number`` (1 or 2) in the column at ``index``."""
    if label in ("序号", "编号"):
        return str(number)
    if index in places.sections:
        return "城乡建设"
    if index == places.measure_col:
        return M1 if number == 1 else M2
    if index in places.text_columns:
        return "管网改造" if number == 1 else "执法检查"
    if index == places.lead_col:
        return "县住建局" if number == 1 else "县环保局"
    if index in places.units:
        return "县财政局"
    if label in extra:
        return "王副县长" if "领导" in label or "责任人" in label else "按期办结"
    return "2024年6月底前"


def _more_role(
    places: _Places, index: int, label: str, extra_roles: list[str], extra: list[str]
) -> str:
    """The role the column at ``index`` should get."""
    if label in ("序号", "编号"):
        return "no"
    if index in places.sections:
        return "section"
    if index == places.measure_col:
        return "measure"
    if index in places.text_columns:
        return "problem" if "问题" in label else "category"
    if index == places.lead_col:
        return "responsible" if len(places.units) == 1 else "lead"
    if index in places.units:
        return "support"
    if label in extra:
        return extra_roles[extra.index(label)]
    return "deadline"


def _more_case(spec: str, extra_roles: list[str], extra_labels: list[str]) -> Case:
    """A case from a header: roles follow from each label's place in the header."""
    labels = spec.split()
    places = _places(labels, extra_labels)
    body = [
        [_more_cell(places, i, label, number, extra_labels) for i, label in enumerate(labels)]
        for number in (1, 2)
    ]
    roles = [
        _more_role(places, i, label, extra_roles, extra_labels) for i, label in enumerate(labels)
    ]
    problems = [label for label in labels if "问题" in label]
    extra = {label: body[0][labels.index(label)] for label in [*problems, *extra_labels]}
    category = next(
        (
            body[0][i]
            for i in places.text_columns
            if i != places.measure_col and "问题" not in labels[i]
        ),
        None,
    )
    return Case(
        labels,
        body,
        Expected(
            roles,
            M1,
            category=category,
            section="城乡建设" if places.sections else None,
            lead=["县住建局"],
            support=["县财政局"] if len(places.units) > 1 else [],
            deadline="2024年6月底前",
            extra=extra,
        ),
    )


for _spec, _roles, _labels in _MORE:
    CASES[_spec] = _more_case(_spec, _roles, _labels)


def _check(task_list: TaskList, expected: Expected) -> None:
    assert [c.role for c in task_list.columns] == expected.roles
    first = task_list.records[0]
    assert first.measure == expected.measure
    assert first.category == expected.category
    assert first.section == expected.section
    assert (first.lead, first.support) == (expected.lead, expected.support)
    if expected.no is not None:
        assert first.no == expected.no
    if expected.deadline is not None:
        assert first.deadline == expected.deadline
    assert first.extra == expected.extra
    assert not [w for w in task_list.warnings if w.code == "column-roles"]


def test_there_are_at_least_25_further_vocabularies() -> None:
    assert len(_MORE) >= 25


@pytest.mark.parametrize("name", CASES)
def test_a_text_dump_of_the_header_gives_the_right_roles_and_records(name: str) -> None:
    case = CASES[name]
    grid: list[list[Cell]] = [list(case.header), *case.rows]
    _check(normalize(raw_document(grid, traits=TEXT_DUMP)), case.expected)


@pytest.mark.parametrize("name", CASES)
def test_a_word_table_of_the_header_gives_the_right_roles_and_records(
    name: str, tmp_path: Path
) -> None:
    case = CASES[name]
    path = write_docx(
        tmp_path / "list.docx", table(row(*case.header, header=True), *(row(*r) for r in case.rows))
    )
    document = qingdan.convert(path)
    task_list = normalize(qingdan.extract.read_document(path))
    _check(task_list, case.expected)
    assert document.records[0].measure == case.expected.measure


def test_section_rows_over_a_category_column_are_both_kept() -> None:
    grid: list[list[Cell]] = [
        ["类别", "工作任务", "牵头单位", "配合单位", "时间节点"],
        ["一、提升城市品质"],
        ["城市建设", M1, "县住建局", "县财政局", "6月底前"],
        ["二、改善生态环境"],
        ["环境治理", M2, "县环保局", "", "年底前"],
    ]
    records = normalize(raw_document(grid)).records
    assert [(r.section, r.category, r.measure) for r in records] == [
        ("一、提升城市品质", "城市建设", M1),
        ("二、改善生态环境", "环境治理", M2),
    ]


def test_of_two_grouping_columns_the_one_printed_first_is_the_category() -> None:
    # 工作目标 is merged across two 类别 groups: it groups more rows, but a list prints
    # its outer level on the left, and 类别 is it. The goal is kept as a detail.
    grid: list[list[Cell]] = [
        ["序号", "类别", "工作目标", "具体措施", "牵头部门", "时间节点"],
        ["1", "学前教育", "课后服务提升", M1, "县教育局", "6月底前"],
        ["2", "职业教育", Covered.ABOVE, M2, "县人社局", "年底前"],
        ["3", "职业教育", Covered.ABOVE, M1 + "（二期）", "县财政局", "年底前"],
        ["4", "教师队伍", "薄弱学校改造", M2 + "（二期）", "县教育局", "年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [c.role for c in task_list.columns][1:3] == ["category", "detail"]
    assert [r.category for r in task_list.records] == [
        "学前教育",
        "职业教育",
        "职业教育",
        "教师队伍",
    ]
    assert task_list.records[1].extra == {"工作目标": "课后服务提升"}


def test_a_grouping_column_is_the_category_over_a_per_task_text_column_left_of_it() -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作任务", "重点工作", "工作措施", "牵头单位", "完成时限"],
        ["1", "老旧小区", "城市更新", M1, "县住建局", "6月底前"],
        ["2", "背街小巷", Covered.ABOVE, M2, "县城管局", "年底前"],
        ["3", "口袋公园", Covered.ABOVE, M1 + "（二期）", "县住建局", "年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [r.category for r in task_list.records] == ["城市更新"] * 3


def test_an_unknown_label_takes_its_role_from_content_and_says_so() -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作措施", "甲栏", "完成时限"],
        ["1", M1, "县住建局", "2024年6月底前"],
        ["2", M2, "县环保局、县财政局", "2024年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [c.role for c in task_list.columns] == ["no", "measure", "responsible", "deadline"]
    assert task_list.columns[2].decided_by == "content"
    assert task_list.records[1].lead == ["县环保局", "县财政局"]
    doubts = [w.message for w in task_list.warnings if w.code == "column-roles"]
    assert len(doubts) == 1 and "甲栏" in doubts[0]


def test_a_list_whose_roles_leave_every_measure_empty_is_loud() -> None:
    grid: list[list[Cell]] = [
        ["序号", "牵头单位", "配合单位", "完成时限"],
        ["1", "县住建局", "县财政局", "2024年6月底前"],
        ["2", "县环保局", "", "2024年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert all(not r.measure for r in task_list.records)
    doubts = [w.message for w in task_list.warnings if w.code == "column-roles"]
    assert any("no column holds task text" in d for d in doubts)


def test_a_unit_column_holding_sentences_is_a_doubt() -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作措施", "牵头单位", "完成时限"],
        ["1", M1, "按照职责分工抓好落实，确保按期完成。", "2024年6月底前"],
        ["2", M2, "加强统筹协调，形成工作合力。", "2024年底前"],
        ["3", M2, "定期调度推进情况。", "2024年底前"],
    ]
    doubts = [w.message for w in normalize(raw_document(grid)).warnings if w.code == "column-roles"]
    assert any("牵头单位" in d and "department names" in d for d in doubts)


def test_the_users_column_file_wins_over_content(tmp_path: Path) -> None:
    columns = tmp_path / "columns.toml"
    columns.write_text('category = ["工作措施"]\nmeasure = ["重点工作"]\n', encoding="utf-8")
    grid: list[list[Cell]] = [
        ["重点工作", "工作措施", "牵头单位"],
        ["短语", M1, "县住建局"],
    ]
    knowledge = qingdan.Knowledge.load(columns=columns)
    task_list = normalize(raw_document(grid), knowledge)
    assert [c.role for c in task_list.columns] == ["measure", "category", "responsible"]
    assert [c.decided_by for c in task_list.columns][:2] == ["user", "user"]


def test_extract_explain_shows_each_columns_role_and_evidence(tmp_path: Path) -> None:

    from tests.cli_runner import invoke

    case = CASES["责任单位 beside 牵头单位 supports"]
    path = write_docx(
        tmp_path / "list.docx", table(row(*case.header), *(row(*r) for r in case.rows))
    )
    result = invoke(["extract", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    columns = json.loads(result.stdout)["columns"]
    assert [(c["label"], c["role"]) for c in columns] == list(
        zip(case.header, case.expected.roles, strict=True)
    )
    assert columns[3]["hint"] == "responsible" and columns[3]["evidence"]["departments"] == 1.0


def test_a_second_lead_label_beside_a_牵头_column_names_the_other_units() -> None:
    grid: list[list[Cell]] = [
        ["工作措施", "牵头部门", "主责单位", "完成时限"],
        [M1, "县住建局", "县财政局", "年底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert [c.role for c in task_list.columns] == ["measure", "lead", "support", "deadline"]
    assert (task_list.records[0].lead, task_list.records[0].support) == (["县住建局"], ["县财政局"])
