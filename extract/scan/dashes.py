"""A dash between two numbers read from the ink: ``2020—2021年`` or ``2020-2021年``.

The recognizer reads the long dash of a span (``2020—2021年``, ``1—6月``) as ``-`` as
often as not, and a hyphen now and then as ``—``: to it both are one thin stroke between
digits. The page tells them apart by length: a dash (—) is a character wide, about as
long as a Chinese character is across, a hyphen (-) a third of that. So the stroke
between the two digits is measured in the ink, and the mark is the one its length says;
a stroke of neither length, or none found, leaves the mark as read.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from qingdan.extract.scan.engine import TextLine

DASHES = "-－—–一"
"""What the recognizer reads a stroke between two digits as."""
_DASH_SHARE = 0.6
"""A stroke at least this share of a character's width long is a dash (—)."""
_HYPHEN_SHARE = 0.45
"""A stroke at most this share of a character's width long is a hyphen (-)."""


def dashes_from_ink(line: TextLine, ink: Any) -> tuple[str, int]:
    """The line's text with each stroke between two digits read as the dash or hyphen
    its length in ``ink`` (the binarised page, 255 = ink) says; returns the marks
    changed. Needs the characters' places (``TextLine.spans``)."""
    text = line.text
    if ink is None or len(line.spans) != len(text) or not any(c in DASHES for c in text):
        return text, 0
    chars = list(text)
    changed = 0
    width = _character_width(line)
    for at in range(1, len(chars) - 1):
        if not (chars[at] in DASHES and chars[at - 1].isdigit() and chars[at + 1].isdigit()):
            continue
        length = _stroke_length(ink, line, at)
        mark = (
            "—"
            if length >= _DASH_SHARE * width
            else "-"
            if 0 < length <= _HYPHEN_SHARE * width
            else chars[at]
        )
        changed += mark != chars[at]
        chars[at] = mark
    return "".join(chars), changed


def _character_width(line: TextLine) -> float:
    """How wide a Chinese character is on this line (pixels): the middle width of the
    line's Chinese characters, else most of the line's height."""
    widths = [
        right - left
        for char, (left, right) in zip(line.text, line.spans, strict=True)
        if "\u3400" <= char <= "\u9fff"
    ]
    return median(widths) if widths else 0.8 * (line.bottom - line.top)


def _stroke_length(ink: Any, line: TextLine, at: int) -> int:
    """The length (pixels) of the longest flat stroke between the middles of the
    characters either side of ``at``; 0 when there is none."""
    import cv2

    (left0, left1), (right0, right1) = line.spans[at - 1], line.spans[at + 1]
    top, bottom = max(0, int(line.top)), int(line.bottom) + 1
    start, end = max(0, int((left0 + left1) / 2)), int((right0 + right1) / 2) + 1
    region = ink[top:bottom, start:end]
    if region.size == 0:
        return 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(region)
    flat = [int(w) for _, _, w, h, _ in stats[1:count] if w >= 2 * h]
    return max(flat, default=0)
