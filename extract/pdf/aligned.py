"""Tables that rules do not frame: columns and rows from how the text is aligned.

A 三线表 (rules only above and under the header and at the foot), a table with only a
header rule, or one set with whitespace alone gives the lattice reading
(``extract.pdf.geometry``) no cell. Such a table is read as camelot's stream parser
reads one, on our own page model (issue 27):

* the page's glyphs make lines (by their vertical centres) and each line breaks into
  text segments where a gap wider than ``COLUMN_GAP`` font sizes opens;
* the table is the run of lines from the first to the last line of two or more
  segments; the lines above it are the text above the table;
* its columns are the x-ranges the segments of those lines cover, overlapping ranges
  joined: whitespace that no such line crosses separates two columns;
* a row starts at a line with text in the first column (a cell's wrapped lines leave it
  blank), or at every line when the first column is blank on most of them.

The result is a ``TableBoxes`` like a ruled table's, one box per row and column, filled
by the same exact-text rule. It is a guess, used only where the page has no ruled
table, and the reader says so in a notice naming it. A ruled table whose rules stop is
gone on with by ``extract.pdf.unruled_rows``, on these lines and rows.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from qingdan.extract.pdf.geometry import TableBoxes
from qingdan.extract.pdf.glyphs import Box, Glyph

COLUMN_GAP = 1.5
"""A gap wider than this many font sizes between two glyphs of a line separates two
cells (a space in Latin text is about 0.25, Word's 年/digit autospace 0.25)."""

_LINE_BAND = 0.5
"""Glyphs whose vertical centres lie within this share of the font size are on one line."""


class _Segment(NamedTuple):
    x0: float
    x1: float


class Line(NamedTuple):
    """One printed line of a page: its extent, size, text segments and glyphs (left to right)."""

    top: float
    bottom: float
    size: float
    segments: list[_Segment]
    glyphs: list[Glyph]


def aligned_table(glyphs: list[Glyph]) -> TableBoxes | None:
    """The table the page's text alignment shows, or ``None`` where it shows none."""
    lines = page_lines([g for g in glyphs if not g.text.isspace()])
    wide = [i for i, line in enumerate(lines) if len(line.segments) >= 2]
    if len(wide) < 2:
        return None
    region = lines[wide[0] : wide[-1] + 1]
    columns = _columns([lines[i] for i in wide])
    if len(columns) < 2:
        return None
    rows = row_spans(region, columns)
    left, right = columns[0][0], columns[-1][1]
    bounds = [left, *((a[1] + b[0]) / 2 for a, b in pairwise(columns)), right]
    boxes: list[list[Box | None]] = [
        [(bounds[c], top, bounds[c + 1], bottom) for c in range(len(columns))]
        for top, bottom in rows
    ]
    return TableBoxes(bbox=(left, rows[0][0], right, rows[-1][1]), rows=boxes)


def page_lines(glyphs: list[Glyph]) -> list[Line]:
    """The page's lines top down, each with its segments left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.middle):
        if lines and abs(glyph.middle - lines[-1][0].middle) <= _LINE_BAND * glyph.size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [_line(members) for members in lines]


def _line(members: list[Glyph]) -> Line:
    ordered = sorted(members, key=lambda g: g.x0)
    size = max(g.size for g in ordered)
    segments = [_Segment(ordered[0].x0, ordered[0].x1)]
    for glyph in ordered[1:]:
        if glyph.x0 - segments[-1].x1 > COLUMN_GAP * size:
            segments.append(_Segment(glyph.x0, glyph.x1))
        else:
            segments[-1] = _Segment(segments[-1].x0, max(segments[-1].x1, glyph.x1))
    top = min(g.top for g in ordered)
    return Line(top, max(g.bottom for g in ordered), size, segments, ordered)


def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    """The x-ranges the segments cover, overlapping ones joined, left to right."""
    spans = sorted((s.x0, s.x1) for line in lines for s in line.segments)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def row_spans(region: list[Line], columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each row's top and bottom: a row starts at a line with text in the first column,
    or at every line when most lines leave the first column blank."""
    first = columns[0]
    anchored = [any(s.x0 < first[1] and s.x1 > first[0] for s in ln.segments) for ln in region]
    every_line = sum(anchored) * 2 < len(region)
    rows: list[list[Line]] = []
    for line, starts in zip(region, anchored, strict=True):
        if not rows or starts or every_line:
            rows.append([line])
        else:
            rows[-1].append(line)
    spans = [(min(ln.top for ln in row), max(ln.bottom for ln in row)) for row in rows]
    # Each row reaches down to the next one's top, so no glyph falls between two boxes.
    return [
        (top, spans[i + 1][0] if i + 1 < len(spans) else bottom)
        for i, (top, bottom) in enumerate(spans)
    ]
