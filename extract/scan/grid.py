"""Ruled tables in a level page image: their grid lines and their merged cells.

Each table is a connected frame of ruling lines. Its row boundaries are the heights
where horizontal lines run, its column boundaries the places where vertical lines run,
taken over the whole table; a grid cell is the space between two neighbouring boundaries
each way. Where the line between two neighbouring grid cells is missing, they are one
merged cell: no line on the left means the cell spans from the left (``Covered.LEFT``),
no line on top means it comes down from the row above (``Covered.ABOVE``), as the PDF
reader marks them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from qingdan.extract.grid import Box, Cell, Covered
from qingdan.extract.scan.image import Grey

_MERGE_PX = 6
"""Lines closer than this (pixels) are one line drawn thick or seen twice."""
_PRESENT = 0.6
"""A border exists where ink covers at least this share of its length."""
_MIN_TABLE_PX = 40
"""A frame smaller than this each way is a box drawn around a word, not a table."""


@dataclass(frozen=True)
class TableGrid:
    """One ruled table: its boundaries (pixels) and which grid cell each position belongs to."""

    ys: list[int]
    """Row boundaries, top to bottom (one more than the rows)."""
    xs: list[int]
    """Column boundaries, left to right (one more than the columns)."""
    anchors: list[list[tuple[int, int]]]
    """For each grid position, the (row, column) of the merged cell's top-left position."""

    @property
    def top(self) -> int:
        """The table's top edge."""
        return self.ys[0]

    @property
    def bottom(self) -> int:
        """The table's bottom edge."""
        return self.ys[-1]

    def position(self, x: float, y: float) -> tuple[int, int] | None:
        """The (row, column) of the grid position holding a point, or None outside the table."""
        if not (self.xs[0] <= x < self.xs[-1] and self.ys[0] <= y < self.ys[-1]):
            return None
        row = int(np.searchsorted(self.ys, y, side="right")) - 1
        col = int(np.searchsorted(self.xs, x, side="right")) - 1
        return row, col

    def boxes(self) -> list[list[Box | None]]:
        """Per grid position, the pixel box of the merged cell anchored there (left, top,
        right, bottom, over every position it covers); ``None`` where a cell is covered."""
        ends: dict[tuple[int, int], tuple[int, int]] = {}
        for row, anchors in enumerate(self.anchors):
            for col, anchor in enumerate(anchors):
                last = ends.get(anchor, anchor)
                ends[anchor] = (max(last[0], row), max(last[1], col))
        return [
            [
                (self.xs[col], self.ys[row], self.xs[end[1] + 1], self.ys[end[0] + 1])
                if (end := ends.get((row, col))) is not None and anchor == (row, col)
                else None
                for col, anchor in enumerate(anchors)
            ]
            for row, anchors in enumerate(self.anchors)
        ]

    def cells(self, texts: dict[tuple[int, int], str]) -> list[list[Cell]]:
        """The table's raw grid: each merged cell's text at its top-left position, the
        positions it covers marked with the direction of that top-left position."""
        grid: list[list[Cell]] = []
        for row, anchors in enumerate(self.anchors):
            cells: list[Cell] = []
            for col, anchor in enumerate(anchors):
                if anchor == (row, col):
                    cells.append(texts.get(anchor, ""))
                else:
                    cells.append(Covered.LEFT if anchor[0] == row else Covered.ABOVE)
            grid.append(cells)
        return grid


def find_tables(horizontal: Grey, vertical: Grey) -> list[TableGrid]:
    """Every ruled table in a page's line masks, top to bottom."""
    frame = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    tables = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        if w < _MIN_TABLE_PX or h < _MIN_TABLE_PX:
            continue
        grid = _table_grid(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w])
        if grid is not None:
            tables.append(_shifted(grid, x, y))
    return sorted(tables, key=lambda table: table.top)


def _table_grid(horizontal: Grey, vertical: Grey) -> TableGrid | None:
    """The grid of one table's crop, or None when it has fewer than one row and column."""
    ys = _boundaries(horizontal, axis=1)
    xs = _boundaries(vertical, axis=0)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    anchors: list[list[tuple[int, int]]] = []
    for row in range(rows):
        line: list[tuple[int, int]] = []
        for col in range(cols):
            if col > 0 and not _has_line(vertical, xs[col], ys[row], ys[row + 1], across=False):
                line.append(line[col - 1])
            elif row > 0 and not _has_line(horizontal, ys[row], xs[col], xs[col + 1], across=True):
                line.append(anchors[row - 1][col])
            else:
                line.append((row, col))
        anchors.append(line)
    return TableGrid(ys, xs, anchors)


def _boundaries(mask: Grey, axis: int) -> list[int]:
    """Where the lines of a mask run: rows (``axis=1``) or columns (``axis=0``) whose ink
    spans a tenth of the table, neighbours within ``_MERGE_PX`` taken as one line."""
    profile = (mask > 0).sum(axis=axis)
    span = mask.shape[axis]
    hits = [int(i) for i in np.flatnonzero(profile >= span * 0.1)]
    groups: list[list[int]] = []
    for index in hits:
        if groups and index - groups[-1][-1] <= _MERGE_PX:
            groups[-1].append(index)
        else:
            groups.append([index])
    return [round(sum(group) / len(group)) for group in groups]


def _has_line(mask: Grey, at: int, start: int, end: int, across: bool) -> bool:
    """Whether a ruling line runs at ``at`` from ``start`` to ``end`` (its middle part)."""
    margin = max(2, (end - start) // 5)
    low, high = start + margin, end - margin
    if high <= low:
        return True
    band = slice(max(0, at - 3), at + 4)
    strip = mask[band, low:high] if across else mask[low:high, band]
    covered = strip.max(axis=0 if across else 1) > 0
    return bool(covered.mean() >= _PRESENT)


def _shifted(grid: TableGrid, dx: int, dy: int) -> TableGrid:
    """A crop's grid in page coordinates."""
    return TableGrid([y + dy for y in grid.ys], [x + dx for x in grid.xs], grid.anchors)
