"""Page-break steps: mend what a page break does to a table printed over several pages.

When a table runs over pages (PDF, issue 4), every page break can cut a row in two: the
measure ends mid-sentence at the foot of one page and the first row of the next page
holds the rest, its other cells empty (or holding the rest of a long department list).
A category cell merged over several rows is cut too: its text is printed in one part
and the other part is blank. These steps use only ``GridRow.starts_page`` and the
cells' text, never the file format; each is a pure function over rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from qingdan.extract.grid import Cell, Covered, cell_text
from qingdan.normalize.layout import GridRow

# A measure that ends with one of these ends a sentence; a measure cut mid-sentence
# does not. Closing quotes and brackets may follow the sentence's end mark.
_SENTENCE_ENDS = "。！？；.!?;…"
_CLOSERS = "”’」』）)》】"

# Columns every task row fills in its own right: a row at the top of a page that leaves
# one of them blank does not start a new task. 配合部门 (support) is not one of them: many
# tasks have no supporting department. (``category`` and ``measure`` are judged apart.)
_OWN_FIELDS = ("no", "lead", "deadline", "responsible")


def _blank(cell: Cell) -> bool:
    return not cell_text(cell).strip()


def ends_sentence(text: Cell) -> bool:
    """Whether a cell's text ends a sentence (so the row's text is complete)."""
    stripped = cell_text(text).rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


def _columns(fields: Sequence[str | None], *wanted: str) -> list[int]:
    return [col for col, field in enumerate(fields) if field in wanted]


def continues_row_above(row: GridRow, above: GridRow, fields: Sequence[str | None]) -> bool:
    """Whether ``row``, the first row on its page, is the rest of the row ``above`` it.

    It is when its category is blank, one of the cells a task fills in its own right
    (序号, 牵头, 时限 ...) is blank, and either its measure is blank (the break cut some
    other cell, e.g. a long department list) or the measure above stops mid-sentence.
    """
    if not row.starts_page:
        return False
    if not all(_blank(row.cells[col]) for col in _columns(fields, "category")):
        return False
    own = _columns(fields, *_OWN_FIELDS)
    if own and not any(_blank(row.cells[col]) for col in own):
        return False
    measures = _columns(fields, "measure")
    if all(_blank(row.cells[col]) for col in measures):
        return True
    return not all(ends_sentence(above.cells[col]) for col in measures)


def _joined(top: Cell, rest: Cell) -> Cell:
    """A cell's text from the part above a page break and the part below it."""
    if _blank(rest):
        return top
    if _blank(top):
        return rest
    return f"{top}\n{rest}"


def join_split_rows(rows: list[GridRow], fields: Sequence[str | None]) -> list[GridRow]:
    """Rows with every row cut by a page break joined back into one (cell by cell).

    The joined row keeps the page it started on.
    """
    joined: list[GridRow] = []
    for row in rows:
        if joined and continues_row_above(row, joined[-1], fields):
            top = joined[-1]
            cells = [_joined(a, b) for a, b in zip(top.cells, row.cells, strict=False)] + top.cells[
                len(row.cells) :
            ]
            joined[-1] = replace(top, cells=cells)
            continue
        joined.append(row)
    return joined


def continue_cut_categories(rows: list[GridRow], fields: Sequence[str | None]) -> list[GridRow]:
    """Rows where a category cell cut by a page break continues its group.

    A merged category cell cut by a page break prints its text in one part; the part
    at the top of the next page is a blank cell. That blank cell is the same merged
    cell, so it is marked covered from above and the group above carries forward.
    """
    categories = _columns(fields, "category")
    mended: list[GridRow] = []
    for row in rows:
        cut = [c for c in categories if isinstance(row.cells[c], str) and _blank(row.cells[c])]
        if row.starts_page and mended and cut:
            covered = [Covered.ABOVE if c in cut else x for c, x in enumerate(row.cells)]
            row = replace(row, cells=covered)
        mended.append(row)
    return mended
