"""Clean what OCR read before it is placed: specks and half-width punctuation.

What OCR gets wrong on every scan, each corrected only where the answer is clear:

* **Specks.** Dust and toner dots are read as ``.`` or ``·``: as lines of their own
  (between a cell's printed lines, where they would join the lines as ``土壤污染.源头管控``)
  or glued to the end of a line (``2019年12月.``). A line made only of dot-like marks is
  dropped. A half-width dot at a line's start or end next to a Chinese character is not
  Chinese typography (a sentence ends with ``。``): it is a speck, or a ``。`` OCR read
  small. The ink decides: a mark at least a fifth of the line's height across is a
  ``。`` (``“无废城市”建设.`` -> ``建设。``), a smaller one a speck, dropped; a dot after
  a full-width mark is a speck (``公开。.``: 。 never follows punctuation). A 。 the
  recognizer left out altogether (a speck touching it) is read from the ink: a ring of
  its size as the line's last mark.
* **Half-width punctuation.** OCR often returns ``,`` ``;`` ``:`` ``(`` ``)`` for the
  full-width marks a Chinese document prints. Next to a Chinese character they become
  ``，`` ``；`` ``：`` ``（`` ``）``, as typed; between digits or Latin letters (``2.5``,
  ``PM2.5``, ``10:00``) they stay.
* **Gaps read as spaces.** A typesetter leaves a little room between Chinese and
  digits or Latin letters (``PM10浓度``, ``2019年``), and OCR reads that room as a space
  (``PM10 浓度``, ``2019 年``). A space between a Chinese character and a digit or Latin
  letter is dropped; spaces between Chinese characters (``区发改委 区科技局``: two
  names) stay.
* **A dash between numbers.** The long dash of ``2023—2024年`` is a thin line the
  recognizer may drop (``20232024年``); eight digits before 年 that are two years a
  few apart get it back. A stroke between two digits read as ``-`` or ``—`` is the one
  its length in the ink says (``extract.scan.dashes``).
* **Brackets of two widths.** OCR reads a numbered item's ``（1）`` as ``(1）`` or
  ``(1) `` (the digit inside touches no Chinese character). A bracket takes the width of
  its partner, and a half-width pair next to Chinese text (or holding it) becomes
  full-width, the space OCR saw in the full-width glyph's blank half dropped:
  ``；(2) 加强`` -> ``；（2）加强``. Double quotes read both opening or both closing
  (``”一网通办”``) are made a pair (``“一网通办”``). Only brackets and quotes change,
  never another character.

Every change is counted, and the counts go into the document's ``ocr`` notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from qingdan.extract.scan.dashes import dashes_from_ink
from qingdan.extract.scan.engine import TextLine

_DOTS = ".·•`'‘’,，、。．:;"
"""Marks a speck is read as."""
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff（）《》“”]"
_CJK_MARK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60“”‘’]"
_FULL_STOP_SHARE = 0.2
"""A trailing mark this share of the line's height across is a 。, not a speck."""
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Dots before and after a CJK mark, half-width punctuation next to a Chinese
    character; compiled on first use (the large character classes are slow to compile,
    and the PDF reader imports this module for the scans it rarely meets; issue 16)."""
    return (
        re.compile(rf"^[.·•`']+(?={_CJK_MARK})"),
        re.compile(rf"(?<={_CJK_MARK})[.·•`']+$"),
        re.compile(rf"(?<={_HAN})[,;:!?()]|[,;:!?()](?={_HAN})"),
    )


@dataclass
class TextRepairs:
    """How many corrections cleaning made, for the ``ocr`` notice."""

    speck_lines: int = 0
    speck_marks: int = 0
    punctuation: int = 0
    full_stops: int = 0
    brackets: int = 0
    gaps: int = 0
    dashes: int = 0
    stacked: int = 0

    def describe(self) -> str:
        """The corrections in words, ``""`` when there were none."""
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.speck_lines, "speck-only lines dropped"),
                (self.speck_marks, "specks dropped at line ends"),
                (self.punctuation, "half-width punctuation marks made full-width"),
                (self.full_stops, "line-end dots read as 。"),
                (self.brackets, "brackets or quotes matched to their partner"),
                (self.gaps, "spaces between Chinese and digits or letters dropped"),
                (self.dashes, "dashes between numbers read back"),
                (self.stacked, "boxes over two or more printed lines read line by line"),
            )
            if count
        ]
        return ", ".join(parts)

    def add(self, other: TextRepairs) -> None:
        """Count another page's repairs in."""
        self.speck_lines += other.speck_lines
        self.speck_marks += other.speck_marks
        self.punctuation += other.punctuation
        self.full_stops += other.full_stops
        self.brackets += other.brackets
        self.gaps += other.gaps
        self.dashes += other.dashes
        self.stacked += other.stacked


