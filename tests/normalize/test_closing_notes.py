"""Closing notes after numbered items (normalize/paragraphs/closing_notes.py), and an
item whose text opens with a figure (normalize/paragraphs/numbering.py)."""

from __future__ import annotations

from typing import Any

import pytest
from qingdan.extract.grid import PRINTED_PAGE, Extracted, RawDocument
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.paragraphs.numbering import Level, Numbered, numbering

HEAD = ("某县2024年度重点目标责任书",)


def listed(*lines: str, printed: bool = False) -> TaskList:
    """The task list of a document whose only content is ``lines`` (``printed``: as a
    PDF gives them, lines that may be wrapped)."""
    traits = PRINTED_PAGE if printed else Extracted([]).traits
    content = Extracted(tables=[], text_before=list(lines), traits=traits)
    return normalize(RawDocument("list.txt", "txt", "0" * 64, content))


def roles(document: TaskList) -> list[tuple[Any, ...]]:
    return [(r.no, r.measure, r.lead, r.support) for r in document.records]


def codes(document: TaskList) -> list[str]:
    return [str(w.code) for w in document.warnings]


def test_a_note_after_the_items_names_the_units_of_the_items_it_counts_back() -> None:
    document = listed(
        *HEAD,
        "一、经济指标",
        "1.农业总产值增长4%；",
        "2.新增市场主体600户；",
        "3.外贸进出口额达到12亿元；",
        "3项指标的责任单位均为县统计局。",
        "4.新建农村公路30公里；",
        "该指标牵头单位为县交通运输局，配合单位为县财政局、县自然资源局。",
        "5.城镇新增就业2000人；",
        "6.培训农村劳动力1500人次；",
        "以上各项任务均由县人社局牵头，县农业农村局配合。",
    )
    assert roles(document) == [
        ("1", "农业总产值增长4%；", ["县统计局"], []),
        ("2", "新增市场主体600户；", ["县统计局"], []),
        ("3", "外贸进出口额达到12亿元；", ["县统计局"], []),
        ("4", "新建农村公路30公里；", ["县交通运输局"], ["县财政局", "县自然资源局"]),
        ("5", "城镇新增就业2000人；", ["县人社局"], ["县农业农村局"]),
        ("6", "培训农村劳动力1500人次；", ["县人社局"], ["县农业农村局"]),
    ]
    assert "closing-note" not in codes(document)


def test_a_count_in_chinese_numerals_and_a_note_for_one_item() -> None:
    document = listed(
        *HEAD,
        "1.完成植树造林1.5万亩；",
        "此项任务责任单位为县林业局。",
        "2.建成污水处理站3座；",
        "3.改造农村厕所800户；",
        "上述两项工作的责任单位为县住建局。",
    )
    assert [(r.no, r.lead) for r in document.records] == [
        ("1", ["县林业局"]),
        ("2", ["县住建局"]),
        ("3", ["县住建局"]),
    ]


def test_a_note_whose_items_cannot_be_told_is_warned_and_gives_no_names() -> None:
    document = listed(
        *HEAD,
        "1.建成标准化菜市场2个；",
        "2.新增停车泊位500个；",
        "其中部分目标的责任单位为县商务局。",
    )
    assert roles(document) == [
        ("1", "建成标准化菜市场2个；", [], []),
        ("2", "新增停车泊位500个；", [], []),
    ]
    [warning] = [w for w in document.warnings if w.code == "closing-note"]
    assert "其中部分目标的责任单位为县商务局。" in warning.message


def test_a_line_under_an_item_naming_no_unit_after_a_label_is_its_text() -> None:
    document = listed(
        *HEAD,
        "1.落实安全生产责任制。",
        "牵头单位：县应急局",
        "2.开展隐患排查治理。",
        "各责任单位是落实主体，要压实责任。",
        "牵头单位：县应急局",
    )
    assert [(r.measure, r.lead) for r in document.records] == [
        ("落实安全生产责任制。", ["县应急局"]),
        ("开展隐患排查治理。各责任单位是落实主体，要压实责任。", ["县应急局"]),
    ]


def test_a_label_naming_the_unit_under_an_item_is_its_role_line() -> None:
    document = listed(*HEAD, "1.开展河道清淤。", "责任单位为县水利局。")
    assert [(r.measure, r.lead) for r in document.records] == [("开展河道清淤。", ["县水利局"])]


def test_a_role_line_whose_name_opens_with_a_copula_stays_a_role_line() -> None:
    document = listed(*HEAD, "1.建成便民服务站。", "牵头单位：为民服务中心")
    assert [(r.measure, r.lead) for r in document.records] == [
        ("建成便民服务站。", ["为民服务中心"])
    ]


def test_a_note_counting_more_items_than_stand_above_it_covers_them_all_with_a_warning() -> None:
    document = listed(*HEAD, "1.新增高新技术企业5家；", "2项目标的责任单位均为县科技局。")
    assert [(r.no, r.lead) for r in document.records] == [("1", ["县科技局"])]
    assert "closing-note" in codes(document)


def test_a_closing_note_is_not_joined_to_a_printed_line_above_it() -> None:
    wide = "1.全面完成老旧小区改造任务，力争新增城市绿地面积达到一百二十公顷以"
    document = listed(
        *HEAD,
        wide,
        "上；",
        "2.新增公共停车位一千二百个，完成主干道路面改造提升工程不少于八条；",
        "2项目标的责任单位均为县城管局。",
        printed=True,
    )
    assert [(r.no, r.lead) for r in document.records] == [("1", ["县城管局"]), ("2", ["县城管局"])]
    assert document.records[0].measure == wide[2:] + "上；"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3.12家企业完成技术改造。", Numbered(Level.ITEM, "3", 2)),
        ("2、5个乡镇通过验收。", Numbered(Level.ITEM, "2", 2)),
        ("4．20%的村完成改厕。", Numbered(Level.ITEM, "4", 2)),
        ("2.1加强组织领导", None),
        ("1.5年内完成", None),
    ],
)
def test_a_number_followed_by_a_figure_and_its_unit_is_an_item_numbering(
    line: str, expected: Numbered | None
) -> None:
    assert numbering(line, Knowledge.resolve(None).cells) == expected


def test_an_item_opening_with_a_figure_keeps_the_figure_in_its_measure() -> None:
    document = listed(
        *HEAD,
        "1.完善河长制工作机制。",
        "牵头单位：县水利局",
        "2.6条县级河道完成清淤。",
        "牵头单位：县水利局",
    )
    assert [(r.no, r.measure) for r in document.records] == [
        ("1", "完善河长制工作机制。"),
        ("2", "6条县级河道完成清淤。"),
    ]
