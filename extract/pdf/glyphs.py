"""Text exactly as printed, built from a PDF page's glyphs (issue 15).

A PDF holds glyphs with boxes, not words. How the text of a cell or a title line is put
back together decides whether a PDF reads like the DOCX it was exported from. The
rules, and nothing else:

* glyphs on one line are those whose vertical centres fall within the line's band;
  lines are read top down, glyphs left to right (the order they are printed in);
* a glyph printed twice a hair apart (fake bold) counts once;
* a space is kept where the PDF has a space glyph (unless it is printed over another
  glyph), and added where the PDF positions a space without a glyph: between two
  Latin/digit words set apart, or between two Chinese characters set apart by more
  than the line's usual gap (``市交通局 柏宁街道办事处``); never between a Chinese
  character and a Latin letter or digit: Word and LibreOffice print a gap between 年
  and a digit (their "autospace"), which is layout, not text (``新城区2020年``, never
  ``新城区 2020 年``);
* lines inside one block are joined with ``\\n`` (the normalizer joins wrapped lines).

Every engine (pdfplumber, PDFium) turns its characters into ``Glyph``s, so both give the
same text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import cache
from operator import itemgetter
from typing import NamedTuple

Box = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in points, top-down page coordinates."""

WORD_GAP = 0.2
"""Between two Latin/digit glyphs, a gap wider than this share of the font size is a
word break (a space) even without a space glyph; narrower gaps are kerning."""

DUPLICATE_TOLERANCE = 1.0
"""A glyph within this many points of an equal glyph is its fake-bold duplicate."""

ASCENT, DESCENT = 0.88, 0.12
"""A glyph's box above and below its baseline, in ems, when the font's own are implausible."""

TALLEST_BOX = 1.6
"""A glyph box taller than this many ems comes from a font whose declared ascent and
descent are implausible (pdftocairo re-embeds CJK fonts with boxes 2.9 em tall)."""


def plausible_extent(
    top: float, bottom: float, baseline: float, size: float
) -> tuple[float, float]:
    """A glyph's top and bottom, from its font size and baseline when the font's declared
    ascent and descent give a box too tall or one that misses the baseline (issue 27:
    such boxes overlap the lines above and below, and "2019年" read as "20年19")."""
    if size <= 0:
        return top, bottom
    # The baseline lies in a plausible box's lower half (its descent is below it).
    middle = (top + bottom) / 2
    if bottom - top <= TALLEST_BOX * size and middle <= baseline <= bottom + DESCENT * size:
        return top, bottom
    return baseline - ASCENT * size, baseline + DESCENT * size


_BOLD_WORDS = ("bold", "heavy", "black", "demi", "semibold", "粗", "黑")


class Glyph(NamedTuple):
    """One printed character: its text, its box and its font (a tuple: a page makes
    thousands, and a tuple is the cheapest record to make)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str = ""

    @property
    def middle(self) -> float:
        """The vertical centre of the glyph's box."""
        return (self.top + self.bottom) / 2

    @property
    def bold(self) -> bool:
        """Whether the font's name says it is a bold face."""
        name = self.font.lower()
        return any(word in name for word in _BOLD_WORDS)


class PrintedLine(NamedTuple):
    """One line of printed text with what the page says about its look."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    """The largest font size on the line."""
    bold: bool
    """Most of the line's glyphs are bold (by font name, or printed twice: fake bold)."""


def _is_word_char(char: str) -> bool:
    """A Latin letter or digit (ASCII or full-width), the characters words are made of."""
    if "0" <= char <= "9" or "a" <= char.lower() <= "z":
        return True
    code = ord(char)
    return (
        0xFF10 <= code <= 0xFF19
        or 0xFF21 <= code <= 0xFF3A
        or 0xFF41 <= code <= 0xFF5A
        or (0xC0 <= code <= 0x24F and char.isalpha())
    )


