"""序号 checks: a gap, repeat or step back in the printed numbering usually means a
lost or split row, so it is reported (issue 5). ``no`` itself stays as printed.

A number is read as its style and its parts: ``1`` and ``1.2`` are Arabic (one and
two parts), ``（一）`` and ``一、`` Chinese in their brackets. Each record is compared
with the last record numbered in the same style and depth: the next number is the
last part plus one, or a new parent's first (``1.3`` -> ``2.1``), or, after a new
section row, a restart at one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from qingdan.normalize.model import TaskRecord, TaskWarning
from qingdan.normalize.script import NUMERAL, numeral_value
from qingdan.normalize.text import squeeze
from qingdan.normalize.warning_codes import NormalizeCode

_ARABIC = re.compile(r"^(\d+(?:[.．]\d+)*)[.．、]?$")
_CHINESE_NUMBER = re.compile(rf"^([（(]?)({NUMERAL}+)([）)、.．]?)$")
_BRACKETED_ARABIC = re.compile(r"^([（(])(\d+)([）)])$")
_HALF_WIDTH = str.maketrans("（）．", "().")


class Number(NamedTuple):
    """A printed 序号 read as a style (how it is written) and its numeric parts."""

    style: str
    parts: tuple[int, ...]


def read_number(text: str | None) -> Number | None:
    """The style and parts of a printed 序号, or ``None`` when it is not a number."""
    compact = squeeze(text)
    if match := _ARABIC.match(compact):
        parts = tuple(int(p) for p in re.split(r"[.．]", match[1]))
        return Number(f"arabic{len(parts)}", parts)
    if match := _BRACKETED_ARABIC.match(compact):
        return Number("(arabic)", (int(match[2]),))
    if (match := _CHINESE_NUMBER.match(compact)) and (match[1] or match[3]):
        value = numeral_value(match[2])
        brackets = (match[1] + match[3]).translate(_HALF_WIDTH)
        return None if value is None else Number(f"chinese{brackets}", (value,))
    return None


def _follows(number: Number, last: Number, may_restart: bool) -> bool:
    """Whether ``number`` may come right after ``last`` (same style and depth).

    ``may_restart``: a new section or a number in another style (a parent level)
    came in between, so the numbering may start again at one.
    """
    *parent, part = number.parts
    *last_parent, last_part = last.parts
    if parent == last_parent and part == last_part + 1:
        return True
    return part == 1 and (may_restart or parent > last_parent)


def _continues_merged_task(record: TaskRecord, last: TaskRecord) -> bool:
    """The row right below a task, with its 序号 and category: one numbered task whose
    merged 序号 cell spans several measure rows, not a repeated number."""
    return (
        record.seq == last.seq + 1
        and record.no == last.no
        and record.category is not None
        and record.category == last.category
    )


def _problem(number: Number, last: Number) -> str:
    if number.parts == last.parts:
        return "repeats"
    if number.parts < last.parts:
        return "steps back from"
    return "jumps from"


class NumberingCheck:
    """The 序号 check over a list seen one record at a time (a long list's records are
    not held whole, issue 29): ``see`` each record in order, its warning or ``None``."""

    def __init__(self) -> None:
        self._last_by_style: dict[str, tuple[Number, TaskRecord]] = {}
        self._last_style: str | None = None
        # Styles that a number in another style (a parent level) came after: they may restart.
        self._interrupted: set[str] = set()

    def see(self, record: TaskRecord) -> TaskWarning | None:
        """The warning when ``record``'s 序号 does not follow the one before it."""
        number = read_number(record.no)
        if number is None:
            return None
        if self._last_style is not None and self._last_style != number.style:
            self._interrupted.update(s for s in self._last_by_style if s != number.style)
        self._last_style = number.style
        previous = self._last_by_style.get(number.style)
        self._last_by_style[number.style] = (number, record)
        may_restart = number.style in self._interrupted
        self._interrupted.discard(number.style)
        if previous is None or _continues_merged_task(record, previous[1]):
            return None
        last, last_record = previous
        may_restart = may_restart or record.section != last_record.section
        if _follows(number, last, may_restart):
            return None
        message = (
            f"record {record.seq}: 序号 {record.no!r} {_problem(number, last)} "
            f"{last_record.no!r} (record {last_record.seq}); a row may be lost or split"
        )
        return TaskWarning(NormalizeCode.NUMBERING, message, record.seq, record.page)


def check_numbering(records: list[TaskRecord]) -> list[TaskWarning]:
    """A warning for every record whose 序号 does not follow the one before it."""
    check = NumberingCheck()
    return [warning for record in records if (warning := check.see(record)) is not None]