def clean_lines(lines: list[TextLine], ink: Any = None) -> tuple[list[TextLine], TextRepairs]:
    """The lines with specks removed and half-width punctuation next to Chinese made
    full-width; returns the repairs made.

    ``ink`` is the binarised page the lines were read from (255 = ink); without it a dot
    at a line's end is taken for a speck.
    """
    leading_dot, _, half_next_to_han = _patterns()
    repairs = TextRepairs()
    kept = []
    for line in lines:
        if all(char in _DOTS or char.isspace() for char in line.text):
            repairs.speck_lines += 1
            continue
        text, marks = dashes_from_ink(line, ink)
        repairs.dashes += marks
        text, specks = leading_dot.subn("", text)
        repairs.speck_marks += specks
        text = _line_end(text, line, ink, repairs)
        text, marks = half_next_to_han.subn(lambda m: _FULL_WIDTH[m.group()], text)
        repairs.punctuation += marks
        text, pairs = paired_brackets(text)
        repairs.brackets += pairs
        text, quotes = paired_quotes(text)
        repairs.brackets += quotes
        text, gaps = _typeset_gap().subn("", text)
        repairs.gaps += gaps
        text, dashes = _lost_year_dash().subn(_year_span, text)
        repairs.dashes += dashes
        kept.append(_retyped(line, text))
    return kept, repairs


def _retyped(line: TextLine, text: str) -> TextLine:
    """The line with its cleaned text (the characters' places kept while each character
    keeps its place)."""
    if text == line.text:
        return line
    return replace(line, text=text, spans=line.spans if len(text) == len(line.text) else ())


def _line_end(text: str, line: TextLine, ink: Any, repairs: TextRepairs) -> str:
    """The line's text with its end mended: a trailing dot made 。 or dropped as a speck
    (a dot after a full-width mark is a speck: 。 never follows punctuation), and a 。
    the recognizer left out added when the ink shows one."""
    trailing_dot = _patterns()[1]
    if trailing_dot.search(text):
        before = trailing_dot.sub("", text)
        after_mark = bool(before) and _is_full_width_mark(before[-1])
        if (
            ink is not None
            and not after_mark
            and _last_mark_size(ink, line) >= (_FULL_STOP_SHARE * _height(line))
        ):
            repairs.full_stops += 1
            return before + "。"
        repairs.speck_marks += 1
        return before
    if ink is not None and text and _is_han(text[-1]) and _full_stop_beyond(ink, line):
        repairs.full_stops += 1
        return text + "。"
    return text


