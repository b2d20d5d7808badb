"""Unit names as real lists write them (issue 31): one hand-made case per rule.

The names are invented; the shapes are those of the real-shapes corpus.
"""

from __future__ import annotations

from datetime import date

import pytest
from qingdan.normalize import normalize
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import DepartmentReader, split_departments

from tests.normalize.grids import raw_document

BUILT_IN = Knowledge.load()
KNOWLEDGE = BUILT_IN.departments


def names(cell: str) -> list[str]:
    return split_departments(cell, KNOWLEDGE).names


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a national body's branch continues its name: 分行, 分公司 are no new names
        ("省财政厅、人民银行临江分行", ["省财政厅", "人民银行临江分行"]),
        ("人民银行临江\n分行", ["人民银行临江分行"]),
        ("中国移动青溪分公司", ["中国移动青溪分公司"]),
        # a coordinating body's members, wrapped inside its name: one name
        ("县农民增收工作联席会\n议成员单位", ["县农民增收工作联席会议成员单位"]),
        ("区就业工作联席会议", ["区就业工作联席会议"]),
        ("县防指有关成员单位", ["县防指有关成员单位"]),
        ("市委编办、市食安委相关成员单位", ["市委编办", "市食安委相关成员单位"]),
        # counties and cities: one collective
        ("州林草局、各县市政府", ["州林草局", "各县市政府"]),
        ("各县市人民政府", ["各县市人民政府"]),
        # a government's own organ is one name with it; two governments glued are two
        ("区委编办、区政府国资委", ["区委编办", "区政府国资委"]),
        ("县人民政府金融办", ["县人民政府金融办"]),
        ("县政府县财政局", ["县政府", "县财政局"]),
        ("区农商行", ["区农商行"]),
        # a conjunction between a name and a collective separates them
        ("区发改委和区直各单位", ["区发改委", "区直各单位"]),
        ("区财政局、\n和区直各有关部门", ["区财政局", "区直各有关部门"]),
        ("和平区财政局", ["和平区财政局"]),
        ("区公安局和平分局", ["区公安局和平分局"]),
        # 城市, 城镇 are no place and its level
        ("区城市管理执法局", ["区城市管理执法局"]),
        ("县城镇\n供水服务中心", ["县城镇供水服务中心"]),
    ],
)
def test_real_unit_names_are_read_whole(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_a_level_and_the_banks_short_form_lose_the_trailing_etc() -> None:
    cell = split_departments("县税务局、县人行等", KNOWLEDGE)
    assert cell.names == ["县税务局", "县人行"]
    assert [note.note for note in cell.notes] == ["等"]


def test_etc_before_a_collective_closes_the_list() -> None:
    cell = split_departments("县财政局、县审计局等县有关部门和各乡镇人民政府", KNOWLEDGE)
    assert cell.names == ["县财政局", "县审计局", "各乡镇人民政府"]
    assert [note.note for note in cell.notes] == ["等县有关部门"]


def test_a_collective_after_a_name_without_etc_stays_a_name() -> None:
    assert names("县财政局、县有关部门") == ["县财政局", "县有关部门"]


def test_a_place_written_whole_teaches_its_stem() -> None:
    # 石湾市 written alone elsewhere would cut 石湾市 | 人民政府 unless 石湾 is a place
    cells = ["区发改委、青川市、石湾市、林口市人民政府", "区医保局、青川市、石湾市人民政府配合"]
    reader = DepartmentReader.for_document(KNOWLEDGE, "某某工作计划", cells)
    assert reader.split("区医保局、青川市、石湾市人民政府").names == [
        "区医保局",
        "青川市",
        "石湾市人民政府",
    ]


# --- Note sentences, officials, printed names ----------------------------------------


def test_a_note_sentence_with_commas_after_the_names_is_one_note() -> None:
    cell = split_departments(
        "县发改局、县工信局，各乡镇（街道）。未另列出的，以下事项均由各乡镇（街道）承办，不再列出",
        KNOWLEDGE,
    )
    assert cell.names == ["县发改局", "县工信局", "各乡镇（街道）"]
    assert [note.note for note in cell.notes] == [
        "未另列出的，以下事项均由各乡镇（街道）承办，不再列出"
    ]


def test_a_second_sentence_of_names_stays_names() -> None:
    assert names("县财政局。县审计局") == ["县财政局", "县审计局"]


def test_officials_given_a_role_are_kept_in_extra_not_in_lead() -> None:
    document = normalize(
        raw_document(
            [
                ["序号", "工作任务", "责任单位"],
                [
                    "1",
                    "推进甲事项。",
                    "分管副区长、区政府办副主任负责，区商务局牵头，区财政局等按职责分工负责",
                ],
            ]
        )
    )
    record = document.records[0]
    assert (record.lead, record.support) == (["区商务局"], ["区财政局"])
    assert record.extra == {"负责领导": "分管副区长、区政府办副主任"}


def test_justified_text_in_extra_still_loses_its_blanks() -> None:
    document = normalize(
        raw_document(
            [
                ["序号", "工作任务", "牵头单位", "备注"],
                ["1", "推进甲事项。", "区商务局", "按 季 度 报 送"],
            ]
        )
    )
    assert document.records[0].extra == {"备注": "按季度报送"}


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("年内持续推进", "ongoing", None),
        ("2022年内持续推进", "ongoing", None),
        ("年内完成", "date", date(2022, 12, 31)),
        ("全年持续开展", "ongoing", None),
        ("6月内持续推进", "date", date(2022, 6, 30)),
        ("立行立改", None, None),
        ("立行立改，长期坚持", "ongoing", None),
    ],
)
def test_the_year_as_a_whole_with_ongoing_words_is_ongoing(
    text: str, kind: str | None, due: date | None
) -> None:
    found = parse_deadline(text, 2022, BUILT_IN.deadlines)
    assert (found.kind, found.due) == (kind, due)


def test_a_stray_closing_bracket_on_its_own_line_is_no_name() -> None:
    cell = split_departments("区科技局、区住建局\n）", KNOWLEDGE)
    assert cell.names == ["区科技局", "区住建局"]
    assert [note.note for note in cell.notes] == ["）"]
