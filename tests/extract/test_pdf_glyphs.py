"""The exact-text rule on hand-placed glyphs (issue 15): spaces, lines, fake bold."""

from __future__ import annotations

from qingdan.extract.pdf.glyphs import Glyph, GlyphIndex, block_text, printed_lines

SIZE = 10.5


def _run(
    text: str,
    x: float = 50.0,
    top: float = 100.0,
    gaps: dict[int, float] | None = None,
    size: float = SIZE,
    font: str = "SimSun",
) -> list[Glyph]:
    """Glyphs for ``text`` set left to right; ``gaps`` adds space before character i."""
    glyphs = []
    for i, char in enumerate(text):
        x += (gaps or {}).get(i, 0.0)
        width = size if ord(char) > 0x2E80 else size / 2
        glyphs.append(Glyph(char, x, top, x + width, top + size, size, font))
        x += width
    return glyphs


def test_no_space_between_chinese_and_digits_however_wide_the_gap() -> None:
    """Word's autospace prints a gap around digits: ``2020 年`` must read ``2020年``."""
    glyphs = _run("新城区2020年工作任务清单", gaps={3: 5.0, 7: 5.0}, size=22)
    assert block_text(glyphs) == "新城区2020年工作任务清单"


def test_no_space_around_numbers_with_units_in_a_measure() -> None:
    glyphs = _run("完成老旧管网改造45公里，投资1.2亿元", gaps={8: 3.5, 10: 3.5, 15: 3.5, 18: 3.5})
    assert block_text(glyphs) == "完成老旧管网改造45公里，投资1.2亿元"


def test_a_space_glyph_is_kept() -> None:
    assert block_text(_run("PM2.5 浓度")) == "PM2.5 浓度"


def test_latin_words_set_apart_without_a_space_glyph_get_one() -> None:
    glyphs = _run("GDPgrowth", gaps={3: 3.0})
    assert block_text(glyphs) == "GDP growth"
    assert block_text(_run("GDP", gaps={1: 0.3})) == "GDP"  # kerning is no word break


def test_lines_are_read_top_down_left_to_right_and_joined_with_newlines() -> None:
    second = _run("第二行", top=113.0)
    first = _run("第一行", top=100.0)
    assert block_text([*reversed(second), *reversed(first)]) == "第一行\n第二行"


def test_a_digit_in_another_font_stays_on_its_line() -> None:
    """Digits from a Latin font have a shorter box than the Chinese glyphs around them."""
    digit = Glyph("3", 61, 101.5, 66, 109.5, SIZE, "Times")
    line = [*_run("共", x=50), digit, *_run("项", x=66)]
    assert block_text(line) == "共3项"


def test_fake_bold_duplicates_count_once_and_mark_the_line_bold() -> None:
    glyphs = _run("任务清单", size=16) + _run("任务清单", x=50.25, size=16)
    assert block_text(glyphs) == "任务清单"
    (line,) = printed_lines(glyphs)
    assert (line.text, line.bold, line.size) == ("任务清单", True, 16)
    assert not printed_lines(_run("任务清单"))[0].bold


def test_a_bold_font_name_marks_the_line_bold() -> None:
    assert printed_lines(_run("工作任务清单", font="ABCDEF+SimHei-Bold"))[0].bold


def test_the_index_finds_the_glyphs_inside_a_box() -> None:
    glyphs = _run("甲乙", top=100) + _run("丙丁", top=200)
    index = GlyphIndex(glyphs)
    assert block_text(index.inside((40, 90, 200, 120))) == "甲乙"
    assert block_text(index.inside((40, 190, 61, 220))) == "丙"
    assert len(index.between(0, 1000)) == 4


def test_a_space_positioned_without_a_glyph_between_two_names_is_kept() -> None:
    """LibreOffice prints the space of ``市交通局 柏宁街道办事处`` as a gap, no glyph."""
    assert block_text(_run("市交通局柏宁街道办事处", gaps={4: 3.8}, size=12)) == (
        "市交通局 柏宁街道办事处"
    )


def test_even_letter_spacing_between_chinese_characters_is_no_space() -> None:
    glyphs = _run("牵头部门", gaps={1: 6.0, 2: 6.0, 3: 6.0})
    assert block_text(glyphs) == "牵头部门"


def test_a_space_glyph_printed_over_another_glyph_is_no_space() -> None:
    line = _run("区市场监管局")
    stray = Glyph(" ", line[2].x0, line[2].top, line[2].x0 + 3.8, line[2].bottom, SIZE)
    assert block_text([*line, stray]) == "区市场监管局"
