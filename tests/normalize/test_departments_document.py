"""Evidence from the whole document, and properties of the best cut (issue 13).

A reader first sees the document's title and every department cell: the title's
place makes ``<place>分局`` a branch, and a name written whole anywhere confirms the
join of its wrapped parts elsewhere. Property tests: joining names and splitting
them again gives the names back, and wrapping a cell differently never changes its
names.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import DepartmentReader
from qingdan.normalize.units.places import places_in_title

from tests.normalize.unit_names import SEPARATORS, names_for, title

KNOWLEDGE = Knowledge.load().departments


def test_the_title_names_the_places_of_the_document() -> None:
    model = KNOWLEDGE.model
    assert places_in_title("会泽县2023年重点工作任务清单", model) == {"会泽"}
    assert places_in_title("金岭市槐坪区2024年民生实事任务分解表", model) == {"金岭", "槐坪"}
    assert places_in_title("浦阳新区优化营商环境工作任务清单", model) == {"浦阳"}
    assert places_in_title("2024年全县重点工作任务清单", model) == set()
    assert places_in_title(None, model) == set()


def test_the_place_in_the_title_makes_its_branch_a_name() -> None:
    # 会 ends organ words (总工会), so 会泽 cannot be guessed as a place: the title says it.
    cell = "市公安局\n会泽分局"
    assert DepartmentReader(KNOWLEDGE).split(cell).names == ["市公安局", "会泽分局"]
    reader = DepartmentReader.for_document(KNOWLEDGE, "会泽县2023年重点工作任务清单", [cell])
    assert reader.split(cell).names == ["市公安局会泽分局"]
    assert reader.is_complete("会泽分局")


def test_a_name_written_whole_elsewhere_confirms_where_names_end() -> None:
    cell = "应急物资储备库\n防汛抗旱物资仓库"
    # Two names the model cannot place: alone, the lines read as one wrapped name.
    assert DepartmentReader(KNOWLEDGE).split(cell).names == ["应急物资储备库防汛抗旱物资仓库"]
    cells = ["县水务局、应急物资储备库", "防汛抗旱物资仓库", cell, "应急物资\n储备库"]
    reader = DepartmentReader.for_document(KNOWLEDGE, None, cells)
    assert reader.split(cell).names == ["应急物资储备库", "防汛抗旱物资仓库"]
    assert reader.split("应急物资\n储备库").names == ["应急物资储备库"]


def test_a_name_written_whole_teaches_its_branch_place() -> None:
    cells = ["市资源规划局会泽分局", "规划\n会泽分局"]
    reader = DepartmentReader.for_document(KNOWLEDGE, None, cells)
    assert "会泽" in reader.model.places
    assert reader.split("规划\n会泽分局").names == ["规划会泽分局"]


def test_the_same_cell_wrapped_differently_in_two_rows_gives_the_same_names() -> None:
    rows = [
        "市生态环境局\n石桥分局\n县财政局",
        "市生态环境局石\n桥分局县财\n政局",
        "市生态\n环境局石桥分局\n县财政局",
    ]
    reader = DepartmentReader.for_document(KNOWLEDGE, "石桥县2024年工作任务清单", rows)
    assert {tuple(reader.split(row).names) for row in rows} == {
        ("市生态环境局石桥分局", "县财政局")
    }


# ---- properties -----------------------------------------------------------------

PLACE, TOWN = "松泉", "槐坪"
READER = DepartmentReader.for_document(KNOWLEDGE, title(PLACE), [])
NAMES = [drawn.name for drawn in names_for(PLACE, TOWN)]


@st.composite
def listed(draw: st.DrawFn) -> tuple[list[str], str]:
    """Names drawn from the model and one cell listing them with drawn separators."""
    chosen = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    separators = draw(
        st.lists(st.sampled_from(["", *SEPARATORS]), min_size=len(chosen), max_size=len(chosen))
    )
    for index, name in enumerate(chosen[1:]):
        # X政府 + 各相关单位, X开发区 + Y镇党委 written together are one name each.
        together = name.startswith("各") or chosen[index].endswith("开发区")
        if together and separators[index] in ("", " ", "\n"):
            separators[index] = "、"
    cell = "".join(name + sep for name, sep in zip(chosen, separators, strict=True))
    return chosen, cell


@settings(max_examples=300, derandomize=True, deadline=None)
@given(listed())
def test_joining_then_splitting_gives_the_names_back(drawn: tuple[list[str], str]) -> None:
    chosen, cell = drawn
    assert READER.split(cell).names == chosen


@settings(max_examples=300, derandomize=True, deadline=None)
@given(listed(), st.data())
def test_wrapping_a_cell_differently_never_changes_its_names(
    drawn: tuple[list[str], str], data: st.DataObject
) -> None:
    chosen, cell = drawn
    unwrapped = cell.replace("\n", "、").replace(" ", "、")
    wraps = data.draw(st.sets(st.integers(1, max(1, len(unwrapped) - 1)), max_size=3))
    wrapped = "".join(("\n" if i in wraps else "") + char for i, char in enumerate(unwrapped))
    assert READER.split(wrapped).names == READER.split(unwrapped).names == chosen


def test_a_title_place_ending_in_a_level_keeps_its_last_character() -> None:
    # 槐州市: the place is 槐州 (州 ends place names), not 槐 + 州 + 市.
    assert places_in_title("槐州市2026年重点工作任务清单", KNOWLEDGE.model) == {"槐州"}
