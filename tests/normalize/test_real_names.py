"""Unit names as real lists write them (issue 31): one hand-made case per rule.

The names are invented; the shapes are those of the real-shapes corpus.
"""

from __future__ import annotations

import pytest
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import DepartmentReader, split_departments

KNOWLEDGE = Knowledge.load().departments


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
