"""Rows a ruled table goes on with where its rules stop (an incomplete ruled reading).

A table may be ruled only in part: a web page's list whose header alone is boxed, a
table whose rules stop after the first rows. The lattice reading (``extract.pdf.geometry``)
then finds a table of those rows only, and the rows printed under it are left out as
text. The text says where the table goes on (issue 27): lines right under the lattice
whose text stays inside the table's columns, one or more of them with text in two
columns or more, are its rows; the first line that crosses a column boundary (a
paragraph), leaves the table's width, or stands more than a blank line below the one
above, ends them.

Those lines become rows on the table's own columns, cut into rows as the aligned
reading cuts them (``extract.pdf.aligned``); the reader says so in a notice naming
the guess.
"""

from __future__ import annotations

from itertools import pairwise

from qingdan.extract.pdf.aligned import Line, page_lines, row_spans
from qingdan.extract.pdf.geometry import TableBoxes, column_lefts
from qingdan.extract.pdf.glyphs import Box, Glyph

LINE_GAP = 2.0
"""A line more than this many font sizes below the one above is not the table's."""

_TOLERANCE = 2.0
"""How far (points) text may stand past a column boundary and still be inside."""

_JOINED = 0.3
"""Two glyphs closer than this share of the font size are one run of text."""


def rows_below(table: TableBoxes, glyphs: list[Glyph]) -> TableBoxes | None:
    """The table with the rows its text goes on with under its last rule, or ``None``
    where no line under it reads as its row."""
    left, _, right, bottom = table.bbox
    bounds = [*column_lefts(table.rows), right]
    lines = page_lines([g for g in glyphs if g.top >= bottom - _TOLERANCE and not g.text.isspace()])
    taken: list[Line] = []
    above = bottom
    for line in lines:
        if line.top - above > LINE_GAP * line.size or not _inside(line, left, right, bounds):
            break
        taken.append(line)
        above = line.bottom
    if not any(_columns_used(line, bounds) >= 2 for line in taken):
        return None
    columns = list(pairwise(bounds))
    spans = row_spans(taken, columns)
    spans[0] = (bottom, spans[0][1])  # from the last rule down: no glyph falls between
    added: list[list[Box | None]] = [
        [(x0, top, x1, end) for x0, x1 in columns] for top, end in spans
    ]
    return TableBoxes(
        bbox=(left, table.bbox[1], right, spans[-1][1]),
        rows=[*table.rows, *added],
        unruled_bottoms=table.unruled_bottoms | {box for row in added for box in row if box},
    )


def _inside(line: Line, left: float, right: float, bounds: list[float]) -> bool:
    """Whether the line's text stays within the table and crosses no column boundary."""
    if line.glyphs[0].x0 < left - _TOLERANCE or line.glyphs[-1].x1 > right + _TOLERANCE:
        return False
    inner = bounds[1:-1]
    for a, b in pairwise(line.glyphs):
        joined = b.x0 - a.x1 < _JOINED * max(a.size, b.size)
        if joined and any(a.x0 < edge - _TOLERANCE and b.x1 > edge + _TOLERANCE for edge in inner):
            return False
    return not any(
        g.x0 < edge - _TOLERANCE and g.x1 > edge + _TOLERANCE for g in line.glyphs for edge in inner
    )


def _columns_used(line: Line, bounds: list[float]) -> int:
    """How many of the table's columns the line has text in."""
    used = {
        next((c for c in range(len(bounds) - 1) if (g.x0 + g.x1) / 2 < bounds[c + 1]), -1)
        for g in line.glyphs
    }
    return len(used)
