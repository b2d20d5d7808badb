"""Ruled tables from a page's ruling lines, whatever engine read the page.

An engine (pdfplumber, PDFium) gives the page's edges: each ruling line, and each side
of each rectangle, as a pdfplumber edge dict (``x0``, ``x1``, ``top``, ``bottom``,
``orientation`` ...). pdfplumber's table geometry (snap and join the edges, find their
intersections, the cells between them, the tables the cells form; ported in
``extract.pdf.rulings`` so the PDFium engine need not load pdfplumber) turns them into
tables of cell boxes; this module then fills each cell from the glyphs inside it and
marks the grid positions a merged cell covers.
"""

from __future__ import annotations

from typing import NamedTuple

from qingdan.extract.grid import Cell, Covered, Foot
from qingdan.extract.pdf.glyphs import Box, GlyphIndex
from qingdan.extract.pdf.open_ends import closing_rules, ruled_under
from qingdan.extract.pdf.rulings import Edge, cells_of, lattice_edges, table_rows
from qingdan.extract.pdf.text import repair_text

# How far (points) a cell's edge may pass a column's edge and still end there.
_EDGE_TOLERANCE = 1.0

_OPEN_FOOT_LINES = 2.5
"""How many font sizes of room an open foot may leave under a cut cell's text: the
line that did not fit (line height and cell padding, up to about 2 ems)."""


class TableBoxes(NamedTuple):
    """One ruled table: its box and, per grid row, each position's cell box (or none)."""

    bbox: Box
    rows: list[list[Box | None]]
    open_foot: bool = False
    """No rule closes the table at its foot: its vertical rules stop at the page's
    printed boundary (a row the page break cut, ``open_ends``)."""
    unruled_bottoms: frozenset[Box] = frozenset()
    """The cells no printed rule closes at the bottom (closed by ``open_ends``)."""


def find_tables(edges: list[Edge]) -> list[TableBoxes]:
    """The ruled tables the edges form, top to bottom (pdfplumber's "lines" strategy),
    closed where their vertical rules stop at a page break (``open_ends``)."""
    tables = []
    merged = lattice_edges(edges)
    closing = closing_rules(merged)
    feet = [rule["top"] for rule in closing]
    for cells in cells_of([*merged, *closing]):
        bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        open_foot = any(abs(bbox[3] - y) <= _EDGE_TOLERANCE for y in feet)
        unruled = frozenset(c for c in cells if not ruled_under(c, merged))
        tables.append(TableBoxes(bbox, table_rows(cells), open_foot, unruled))
    return tables


def fill_cells(table: TableBoxes, glyphs: GlyphIndex) -> list[list[Cell]]:
    """A table's cells, filled from the glyphs inside each box, each position no cell
    starts at marked by the merge covering it.

    pdfplumber gives no box for a grid position that a spanning cell covers. The
    nearest cell to its left in the same row covers it when that cell's box reaches
    past the position's left edge; otherwise the spanning cell comes down from a row
    above.
    """
    texts = [
        [None if box is None else repair_text(glyphs.text_inside(box)) for box in row]
        for row in table.rows
    ]
    return grid_cells(texts, table.rows)


def grid_cells(texts: list[list[str | None]], boxes: list[list[Box | None]]) -> list[list[Cell]]:
    """Cells from per-position texts and boxes, covered positions marked by direction."""
    lefts = _column_lefts(boxes)
    grid: list[list[Cell]] = []
    for row_texts, row_boxes in zip(texts, boxes, strict=True):
        cells: list[Cell] = []
        reach = float("-inf")  # right edge of the last cell that starts in this row
        for col, (text, box) in enumerate(zip(row_texts, row_boxes, strict=True)):
            if box is not None:
                reach = box[2]
                cells.append(text or "")
            elif col < len(lefts) and reach > lefts[col] + _EDGE_TOLERANCE:
                cells.append(Covered.LEFT)
            else:
                cells.append(Covered.ABOVE)
        grid.append(cells)
    return grid


def _column_lefts(boxes: list[list[Box | None]]) -> list[float]:
    """The left edge of each grid column: the smallest x0 of a cell starting in it."""
    width = max((len(row) for row in boxes), default=0)
    lefts = [float("inf")] * width
    for row in boxes:
        for col, box in enumerate(row):
            if box is not None:
                lefts[col] = min(lefts[col], box[0])
    return lefts


def straighten(edges: list[Edge], tolerance: float = 0.01) -> list[Edge]:
    """Edges of a rotated page made exactly horizontal or vertical.

    A landscape page is often stored portrait with ``/Rotate 90``; turning its
    coordinates upright leaves rounding noise (a horizontal line whose top and bottom
    differ by 1e-13), and the table geometry then takes it for a slanted line.
    """
    straight = []
    for edge in edges:
        edge = dict(edge)
        if abs(edge["bottom"] - edge["top"]) < tolerance:
            edge["bottom"] = edge["top"]
            edge["height"] = 0.0
            edge["orientation"] = "h"
        elif abs(edge["x1"] - edge["x0"]) < tolerance:
            edge["x1"] = edge["x0"]
            edge["width"] = 0.0
            edge["orientation"] = "v"
        straight.append(edge)
    return straight


def covering_boxes(table: TableBoxes, row: int) -> list[Box | None]:
    """For each grid position of a row, the box of the cell there or covering it."""
    starting = [box for box in table.rows[row] if box is not None]
    if not starting:
        return [None] * len(table.rows[row])
    middle = (min(b[1] for b in starting) + min(b[3] for b in starting)) / 2
    lefts = _column_lefts(table.rows)
    rights = [*lefts[1:], table.bbox[2]]
    every = [box for boxes in table.rows for box in boxes if box is not None]
    covering: list[Box | None] = []
    for col, box in enumerate(table.rows[row]):
        if box is None:
            centre = (lefts[col] + rights[col]) / 2
            box = next(
                (b for b in every if b[0] <= centre <= b[2] and b[1] <= middle <= b[3]), None
            )
        covering.append(box)
    return covering


def feet(table: TableBoxes, row: int, glyphs: GlyphIndex) -> tuple[Foot, ...]:
    """For the table's row at a page's foot: per column, how the text of the cell
    covering it meets the table's bottom edge (within a line: a cell the page break
    cut is filled to its foot; a whole cell ends where its text ends)."""
    bottom = table.bbox[3]
    result = []
    for box in covering_boxes(table, row):
        inside = glyphs.inside(box) if box is not None else []
        inked = [g for g in inside if not g.text.isspace()]
        if box is not None and not inked and box in table.unruled_bottoms:
            result.append(Foot.OPEN)
            continue
        if box is None or not inked or bottom - box[3] > _EDGE_TOLERANCE:
            result.append(Foot.CLEAR)
            continue
        size = max(g.size for g in inked)
        # Where no rule closes the foot, the page's printed area ends below the cut
        # line: a line that did not fit went on to the next page, leaving its height.
        room = _OPEN_FOOT_LINES * size if table.open_foot else size
        if box[3] - max(g.bottom for g in inked) > room:
            result.append(Foot.CLEAR)
        elif min(g.top for g in inked) - box[1] > size:
            result.append(Foot.LOWER)
        else:
            result.append(Foot.FILLED)
    return tuple(result)
