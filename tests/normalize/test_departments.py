"""Department cells -> names: one case per splitting rule, with cells as lists print them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qingdan.normalize.departments import (
    SEPARATORS,
    DepartmentKnowledge,
    DepartmentNote,
    split_departments,
)

KNOWLEDGE = DepartmentKnowledge.load()


def names(cell: str, knowledge: DepartmentKnowledge = KNOWLEDGE) -> list[str]:
    return split_departments(cell, knowledge).names


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("区发改委、区财政局", ["区发改委", "区财政局"]),
        ("区发改委，区财政局", ["区发改委", "区财政局"]),
        ("区发改委,区财政局", ["区发改委", "区财政局"]),
        ("区发改委；区财政局;区教育局", ["区发改委", "区财政局", "区教育局"]),
        ("区发改委／区财政局/区教育局", ["区发改委", "区财政局", "区教育局"]),
        ("区发改委、、区财政局、", ["区发改委", "区财政局"]),
    ],
)
def test_punctuation_separates_names(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_whitespace_and_line_breaks_separate_complete_names() -> None:
    assert names("区发改委 区科技局\n区住建局\u3000区卫生健康局") == [
        "区发改委",
        "区科技局",
        "区住建局",
        "区卫生健康局",
    ]


def test_seed_wrap_is_joined() -> None:
    # samples/000: the lead column wraps 生态环境新城分局 after 生态环境.
    assert names("生态环境\n\n新城分局") == ["生态环境新城分局"]


def test_a_fragment_joins_the_name_before_it() -> None:
    assert names("区卫生健康委\n员会\n区财政局") == ["区卫生健康委员会", "区财政局"]


def test_seed_glued_names_are_cut() -> None:
    # samples/000 record 11: a space, then two names with nothing between them.
    assert names("区发改委 区住建局区财政局\n生态环境新城分局") == [
        "区发改委",
        "区住建局",
        "区财政局",
        "生态环境新城分局",
    ]


def test_a_name_ending_in_a_name_start_is_cut_from_the_next() -> None:
    # 曲江新区 ends with 区, which also starts 区城管局: the cut goes between the two 区.
    assert names("曲江新区区城管局") == ["曲江新区", "区城管局"]
    assert names("高新区区市场监管局区住建局") == ["高新区", "区市场监管局", "区住建局"]


@pytest.mark.parametrize("cell", ["区市场监管局", "高新区市场监管局", "新城区市场监管局"])
def test_a_word_that_only_looks_like_a_start_is_not_cut(cell: str) -> None:
    assert names(cell) == [cell]


def test_known_names_are_never_cut_inside() -> None:
    assert names("区委宣传部区委组织部") == ["区委宣传部", "区委组织部"]
    assert names("区委区政府") == ["区委", "区政府"]


@pytest.mark.parametrize("cell", ["各街道办事处", "各有关单位", "区属各国有企业"])
def test_collective_terms_stay_one_name(cell: str) -> None:
    assert names(cell) == [cell]
    assert names(f"区财政局{cell}") == ["区财政局", cell]


def test_brackets_are_kept_with_the_name() -> None:
    assert names("各镇（街道）") == ["各镇（街道）"]
    assert names("各镇（街道、园区）、区财政局") == ["各镇（街道、园区）", "区财政局"]
    assert names("区委办（区政府办）区财政局") == ["区委办（区政府办）", "区财政局"]


def test_a_name_wrapped_inside_brackets_is_joined() -> None:
    assert names("各镇（街\n道）\n区财政局") == ["各镇（街道）", "区财政局"]
    assert names("区人防办（区民\n防局）") == ["区人防办（区民防局）"]


def test_trailing_etc_is_removed_and_kept_as_a_note() -> None:
    cell = split_departments("区发改委、区财政局等", KNOWLEDGE)
    assert cell.names == ["区发改委", "区财政局"]
    assert cell.notes == [DepartmentNote("区财政局等", "等")]
    wrapped = split_departments("区财政局\n等部门", KNOWLEDGE)
    assert wrapped.names == ["区财政局"]
    assert wrapped.notes == [DepartmentNote("区财政局等部门", "等部门")]


def test_bracketed_notes_are_removed_and_kept() -> None:
    cell = split_departments("区城管局（牵头）\n区住建局（按职责分工负责）区财政局", KNOWLEDGE)
    assert cell.names == ["区城管局", "区住建局", "区财政局"]
    assert [n.note for n in cell.notes] == ["（牵头）", "（按职责分工负责）"]
    assert cell.notes[0].written == "区城管局（牵头）"


def test_a_note_on_its_own_line_belongs_to_the_name_above() -> None:
    cell = split_departments("区城管局\n（牵头）", KNOWLEDGE)
    assert cell.names == ["区城管局"]
    assert cell.notes == [DepartmentNote("区城管局（牵头）", "（牵头）")]


def test_an_unknown_name_is_kept_as_written() -> None:
    assert names("区发改委、某某物资储备库") == ["区发改委", "某某物资储备库"]
    assert not KNOWLEDGE.is_complete("某某物资储备库")


def test_empty_cells_have_no_names() -> None:
    assert split_departments(None, KNOWLEDGE).names == []
    assert split_departments(" \n ", KNOWLEDGE).names == []


def test_a_user_known_name_fixes_a_wrong_split(tmp_path: Path) -> None:
    # Without the user's name, 区发改委 is cut off the front of a joint office.
    assert names("区发改委区财政局联合办公室") == ["区发改委", "区财政局联合办公室"]
    user = tmp_path / "departments.yaml"
    user.write_text("known:\n  - 区发改委区财政局联合办公室\n", encoding="utf-8")
    knowledge = DepartmentKnowledge.load(user)
    assert names("区发改委区财政局联合办公室", knowledge) == ["区发改委区财政局联合办公室"]


def test_a_user_suffix_completes_a_name(tmp_path: Path) -> None:
    user = tmp_path / "departments.toml"
    user.write_text('suffixes = ["储备库"]\n', encoding="utf-8")
    knowledge = DepartmentKnowledge.load(user)
    assert not KNOWLEDGE.is_complete("某某物资储备库")
    assert knowledge.is_complete("某某物资储备库")
    assert names("区城管局 某某物资储备库", knowledge) == ["区城管局", "某某物资储备库"]


# Characters of real cells: name parts, suffixes, starts, brackets, notes, separators.
_CELL_ALPHABET = "区市县各发改委住建局财政城管生态环境新分街道办事处镇高开（）()等牵头、，;/ \n"


@given(st.text(alphabet=_CELL_ALPHABET, max_size=40))
def test_splitting_never_invents_or_loses_characters(cell: str) -> None:
    """Chinese text is data: names and notes together hold every character written.

    Separators and whitespace are left out of the comparison: they go between names
    and stay only inside brackets (各镇（街道、园区）).
    """
    split = split_departments(cell, KNOWLEDGE)
    kept = "".join(split.names) + "".join(n.note for n in split.notes)
    assert _text_characters(kept) == _text_characters(cell)
    assert all(name.strip() == name and name for name in split.names)


def _text_characters(text: str) -> Counter[str]:
    return Counter(c for c in text if c not in SEPARATORS and not c.isspace())
