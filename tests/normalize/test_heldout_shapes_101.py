"""Shapes the third held-out batch of real skeletons (corpus/real/skeletons 101-110)
showed qingdan misreading, each built here with invented words (docs/conventions.md)."""

from __future__ import annotations

from qingdan.extract.grid import Covered, Extracted, RawDocument
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.paragraphs.lines import split_inline

from tests.normalize.grids import raw_document


def listed(*lines: str) -> TaskList:
    """The task list normalized from a document whose only content is ``lines``."""
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted(tables=[], text_before=list(lines)))
    return normalize(raw)


def test_a_committee_led_work_plan_is_a_task_table() -> None:
    # A 人大 or 政协 plan: its committees lead, other committees and departments help.
    grid = [
        ["序号", "主要工作任务", "牵头领导", "牵头委室", "协作委室", "责任人", "拟定时限"],
        [
            "1",
            "视察农村饮水安全工程。",
            "副主任",
            "农业委",
            "城建委、县水务局",
            "农业委主任",
            "5月",
        ],
        ["2", "听取优化营商环境专项报告。", "主任", "财经委", "法制委", "财经委主任", "全年"],
    ]
    records = normalize(raw_document(grid)).records
    got = [(r.measure, r.lead, r.support, r.deadline) for r in records]
    assert got == [
        ("视察农村饮水安全工程。", ["农业委"], ["城建委", "县水务局"], "5月"),
        ("听取优化营商环境专项报告。", ["财经委"], ["法制委"], "全年"),
    ]
    assert records[0].extra == {"牵头领导": "副主任", "责任人": "农业委主任"}


def test_money_and_share_sub_labels_make_a_two_row_header() -> None:
    # 年度计划 over 投资 | 进度; 实际完成 over 完成投资 | % : the sub-labels are the labels.
    left = Covered.LEFT
    up = Covered.ABOVE
    grid = [
        ["序号", "项目名称", "建设内容", "年度计划", left, "实际完成", left, "责任单位"],
        [up, up, up, "投资", "形象进度", "完成投资", "%", up],
        ["1", "城西污水泵站", "新建提升泵站一座。", "900", "建成", "450", "50", "县水务局"],
        ["2", "老年食堂", "改造社区老年食堂12处。", "300", "投用", "300", "100", "县民政局"],
    ]
    records = normalize(raw_document(grid)).records
    assert [(r.category, r.measure, r.lead) for r in records] == [
        ("城西污水泵站", "新建提升泵站一座。", ["县水务局"]),
        ("老年食堂", "改造社区老年食堂12处。", ["县民政局"]),
    ]
    assert records[0].extra == {"投资": "900", "形象进度": "建成", "完成投资": "450", "%": "50"}


def test_items_run_inline_are_cut_at_each_number_counting_up() -> None:
    assert split_inline("今年办好以下实事：（1）新建公园一处。（2）改造菜场两个。") == [
        "今年办好以下实事：",
        "（1）新建公园一处。",
        "（2）改造菜场两个。",
    ]
    assert split_inline("（一）修订规划。（二）评估绩效。") == [
        "（一）修订规划。",
        "（二）评估绩效。",
    ]


def test_an_items_own_parts_and_broken_runs_stay_whole() -> None:
    for text in (
        "3.完善巡查制度：（1）每周巡查。（2）每月通报。",  # an item's parts
        "（一）修订规划。（三）评估绩效。",  # the numbers skip
        "（1）新建公园；（2）改造菜场。",  # not one sentence each
        "全年完成（1）项改革。",  # a number in a sentence
    ):
        assert split_inline(text) == [text]


def test_a_roleless_list_of_inline_numbered_items_gives_one_task_each() -> None:
    document = listed(
        "镇政府2021年为群众办理的实事",
        "会议确定，今年继续加大民生投入。具体是：（1）新修村道8公里。（2）建成日间照料中心2个。",
    )
    assert [(r.no, r.measure, r.lead) for r in document.records] == [
        ("（1）", "新修村道8公里。", []),
        ("（2）", "建成日间照料中心2个。", []),
    ]


