"""Records recovered: how many golden records a tool's output rows hold exactly (``RULE``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

Row = Sequence[str | None]
"""One output row: cell texts as the tool gave them (None for a merged-over cell)."""

FIELDS = ("category", "measure", "lead", "support", "deadline")
"""The golden fields a row must hold, in the order they must appear."""

LIST_SEPARATORS = ("", "、")

RULE = """\
A golden record is *recovered*
when one output row holds, in column order, cells whose text with all whitespace
removed equals the record's category, measure, lead, support and deadline, in that
order (other cells may sit between them). A department list matches a cell that
holds its names joined with nothing or with 、 (qingdan's CSV joins with 、; a
PDF cell prints one name per line). A field the golden record leaves empty (no
category, no support) is not looked for. Each output row recovers at most one
record, so a tool that prints a row once cannot be credited for two copies of it.

Cells are taken as the tool gives them: no carrying forward of merged cells, no
joining of rows split by page breaks. That is the work qingdan does and the peers
leave to the user.
"""
"""The counting rule, as BENCHMARKS.md states it."""


def squeeze(text: str | None) -> str:
    """The text with every whitespace character removed (``None`` -> ``""``)."""
    return "".join((text or "").split())


def wanted_cells(record: Mapping[str, Any]) -> list[frozenset[str]]:
    """For each non-empty field of a golden record, the cell texts that match it."""
    wanted: list[frozenset[str]] = []
    for field in FIELDS:
        value = record.get(field)
        if isinstance(value, list):
            names = [squeeze(name) for name in value]
            texts = frozenset(sep.join(names) for sep in LIST_SEPARATORS)
        else:
            texts = frozenset({squeeze(value)})
        if texts != {""}:
            wanted.append(texts)
    return wanted


def row_holds(cells: Sequence[str], wanted: Sequence[frozenset[str]]) -> bool:
    """Whether squeezed ``cells`` contain the wanted texts as an in-order subsequence."""
    position = 0
    for texts in wanted:
        while position < len(cells) and cells[position] not in texts:
            position += 1
        if position == len(cells):
            return False
        position += 1
    return True


def count_recovered(records: Sequence[Mapping[str, Any]], rows: Sequence[Row]) -> int:
    """How many of the golden ``records`` the output ``rows`` recover (see the module rule).

    Records are matched in order, each to the first unused row that holds it; rows
    are indexed by their cell texts so that thousands of records stay fast.
    """
    squeezed = [[squeeze(cell) for cell in row] for row in rows]
    rows_by_cell: dict[str, list[int]] = defaultdict(list)
    for index, cells in enumerate(squeezed):
        for text in dict.fromkeys(cells):
            rows_by_cell[text].append(index)
    used: set[int] = set()
    # Per distinct record: its candidate rows, and how far earlier copies of the same
    # record got through them (rows before that are used or do not hold it).
    progress: dict[tuple[frozenset[str], ...], tuple[list[int], int]] = {}
    recovered = 0
    for record in records:
        wanted = tuple(wanted_cells(record))
        if not wanted:
            continue
        if wanted not in progress:
            # Look only at rows holding the rarest wanted text (usually the measure).
            rarest = min(wanted, key=lambda texts: sum(len(rows_by_cell.get(t, ())) for t in texts))
            progress[wanted] = (sorted({i for t in rarest for i in rows_by_cell.get(t, ())}), 0)
        candidates, position = progress[wanted]
        while position < len(candidates):
            index = candidates[position]
            position += 1
            if index not in used and row_holds(squeezed[index], wanted):
                used.add(index)
                recovered += 1
                break
        progress[wanted] = (candidates, position)
    return recovered
