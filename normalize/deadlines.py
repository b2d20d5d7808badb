"""Deadlines: keep the printed text, derive the last day it names.

``parse_deadline("2019年6月底前", 2019)`` -> ``Deadline(date(2019, 6, 30), "date")``.
A range ends on its last day; "X前" means X; a deadline without a year takes the
document's year; ongoing words (长期坚持) and recurring ones (每季度) have no date.
When a deadline names a date and an ongoing term, the date wins.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from qingdan.normalize.knowledge import builtin
from qingdan.normalize.text import squeeze

_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip

# Every date expression we know, tried left to right; the latest date named wins.
_DATE = re.compile(
    r"""
    (?:(?P<year>\d{4})\s*(?:年|[.\-/](?=\d))?)?
    (?:
        第?(?P<quarter>[1-4])季度末?
      | (?P<month>\d{1,2})\s*
        (?:月份?|[.\-/](?=\d{1,2}(?:日|号)?(?![\d月]))|(?=$|[\-—~至到前底末内]))
        (?:(?P<day>\d{1,2})\s*(?:日|号)?|(?P<part>上旬|中旬|下旬|底|末|中|初))?
      | (?P<half>上半年|下半年|全年|年底|年末|年内|年度|底|末|内)
    )?
    """,
    re.VERBOSE,
)

# Clause breaks: each clause of a deadline is read on its own (see ``parse_deadline``).
_CLAUSE_BREAK = re.compile(r"[，,；;。、]")


class Deadline(NamedTuple):
    """What a deadline text means: the last day it names and what kind of term it is."""

    due: date | None
    kind: str | None
    """``"date"``, ``"ongoing"``, ``"recurring"``, or ``None`` when not understood."""


class _Vocabulary(NamedTuple):
    ongoing: tuple[str, ...]
    recurring: tuple[str, ...]
    starts: tuple[str, ...]
    events: tuple[str, ...]
    durations: re.Pattern[str]
    """A number of days, weeks or months counted from an unstated start ("5个工作日")."""


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = builtin("deadlines.toml")
    return _Vocabulary(
        tuple(data["ongoing"]),
        tuple(data["recurring"]),
        tuple(data["starts"]),
        tuple(data["events"]),
        re.compile(
            r"\d+\s*(?:" + "|".join(map(re.escape, sorted(data["durations"], key=len)[::-1])) + ")"
        ),
    )


_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_TO_ASCII_DIGITS = str.maketrans(_FULL_WIDTH_DIGITS, "0123456789")


def _ascii_numbers(text: str) -> str:
    """Full-width digits to ASCII and Chinese month/quarter/year numerals to digits."""
    if any(digit in text for digit in _FULL_WIDTH_DIGITS):  # rare: translate is slow
        text = text.translate(_TO_ASCII_DIGITS)
    text = re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", _year_numerals, text)
    text = re.sub(r"十二|十一|十", _tens, text)
    return re.sub(
        r"[一二两三四五六七八九](?=月|季度|日)", lambda m: str(_CHINESE_DIGITS[m[0]]), text
    )


def _year_numerals(match: re.Match[str]) -> str:
    return "".join(str(_CHINESE_DIGITS[c]) for c in match[0])


def _tens(match: re.Match[str]) -> str:
    return {"十二": "12", "十一": "11", "十": "10"}[match[0]]


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> date:
    """The last day of a month (1..12); computed here, as ``calendar`` costs an import."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return date(year, month, _MONTH_DAYS[month - 1] + leap)


def _end_of(match: re.Match[str], year: int) -> date | None:
    """The last day one date expression names, or ``None`` if it is not a date."""
    month, day, part = match["month"], match["day"], match["part"]
    if month:
        m = int(month)
        if not 1 <= m <= 12:
            return None
        if day:
            try:
                return date(year, m, int(day))
            except ValueError:
                return None
        if part == "上旬":
            return date(year, m, 10)
        if part in ("中旬", "中"):
            return date(year, m, 20)
        if part == "初":
            return date(year, m, 5)
        return _month_end(year, m)
    if match["quarter"]:
        return _month_end(year, int(match["quarter"]) * 3)
    if match["half"] == "上半年":
        return date(year, 6, 30)
    if match["half"] or match["year"]:
        return date(year, 12, 31)
    return None


@lru_cache(maxsize=4096)
def parse_deadline(text: str | None, year: int | None) -> Deadline:  # noqa: C901  split in issue 26 knowledge work
    """The last day a deadline text names, and its kind.

    ``year`` is the document's year, used when the text names none. The text is read
    clause by clause (clauses end at ，；。、): a clause with a recurring word names
    no due date (每年12月底前 recurs), nor does one that names an event without a
    fixed date (2019年汛期前: never guessed as the year's end); a date followed by a
    start word (2019年3月起) is when work begins, not when it is due, so it makes the
    term ongoing; a duration from an unstated start (3天, 收到通知后5个工作日,
    省出台文件后2个月) names no date either (CONVENTIONS.md: its text is kept, its due
    date is null).

    The answer depends on the text and the year only, so it is remembered: a list
    writes the same few deadlines on every row, and the column evidence asks again.
    """
    compact = _ascii_numbers(squeeze(text))
    if not compact:
        return Deadline(None, None)
    words = _vocabulary()
    latest: date | None = None
    starts = False
    current_year = year
    for clause in _CLAUSE_BREAK.split(compact):
        if any(word in clause for word in words.recurring + words.events):
            continue  # a recurring term, or an event with no fixed date (2019年春节前)
        if words.durations.search(clause):
            continue  # counted from an unstated start (收到通知后5个工作日): no date
        for match in _DATE.finditer(clause):
            if not match[0]:
                continue
            if match["year"]:
                current_year = int(match["year"])
            elif match["half"] in ("底", "末", "内") and not match["month"]:
                continue  # a bare 底/末/内 without a year before it is not a date
            if current_year is None:
                continue
            end = _end_of(match, current_year)
            if end is not None and clause[match.end() :].startswith(words.starts):
                starts = True
            elif end is not None and (latest is None or end > latest):
                latest = end
    if latest is not None:
        return Deadline(latest, "date")
    if any(word in compact for word in words.recurring):
        return Deadline(None, "recurring")
    if starts or any(word in compact for word in words.ongoing):
        return Deadline(None, "ongoing")
    return Deadline(None, None)
