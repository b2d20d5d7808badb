"""Put OCR text lines where a reader sees them: into table cells, or above the table.

A line belongs to the grid position its box's middle falls in, and so to the merged cell
holding that position. Inside a cell the lines are read in reading order: top to bottom,
and left to right within one printed line; printed lines are joined with ``\\n``, as
every reader gives a cell's line breaks. Lines above a page's first table are the text
above it (attachment label, title); lines between two tables go above the lower one;
lines below the last table (page numbers, footers) are not table text and are left out,
as the PDF reader leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

import numpy as np
from qingdan.extract.grid import Box, Cell, Foot
from qingdan.extract.scan.engine import TextLine
from qingdan.extract.scan.grid import TableGrid
from qingdan.extract.scan.stacked import VERTICAL
from qingdan.extract.scan.text import mended_cell


@dataclass
class PlacedPage:
    """A page's tables as raw grids, and the text above each."""

    tables: list[list[list[Cell]]] = field(default_factory=list)
    confidences: list[list[list[float | None]]] = field(default_factory=list)
    """Per table, per grid position: the lowest confidence of the lines placed in the
    cell anchored there (``None`` for covered or empty positions)."""
    boxes: list[list[list[Box | None]]] = field(default_factory=list)
    """Per table, per grid position: the pixel box of the cell anchored there (``None``
    for a covered position)."""
    text_above: list[list[str]] = field(default_factory=list)
    """Per table, the text lines between the table above it (or the page top) and it;
    with no table, one entry: every line of the page."""
    at_foot: tuple[Foot, ...] | None = None
    """For the last row of the page's last table: per column, how the text of the cell
    there meets the table's foot (``RawRow.at_foot``), ``None`` with no table."""
    mended: int = 0
    """Bracket pairs and quotes mended over whole cells (``text.mended_cell``)."""


def reading_order(lines: list[TextLine]) -> list[str]:
    """Lines as printed lines, top to bottom: boxes that share most of their height are one
    printed line, read left to right (a cell line OCR cut in two is joined back)."""
    printed: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: item.centre[1]):
        if printed and _same_line(printed[-1][-1], line):
            printed[-1].append(line)
        else:
            printed.append([line])
    return ["".join(part.text for part in sorted(group, key=lambda p: p.x0)) for group in printed]


def _same_line(upper: TextLine, lower: TextLine) -> bool:
    overlap = min(upper.bottom, lower.bottom) - max(upper.top, lower.top)
    return overlap > 0.5 * min(upper.bottom - upper.top, lower.bottom - lower.top)


def split_at_rules(lines: list[TextLine], tables: list[TableGrid]) -> list[TextLine]:
    """The lines with each one the engine read across a column rule cut at that rule.

    Text close to a rule on both sides (a deadline's last characters and the next
    cell's unit name) can be found as one line over the rule; placed by its middle, it
    would put one cell's text into its neighbour. A line is cut where the table's row
    it lies in has a rule (no cut where a merged cell runs over the column boundary),
    between the characters left and right of it, by the engine's characters' places;
    a line without them is left whole.

    A line the engine read downward (a one-character-wide column of names, found as one
    box over several rows: seed 6141 put row 12's unit into row 11) is cut at each row
    rule it crosses, where the rule runs in its column; its characters stand one line
    pitch apart down the box, so each goes to the side of the rule its middle is on."""
    cut: list[TextLine] = []
    for line in lines:
        for piece in _downward_pieces(line, _rules_down(line, tables)):
            cut += _pieces(piece, _rules_across(piece, tables))
    return cut


def _rules_down(line: TextLine, tables: list[TableGrid]) -> list[float]:
    """Where row rules run through a downward line's box (page y, top to bottom); none
    for a line read across."""
    if line.bottom - line.top < VERTICAL * (line.x1 - line.x0):
        return []
    x = line.centre[0]
    for table in tables:
        if not (table.xs[0] <= x < table.xs[-1]) or line.bottom <= table.top:
            continue
        col = int(np.searchsorted(table.xs, x, side="right")) - 1
        return [
            float(table.ys[row])
            for row in range(1, len(table.ys) - 1)
            if line.top < table.ys[row] < line.bottom
            and table.anchors[row][col] != table.anchors[row - 1][col]
        ]
    return []


