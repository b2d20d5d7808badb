"""Notes that change roles, role words and names as real lists write them (issue 31, item 4).

Each case is built here, in wordings other than the issue's and docs/conventions.md's.
"""

from __future__ import annotations

import pytest
from qingdan.extract.grid import Cell, Covered, ReaderTraits, cell_text
from qingdan.extract.txt import TEXT_DUMP
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.lead_notes import read_lead_note
from qingdan.normalize.responsibility import split_responsibility
from qingdan.normalize.units.departments import split_departments

from tests.normalize.grids import raw_document

BUILT_IN = Knowledge.load()
KNOWLEDGE = BUILT_IN.departments
FIRST_LEADS = BUILT_IN.responsibility.first_leads


def table(*rows: list[Cell], title: list[str] | None = None) -> TaskList:
    """The task list of one table with the header 序号 | 工作任务 | 责任单位."""
    return normalize(raw_document([["序号", "工作任务", "责任单位"], *rows], title=title))


def roles(document: TaskList) -> list[tuple[list[str], list[str]]]:
    return [(record.lead, record.support) for record in document.records]


# --- A note naming the leading position ----------------------------------------------


def test_a_note_with_xiatong_makes_the_first_name_lead_there_and_in_every_later_row() -> None:
    document = table(
        ["1", "推进甲事项。", "镇农办、镇财政所（排在首位的为牵头单位，下同）"],
        ["2", "推进乙事项。", "镇司法所、镇派出所、镇综治办"],
        ["3", "推进丙事项。", "镇卫生院"],
    )
    assert roles(document) == [
        (["镇农办"], ["镇财政所"]),
        (["镇司法所"], ["镇派出所", "镇综治办"]),
        (["镇卫生院"], []),
    ]
    notes = [w.message for w in document.warnings if w.code == "department-note"]
    assert notes == ["'（排在首位的为牵头单位，下同）' is a note, not a department name"]


def test_a_note_without_xiatong_holds_for_its_own_row_only() -> None:
    document = table(
        ["1", "推进甲事项。", "列第一位的为牵头单位。镇农办、镇财政所"],
        ["2", "推进乙事项。", "镇司法所、镇派出所"],
    )
    assert roles(document) == [(["镇农办"], ["镇财政所"]), (["镇司法所", "镇派出所"], [])]


def test_a_note_row_under_the_header_holds_for_the_whole_table() -> None:
    document = table(
        [
            "（责任单位中排第一位的为牵头单位）",
            "（责任单位中排第一位的为牵头单位）",
            "（责任单位中排第一位的为牵头单位）",
        ],
        ["1", "推进甲事项。", "镇农办、镇财政所"],
        ["2", "推进乙事项。", "镇司法所、镇派出所、镇综治办"],
    )
    assert roles(document) == [(["镇农办"], ["镇财政所"]), (["镇司法所"], ["镇派出所", "镇综治办"])]
    assert [r.section for r in document.records] == [None, None]
    assert any(w.code == "table-note" for w in document.warnings)


def test_a_cell_written_with_role_words_is_still_read_by_its_own_words() -> None:
    document = table(
        ["1", "推进甲事项。", "镇农办、镇财政所（列第一位的为牵头单位，下同）"],
        ["2", "推进乙事项。", "镇派出所配合，镇司法所牵头"],
    )
    assert roles(document)[1] == (["镇司法所"], ["镇派出所"])


@pytest.mark.parametrize(
    ("text", "rest", "forward"),
    [
        ("甲局、乙局（排第一位的为牵头部门）", "甲局、乙局", False),
        ("甲局、乙局〔居首位者牵头，以下同〕", "甲局、乙局", True),
        ("列第一位的为牵头单位，下同。甲局、乙局", "甲局、乙局", True),
    ],
)
def test_the_lead_note_is_taken_out_of_the_cell(text: str, rest: str, forward: bool) -> None:
    note = read_lead_note(text, FIRST_LEADS)
    assert note is not None
    assert (note.text, note.forward) == (rest, forward)


def test_a_cell_without_the_note_has_none() -> None:
    assert read_lead_note("甲局牵头，乙局配合", FIRST_LEADS) is None
    assert read_lead_note("第一季度前完成", FIRST_LEADS) is None


# --- Role words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("县林业局、县水利局等负责", ["县林业局", "县水利局"], []),
        ("县林业局牵头", ["县林业局"], []),
        ("各乡镇分别负责", ["各乡镇"], []),
        ("各街道分别落实", ["各街道"], []),
        (
            "县林业局牵头，县水利局、县农业农村局按职责分工负责",
            ["县林业局"],
            ["县水利局", "县农业农村局"],
        ),
        ("县林业局、县水利局按职责分工负责", ["县林业局", "县水利局"], []),
        (
            "牵头单位：县林业局；责任单位：县水利局、县自然资源局",
            ["县林业局"],
            ["县水利局", "县自然资源局"],
        ),
        ("牵头责任单位：县林业局；协同责任单位：县水利局", ["县林业局"], ["县水利局"]),
    ],
)
def test_role_words_are_not_part_of_names(text: str, lead: list[str], support: list[str]) -> None:
    found = split_responsibility(text, KNOWLEDGE, BUILT_IN.responsibility)
    assert (found.lead, found.support) == (lead, support)