def _is_cjk(char: str) -> bool:
    """A Chinese character (CJK ideographs and their extensions, compatibility forms)."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


_WORD, _CJK, _OTHER = 1, 2, 0


@cache
def _kind(char: str) -> int:
    # Asked for every pair of neighbouring glyphs: a page has a few hundred distinct
    # characters and thousands of pairs.
    return _WORD if _is_word_char(char) else _CJK if _is_cjk(char) else _OTHER


_SPACE_KINDS = (True, _OTHER, _OTHER)


@cache
def _text_kinds(text: str) -> tuple[bool, int, int]:
    """Whether a glyph's text is a space, and the kinds of its first and last characters
    (a ``(cid:N)`` glyph starts and ends differently): asked once per glyph."""
    if text.isspace():
        return _SPACE_KINDS
    return False, _kind(text[0]), _kind(text[-1])


def _stray_space(glyph: Glyph, line: Sequence[Glyph]) -> bool:
    """A space glyph printed over an inked glyph (LibreOffice leaves a wrapped line's
    space at the position where the next line's text starts): not a space in the text."""
    width = max(glyph.x1 - glyph.x0, 0.1)
    return any(
        not other.text.isspace() and min(glyph.x1, other.x1) - max(glyph.x0, other.x0) > width / 2
        for other in line
    )


_TEXT, _X0 = itemgetter(0), itemgetter(1)
"""A glyph's ``text`` and ``x0`` (``Glyph`` is a tuple)."""


def _middle(glyph: Glyph) -> float:
    return (glyph.top + glyph.bottom) / 2


def _bands(glyphs: Iterable[Glyph], ordered: bool = False) -> list[list[Glyph]]:
    """Glyphs grouped into printed lines, top down, duplicates still in.

    A glyph joins the line above when its vertical centre lies inside that line's band
    (the box of its glyphs so far), or the band's centre inside the glyph's box (a line
    begun by a short glyph: a quote mark, 一, whose box an engine may give as its ink);
    otherwise it starts a new line. The glyphs are read by height, then left to right,
    then as given; ``ordered`` says they already come in that order (a ``GlyphIndex``'s).
    """
    lines: list[list[Glyph]] = []
    band_top = band_bottom = float("-inf")
    # Two stable sorts: by height, then left to right, then as given (one sort on
    # (middle, x0, index) tuples gives the same order, more slowly).
    for glyph in glyphs if ordered else sorted(sorted(glyphs, key=_X0), key=_middle):
        top, bottom = glyph.top, glyph.bottom
        middle = (top + bottom) / 2
        centre = (band_top + band_bottom) / 2
        if lines and (band_top <= middle <= band_bottom or top <= centre <= bottom):
            lines[-1].append(glyph)
            if top < band_top:
                band_top = top
            if bottom > band_bottom:
                band_bottom = bottom
        else:
            lines.append([glyph])
            band_top, band_bottom = top, bottom
    return lines


def _left_to_right(band: list[Glyph]) -> list[Glyph]:
    """A line's glyphs in printed order, each fake-bold duplicate dropped."""
    kept: list[Glyph] = []
    for glyph in sorted(band, key=_X0):
        text, x0, top = glyph.text, glyph.x0, glyph.top
        # A fake-bold duplicate repeats one of the last few glyphs kept.
        for other in kept[-3:]:
            if (
                other.text == text
                and abs(other.x0 - x0) <= DUPLICATE_TOLERANCE
                and abs(other.top - top) <= DUPLICATE_TOLERANCE
            ):
                break
        else:
            kept.append(glyph)
    return kept


_Kinds = tuple[bool, int, int]
"""A glyph text's kinds (``_text_kinds``): is it a space, its first and last kind."""
_Waiting = list[tuple[int, float, float]]
"""The gaps between Chinese characters: (place in the parts, gap, em)."""


def line_text(line: Sequence[Glyph]) -> str:
    """A line's text by the spacing rule, without spaces at its ends.

    A space glyph is kept unless it is printed over an inked glyph. Between two other
    adjacent glyphs a space stands between two Latin/digit words set apart (more than
    ``WORD_GAP`` em), and between two Chinese characters set apart by more than
    ``WORD_GAP`` em beyond the line's usual (median) gap between Chinese characters:
    letter spacing and justification widen every gap alike, a space the PDF positions
    without a glyph widens one. Never between a Chinese character and a Latin letter or
    digit: that gap is Word's and LibreOffice's autospace, layout only.
    """
    kinds = list(map(_text_kinds, map(_TEXT, line)))
    if _SPACE_KINDS in kinds:
        line, kinds = _without_stray_spaces(line, kinds)
    if not line:
        return ""
    parts, waiting = _spaced_parts(line, kinds)
    if waiting:
        _space_wide_chinese_gaps(parts, waiting)
    return "".join(parts).strip()


def _without_stray_spaces(
    line: Sequence[Glyph], kinds: list[_Kinds]
) -> tuple[list[Glyph], list[_Kinds]]:
    """The line without the space glyphs printed over an inked glyph."""
    kept = [
        (glyph, glyph_kinds)
        for glyph, glyph_kinds in zip(line, kinds, strict=True)
        if not (glyph_kinds[0] and _stray_space(glyph, line))
    ]
    return [g for g, _ in kept], [k for _, k in kept]


def _spaced_parts(line: Sequence[Glyph], kinds: list[_Kinds]) -> tuple[list[str], _Waiting]:
    """The line's texts with the spaces the rule puts between Latin/digit words, and a
    place held ("") at each gap between Chinese characters, to be weighed against the
    line's usual gap once it is known (they are the very pairs that gap is taken from)."""
    parts: list[str] = []
    waiting: _Waiting = []
    previous, previous_tail = line[0], _OTHER  # no neighbour before the first glyph
    for glyph, (is_space, head, tail) in zip(line, kinds, strict=True):
        if is_space:
            parts.append(" ")
            previous_tail = _OTHER
            continue
        if head == previous_tail != _OTHER:
            gap = glyph.x0 - previous.x1
            em = previous.size  # max(previous.size, glyph.size, 1.0), without the call
            if glyph.size > em:
                em = glyph.size
            if em < 1.0:
                em = 1.0
            if head == _CJK:
                waiting.append((len(parts), gap, em))
                parts.append("")
            elif gap > WORD_GAP * em:
                parts.append(" ")
        parts.append(glyph.text)
        previous, previous_tail = glyph, tail
    return parts, waiting


def _space_wide_chinese_gaps(parts: list[str], waiting: _Waiting) -> None:
    """A space in each held place whose gap is wider than the line's usual (median)
    gap between Chinese characters by more than ``WORD_GAP`` em."""
    gaps = sorted([gap for _, gap, _ in waiting])
    usual = gaps[len(gaps) // 2]
    for place, gap, em in waiting:
        if gap - usual > WORD_GAP * em:
            parts[place] = " "


def block_text(glyphs: Iterable[Glyph]) -> str:
    """The text of a block (a cell): its non-blank lines joined with ``\\n``."""
    return _block_text(_bands(glyphs))


def _block_text(bands: list[list[Glyph]]) -> str:
    texts = [line_text(_left_to_right(band)) for band in bands]
    return "\n".join([text for text in texts if text])


def printed_lines(glyphs: Iterable[Glyph]) -> list[PrintedLine]:
    """The non-blank lines of a stretch of page, with their box, size and weight."""
    return _printed_lines(_bands(glyphs))


def _printed_lines(bands: list[list[Glyph]]) -> list[PrintedLine]:
    result = []
    for band in bands:
        line = _left_to_right(band)
        text = line_text(line)
        inked = [g for g in line if not g.text.isspace()]
        if not text or not inked:
            continue
        doubled = sum(not g.text.isspace() for g in band) >= 1.5 * len(inked)
        result.append(
            PrintedLine(
                text=text,
                x0=min(g.x0 for g in inked),
                top=min(g.top for g in inked),
                x1=max(g.x1 for g in inked),
                bottom=max(g.bottom for g in inked),
                size=max(g.size for g in inked),
                bold=doubled or sum(g.bold for g in inked) * 2 > len(inked),
            )
        )
    return result


class GlyphIndex:
    """A page's glyphs sorted by vertical centre, to find those inside a box quickly.

    Scanning the whole page for every cell costs a pass per cell (issue 16); a sorted
    lookup touches only the glyphs at the cell's height. Glyphs of one height are kept
    left to right, then in page order: the order ``_bands`` reads glyphs in, so the
    glyphs of a cell need no sorting to be put into lines.
    """

    def __init__(self, glyphs: Iterable[Glyph]) -> None:
        glyphs = list(glyphs)
        middles = [(g.top + g.bottom) / 2 for g in glyphs]
        lefts = [g.x0 for g in glyphs]
        order = sorted(sorted(range(len(glyphs)), key=lefts.__getitem__), key=middles.__getitem__)
        self._glyphs = [glyphs[i] for i in order]
        self._middles = [middles[i] for i in order]
        # Each glyph's horizontal centre, asked for every cell its row crosses.
        self._centres = [(g.x0 + g.x1) / 2 for g in self._glyphs]

    def __len__(self) -> int:
        return len(self._glyphs)

    def all(self) -> list[Glyph]:
        """Every glyph on the page."""
        return list(self._glyphs)

    def between(self, upper: float, lower: float) -> list[Glyph]:
        """The glyphs whose vertical centre lies between two heights."""
        start = bisect.bisect_left(self._middles, upper)
        end = bisect.bisect_right(self._middles, lower)
        return self._glyphs[start:end]

    def inside(self, box: Box) -> list[Glyph]:
        """The glyphs whose centre lies inside a box (a cell)."""
        x0, top, x1, bottom = box
        start = bisect.bisect_left(self._middles, top)
        end = bisect.bisect_right(self._middles, bottom)
        return [
            glyph
            for glyph, centre in zip(self._glyphs[start:end], self._centres[start:end], strict=True)
            if x0 <= centre <= x1
        ]

    def text_inside(self, box: Box) -> str:
        """The text of the glyphs inside a box (a cell), as ``block_text`` reads it."""
        return _block_text(_bands(self.inside(box), ordered=True))

    def lines_between(self, upper: float, lower: float) -> list[PrintedLine]:
        """The printed lines of the glyphs between two heights, as ``printed_lines``
        reads them."""
        return _printed_lines(_bands(self.between(upper, lower), ordered=True))
