"""Lines the detector ran together: one box over two printed lines, read again line by line.

In a narrow cell whose text wraps every two or three characters, the printed lines
stand a few pixels apart, and the detector can find two of them as one box. The
recognizer reads one line from a box: squeezed to its input height, two lines came out
as neither (seed 6141: ``安局`` over ``丰江`` read ``安江``, two characters lost). A box
read across (not taller than ``VERTICAL`` times its width: the engine turns such a box
and reads it downward) that is clearly taller than the page's lines is looked at in the
ink: where it holds two or more bands of a full line's height with blank paper between
them, each band is read again on its own. Bits of ink at the box's top or bottom edge
(the foot of the line above, the head of the one below, which other boxes read) are not
bands of their own. A tall box with one band (a title in a larger size) stays as read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from statistics import median
from typing import Any

from qingdan.extract.scan.engine import TextLine

VERTICAL = 1.5
"""A box at least this many times taller than wide the engine reads as vertical text
(rapidocr turns it before recognition)."""
_TALLER = 1.5
"""A box this many times the page's typical line height may hold more than one line."""
_BAND_SHARE = 0.4
"""A band of ink at least this share of the typical line height is a printed line."""
_PAD = 3
"""Pixels of paper kept above and below a band given to the recognizer."""

Recognise = Callable[[Any], tuple[str, float]]
"""Reads one line's image: its text and the engine's confidence."""


def split_stacked(
    lines: list[TextLine], image: Any, ink: Any, recognise: Recognise
) -> tuple[list[TextLine], int]:
    """The lines with each box holding several printed lines replaced by those lines,
    each read again from ``image`` (the picture the engine read); ``ink`` is the page's
    text ink (255 = ink, rules taken out). Returns the lines and how many boxes were split."""
    heights = [line.bottom - line.top for line in lines if not _vertical(line)]
    if not heights:
        return lines, 0
    typical = median(heights)
    result: list[TextLine] = []
    split = 0
    for line in lines:
        bands = _bands(line, ink, typical) if _stacked(line, typical) else []
        pieces = _read_bands(line, bands, image, recognise) if len(bands) > 1 else [line]
        split += pieces != [line]
        result += pieces
    return result, split


def _vertical(line: TextLine) -> bool:
    return line.bottom - line.top >= VERTICAL * (line.x1 - line.x0)


def _stacked(line: TextLine, typical: float) -> bool:
    return not _vertical(line) and line.bottom - line.top >= _TALLER * typical


def _bands(line: TextLine, ink: Any, typical: float) -> list[tuple[int, int]]:
    """The rows (first, past-last) of each run of inked rows in the line's box of at least
    ``_BAND_SHARE`` of a line's height; shorter runs are specks or other lines' edges."""
    top, bottom = max(0, int(line.top)), int(line.bottom) + 1
    region = ink[top:bottom, max(0, int(line.x0)) : int(line.x1) + 1]
    inked = [bool(count) for count in (region > 0).sum(axis=1)]
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for row, has_ink in enumerate([*inked, False]):
        if has_ink and start is None:
            start = row
        elif not has_ink and start is not None:
            runs.append((top + start, top + row))
            start = None
    return [(first, last) for first, last in runs if last - first >= _BAND_SHARE * typical]


def _read_bands(
    line: TextLine, bands: list[tuple[int, int]], image: Any, recognise: Recognise
) -> list[TextLine]:
    """Each band of a stacked box read on its own, as a line of the box's width; the box
    as first read when a band reads as nothing (no text is lost)."""
    left, right = max(0, int(line.x0)), int(line.x1) + 1
    read = []
    for first, last in bands:
        crop = image[max(0, first - _PAD) : last + _PAD, left:right]
        text, confidence = recognise(crop)
        if not text:
            return [line]
        read.append(
            replace(
                line, text=text, top=float(first), bottom=float(last),
                confidence=confidence, spans=(),
            )
        )  # fmt: skip
    return read
