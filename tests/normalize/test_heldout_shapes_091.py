"""Shapes the second held-out batch of real skeletons (corpus/real/skeletons 091-100)
showed qingdan misreading, each built here with invented words (docs/conventions.md)."""

from __future__ import annotations

from qingdan.extract.grid import Extracted, RawDocument
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import split_departments

from tests.normalize.grids import raw_document

KNOWLEDGE = Knowledge.load()


def listed(*lines: str) -> TaskList:
    """The task list normalized from a document whose only content is ``lines``."""
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted(tables=[], text_before=list(lines)))
    return normalize(raw)


def test_a_goal_column_beside_the_work_column_is_kept_and_the_work_is_the_task() -> None:
    # 年度目标任务 says where the year should end up; 本季度工作安排 says what is done now.
    grid = [
        ["序号", "重点工作", "分管领导", "责任站所", "年度目标任务", "本季度工作安排"],
        [
            "1",
            "集镇雨污分流",
            "副乡长",
            "规划建设站",
            "年内改造管网6公里。",
            "完成管线勘测并招标。",
        ],
        ["2", "农村垃圾清运", "乡长", "环卫所", "清运覆盖全部行政村。", "每村配齐保洁员。"],
    ]
    records = normalize(raw_document(grid)).records
    assert [(r.category, r.measure, r.lead) for r in records] == [
        ("集镇雨污分流", "完成管线勘测并招标。", ["规划建设站"]),
        ("农村垃圾清运", "每村配齐保洁员。", ["环卫所"]),
    ]
    assert records[0].extra == {"分管领导": "副乡长", "年度目标任务": "年内改造管网6公里。"}


def test_a_goal_column_alone_is_still_the_task() -> None:
    grid = [
        ["序号", "年度目标任务", "责任单位"],
        ["1", "建成口袋公园三处。", "县园林中心"],
        ["2", "改造背街小巷十条。", "县住建局"],
    ]
    records = normalize(raw_document(grid)).records
    assert [r.measure for r in records] == ["建成口袋公园三处。", "改造背街小巷十条。"]
    assert all(not r.extra for r in records)


def test_how_far_a_project_has_got_is_progress_not_a_deadline() -> None:
    grid = [
        ["序号", "项目名称", "建设内容", "工程进度", "责任单位", "完成时限"],
        ["1", "城南水厂", "新建清水池一座，日供水1万吨。", "基础开挖", "县水务局", "10月底前"],
        ["2", "中医院迁建", "建设门诊楼一栋。", "主体封顶", "县卫健局", "年底前"],
    ]
    records = normalize(raw_document(grid)).records
    assert [r.deadline for r in records] == ["10月底前", "年底前"]
    assert [r.extra for r in records] == [{"工程进度": "基础开挖"}, {"工程进度": "主体封顶"}]


def test_a_towns_responsibility_line_in_paragraphs_is_support() -> None:
    document = listed(
        "2020年乡村振兴重点任务清单",
        "1.打造美丽庭院示范户200户。",
        "牵头部门：县妇联",
        "责任乡镇：各乡镇人民政府",
        "2.建设农产品冷链仓储点五处。",
        "牵头部门：县商务局",
        "责任乡镇：东坪镇、西岭乡",
    )
    got = [(r.measure, r.lead, r.support, r.extra) for r in document.records]
    assert got == [
        ("打造美丽庭院示范户200户。", ["县妇联"], ["各乡镇人民政府"], {}),
        ("建设农产品冷链仓储点五处。", ["县商务局"], ["东坪镇", "西岭乡"], {}),
    ]


def test_a_field_label_ending_in_its_unit_opens_its_own_line() -> None:
    # "1-9月完成产值（万元）：" is twelve characters long with its bracketed unit.
    document = listed(
        "2022年工业项目推进情况",
        "1.扩建纸箱生产线两条。",
        "年度计划产值（万元）：800",
        "1-9月完成产值（万元）：520",
        "责任单位：县工信局",
        "2.建设光伏屋顶一处。",
        "年度计划产值（万元）：300",
        "1-9月完成产值（万元）：90",
        "责任单位：县发改局",
    )
    assert [r.extra for r in document.records] == [
        {"年度计划产值（万元）": "800", "1-9月完成产值（万元）": "520"},
        {"年度计划产值（万元）": "300", "1-9月完成产值（万元）": "90"},
    ]


def names(cell: str) -> list[str]:
    return split_departments(cell, KNOWLEDGE.departments).names


def test_a_county_level_city_listed_with_counties_is_one_collective() -> None:
    assert names("盟财政局、各旗县市区人民政府") == ["盟财政局", "各旗县市区人民政府"]
    assert names("各县市区政府") == ["各县市区政府"]
    # 县 followed by 市场 is still a county's market regulator, not a list of levels.
    assert names("县市场监管局、县财政局") == ["县市场监管局", "县财政局"]


def test_a_level_list_with_a_bracket_before_its_government_is_one_collective() -> None:
    assert names("市住建局、各区、县（市）人民政府") == ["市住建局", "各区、县（市）人民政府"]
    assert names("各区、县（市、区）政府") == ["各区、县（市、区）政府"]
    # Two whole names stay two.
    assert names("各区政府、县（市）财政局") == ["各区政府", "县（市）财政局"]
