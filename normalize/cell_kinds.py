"""What one cell holds when it is neither task text nor unit names (issue 31).

Real tables print columns that say how much (目标任务 "各50个"), how far (完成率 "80%"),
what about (点位: a hospital, a market) and who (责任领导: an official). Their cells
look like a category (short) or like units (a hospital is a 院), so the column roles
are chosen on what these tests find in them (``normalize.column_evidence``). The words
are data: ``data/cells.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan.normalize.script import NOTHING_MARKS

_NUMBER = r"\d+(?:[.．]\d+)?(?:[万亿千百])?"
_PERCENT = r"[%％‰]"
_LIST_BREAKS = re.compile(r"[、，,；;/／]")
_NAME_BREAKS = re.compile(r"[、，,；;\s]+")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]$")


class CellWords(NamedTuple):
    """The compiled words of ``data/cells.toml``."""

    quantity: re.Pattern[str]
    rate: re.Pattern[str]
    attributes: frozenset[str]
    measure_units: tuple[str, ...]
    longest_measure_unit: int
    place_endings: tuple[str, ...]
    titles: tuple[str, ...]
    person: re.Pattern[str]
    not_person_endings: tuple[str, ...]
    figure: re.Pattern[str]
    """A text opening with a figure and its unit ("3个部门", "12%的企业", "2.5亿元"):
    a quantity, not a numbering."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CellWords:
        """The words of the mapping of ``data/cells.toml``, compiled."""
        return _cell_words(data)


def _cell_words(data: Mapping[str, Any]) -> CellWords:
    quantity = data["quantity"]
    before = "|".join(re.escape(w) for w in sorted(quantity["before"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(quantity["after"], key=len, reverse=True))
    # A date is no quantity: 2024年底 is a deadline, 6月 a month.
    longest = int(quantity["measure_word_length"])
    measure_word = rf"(?![年月日号季])[^\d\s，。；、,;:：]{{0,{longest}}}?"
    one = rf"(?:{before})*{_NUMBER}(?:{_PERCENT}|{measure_word})(?:{after})?"
    surnames = "|".join(
        re.escape(w) for w in sorted(data["person"]["surnames"], key=len, reverse=True)
    )
    return CellWords(
        quantity=re.compile(rf"^{one}$"),
        # A share done is printed bare ("80%"); a target's share has its words (5%左右).
        rate=re.compile(rf"^[≥>＞≧]?{_NUMBER}{_PERCENT}$"),
        attributes=frozenset(data["attribute"]["words"]),
        measure_units=tuple(data["measure_unit"]["endings"]),
        longest_measure_unit=int(data["measure_unit"]["longest"]),
        place_endings=tuple(data["place"]["endings"]),
        titles=tuple(data["person"]["titles"]),
        person=re.compile(rf"^(?:{surnames})[\u4e00-\u9fff]{{1,2}}$"),
        not_person_endings=tuple(data["person"]["not_endings"]),
        figure=_figure(data["measure_unit"]["endings"]),
    )


def _figure(units: list[str]) -> re.Pattern[str]:
    """A figure and its unit at the start of a text (the units of ``measure_unit``)."""
    words = "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True))
    return re.compile(rf"^{_NUMBER}(?:{_PERCENT}|{words})")


def opens_with_figure(text: str, words: CellWords) -> bool:
    """Whether a text opens with a figure and its unit ("3个部门…", "15%的企业…"): a
    quantity, so a number before it ("2.3个部门…") is the text's numbering, not a
    sub-number 2.3."""
    return bool(words.figure.match(text))


def _parts(key: str) -> list[str]:
    return [part for part in _LIST_BREAKS.split(key) if part]


def is_quantity(key: str, words: CellWords) -> bool:
    """Whether a cell (whitespace removed) is one or more quantities and nothing else:
    "各50个", "3200人", "5.5%左右", "不少于3个、2家"; not "地区生产总值增长5.5%左右"."""
    parts = _parts(key)
    pattern = words.quantity
    return bool(parts) and all(pattern.match(part) for part in parts)


def is_rate(key: str, words: CellWords) -> bool:
    """Whether a cell (whitespace removed) is a bare share ("100%", "≥80%", "62.5％"):
    "5%左右" and "增长8%" are targets."""
    return bool(words.rate.match(key))


def is_attribute(key: str, words: CellWords) -> bool:
    """Whether a cell is an indicator attribute (约束性, 预期性)."""
    return key in words.attributes


def is_measure_unit(key: str, words: CellWords) -> bool:
    """Whether a cell (whitespace removed) is a unit of measure: "亿元", "增幅（%）", or a
    ratio of one to another ("吨标准煤/万元": each part short, the last a unit)."""
    bare = re.sub(r"[（()）]", "", key)
    parts = re.split(r"[/／]", bare)
    return (
        len(parts) <= 2
        and all(0 < len(part) <= words.longest_measure_unit for part in parts)
        and parts[-1].endswith(words.measure_units)
    )


_DOCUMENT_NUMBER = re.compile(r"[〔［\[【（(](?:19|20)\d{2}[〕］\]】）)]第?\d{1,5}号")
"""A document's number: its year in brackets, then its serial (某政办发〔2023〕12号)."""


def cites_document(key: str) -> bool:
    """Whether a cell (whitespace removed) cites a document by its number (某政〔2022〕9号
    文件, 某办发[2023]3号): a task's source, whose year is no deadline."""
    return bool(_DOCUMENT_NUMBER.search(key))


def says_nothing(key: str) -> bool:
    """Whether a cell (whitespace removed) prints only a mark for "none" ("—", "/")."""
    return bool(key) and all(char in NOTHING_MARKS for char in key)


def is_place(key: str, words: CellWords) -> bool:
    """Whether every name in a cell is a place or object (县人民医院、客运站)."""
    endings = words.place_endings
    names = [name for name in _NAME_BREAKS.split(key) if name]
    return bool(names) and all(name.endswith(endings) for name in names)


def is_person(text: str, words: CellWords) -> bool:
    """Whether every name in a cell is a person: by office or title (王副区长, 常务副市长,
    李书记（兼）) or by a personal name alone (a common surname and one or two more
    characters, 张明)."""
    names = [name for name in _NAME_BREAKS.split(text) if name]
    return bool(names) and all(_one_person(_BRACKETED.sub("", name), words) for name in names)


def _one_person(name: str, words: CellWords) -> bool:
    if name.endswith(words.titles):
        return True
    return bool(words.person.match(name)) and not name.endswith(words.not_person_endings)
