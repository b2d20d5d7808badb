"""Ruling lines -> cell boxes: pdfplumber's table geometry, without importing pdfplumber.

The steps and their defaults are pdfplumber's (``pdfplumber/table.py``, MIT licence,
after Anssi Nurminen's thesis and Tabula): snap edges within 3 pt of one another to
their mean position, join collinear edges less than 3 pt apart, drop edges shorter
than 3 pt, find where a vertical and a horizontal edge cross (within 3 pt), take the
smallest rectangle each crossing starts whose four sides are ruled, and group the
rectangles that share corners into tables. Kept here so that the PDFium engine reads
a page without loading pdfplumber and pdfminer (about 100 ms of start-up, issue 16);
``tests/extract/test_pdf_rulings.py`` checks it against pdfplumber's functions.

Edges are dicts with ``x0``, ``x1``, ``top``, ``bottom`` and ``orientation`` (``"h"``
or ``"v"``), as pdfplumber's are.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import Any

Edge = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

SNAP_TOLERANCE = 3.0
JOIN_TOLERANCE = 3.0
INTERSECTION_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
EDGE_MIN_LENGTH_PREFILTER = 1.0


def _length(edge: Edge) -> float:
    if edge["orientation"] == "h":
        return float(edge["x1"] - edge["x0"])
    return float(edge["bottom"] - edge["top"])


def filter_edges(edges: Iterable[Edge], min_length: float) -> list[Edge]:
    """The horizontal and vertical edges at least ``min_length`` long."""
    return [e for e in edges if e["orientation"] in ("h", "v") and _length(e) >= min_length]


def _clusters(values: list[float], tolerance: float) -> list[list[float]]:
    """Sorted distinct values grouped where each is within ``tolerance`` of the last."""
    groups: list[list[float]] = []
    for value in sorted(set(values)):
        if groups and value <= groups[-1][-1] + tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _snap(edges: list[Edge], key: str, low: str, high: str, tolerance: float) -> list[Edge]:
    """Edges moved so that those within ``tolerance`` share their mean ``key``."""
    if not edges:
        return []
    where: dict[float, int] = {}
    groups = _clusters([e[key] for e in edges], tolerance)
    for index, group in enumerate(groups):
        for value in group:
            where[value] = index
    members: dict[int, list[Edge]] = {}
    for edge in edges:
        members.setdefault(where[edge[key]], []).append(edge)
    snapped = []
    for index in sorted(members):
        group_edges = members[index]
        mean = sum(e[key] for e in group_edges) / len(group_edges)
        for edge in group_edges:
            shift = mean - edge[key]
            moved = dict(edge)
            moved[low] = edge[low] + shift
            moved[high] = edge[high] + shift
            snapped.append(moved)
    return snapped


def _join(edges: list[Edge], low: str, high: str, tolerance: float) -> list[Edge]:
    """Collinear edges less than ``tolerance`` apart joined into one."""
    ordered = sorted(edges, key=lambda e: e[low])
    joined = [dict(ordered[0])]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[low] <= last[high] + tolerance:
            if edge[high] > last[high]:
                last[high] = edge[high]
        else:
            joined.append(dict(edge))
    return joined


def merge_edges(edges: list[Edge]) -> list[Edge]:
    """Edges snapped to shared lines and joined along them (pdfplumber's merge_edges)."""
    vertical = _snap(
        [e for e in edges if e["orientation"] == "v"], "x0", "x0", "x1", SNAP_TOLERANCE
    )
    horizontal = _snap(
        [e for e in edges if e["orientation"] == "h"], "top", "top", "bottom", SNAP_TOLERANCE
    )

    def group(edge: Edge) -> tuple[str, float]:
        return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])

    merged: list[Edge] = []
    for (orientation, _), items in itertools.groupby(
        sorted(vertical + horizontal, key=group), key=group
    ):
        low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
        merged.extend(_join(list(items), low, high, JOIN_TOLERANCE))
    return merged


