"""Deadlines: keep the printed text, derive the last day it names.

``parse_deadline("2019年6月底前", 2019, words)`` -> ``Deadline(date(2019, 6, 30), "date")``.
A range ends on its last day; "X前" means X; a deadline without a year takes the
document's year; a season ends on its period's last day (2020年春季 -> 2020-05-31,
冬季 runs into February of the next year); a relative year counts from the document's
(次年/明年 +1, 当年/今年 +0, 后年 +2); ongoing words (长期坚持) and recurring ones
(每季度) have no date. When a deadline names a date and an ongoing term, the date wins.
The words are data (``data/deadlines.toml``, ``DeadlineWords``), extended by a user's
``--deadlines`` file through ``normalize.knowledge``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import MAXYEAR, MINYEAR, date
from typing import Any, NamedTuple

from qingdan.normalize.script import CLAUSE_BREAKS, DIGIT_VALUES, DIGITS, NUMERAL, numeral_value
from qingdan.normalize.text import squeeze

# Every date expression we know, tried left to right; the latest date named wins.
# ``{seasons}`` is filled with the season words of the vocabulary.
_DATE = r"""
    (?:(?P<year>\d{{4}})\s*(?:年|[.\-/](?=\d))?)?
    (?:
        第?(?P<quarter>[1-4])季度末?
      | (?P<month>\d{{1,2}})\s*
        (?:月份?|[.\-/](?=\d{{1,2}}(?:日|号)?(?![\d月]))|(?=$|[\-—~至到前底末内]))
        (?:(?P<day>\d{{1,2}})\s*(?:日|号)?|(?P<part>上旬|中旬|下旬|底|末|中|初))?
      | (?P<season>{seasons})末?
      | (?P<half>上半年|下半年|全年|年底|年末|年内|年度|底|末|内)
    )?
    """

_SPANNED = r"(\d{{4}})\s*[-—–~至到]\s*(\d{{4}})\s*年(?=\w?(?:{seasons}))"
"""The winter of 2020-2021年 is one winter, named by both its years (``{seasons}``:
the seasons that run into the next year)."""
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAKS}]")
"""Clause breaks: each clause of a deadline is read on its own (see ``parse_deadline``)."""
_YEAR_NUMERALS = re.compile(f"{DIGITS}{{4}}(?=年)")
_COUNTED_NUMERALS = re.compile(f"{NUMERAL}+(?=月|季度|日|号|天|个|周|小时)")
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_TO_ASCII_DIGITS = str.maketrans(_FULL_WIDTH_DIGITS, "0123456789")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MEMORY = 4096
"""Deadlines remembered per vocabulary: a list writes the same few on every row."""


class Deadline(NamedTuple):
    """What a deadline text means: the last day it names and what kind of term it is."""

    due: date | None
    kind: str | None
    """``"date"``, ``"ongoing"``, ``"recurring"``, or ``None`` when not understood."""


class Season(NamedTuple):
    """Where a season named for year Y ends: the last day of ``month`` of Y + ``years_after``."""

    month: int
    years_after: int = 0


class DeadlineWords(NamedTuple):
    """The deadline vocabulary (``data/deadlines.toml`` plus a user's file)."""

    ongoing: tuple[str, ...]
    recurring: tuple[str, ...]
    starts: tuple[str, ...]
    events: tuple[str, ...]
    durations: re.Pattern[str]
    """A number of days, weeks or months counted from an unstated start ("5个工作日")."""
    seasons: Mapping[str, Season]
    relative_years: re.Pattern[str]
    """A year named from the document's (次年, 明年, 当年 …); ``years`` gives its offset."""
    years: Mapping[str, int]
    dates: re.Pattern[str]
    """Every date expression, the vocabulary's seasons included."""
    spanned: re.Pattern[str]
    """Two years before a season that runs into the next (2020-2021年秋冬季)."""
    memory: dict[tuple[str | None, int | None], Deadline]
    """What ``parse_deadline`` found, by text and year: the answer depends on them and
    on these words alone."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DeadlineWords:
        """The vocabulary from the mapping of ``data/deadlines.toml`` (checked by
        ``normalize.knowledge`` when a user's file is merged in)."""
        seasons = {word: _season(word, ends) for word, ends in data["seasons"].items()}
        years = {word: int(offset) for word, offset in data["relative_years"].items()}
        return cls(
            tuple(data["ongoing"]),
            tuple(data["recurring"]),
            tuple(data["starts"]),
            tuple(data["events"]),
            re.compile(rf"\d+\s*(?:{_longest_first(data['durations'])})"),
            seasons,
            re.compile(_longest_first(years) or "(?!)"),
            years,
            re.compile(_DATE.format(seasons=_longest_first(seasons) or "(?!)"), re.VERBOSE),
            re.compile(_SPANNED.format(seasons=_longest_first(_crossing(seasons)) or "(?!)")),
            {},
        )


def _season(word: str, ends: Mapping[str, Any]) -> Season:
    season = Season(**ends)
    if not (1 <= season.month <= 12 and 0 <= season.years_after <= 1):
        raise ValueError(f"season {word}: month is 1 to 12 and years_after 0 or 1, got {ends}")
    return season


def _crossing(seasons: Mapping[str, Season]) -> list[str]:
    return [word for word, season in seasons.items() if season.years_after]


def _longest_first(words: Mapping[str, object] | list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def parse_deadline(text: str | None, year: int | None, words: DeadlineWords) -> Deadline:
    """The last day a deadline text names, and its kind.

    ``year`` is the document's year, used when the text names none and for a relative
    year (次年). The text is read clause by clause (clauses end at ，；。、): a clause
    with a recurring word names no due date (每年12月底前 recurs), nor does one that
    names an event without a fixed date (2019年汛期前: never guessed as the year's end);
    a date followed by a start word (2019年3月起) is when work begins, not when it is
    due, so it makes the term ongoing; a duration from an unstated start (3天,
    收到通知后5个工作日, 省出台文件后2个月) names no date either (docs/conventions.md: its text
    is kept, its due date is null). A relative year or a season in a document without
    a year names no date: the caller warns.
    """
    key = (text, year)
    found = words.memory.get(key)
    if found is None:
        found = _parse(text, year, words)
        if len(words.memory) >= _MEMORY:
            words.memory.clear()
        words.memory[key] = found
    return found


def _parse(text: str | None, year: int | None, words: DeadlineWords) -> Deadline:
    compact = _one_winter(_with_years(_ascii_numbers(squeeze(text)), year, words), words)
    if not compact:
        return Deadline(None, None)
    ends: list[date] = []
    starts = False
    for clause in _dated_clauses(compact, words):
        # A year named in one clause goes on in the next (2019年4月启动，12月底前完成).
        year, begins = _clause_ends(clause, year, words, ends)
        starts = starts or begins
    return _deadline(compact, max(ends, default=None), starts, words)


def _deadline(compact: str, latest: date | None, starts: bool, words: DeadlineWords) -> Deadline:
    """The kind of term: a date when one is named, else recurring, ongoing or unknown."""
    if latest is not None:
        return Deadline(latest, "date")
    if any(word in compact for word in words.recurring):
        return Deadline(None, "recurring")
    if starts or any(word in compact for word in words.ongoing):
        return Deadline(None, "ongoing")
    return Deadline(None, None)


def _dated_clauses(compact: str, words: DeadlineWords) -> list[str]:
    """The clauses whose dates are due dates: not recurring, not an event without a
    fixed date (2019年春节前), not a duration from an unstated start (5个工作日)."""
    undated = words.recurring + words.events
    return [
        clause
        for clause in _CLAUSE_BREAK.split(compact)
        if not any(word in clause for word in undated) and not words.durations.search(clause)
    ]


def _clause_ends(
    clause: str, year: int | None, words: DeadlineWords, ends: list[date]
) -> tuple[int | None, bool]:
    """Add the last days one clause names to ``ends``; the year the clause ends in, and
    whether one of its dates is when work starts."""
    starts = False
    current_year = year
    for match in words.dates.finditer(clause):
        if not match[0]:
            continue
        if match["year"]:
            current_year = int(match["year"])
        elif match["half"] in ("底", "末", "内") and not match["month"]:
            continue  # a bare 底/末/内 without a year before it is not a date
        if _throughout(match, clause, words):
            continue
        end = None if current_year is None else _end_of(match, current_year, words)
        if end is not None and clause[match.end() :].startswith(words.starts):
            starts = True
        elif end is not None:
            ends.append(end)
    return current_year, starts


def _throughout(match: re.Match[str], clause: str, words: DeadlineWords) -> bool:
    """Whether a date names the whole year of ongoing work (年内持续推进, 全年持续开展):
    the work goes on through the year and is due on no day (docs/conventions.md)."""
    whole_year = match["half"] in ("年内", "全年", "内") and not match["month"]
    return whole_year and any(word in clause for word in words.ongoing)


def _one_winter(compact: str, words: DeadlineWords) -> str:
    """A season that runs into the next year, named by both its years, as named by its
    first (2020-2021年秋冬季 ends in February 2021, not 2022)."""
    if not words.spanned.search(compact):
        return compact
    return words.spanned.sub(lambda m: f"{m[1]}年" if int(m[2]) == int(m[1]) + 1 else m[0], compact)


def _with_years(compact: str, year: int | None, words: DeadlineWords) -> str:
    """Relative years written as the year they name (次年 in a 2020 list: 2021年); left
    as written in a list without a year, so that they name no date."""
    if year is None or not words.years:
        return compact
    return words.relative_years.sub(lambda m: f"{year + words.years[m[0]]}年", compact)


def _ascii_numbers(text: str) -> str:
    """Full-width digits to ASCII and Chinese numerals of years, months, quarters, days
    and counts to digits (二〇一九年十二月 -> 2019年12月)."""
    if any(digit in text for digit in _FULL_WIDTH_DIGITS):  # rare: translate is slow
        text = text.translate(_TO_ASCII_DIGITS)
    text = _YEAR_NUMERALS.sub(_year_digits, text)
    return _COUNTED_NUMERALS.sub(_number, text)


def _year_digits(match: re.Match[str]) -> str:
    return "".join(str(DIGIT_VALUES[char]) for char in match[0])


def _number(match: re.Match[str]) -> str:
    value = numeral_value(match[0])
    return match[0] if value is None else str(value)


def _month_end(year: int, month: int) -> date:
    """The last day of a month (1..12); computed here, as ``calendar`` costs an import."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return date(year, month, _MONTH_DAYS[month - 1] + leap)


def _end_of(match: re.Match[str], year: int, words: DeadlineWords) -> date | None:
    """The last day one date expression names, or ``None`` if it is not a date (nor is
    a year no calendar holds: "0000年底前", found by the fuzzer, raised ValueError; a
    season may end in the next year, so the last year is out too)."""
    if not MINYEAR <= year < MAXYEAR:
        return None
    if match["month"]:
        return _day_of_month(int(match["month"]), match["day"], match["part"], year)
    if match["quarter"]:
        return _month_end(year, int(match["quarter"]) * 3)
    if match["season"]:
        season = words.seasons[match["season"]]
        return _month_end(year + season.years_after, season.month)
    if match["half"] == "上半年":
        return date(year, 6, 30)
    if match["half"] or match["year"]:
        return date(year, 12, 31)
    return None


def _day_of_month(month: int, day: str | None, part: str | None, year: int) -> date | None:
    """The day a month expression names: its day, the end of its part, or its last day."""
    if not 1 <= month <= 12:
        return None
    if day:
        try:
            return date(year, month, int(day))
        except ValueError:
            return None
    parts = {"上旬": 10, "中旬": 20, "中": 20, "初": 5}
    return date(year, month, parts[part]) if part in parts else _month_end(year, month)
