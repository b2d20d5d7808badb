"""Look-alike characters OCR confuses in deadlines, swapped back where the answer is clear.

OCR reads ``2019年6月3O日`` (a letter O for a zero: the deadline parser would take
June 3) or ``2019年12月31曰`` (曰 for 日). A swap in ``data/lookalikes.toml`` is made
only where its context proves the misreading (a letter among the digits of a date) and
only when the deadline then names a date or a term; otherwise the text stays as OCR read
it. Each swap made is a warning on the record. Only documents whose reader says their
text may be misread (``ReaderTraits.text_may_be_misread``: OCR) are corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qingdan.normalize.deadlines import Deadline, parse_deadline
from qingdan.normalize.knowledge import builtin

_CONTEXTS = {
    "after-digit": r"(?<=\d){read}",
    "digits": r"(?<=\d){read}|{read}(?=\d)",
    "between-digits": r"(?<=\d){read}(?=\d)",
    "numerals": r"(?<=[〇零一二三四五六七八九十]){read}|{read}(?=[〇零一二三四五六七八九十])",
}


@dataclass(frozen=True)
class Swap:
    """One look-alike pair: what OCR read, what was printed, and where."""

    read: str
    meant: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def swaps() -> tuple[Swap, ...]:
    """The built-in look-alike pairs, in the order they are tried."""
    data = builtin("lookalikes.toml")
    found = []
    for item in data["swap"]:
        where = _CONTEXTS[item["between"]]
        pattern = re.compile(where.format(read=re.escape(item["read"])))
        found.append(Swap(item["read"], item["meant"], pattern))
    return tuple(found)


def correct_deadline(text: str, year: int | None) -> tuple[str, Deadline] | None:
    """The deadline text with its look-alikes swapped back and what it then means, or
    None when no swap applies or the swapped text names no date or term."""
    fixed = text
    for swap in swaps():
        fixed = swap.pattern.sub(swap.meant, fixed)
    if fixed == text:
        return None
    deadline = parse_deadline(fixed, year)
    return (fixed, deadline) if deadline.kind is not None else None
