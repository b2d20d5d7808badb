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
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan.normalize.deadlines import Deadline, DeadlineWords, parse_deadline
from qingdan.normalize.script import NUMERAL

CONTEXTS = {
    "after-digit": r"(?<=\d){read}",
    "digits": r"(?<=\d){read}|{read}(?=\d)",
    "between-digits": r"(?<=\d){read}(?=\d)",
    "numerals": f"(?<={NUMERAL}){{read}}|{{read}}(?={NUMERAL})",
}
"""Where a swap may be made (the ``between`` of ``data/lookalikes.toml``)."""


class Swap(NamedTuple):
    """One look-alike pair: what OCR read, what was printed, and where."""

    read: str
    meant: str
    pattern: str
    """Where ``read`` is swapped, as a regex: compiled on first use (``re`` keeps it), as
    only text read by OCR is corrected (issue 16: a start compiles nothing it may not use)."""


class Lookalikes(NamedTuple):
    """The look-alike pairs (``data/lookalikes.toml`` plus a user's), in the order tried."""

    swaps: tuple[Swap, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lookalikes:
        """The pairs from the mapping of ``data/lookalikes.toml``; a pair whose
        ``between`` names no context is a ``ValueError`` naming it."""
        found = []
        for item in data["swap"]:
            where = CONTEXTS.get(item.get("between"))
            if where is None or not item.get("read") or "meant" not in item:
                raise ValueError(
                    f"each swap needs read, meant and between (one of {', '.join(CONTEXTS)}); "
                    f"got {item!r}"
                )
            pattern = where.format(read=re.escape(item["read"]))
            found.append(Swap(item["read"], item["meant"], pattern))
        return cls(tuple(found))


def correct_deadline(
    text: str, year: int | None, lookalikes: Lookalikes, words: DeadlineWords
) -> tuple[str, Deadline] | None:
    """The deadline text with its look-alikes swapped back and what it then means, or
    None when no swap applies or the swapped text names no date or term."""
    fixed = text
    for swap in lookalikes.swaps:
        fixed = re.sub(swap.pattern, swap.meant, fixed)
    if fixed == text:
        return None
    deadline = parse_deadline(fixed, year, words)
    return (fixed, deadline) if deadline.kind is not None else None
