"""Department cells -> names: one case per splitting rule and per shape of issue 13.

The shapes of issue 13 are tested with names other than the issue's examples.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.normalize.knowledge import Knowledge, KnowledgeFileError
from qingdan.normalize.units.departments import (
    SEPARATORS,
    DepartmentKnowledge,
    DepartmentNote,
    DepartmentReader,
    split_departments,
)

KNOWLEDGE = Knowledge.load().departments


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


def test_a_wrapped_stem_and_place_branch_is_joined() -> None:
    # samples/000 wraps its 生态环境<place>分局 after 生态环境: the model builds it
    # from an organ's stem, a place and a branch suffix (here the place is invented).
    assert names("生态环境\n\n石桥分局") == ["生态环境石桥分局"]


def test_a_fragment_joins_the_name_before_it() -> None:
    assert names("区卫生健康委\n员会\n区财政局") == ["区卫生健康委员会", "区财政局"]


def test_seed_glued_names_are_cut() -> None:
    # samples/000 record 11: a space, then two names with nothing between them.
    assert names("区发改委 区住建局区财政局\n生态环境柳溪分局") == [
        "区发改委",
        "区住建局",
        "区财政局",
        "生态环境柳溪分局",
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
    knowledge = Knowledge.load(departments=user).departments
    assert names("区发改委区财政局联合办公室", knowledge) == ["区发改委区财政局联合办公室"]


def test_a_user_suffix_completes_a_name(tmp_path: Path) -> None:
    user = tmp_path / "departments.toml"
    user.write_text('suffixes = ["储备库"]\n', encoding="utf-8")
    knowledge = Knowledge.load(departments=user).departments
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


# ---- the shapes of issue 13, with other names ---------------------------------------


@pytest.mark.parametrize(
    ("cell", "name"),
    [("市公安局\n金湾分局", "市公安局金湾分局"),
     ("市生态环境局\n南岸分局", "市生态环境局南岸分局"),
     ("市自然资源局\n城东分局", "市自然资源局城东分局"),
     ("县公安局\n槐坪派出所", "县公安局槐坪派出所")],
)  # fmt: skip
def test_a_branch_on_the_line_after_its_parent_is_one_name(cell: str, name: str) -> None:
    assert names(cell) == [name]
    assert names(f"{cell}\n县财政局") == [name, "县财政局"]


@pytest.mark.parametrize(
    ("cell", "name"),
    [("各乡\n镇卫生院", "各乡镇卫生院"), ("各乡\n镇（街道）党委", "各乡镇（街道）党委"),
     ("各乡\n镇政府", "各乡镇政府"), ("各街\n道办事处", "各街道办事处")],
)  # fmt: skip
def test_a_collective_wrapped_after_a_suffix_character_is_one_name(cell: str, name: str) -> None:
    assert names(cell) == [name]


@pytest.mark.parametrize(
    "name",
    ["县森林防火指挥部各成员单位", "市安委会成员单位", "区乡村振兴领导小组成员单位",
     "县直各相关单位", "全市项目建设各专班", "市政府各有关部门", "各相关单位"],
)  # fmt: skip
def test_collective_and_member_names_stay_whole(name: str) -> None:
    assert names(name) == [name]
    assert names(f"县财政局{name}") == ["县财政局", name]
    assert names(f"{name}\n县财政局") == [name, "县财政局"]


@pytest.mark.parametrize(
    "name",
    ["各县（市、区）人民政府(管委会)", "各乡（镇、街道）", "各街道（镇）", "各镇(街道、园区)"],
)
def test_a_bracket_holding_part_of_the_name_or_a_list_is_never_dropped(name: str) -> None:
    assert names(name) == [name]
    assert names(f"{name}、县财政局") == [name, "县财政局"]
    assert names(f"县财政局，{name}") == ["县财政局", name]


@pytest.mark.parametrize(
    ("cell", "name"),
    [("金沙高新技术产业开发\n区", "金沙高新技术产业开发区"),
     ("市政府\n各有关部门", "市政府各有关部门"),
     ("县人力资源和社会保\n障局", "县人力资源和社会保障局")],
)  # fmt: skip
def test_a_pdf_wrap_inside_a_name_is_joined(cell: str, name: str) -> None:
    assert names(cell) == [name]


@pytest.mark.parametrize(
    "phrase", ["按职责负责", "同上", "各部门按职责分工负责", "以下各项均由各街道落实"]
)
def test_phrases_that_are_no_unit_are_notes_never_names(phrase: str) -> None:
    alone = split_departments(phrase, KNOWLEDGE)
    assert alone.names == []
    assert alone.notes == [DepartmentNote(phrase, phrase)]
    listed = split_departments(f"县水利局、{phrase}", KNOWLEDGE)
    assert listed.names == ["县水利局"]
    assert [n.note for n in listed.notes] == [phrase]


def test_glued_names_are_cut_even_three_of_them() -> None:
    assert names("县教体局县人社局县医保局") == ["县教体局", "县人社局", "县医保局"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A street office after an unknown place: 街道 ends the place although 街道办 is
        # a false start, because an organ (办事处) follows the level (places invented).
        ("石湾街道办事处", ["石湾街道办事处"]),
        ("柳塘乡人民政府石湾街道办事处", ["柳塘乡人民政府", "石湾街道办事处"]),
        ("柳塘乡人民政府\n石湾街道办事处", ["柳塘乡人民政府", "石湾街道办事处"]),
        ("县民政局石湾街道办事处", ["县民政局", "石湾街道办事处"]),
        # ... while a unit's own office and branch stay one name.
        ("县政府驻京办事处", ["县政府驻京办事处"]),
        ("县公安局石湾派出所", ["县公安局石湾派出所"]),
        ("市场监管局", ["市场监管局"]),
    ],
)
def test_a_street_office_is_a_unit_of_its_own(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


@pytest.mark.parametrize("ending", ["等", "等部门", "等有关单位"])
def test_a_trailing_etc_after_a_list_is_a_note(ending: str) -> None:
    cell = split_departments(f"县发改局、县财政局{ending}", KNOWLEDGE)
    assert cell.names == ["县发改局", "县财政局"]
    assert cell.notes == [DepartmentNote(f"县财政局{ending}", ending)]


def test_an_unplaceable_piece_is_kept_as_written_and_listed_unknown() -> None:
    cell = split_departments("县水利局、某某物资储备库", KNOWLEDGE)
    assert cell.names == ["县水利局", "某某物资储备库"]
    assert cell.unknown == ["某某物资储备库"]


def test_a_reader_caches_each_distinct_cell() -> None:
    knowledge = DepartmentKnowledge(KNOWLEDGE.model)
    reader = DepartmentReader(knowledge)
    assert reader.split("县财政局") == reader.split("县财政局")
    assert len(reader._cells) == 1  # segmented once


def test_readers_of_the_knowledge_itself_share_what_they_found() -> None:
    knowledge = DepartmentKnowledge(KNOWLEDGE.model)
    DepartmentReader(knowledge).split("县财政局、县教育局")
    assert "县财政局、县教育局" in DepartmentReader(knowledge)._cells
    # A document's reader has its own evidence: it finds for itself.
    document = DepartmentReader.for_document(knowledge, "桐溪县工作任务清单", ["县财政局"])
    assert "县财政局、县教育局" not in document._cells


def test_a_user_file_may_extend_every_key_of_the_model(tmp_path: Path) -> None:
    user = tmp_path / "departments.toml"
    user.write_text(
        'places = ["会泽"]\nbranch_suffixes = ["监测站"]\n[organs]\n"数据资源局" = ["数据局"]\n',
        encoding="utf-8",
    )
    knowledge = Knowledge.load(departments=user).departments
    assert names("市公安局\n会泽分局") == ["市公安局", "会泽分局"]
    assert names("市公安局\n会泽分局", knowledge) == ["市公安局会泽分局"]
    assert names("市生态环境局\n会泽监测站", knowledge) == ["市生态环境局会泽监测站"]
    assert names("县数据局县财政局", knowledge) == ["县数据局", "县财政局"]


def test_a_user_file_with_an_unknown_key_is_one_clear_error(tmp_path: Path) -> None:
    user = tmp_path / "departments.yaml"
    user.write_text("sufixes:\n  - 专班\n", encoding="utf-8")
    with pytest.raises(
        KnowledgeFileError, match=r"sufixes: not a key of a departments file; did you mean suffixes"
    ):
        Knowledge.load(departments=user)


# Shapes seen in published lists (normalize/data/README.md), on invented places.
PUBLISHED: list[tuple[str, list[str]]] = [
    ("市发展改革委、市财政局，各县（市、区）人民政府",
     ["市发展改革委", "市财政局", "各县（市、区）人民政府"]),
    ("团县委、县妇联、县科协", ["团县委", "县妇联", "县科协"]),
    ("县纪委监委\n县委网信办", ["县纪委监委", "县委网信办"]),
    ("各镇（街道）、县直有关单位", ["各镇（街道）", "县直有关单位"]),
    ("县应急管理局（县安委办）", ["县应急管理局（县安委办）"]),
    ("人行金沙县支行", ["人行金沙县支行"]),
    ("国网金沙县供电公司", ["国网金沙县供电公司"]),
    ("县公安局交警大队", ["县公安局交警大队"]),
    ("市公安局金沙分局交警大队", ["市公安局金沙分局交警大队"]),
    ("中国移动金沙分公司", ["中国移动金沙分公司"]),
    ("各乡镇（街道）党（工）委", ["各乡镇（街道）党（工）委"]),
    ("县委政法委、县法院、县检察院", ["县委政法委", "县法院", "县检察院"]),
    ("县融媒体中心\n县医保局", ["县融媒体中心", "县医保局"]),
    ("县文化广电和旅游局", ["县文化广电和旅游局"]),
    ("县政府有关部门、直属机构", ["县政府有关部门", "直属机构"]),
    ("市行政审批制度改革工作领导小组办公室", ["市行政审批制度改革工作领导小组办公室"]),
    ("县防汛抗旱指挥部办公室\n县水利局", ["县防汛抗旱指挥部办公室", "县水利局"]),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "expected"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_published_shapes(cell: str, expected: list[str]) -> None:
    found = split_departments(cell, KNOWLEDGE)
    assert (found.names, found.notes, found.unknown) == (expected, [], [])


def test_role_words_in_a_department_cell_are_notes_after_whole_names() -> None:
    found = split_departments("县教育局牵头，各乡镇配合", KNOWLEDGE)
    assert found.names == ["县教育局", "各乡镇"]
    assert [n.note for n in found.notes] == ["牵头", "配合"]


def test_the_readers_cache_cannot_be_changed_by_a_caller() -> None:
    from qingdan.normalize.units.departments import DepartmentReader

    reader = DepartmentReader(Knowledge.load().departments)
    reader.split("县财政局、县民政局").names.append("县审计局")
    assert reader.split("县财政局、县民政局").names == ["县财政局", "县民政局"]


def test_a_lead_mark_cell_repeated_in_rows_gives_each_row_its_own_names() -> None:
    from qingdan.normalize import normalize

    from tests.normalize.grids import raw_document

    grid: list[list[str]] = [
        ["工作措施", "责任单位", "完成时限"],
        ["措施一。", "▲县财政局、县民政局", "年底前"],
        ["措施二。", "▲县财政局、县民政局", "年底前"],
    ]
    records = normalize(raw_document(grid)).records
    assert [(r.lead, r.support) for r in records] == [(["县财政局"], ["县民政局"])] * 2


@pytest.mark.parametrize("label", ["牵头单位", "主要责任单位", "配合部门"])
def test_a_role_label_in_a_unit_cell_is_a_note(label: str) -> None:
    found = split_departments(f"{label}：县教育局、县财政局", KNOWLEDGE)
    assert found.names == ["县教育局", "县财政局"]
    assert found.notes == [DepartmentNote(label, label)]


# Shapes the corpus (tests/corpus) found: an opener's branch, a short-form owner's
# members, a place ending in 州 before a branch, a unit inside its parent wrapped.
CORPUS_SHAPES: list[tuple[str, list[str]]] = [
    ("人民银行槐坪县支行", ["人民银行槐坪县支行"]),
    ("县防指各成员单位", ["县防指各成员单位"]),
    ("区防指\n各成员单位", ["区防指各成员单位"]),
    ("县公安局\n槐州派出所", ["县公安局槐州派出所"]),
    ("区市场监管局\n松州分局", ["区市场监管局松州分局"]),
    ("区公安局\n交警大队", ["区公安局交警大队"]),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "expected"), CORPUS_SHAPES, ids=[c[0] for c in CORPUS_SHAPES])
def test_corpus_shapes(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected
