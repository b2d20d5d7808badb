"""How wide text is on screen and in a spreadsheet: one rule for CJK everywhere.

East Asian wide and full-width characters (Chinese characters, full-width
punctuation) take two columns, every other character one (Unicode's East Asian
Width property, as terminals and Excel draw them).
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """The number of columns ``text`` takes (the widest line of a multi-line text)."""
    return max((_line_width(line) for line in text.split("\n")), default=0)


def _line_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def cut_to_width(text: str, limit: int, mark: str = "…") -> str:
    """``text`` cut so it takes at most ``limit`` columns, ending in ``mark`` when cut."""
    if _line_width(text) <= limit:
        return text
    room, kept = limit - _line_width(mark), []
    for char in text:
        room -= _line_width(char)
        if room < 0:
            break
        kept.append(char)
    return "".join(kept) + mark