def _downward_pieces(line: TextLine, rules: list[float]) -> list[TextLine]:
    """A downward line cut at each rule, its characters given equal shares of its height."""
    if not rules:
        return [line]
    pitch = (line.bottom - line.top) / len(line.text)
    edges = [-float("inf"), *rules, float("inf")]
    pieces = []
    for above, below in pairwise(edges):
        chosen = [
            index
            for index in range(len(line.text))
            if above <= line.top + (index + 0.5) * pitch < below
        ]
        if chosen:
            first, last = chosen[0], chosen[-1] + 1
            pieces.append(
                replace(
                    line,
                    text=line.text[first:last].strip(),
                    top=line.top + first * pitch,
                    bottom=line.top + last * pitch,
                    spans=line.spans[first:last] if line.spans else (),
                )
            )
    return [piece for piece in pieces if piece.text] or [line]


def _rules_across(line: TextLine, tables: list[TableGrid]) -> list[float]:
    """Where column rules run through the middle of a line's box (page x, left to right)."""
    x, y = line.centre
    for table in tables:
        spot = table.position(x, y)
        if spot is None:
            continue
        row = spot[0]
        return [
            float(table.xs[col])
            for col in range(1, len(table.xs) - 1)
            if line.x0 < table.xs[col] < line.x1
            and table.anchors[row][col] != table.anchors[row][col - 1]
        ]
    return []


def _pieces(line: TextLine, rules: list[float]) -> list[TextLine]:
    """A line cut at each rule: the characters whose middles lie between two rules."""
    if not rules or len(line.spans) != len(line.text):
        return [line]
    edges = [-float("inf"), *rules, float("inf")]
    pieces = []
    for left, right in pairwise(edges):
        chosen = [
            index
            for index, (x0, x1) in enumerate(line.spans)
            if line.text[index] != " " and left <= (x0 + x1) / 2 < right
        ]
        if not chosen:
            continue
        kept = range(chosen[0], chosen[-1] + 1)
        spans = tuple(line.spans[index] for index in kept)
        pieces.append(
            replace(
                line,
                text="".join(line.text[index] for index in kept),
                x0=max(line.x0, spans[0][0]),
                x1=min(line.x1, spans[-1][1]),
                spans=spans,
            )
        )
    return pieces or [line]


def place_lines(lines: list[TextLine], tables: list[TableGrid]) -> PlacedPage:
    """The raw grids of a page's tables with its OCR lines placed in their cells."""
    page = PlacedPage()
    if not tables:
        page.text_above.append(reading_order(lines))
        return page
    in_cells: list[dict[tuple[int, int], list[TextLine]]] = [{} for _ in tables]
    above: list[list[TextLine]] = [[] for _ in tables]
    for line in lines:
        x, y = line.centre
        for index, table in enumerate(tables):
            spot = table.position(x, y)
            if spot is not None:
                anchor = table.anchors[spot[0]][spot[1]]
                in_cells[index].setdefault(anchor, []).append(line)
                break
            if y < table.top and (index == 0 or y >= tables[index - 1].bottom):
                above[index].append(line)
                break
    for table, cells, over in zip(tables, in_cells, above, strict=True):
        texts = {}
        for anchor, found in cells.items():
            texts[anchor], mended = mended_cell("\n".join(reading_order(found)))
            page.mended += mended
        page.tables.append(table.cells(texts))
        page.boxes.append(table.boxes())
        lowest = {anchor: min(line.confidence for line in found) for anchor, found in cells.items()}
        page.confidences.append(
            [
                [lowest.get((row, col)) for col in range(len(table.xs) - 1)]
                for row in range(len(table.ys) - 1)
            ]
        )
        page.text_above.append(reading_order(over))
    page.at_foot = feet(tables[-1], in_cells[-1])
    return page


def feet(table: TableGrid, in_cells: dict[tuple[int, int], list[TextLine]]) -> tuple[Foot, ...]:
    """For a table's last row, per column: how the text of the cell covering it meets
    the table's foot, as the PDF reader tells it from its glyphs. A cell whose lines end
    more than a line's height above the foot, or that ends above the foot (a merged
    cell does not), was not cut by a break below it (``Foot.CLEAR``); one whose text
    starts more than a line's height below its top is a centred text (``Foot.LOWER``);
    else it is filled to the foot (``Foot.FILLED``) and may go on on the next page."""
    last = len(table.ys) - 2
    result = []
    for anchor in table.anchors[last]:
        found = in_cells.get(anchor, [])
        if not found:
            result.append(Foot.CLEAR)
            continue
        size = max(line.bottom - line.top for line in found)
        if table.bottom - max(line.bottom for line in found) > size:
            result.append(Foot.CLEAR)
        elif min(line.top for line in found) - table.ys[anchor[0]] > size:
            result.append(Foot.LOWER)
        else:
            result.append(Foot.FILLED)
    return tuple(result)