def _is_full_width_mark(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff60" or char in "“”‘’"


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_STOP_LARGEST = 0.55
"""A line's last mark wider or taller than this share of its height is (part of) a
character, not a 。."""


def _full_stop_beyond(ink: Any, line: TextLine) -> bool:
    """Whether the line's last mark of ink is a 。 the recognizer left out (the sample
    scan 000's ``“无废城市”建设。``, a speck touching its 。, read ``“无废城市”建设``).

    A 。 is a ring (a mark with a hole) a fifth to a half of the line's height across, in
    the line's lower half with blank paper above it; the last mark is looked for from one
    height inside the box's right edge to 0.9 heights past it, specks (under a seventh of
    the height) aside. A larger last mark is part of a character, and no 。 is read.
    """
    import cv2
    import numpy as np

    height = _height(line)
    top, bottom = max(0, int(line.top)), int(line.bottom) + 1
    left = max(0, int(line.x1 - height))
    region = ink[top:bottom, left : int(line.x1 + 0.9 * height)]
    if region.size == 0:
        return False
    contours, hierarchy = cv2.findContours(region, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return False
    marks = [
        (cv2.boundingRect(contour), child >= 0)
        for contour, (_, _, child, parent) in zip(contours, hierarchy[0], strict=True)
        if parent < 0 and max(cv2.boundingRect(contour)[2:]) >= height / 7
    ]
    if not marks:
        return False
    (x, y, w, h), holed = max(marks, key=lambda mark: mark[0][0] + mark[0][2])
    sized = _FULL_STOP_SHARE * height <= max(w, h) <= _STOP_LARGEST * height
    # A 。 has blank paper above it; the 口 of 启 or the 日 of 章 has the rest of its
    # character there (seed 6111: 要素保障 read 要素保障。).
    clear_above = np.count_nonzero(region[:y, x : x + w]) <= 2
    return bool(holed and sized and clear_above and y + h / 2 >= 0.45 * height)


def _height(line: TextLine) -> float:
    return line.bottom - line.top


def _last_mark_size(ink: Any, line: TextLine) -> int:
    """The size (pixels, the longer side) of the rightmost mark of ink in a line's box."""
    top, bottom = max(0, int(line.top)), int(line.bottom) + 1
    right = int(line.x1) + 2
    left = max(0, int(line.x0), right - int(_height(line)))
    region = ink[top:bottom, left:right]
    if region.size == 0:
        return 0
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(region)
    if count < 2:
        return 0
    marks = stats[1:]
    rightmost = marks[(marks[:, 0] + marks[:, 2]).argmax()]
    return int(max(rightmost[2], rightmost[3]))


_OPENING = {"(": "（", "（": "（"}
_CLOSING = {")": "）", "）": "）"}


def paired_quotes(text: str) -> tuple[str, int]:
    """A line's double quotes read both opening or both closing (OCR reads “ as ” and
    back: seed 6111's ``”一网通办”``) made a pair, “ then ”; returns the pairs changed.

    Only a line with an even number of quotes is mended, taken two by two: an odd count
    means a quotation runs on from the line above or into the next, and ``X”Y“Z`` (a
    quotation closing and another opening) is left as printed.
    """
    places = [index for index, char in enumerate(text) if char in "“”"]
    if len(places) % 2:
        return text, 0
    chars = list(text)
    changed = 0
    for first, second in zip(places[::2], places[1::2], strict=True):
        if chars[first] == chars[second]:
            chars[first], chars[second] = "“", "”"
            changed += 1
    return "".join(chars), changed


def mended_cell(text: str) -> tuple[str, int]:
    """A cell's text (its lines joined with ``\n``) with brackets, quotes and a lost
    year-span dash mended over the whole cell: a pair cut by the cell's line wrap
    (``；(2`` / ``）严格``) or read as separate lines (``(1)`` / ``组织开展``), or a span
    wrapped before 年 (``20182019`` / ``年``), is seen whole only here; returns the
    marks changed."""
    text, pairs = paired_brackets(text)
    text, quotes = alternating_quotes(text)
    text, dashes = _lost_year_dash().subn(_year_span, text)
    return text, pairs + quotes + dashes


def alternating_quotes(text: str) -> tuple[str, int]:
    """A whole cell's double quotes made to open and close in turn (“ ” “ ”), when the
    cell holds an even number of them: a quotation never runs from one cell into
    another, so the first quote of a cell opens. This mends what a line alone cannot
    (OCR read ``”一网通办“``, both turned, seed 6113); returns the quotes changed."""
    places = [index for index, char in enumerate(text) if char in "“”"]
    if len(places) % 2:
        return text, 0
    chars = list(text)
    changed = 0
    for turn, index in enumerate(places):
        mark = "”" if turn % 2 else "“"
        changed += chars[index] != mark
        chars[index] = mark
    return "".join(chars), changed


@cache
def _lost_year_dash() -> re.Pattern[str]:
    # A line break may fall between the years or before 年: a narrow deadline cell wraps
    # 2018—2019 / 年 (seed 6131), and the cell's text is mended as a whole too.
    return re.compile(r"(?<!\d)((?:19|20)\d\d)(\n?)((?:19|20)\d\d)(?=\n?年)")


def _year_span(match: re.Match[str]) -> str:
    """``20232024`` before 年, two years run together: the long dash between them (a thin
    line the recognizer drops) put back; eight digits that are not a span stay."""
    first, wrap, last = match.group(1), match.group(2), match.group(3)
    return f"{first}—{wrap}{last}" if 0 < int(last) - int(first) <= 10 else match.group(0)


@cache
def _typeset_gap() -> re.Pattern[str]:
    return re.compile(rf"(?<={_HAN}) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?={_HAN})")


@cache
def _cjk() -> re.Pattern[str]:
    return re.compile(_CJK_MARK)


def paired_brackets(text: str) -> tuple[str, int]:
    """A line's brackets, each pair given one width: full-width when either bracket of
    the pair is, or when the pair holds or touches a CJK character or mark (spaces
    between the pair and that character dropped); returns the pairs changed."""
    chars = list(text)
    opened: list[int] = []
    changed = 0
    for index, char in enumerate(chars):
        if char in _OPENING:
            opened.append(index)
        elif char in _CLOSING and opened:
            start = opened.pop()
            if (chars[start], char) != ("（", "）") and _full_width_pair(chars, start, index):
                chars[start], chars[index] = "（", "）"
                _drop_spaces_beside(chars, start, index)
                changed += 1
    return "".join(chars), changed


def _full_width_pair(chars: list[str], start: int, end: int) -> bool:
    if chars[start] == "（" or chars[end] == "）":
        return True
    beside = [_next_visible(chars, start, -1), _next_visible(chars, end, 1)]
    inside = "".join(chars[start + 1 : end])
    cjk = _cjk()
    return any(char is not None and cjk.match(char) for char in beside) or bool(cjk.search(inside))


def _next_visible(chars: list[str], at: int, step: int) -> str | None:
    at += step
    while 0 <= at < len(chars) and chars[at] == " ":
        at += step
    return chars[at] if 0 <= at < len(chars) else None


def _drop_spaces_beside(chars: list[str], start: int, end: int) -> None:
    """Blank out (as ``""``) the spaces between a full-width pair and CJK text beside it."""
    cjk = _cjk()
    for at, step in ((end, 1), (start, -1)):
        reach = at + step
        while 0 <= reach < len(chars) and chars[reach] == " ":
            reach += step
        if 0 <= reach < len(chars) and cjk.match(chars[reach]):
            for blank in range(min(at, reach) + 1, max(at, reach)):
                chars[blank] = ""
