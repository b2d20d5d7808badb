"""Rolling the years of last year's text forward, so that only real rewording counts.

A 2019 list says "2019年12月" and "巩固2018年成果" where the 2020 list says "2020年12月"
and "巩固2019年成果". Years close to the list's own year (the year before, the year
itself and the year after) are moved forward by the year gap; other years are kept,
because they are fixed dates ("以2013年为基数") that do not move with the list.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_WINDOW = 1
"""How far from the list's year a year still moves with it."""


def year_gap(old_year: int | None, new_year: int | None) -> int:
    """New year minus old year; 0 when either list's year is unknown."""
    if old_year is None or new_year is None:
        return 0
    return new_year - old_year


def roll_years(text: str, list_year: int | None, gap: int) -> str:
    """``text`` with every year near ``list_year`` (a 4-digit year before 年) moved by ``gap``."""
    if list_year is None or gap == 0:
        return text

    def moved(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year + gap) if abs(year - list_year) <= _WINDOW else match.group(1)

    return _YEAR.sub(moved, text)