def test_a_role_phrase_alone_names_nobody_and_is_warned_about() -> None:
    document = table(["1", "推进甲事项。", "按职责分工负责"])
    assert roles(document) == [([], [])]
    assert any("按职责分工负责" in w.message for w in document.warnings)


@pytest.mark.parametrize(
    "text", ["县卫健局。每季度末报送工作进展", "县卫健局，请于每月5日前报送进展"]
)
def test_a_note_sentence_in_a_unit_cell_is_no_name(text: str) -> None:
    found = split_departments(text, KNOWLEDGE)
    assert found.names == ["县卫健局"]
    assert [n.note for n in found.notes] == [text.split("，" if "，" in text else "。")[1]]


def test_a_note_sentence_in_a_unit_cell_reaches_the_warnings() -> None:
    document = table(["1", "推进甲事项。", "县卫健局；每月底前报送工作进展"])
    assert roles(document) == [(["县卫健局"], [])]
    assert any("每月底前报送工作进展" in w.message for w in document.warnings)


# --- Names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a name wrapped where neither part is a unit is mended
        ("生态环境部\n门", ["生态环境部门"]),
        ("经济\n技术开发区", ["经济技术开发区"]),
        # a shared suffix is not distributed
        ("丁县、戊县、己区卫生健康部门", ["丁县", "戊县", "己区卫生健康部门"]),
        # 〔〕 are brackets: never split inside
        ("各乡〔镇、街道〕人民政府", ["各乡〔镇、街道〕人民政府"]),
        # levels sharing one government are one name, as in brackets
        ("各市、县人民政府", ["各市、县人民政府"]),
        ("各县、区政府、县财政局", ["各县、区政府", "县财政局"]),
        # 及 between two whole names; 和 only before a collective; never inside a name
        ("县直各有关单位及各乡镇人民政府", ["县直各有关单位", "各乡镇人民政府"]),
        ("县财政局以及县审计局", ["县财政局", "县审计局"]),
        ("县教育局和各中小学校", ["县教育局", "各中小学校"]),
        ("县人力资源和社会保障局", ["县人力资源和社会保障局"]),
        # a unit cell's final 。 is no name
        ("县发改局、县统计局。", ["县发改局", "县统计局"]),
    ],
)
def test_names_as_lists_write_them(text: str, names: list[str]) -> None:
    assert split_departments(text, KNOWLEDGE).names == names


# --- A signature line under the table ----------------------------------------------------

_SIGNED_HEADER: list[Cell] = ["序号", "工作任务", "牵头单位", "完成时限"]
_SIGNED_TASKS: list[list[Cell]] = [
    ["1", "建成农村客运站两个。", "县交通局", "2024年9月底前"],
    ["2", "完成河道清淤十公里。", "县水利局", "2024年12月底前"],
]


@pytest.mark.parametrize(
    ("signature", "traits"),
    [
        # A dump prints the line under the table as a short row of one cell.
        (["制表：县政府办　审核：赵一"], TEXT_DUMP),
        # A Word table's last row merged across: the same text, covered to its right.
        (["填表人：钱二  复核人：孙三", *[Covered.LEFT] * 3], ReaderTraits()),
        # Labels printed in the table's own columns.
        (["", "报送单位：县发改局", "联系人：周四", "联系电话：0000-1234567"], TEXT_DUMP),
    ],
)
def test_a_signature_line_under_the_table_is_no_task(
    signature: list[Cell], traits: ReaderTraits
) -> None:
    grid = [_SIGNED_HEADER, *_SIGNED_TASKS, signature]
    document = normalize(raw_document(grid, traits=traits))
    assert [record.measure for record in document.records] == [
        "建成农村客运站两个。",
        "完成河道清淤十公里。",
    ]
    assert [record.section for record in document.records] == [None, None]
    notes = [w.message for w in document.warnings if w.code == "table-note"]
    printed = [text for cell in signature if (text := cell_text(cell))]
    assert len(notes) == 1 and all(text in notes[0] for text in printed)


def test_a_task_naming_its_contact_in_one_cell_is_still_a_task() -> None:
    grid = [_SIGNED_HEADER, ["1", "建成农村客运站两个。", "联系人：周四", "2024年9月底前"]]
    document = normalize(raw_document(grid, traits=TEXT_DUMP))
    assert [record.measure for record in document.records] == ["建成农村客运站两个。"]