def _bbox(edge: Edge) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def edges_to_intersections(edges: list[Edge]) -> dict[Point, dict[str, set[Box]]]:
    """Each point where a vertical and a horizontal edge cross, with the edges there."""
    tolerance = INTERSECTION_TOLERANCE
    vertical = sorted(
        (e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"])
    )
    horizontal = sorted(
        (e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"])
    )
    points: dict[Point, dict[str, set[Box]]] = {}
    # Only the horizontal edges at a vertical edge's height can cross it: found by
    # bisection with a margin, each then tested exactly as before.
    tops = [h["top"] for h in horizontal]
    margin = tolerance + 1.0
    for v in vertical:
        start = bisect.bisect_left(tops, v["top"] - margin)
        end = bisect.bisect_right(tops, v["bottom"] + margin)
        for h in horizontal[start:end]:
            if (
                v["top"] <= h["top"] + tolerance
                and v["bottom"] >= h["top"] - tolerance
                and v["x0"] >= h["x0"] - tolerance
                and v["x0"] <= h["x1"] + tolerance
            ):
                found = points.setdefault((v["x0"], h["top"]), {"v": set(), "h": set()})
                found["v"].add(_bbox(v))
                found["h"].add(_bbox(h))
    return points


def intersections_to_cells(points: dict[Point, dict[str, set[Box]]]) -> list[Box]:
    """The smallest ruled rectangle that starts at each crossing, where there is one."""
    ordered = sorted(points)
    by_column: dict[float, list[Point]] = {}
    by_row: dict[float, list[Point]] = {}
    for point in ordered:
        by_column.setdefault(point[0], []).append(point)
        by_row.setdefault(point[1], []).append(point)
    # Each column and row holds its points in sorted order: the points after a point
    # there are those greater than it.
    column_place = {
        point: place for column in by_column.values() for place, point in enumerate(column)
    }
    row_place = {point: place for row in by_row.values() for place, point in enumerate(row)}
    vertical = {point: found["v"] for point, found in points.items()}
    horizontal = {point: found["h"] for point, found in points.items()}
    cells = []
    for point in ordered:
        below = by_column[point[0]][column_place[point] + 1 :]
        right = by_row[point[1]][row_place[point] + 1 :]
        cell = _smallest_cell(point, below, right, vertical, horizontal)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    vertical: dict[Point, set[Box]],
    horizontal: dict[Point, set[Box]],
) -> Box | None:
    """pdfplumber's search, its ``edge_connects`` spelled out: two points of one column
    are joined by a vertical edge they share, two of one row by a horizontal one."""
    for below_point in below:
        if vertical[point].isdisjoint(vertical[below_point]):
            continue
        for right_point in right:
            if horizontal[point].isdisjoint(horizontal[right_point]):
                continue
            corner = (right_point[0], below_point[1])
            if (
                corner in vertical
                and not vertical[corner].isdisjoint(vertical[right_point])
                and not horizontal[corner].isdisjoint(horizontal[below_point])
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """The cells grouped into tables of cells that share corners, top to bottom; a table
    of one cell is no table."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    corners: set[Point] = set()
    current: list[Box] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            own = {(x0, top), (x0, bottom), (x1, top), (x1, bottom)}
            if not current or own & corners:
                corners |= own
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda table: min((c[1], c[0]) for c in table))
    return [table for table in tables if len(table) > 1]


def table_rows(cells: list[Box]) -> list[list[Box | None]]:
    """A table's cells as grid rows: per distinct top, a slot per distinct left edge
    holding the cell that starts there (``None`` where a merged cell covers it)."""
    lefts = sorted({cell[0] for cell in cells})
    rows = []
    for _, group in itertools.groupby(
        sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]
    ):
        starts = {cell[0]: cell for cell in group}
        rows.append([starts.get(x) for x in lefts])
    return rows


def lattice_edges(edges: list[Edge]) -> list[Edge]:
    """The edges a lattice is read from: long enough, snapped and joined."""
    usable = filter_edges(edges, EDGE_MIN_LENGTH_PREFILTER)
    return filter_edges(merge_edges(usable), EDGE_MIN_LENGTH)


def cells_of(merged: list[Edge]) -> list[list[Box]]:
    """The tables merged edges form, as lists of cell boxes, top to bottom."""
    return cells_to_tables(intersections_to_cells(edges_to_intersections(merged)))


def find_cells(edges: list[Edge]) -> list[list[Box]]:
    """The ruled tables the edges form, as lists of cell boxes, top to bottom."""
    return cells_of(lattice_edges(edges))