def test_a_work_plan_with_inline_items_under_each_heading() -> None:
    document = listed(
        "2022年街道工作要点",
        "一、提升城市管理",
        "（一）整治背街小巷10条。（二）新增停车泊位300个。",
        "二、改善民生服务",
        "（一）开设老年助餐点4个。",
    )
    assert [(r.section, r.no, r.measure) for r in document.records] == [
        ("一、提升城市管理", "（一）", "整治背街小巷10条。"),
        ("一、提升城市管理", "（二）", "新增停车泊位300个。"),
        ("二、改善民生服务", "（一）", "开设老年助餐点4个。"),
    ]


def test_a_work_plans_headings_over_paragraphs_are_categories() -> None:
    # "（一）……" names the theme and ends no sentence; the paragraph under it is the task.
    document = listed(
        "2019年档案工作要点",
        "一、夯实基础工作",
        "（一）推进档案数字化",
        "完成馆藏档案扫描20万页，建立检索目录。",
        "（二）加强库房管理",
        "更新库房温湿度监测设备，落实每日巡查。",
    )
    got = [(r.category, r.no, r.measure) for r in document.records]
    assert got == [
        ("推进档案数字化", None, "完成馆藏档案扫描20万页，建立检索目录。"),
        ("加强库房管理", None, "更新库房温湿度监测设备，落实每日巡查。"),
    ]


def test_lines_after_an_items_bracket_note_are_its_text_again() -> None:
    # The note closed with its bracket; "●" lines below give the item's own figures.
    document = listed(
        "2015年镇政府工作目标任务分解",
        "一、抓好农业生产。",
        "1、稳定粮食播种面积。（牵头单位：农办；责任单位：各村）",
        "●全年粮食播种3万亩。",
        "●新建高标准农田5000亩。",
        "2、发展林下经济。（责任单位：林业站）",
    )
    got = [(r.measure, r.lead, r.support) for r in document.records]
    assert got == [
        ("稳定粮食播种面积。●全年粮食播种3万亩。●新建高标准农田5000亩。", ["农办"], ["各村"]),
        ("发展林下经济。", ["林业站"], []),
    ]


def test_a_wrapped_role_line_still_continues_its_names() -> None:
    document = listed(
        "2015年重点任务清单",
        "1.改造老旧管网12公里。",
        "牵头单位：县住建局",
        "配合单位：县财政局、",
        "县自然资源局",
    )
    assert [(r.lead, r.support) for r in document.records] == [
        (["县住建局"], ["县财政局", "县自然资源局"])
    ]


def test_an_item_line_that_only_names_a_project_is_its_category() -> None:
    # 项目名称 / 建设内容 printed as lines: the name, then what is built, then the unit.
    document = listed(
        "2021年县级民生实事项目清单",
        "一、教育类",
        "1.第三幼儿园新建工程",
        "新建12个班的幼儿园一所，秋季开园。",
        "责任单位：县教体局、县城投公司",
        "2.校园食堂提升工程",
        "改造中小学食堂8个。",
        "责任单位：县教体局",
    )
    got = [(r.no, r.category, r.measure, r.lead) for r in document.records]
    assert got == [
        (
            "1",
            "第三幼儿园新建工程",
            "新建12个班的幼儿园一所，秋季开园。",
            ["县教体局", "县城投公司"],
        ),
        ("2", "校园食堂提升工程", "改造中小学食堂8个。", ["县教体局"]),
    ]


def test_an_item_whose_first_line_is_a_sentence_keeps_both_lines_as_its_measure() -> None:
    document = listed(
        "2021年重点任务清单",
        "1.新建污水处理厂一座。",
        "配套建设管网5公里。",
        "责任单位：县水务局",
    )
    assert [(r.category, r.measure) for r in document.records] == [
        (None, "新建污水处理厂一座。配套建设管网5公里。")
    ]
