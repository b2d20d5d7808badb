"""Columns real tables hold that are neither tasks nor units (issue 31, item 3).

Each case is a shape published lists print (progress tables, indicator tables, lists
grouped by a short name, inspection lists by place), built here with invented words,
and the records a careful analyst reads from it (docs/conventions.md, "Columns that are
not tasks, and notes that change roles").
"""

from __future__ import annotations

from typing import Any

import pytest
from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import Covered
from qingdan.normalize import normalize
from qingdan.normalize.cell_kinds import is_attribute, is_person, is_place, is_quantity, is_rate
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.model import TaskList

from tests.normalize.grids import raw_document

CELLS = Knowledge.load().cells


def _records(task_list: TaskList, *fields: str) -> list[dict[str, Any]]:
    return [{name: getattr(record, name) for name in fields} for record in task_list.records]


def _roles(task_list: TaskList) -> list[str]:
    return [column.role for column in task_list.columns]


def _column_warnings(task_list: TaskList) -> list[str]:
    return [w.message for w in task_list.warnings if w.code == "column-roles"]


def test_a_progress_table_keeps_targets_progress_and_rates_out_of_the_task() -> None:
    # 项目名称 names the task; 年度任务数 holds quantities, 截至9月进展 progress,
    # 完成比例 a share: none of them is the category or the measure.
    grid = [
        ["项目名称", "责任单位", "年度任务数", "截至9月进展", "完成比例", "备注"],
        ["城镇老旧小区改造", "县住建局", "各30个", "已开工24个", "80%", ""],
        ["农村公路提档升级", "县交通运输局", "120公里", "完成96公里", "80%", "跨年度"],
        ["新增城镇就业", "县人社局", "2800人", "2100人", "75%", ""],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["measure", "responsible", "target", "progress", "rate", "note"]
    assert _records(task_list, "category", "measure", "lead", "extra")[1] == {
        "category": None,
        "measure": "农村公路提档升级",
        "lead": ["县交通运输局"],
        "extra": {
            "年度任务数": "120公里",
            "截至9月进展": "完成96公里",
            "完成比例": "80%",
            "备注": "跨年度",
        },
    }


def test_a_target_column_of_quantities_is_no_category() -> None:
    # 目标任务 is a category label; its cells are quantities, so it is a target.
    grid = [
        ["序号", "目标任务", "工作措施", "牵头单位"],
        ["1", "各40个", "在每个街道建设社区嵌入式养老服务站点，配齐护理人员。", "区民政局"],
        ["2", "1500人", "组织高校毕业生开展见习，落实见习补贴。", "区人社局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "target", "measure", "responsible"]
    first = task_list.records[0]
    assert (first.category, first.extra) == (None, {"目标任务": "各40个"})
    assert any("目标任务" in message for message in _column_warnings(task_list))


def test_an_outcome_column_is_not_the_measure() -> None:
    # Two long text columns: 主要工作 says what is done, 预期成果 what comes of it.
    grid = [
        ["序号", "主要工作", "预期成果", "责任单位", "完成时间"],
        [
            "1",
            "建立企业诉求快速响应机制，明确办理时限和回访要求。",
            "企业诉求平均办理时间缩短到5个工作日以内，满意度明显提升。",
            "县营商环境办",
            "2024年6月",
        ],
        [
            "2",
            "推行工程建设项目审批告知承诺制，压减审批环节。",
            "一般社会投资项目审批用时压减到30个工作日以内，企业获得感增强。",
            "县行政审批局",
            "2024年9月",
        ],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "measure", "outcome", "responsible", "deadline"]
    first = task_list.records[0]
    assert first.measure == "建立企业诉求快速响应机制，明确办理时限和回访要求。"
    assert first.extra == {"预期成果": "企业诉求平均办理时间缩短到5个工作日以内，满意度明显提升。"}


def test_an_indicator_table_with_unknown_unit_words_is_found_by_its_content() -> None:
    # No label of this header names a unit or a task in words the vocabulary knows
    # as a header: 考核项目 is unknown, 主办处局 is unknown, 预期性/约束性 are attributes.
    grid = [
        ["序号", "考核项目", "性质类别", "年度数值", "主办处局", "截止日期", "附记"],
        ["1", "单位地区生产总值能耗降低", "约束性", "3%左右", "县发展改革局", "2025年底前", ""],
        ["2", "城镇调查失业率", "预期性", "5.5%以内", "县人社局", "2025年底前", ""],
        ["3", "森林覆盖率", "约束性", "62%", "县林业局、县自然资源局", "2025年底前", "含新造林"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == [
        "no",
        "measure",
        "attribute",
        "target",
        "responsible",
        "deadline",
        "other",
    ]
    assert _records(task_list, "no", "measure", "lead", "support", "deadline", "extra")[2] == {
        "no": "3",
        "measure": "森林覆盖率",
        "lead": ["县林业局", "县自然资源局"],
        "support": [],
        "deadline": "2025年底前",
        "extra": {"性质类别": "约束性", "年度数值": "62%", "附记": "含新造林"},
    }
    warnings = _column_warnings(task_list)
    assert any("read as a task table from its content" in message for message in warnings)


def test_a_table_without_task_text_and_units_is_still_no_task_table() -> None:
    grid = [
        ["甲项", "乙项", "丙项"],
        ["12", "30", "45"],
        ["8", "16", "20"],
    ]
    with pytest.raises(NoTableFound, match="no table with a task-list header"):
        normalize(raw_document(grid))


def test_the_labelled_indicator_header_gives_its_records() -> None:
    grid = [
        ["序号", "指标名称", "指标属性", "目标值", "牵头负责司局", "完成时限", "备注"],
        ["1", "新增城镇就业人数", "预期性", "1100万人以上", "就业促进司", "2024年底", ""],
        ["2", "单位国内生产总值能耗降低", "约束性", "2.5%左右", "环资司", "2024年底", ""],
    ]
    task_list = normalize(raw_document(grid))
    assert _records(task_list, "measure", "lead", "deadline", "extra")[0] == {
        "measure": "新增城镇就业人数",
        "lead": ["就业促进司"],
        "deadline": "2024年底",
        "extra": {"指标属性": "预期性", "目标值": "1100万人以上"},
    }


def test_a_short_grouping_column_is_the_category() -> None:
    # 板块名称 is no known label and its cells are two characters; it groups the rows
    # (merged down, printed once) and task text stands right of it.
    grid: list[list[Any]] = [
        ["序号", "板块名称", "重点工作任务", "主要责任单位"],
        ["1", "稳岗", "落实援企稳岗政策，阶段性降低失业保险费率。", "县人社局"],
        ["2", "", "开展重点群体就业帮扶专项行动。", "县人社局、县教育局"],
        ["3", "招商", "围绕主导产业开展产业链招商，全年签约项目20个。", "县商务局"],
        ["4", "", "建立重大项目专班推进机制。", "县发展改革局"],
        ["5", "出口", "支持企业参加境外展会，拓展新兴市场。", "县商务局"],
        ["6", "", "培育跨境电商主体，建设公共海外仓。", "县商务局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list)[:3] == ["no", "category", "measure"]
    assert [record.category for record in task_list.records] == [
        "稳岗",
        "稳岗",
        "招商",
        "招商",
        "出口",
        "出口",
    ]


def test_a_named_short_column_over_task_text_is_the_category() -> None:
    grid = [
        ["序号", "名称", "工作任务", "主要责任单位"],
        ["1", "就业", "落实援企稳岗政策，阶段性降低失业保险费率。", "县人社局"],
        ["2", "投资", "围绕主导产业开展产业链招商，全年签约项目20个。", "县商务局"],
        ["3", "外贸", "支持企业参加境外展会，拓展新兴市场。", "县商务局"],
    ]
    task_list = normalize(raw_document(grid))
    assert [record.category for record in task_list.records] == ["就业", "投资", "外贸"]


def test_a_column_of_places_is_not_the_lead() -> None:
    # 检查部位 is no known label; its cells are a hospital, a bus station and a market,
    # which the unit reader would take as units.
    grid = [
        ["序号", "检查部位", "存在问题", "整改责任单位", "整改时限"],
        ["1", "县人民医院", "消防通道被占用", "县卫健局、县消防救援大队", "2024年3月底前"],
        ["2", "城北汽车站", "安检设备未正常使用", "县交通运输局", "2024年3月底前"],
        ["3", "东关农贸市场", "活禽销售区未隔离", "县市场监管局", "2024年4月底前"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "place", "measure", "responsible", "deadline"]
    assert _records(task_list, "lead", "support", "extra")[0] == {
        "lead": ["县卫健局", "县消防救援大队"],
        "support": [],
        "extra": {"检查部位": "县人民医院"},
    }


def test_officials_are_never_units() -> None:
    grid = [
        ["序号", "重点工作", "牵头省领导", "牵头单位", "完成时限"],
        ["1", "推进城市更新行动，完成老旧小区改造200个。", "张明", "省住建厅", "2024年底"],
        ["2", "实施高标准农田建设，新建80万亩。", "李华", "省农业农村厅", "2024年底"],
    ]
    task_list = normalize(raw_document(grid))
    first = task_list.records[0]
    assert (first.lead, first.extra) == (["省住建厅"], {"牵头省领导": "张明"})


def test_an_unknown_label_over_personal_names_is_a_column_of_people() -> None:
    grid = [
        ["序号", "工作任务", "包抓人员", "责任单位"],
        ["1", "推进城市更新行动，完成老旧小区改造200个。", "王立新", "县住建局"],
        ["2", "实施高标准农田建设，新建8万亩。", "赵刚", "县农业农村局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "measure", "people", "responsible"]
    assert task_list.records[1].lead == ["县农业农村局"]


def test_a_target_column_of_sentences_is_the_measure_when_nothing_else_is() -> None:
    grid = [
        ["序号", "预期目标", "责任单位"],
        ["1", "城乡居民人均可支配收入增长6%左右", "县统计局"],
        ["2", "粮食总产量稳定在50万吨以上", "县农业农村局"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "measure", "responsible"]
    assert task_list.records[0].measure == "城乡居民人均可支配收入增长6%左右"


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("各50个", True),
        ("3200人", True),
        ("5.5%左右", True),
        ("不少于3个、2家", True),
        ("新增2万户以上", True),
        ("地区生产总值增长5.5%左右", False),
        ("新建5G基站1000个", False),
        ("2024年底", False),
        ("6月底前", False),
    ],
)
def test_a_quantity_is_a_number_with_few_words(text: str, quantity: bool) -> None:
    assert is_quantity(text, CELLS) is quantity


def test_the_other_cell_kinds() -> None:
    assert is_rate("100%", CELLS) and is_rate("≥90%", CELLS) and not is_rate("增长8%", CELLS)
    assert is_attribute("约束性", CELLS) and not is_attribute("就业", CELLS)
    assert is_place("县第一中学、城南客运站", CELLS) and not is_place("县教育局", CELLS)
    assert (
        is_person("常务副县长", CELLS) and is_person("王副区长", CELLS) and is_person("刘洋", CELLS)
    )
    assert (
        not is_person("张集镇", CELLS)
        and not is_person("县财政局", CELLS)
        and not is_person("就业", CELLS)
    )


def test_an_indicator_table_by_area_keeps_units_and_areas_in_extra() -> None:
    # 序号 | 指标名称 | 单位 | one column per area: no unit column at all; 单位 holds units
    # of measure, the area columns quantities.
    grid = [
        ["序号", "指标名称", "单位", "甲县", "乙县", "丙区"],
        ["1", "规模以上工业增加值", "增幅（%）", "6左右", "6.5以上", "7"],
        ["2", "实际使用外资", "亿美元", "1.2", "0.8以上", "与上年持平"],
        ["3", "城镇新增就业", "万人", "1.5", "1.2", "2"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "measure", "attribute", "target", "target", "target"]
    assert _records(task_list, "measure", "lead", "extra")[1] == {
        "measure": "实际使用外资",
        "lead": [],
        "extra": {"单位": "亿美元", "甲县": "1.2", "乙县": "0.8以上", "丙区": "与上年持平"},
    }


def test_a_progress_table_without_units_is_found_by_its_labels_heads() -> None:
    # No label is one the vocabulary lists whole; 本季度推进情况 ends like a progress label,
    # and 清单编号 (numbers) is no second 序号.
    grid = [
        ["序号", "清单编号", "报告确定的任务", "本季度推进情况"],
        ["1", "17", "推进老旧厂区改造，盘活闲置低效用地。", "完成3处厂区改造方案编制。"],
        ["2", "42", "建设社区养老服务综合体，完善助餐服务网络。", "新建社区食堂4个。"],
    ]
    task_list = normalize(raw_document(grid))
    assert _roles(task_list) == ["no", "other", "measure", "progress"]
    assert _records(task_list, "no", "measure", "extra")[0] == {
        "no": "1",
        "measure": "推进老旧厂区改造，盘活闲置低效用地。",
        "extra": {"清单编号": "17", "本季度推进情况": "完成3处厂区改造方案编制。"},
    }


def test_a_source_column_of_document_numbers_is_no_deadline() -> None:
    grid = [
        ["序号", "重点工作", "牵头责任单位", "协同责任单位", "任务来源"],
        [
            "1",
            "推动制造业数字化转型，新增智能工厂5家。",
            "县经信局",
            "县科技局",
            "县政府〔2023〕7号",
        ],
        ["2", "落实减税降费政策，优化办税服务。", "县税务局", "县财政局", "县政府工作报告"],
    ]
    task_list = normalize(raw_document(grid))
    first = task_list.records[0]
    assert (first.deadline, first.extra) == (None, {"任务来源": "县政府〔2023〕7号"})


def test_quarterly_milestones_under_one_group_label_are_kept_in_extra() -> None:
    grid: list[list[Any]] = [
        ["序号", "重点项目", "目标任务", "阶段目标", Covered.LEFT, "责任部门"],
        [Covered.ABOVE, Covered.ABOVE, Covered.ABOVE, "第一季度", "第二季度", Covered.ABOVE],
        [
            "1",
            "智慧停车",
            "新增公共停车泊位2000个，建成停车诱导平台。",
            "完成选址",
            "开工建设",
            "区交通委",
        ],
        [
            "2",
            "口袋公园",
            "建成口袋公园6个，方便群众就近休闲。",
            "完成设计",
            "完成招标",
            "区绿化市容局",
        ],
    ]
    task_list = normalize(raw_document(grid))
    first = task_list.records[0]
    assert (first.category, first.measure, first.lead) == (
        "智慧停车",
        "新增公共停车泊位2000个，建成停车诱导平台。",
        ["区交通委"],
    )
    assert first.extra == {"第一季度": "完成选址", "第二季度": "开工建设"}
