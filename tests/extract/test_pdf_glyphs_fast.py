"""The quick paths of the exact-text rule give what the plain rule gives (issue 16)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.extract.pdf.glyphs import (
    _CJK,
    _OTHER,
    _WORD,
    DUPLICATE_TOLERANCE,
    WORD_GAP,
    Glyph,
    GlyphIndex,
    _bands,
    _kind,
    _left_to_right,
    _stray_space,
    block_text,
    line_text,
    printed_lines,
)

_TEXTS = st.sampled_from(["新", "城", "区", "2", "0", "A", "b", " ", "，", "(cid:12)", "⼯"])
_COORDINATE = st.sampled_from([0.0, 0.5, 3.0, 10.0, 10.5, 12.25, 21.0, 40.0])


@st.composite
def _glyphs(draw: st.DrawFn) -> list[Glyph]:
    glyphs = []
    for _ in range(draw(st.integers(0, 14))):
        x0, top = draw(_COORDINATE), draw(_COORDINATE)
        width, height = draw(st.sampled_from([0.0, 2.0, 5.25, 10.5])), draw(_COORDINATE)
        size = draw(st.sampled_from([0.5, 10.5, 12.0]))
        glyphs.append(Glyph(draw(_TEXTS), x0, top, x0 + width, top + height, size, "SimSun"))
    return glyphs


def needs_space(left: Glyph, right: Glyph, usual_gap: float = 0.0) -> bool:
    """The plain spacing rule, asked for every pair: whether a space stands between
    two adjacent glyphs that are not spaces themselves.

    Between two Latin/digit words set apart (more than ``WORD_GAP`` em); between two
    Chinese characters set apart by more than ``WORD_GAP`` em beyond the line's usual
    gap between them (``usual_gap``: letter spacing and justification widen every gap
    alike; a space the PDF positions without a glyph widens one). Never between a
    Chinese character and a Latin letter or digit: that gap is Word's and LibreOffice's
    autospace, layout only.
    """
    kind = _kind(left.text[-1])
    if kind == _OTHER or kind != _kind(right.text[0]):
        return False
    gap = right.x0 - left.x1
    em = max(left.size, right.size, 1.0)
    if kind == _WORD:
        return gap > WORD_GAP * em
    return gap - usual_gap > WORD_GAP * em


def _usual_cjk_gap(line: Sequence[Glyph]) -> float:
    """The median gap between adjacent Chinese characters on a line (0 if none)."""
    gaps = sorted(
        right.x0 - left.x1
        for left, right in pairwise(line)
        if _kind(left.text[-1]) == _CJK and _kind(right.text[0]) == _CJK
    )
    return gaps[len(gaps) // 2] if gaps else 0.0


def _plain_line_text(line: list[Glyph]) -> str:
    """``line_text`` as first written: ``needs_space`` asked for every pair."""
    line = [g for g in line if not (g.text.isspace() and _stray_space(g, line))]
    usual = _usual_cjk_gap(line)
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in line:
        if glyph.text.isspace():
            parts.append(" ")
            previous = None
            continue
        if previous is not None and needs_space(previous, glyph, usual):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return "".join(parts).strip()


@settings(max_examples=300, deadline=None)
@given(_glyphs())
def test_line_text_is_the_pairwise_rule(glyphs: list[Glyph]) -> None:
    line = sorted(glyphs, key=lambda g: g.x0)
    assert line_text(line) == _plain_line_text(line)


@settings(max_examples=300, deadline=None)
@given(_glyphs())
def test_bands_read_glyphs_by_height_then_left_to_right_then_as_given(
    glyphs: list[Glyph],
) -> None:
    order = [
        g
        for _, _, _, g in sorted(((g.top + g.bottom) / 2, g.x0, i, g) for i, g in enumerate(glyphs))
    ]
    assert [g for band in _bands(glyphs) for g in band] == order
    for upper, lower in pairwise(_bands(glyphs)):
        assert (upper[0].top + upper[0].bottom) / 2 <= (lower[0].top + lower[0].bottom) / 2


@settings(max_examples=300, deadline=None)
@given(_glyphs(), _COORDINATE, _COORDINATE, _COORDINATE, _COORDINATE)
def test_inside_finds_the_glyphs_centred_in_the_box_and_reads_their_text(
    glyphs: list[Glyph], left: float, top: float, width: float, height: float
) -> None:
    box = (left, top, left + width, top + height)
    by_height = sorted(glyphs, key=lambda g: g.middle)
    expected = [
        g
        for g in by_height
        if box[1] <= g.middle <= box[3] and box[0] <= (g.x0 + g.x1) / 2 <= box[2]
    ]
    index = GlyphIndex(glyphs)
    assert sorted(index.inside(box)) == sorted(expected)
    assert sorted(index.all()) == sorted(glyphs)
    # In the index, glyphs of one height are kept left to right, so a cell's text is
    # read without sorting; it is the text of its glyphs taken in page order.
    assert index.text_inside(box) == block_text(expected)
    assert index.all() == sorted(by_height, key=lambda g: (g.middle, g.x0))
    upper, lower = box[1], box[3]
    assert index.lines_between(upper, lower) == printed_lines(index.between(upper, lower))
    assert index.lines_between(upper, lower) == printed_lines(
        [g for g in by_height if upper <= g.middle <= lower]
    )


@settings(max_examples=300, deadline=None)
@given(_glyphs())
def test_left_to_right_drops_a_glyph_repeating_one_of_the_last_three_kept(
    glyphs: list[Glyph],
) -> None:
    kept: list[Glyph] = []
    for glyph in sorted(glyphs, key=lambda g: g.x0):
        if not any(
            other.text == glyph.text
            and abs(other.x0 - glyph.x0) <= DUPLICATE_TOLERANCE
            and abs(other.top - glyph.top) <= DUPLICATE_TOLERANCE
            for other in kept[-3:]
        ):
            kept.append(glyph)
    assert _left_to_right(glyphs) == kept
