"""Cell text: wrapped lines joined without touching the words."""

from __future__ import annotations

from qingdan.normalize.text import clean_line, join_wrapped_lines, squeeze


def test_cjk_lines_join_with_nothing_between() -> None:
    assert join_wrapped_lines("土壤污染\n状况详查") == "土壤污染状况详查"


def test_latin_words_keep_one_space_and_numbers_cut_by_a_wrap_rejoin() -> None:
    assert join_wrapped_lines("reduce total\namount") == "reduce total amount"


def test_a_wrap_inside_a_latin_word_of_chinese_prose_adds_no_space() -> None:
    """Found by the generated corpus (seed 17): "VOC" / "s" in a narrow column."""
    assert join_wrapped_lines("推进挥发性有机物VOC\ns排放总量削减20%") == (
        "推进挥发性有机物VOCs排放总量削减20%"
    )
    assert join_wrapped_lines("削减20\n19年") == "削减2019年"
    assert join_wrapped_lines("PM2.5\n浓度") == "PM2.5浓度"


def test_spaces_between_cjk_characters_are_layout() -> None:
    assert join_wrapped_lines("牵 头 单 位") == "牵头单位"
    assert join_wrapped_lines("控制 PM2.5 浓度") == "控制 PM2.5 浓度"


def test_invisible_and_wide_spaces_are_cleaned_but_punctuation_stays() -> None:
    assert clean_line("\u3000区城管局\u00a0\u200b") == "区城管局"
    assert join_wrapped_lines("推进“垃圾围堰”整治工作。\r") == "推进“垃圾围堰”整治工作。"


def test_squeeze_removes_every_whitespace() -> None:
    assert squeeze(" 2019年\n12月 ") == "2019年12月"
