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
from qingdan.extract.pdf.glyphs import Box, Glyph, GlyphIndex
from qingdan.extract.pdf.open_ends import closing_rules, ruled_under
from qingdan.extract.pdf.rulings import Edge, cells_of, lattice_edges, table_rows
from qingdan.extract.pdf.text import repair_text

# How far (points) a cell's edge may pass a column's edge and still end there.
_EDGE_TOLERANCE = 1.0


class TableBoxes(NamedTuple):
    """One ruled table: its box and, per grid row, each position's cell box (or none)."""

    bbox: Box
    rows: list[list[Box | None]]
    unruled_bottoms: frozenset[Box] = frozenset()
    """The cells no printed rule closes at the bottom (closed by ``open_ends``)."""


def find_tables(edges: list[Edge]) -> list[TableBoxes]:
    """The ruled tables the edges form, top to bottom (pdfplumber's "lines" strategy),
    closed where their vertical rules stop at a page break (``open_ends``)."""
    tables = []
    merged = lattice_edges(edges)
    closing = closing_rules(merged)
    for cells in cells_of([*merged, *closing]):
        bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        unruled = frozenset(c for c in cells if not ruled_under(c, merged))
        tables.append(TableBoxes(bbox, table_rows(cells), unruled))
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
    lefts = column_lefts(boxes)
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


def column_lefts(boxes: list[list[Box | None]]) -> list[float]:
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
    lefts = column_lefts(table.rows)
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
    cut is filled to its foot; a whole cell ends where its text ends). A cell no rule
    closes at the foot (``unruled_bottoms``) is read by ``_open_foot``."""
    bottom = table.bbox[3]
    result = []
    for box in covering_boxes(table, row):
        inside = glyphs.inside(box) if box is not None else []
        inked = [g for g in inside if not g.text.isspace()]
        if box is not None and box in table.unruled_bottoms:
            result.append(_open_foot(box, inked))
            continue
        if box is None or not inked or bottom - box[3] > _EDGE_TOLERANCE:
            result.append(Foot.CLEAR)
            continue
        size = max(g.size for g in inked)
        if box[3] - max(g.bottom for g in inked) > size:
            result.append(Foot.CLEAR)
        elif min(g.top for g in inked) - box[1] > size:
            result.append(Foot.LOWER)
        else:
            result.append(Foot.FILLED)
    return tuple(result)


def _open_foot(box: Box, inked: list[Glyph]) -> Foot:
    """How a cell no rule closes at the page's foot meets it. Its text need not reach
    the foot although the break cut it (Chromium moves the last lines of a cut cell on
    together, CSS widows), so any text may go on, unless it is centred in the cell
    with room above and below (a whole cell of a row printed whole)."""
    if not inked:
        return Foot.OPEN
    size = max(g.size for g in inked)
    above = min(g.top for g in inked) - box[1]
    below = box[3] - max(g.bottom for g in inked)
    if above > size and below > size and abs(above - below) <= size:
        return Foot.CLEAR
    return Foot.LOWER if above > size else Foot.FILLED
