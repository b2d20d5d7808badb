"""Shapes the held-out real skeletons (corpus/real/skeletons 079-090) showed qingdan
misreading, each built here with invented words (docs/conventions.md)."""

from __future__ import annotations

from qingdan.normalize import normalize

from tests.normalize.grids import raw_document


def test_a_problems_only_list_with_a_short_type_column_takes_the_problem_as_the_task() -> None:
    # 问题分类 groups the problems in two or three words; the problem sentences are the
    # task when no other column holds task text, and the short column is the category.
    grid = [
        ["序号", "问题分类", "巡查发现问题", "牵头部门", "整改时限"],
        ["1", "安全生产", "两家企业消防通道被货物堵塞。", "县应急管理局", "2025年3月底前"],
        ["2", "安全生产", "部分加油站未按规定配备灭火器材。", "县应急管理局", "2025年4月底前"],
        ["3", "食品安全", "学校食堂留样记录不完整。", "县市场监管局", "2025年5月底前"],
    ]
    task_list = normalize(raw_document(grid))
    got = [(r.category, r.measure, r.lead) for r in task_list.records]
    assert got == [
        ("安全生产", "两家企业消防通道被货物堵塞。", ["县应急管理局"]),
        ("安全生产", "部分加油站未按规定配备灭火器材。", ["县应急管理局"]),
        ("食品安全", "学校食堂留样记录不完整。", ["县市场监管局"]),
    ]
    assert all("巡查发现问题" not in r.extra for r in task_list.records)


def test_a_problem_column_beside_sentence_task_text_stays_the_problem() -> None:
    # The task column has no measure label but holds sentences: it stays the task and
    # the problem is kept in extra.
    grid = [
        ["序号", "存在问题", "工作任务", "责任单位"],
        ["1", "河道沿岸垃圾堆放。", "组织沿河村组每周清理一次，建立巡查台账。", "县水利局"],
        ["2", "公厕保洁不到位。", "落实专人保洁，每日检查两次并记录。", "县城管局"],
    ]
    task_list = normalize(raw_document(grid))
    first = task_list.records[0]
    assert first.measure == "组织沿河村组每周清理一次，建立巡查台账。"
    assert first.extra == {"存在问题": "河道沿岸垃圾堆放。"}


def test_the_body_that_assesses_a_target_is_kept_not_made_the_lead() -> None:
    # A target table by place: the towns carry the targets, 考核部门 checks them.
    grid = [
        ["指标类别", "考核指标", "甲镇", "乙镇", "丙街道", "考核部门"],
        ["农业", "粮食播种面积（万亩）", "3.2", "2.8", "0.4", "县农业农村局"],
        ["农业", "高标准农田（万亩）", "0.6", "0.5", "—", "县农业农村局、县财政局"],
        ["投资", "项目到位资金（亿元）", "4", "3", "5", "县投资促进局\n及有关部门"],
    ]
    task_list = normalize(raw_document(grid))
    assert [(r.lead, r.support) for r in task_list.records] == [([], [])] * 3
    assert [r.extra["考核部门"] for r in task_list.records] == [
        "县农业农村局",
        "县农业农村局、县财政局",
        "县投资促进局及有关部门",
    ]
    assert [r.measure for r in task_list.records] == [
        "粮食播种面积（万亩）",
        "高标准农田（万亩）",
        "项目到位资金（亿元）",
    ]
