"""One PDF page, whatever engine read it: its glyphs and ruling edges -> tables and lines.

An engine (``extract.pdf.plumber``, ``extract.pdf.pdfium``) turns a page into a
``PageContent``: upright page size, glyphs, ruling edges. ``read_page`` finds the ruled
tables, fills their cells by the exact-text rule (``extract.pdf.glyphs``) and reads
the text lines between them, so both engines give the same grid from the same page.
"""

from __future__ import annotations

from typing import NamedTuple

from qingdan.extract.errors import QingdanError
from qingdan.extract.grid import Cell, Foot, Notice, TextLine
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.pdf.aligned import aligned_table
from qingdan.extract.pdf.geometry import (
    TableBoxes,
    feet,
    fill_cells,
    find_tables,
)
from qingdan.extract.pdf.glyphs import Box, Glyph, GlyphIndex, PrintedLine
from qingdan.extract.pdf.rulings import Edge
from qingdan.extract.pdf.text import TextDamage, measure_damage, repair_text
from qingdan.extract.pdf.unruled_rows import rows_below

CENTRED_TOLERANCE = 0.04
"""A line is centred when its middle is within this share of the page width of the
page's middle (and it does not fill the line)."""


class EngineCannotOpen(QingdanError):
    """An engine cannot open a file another engine may read (PDFium's own limits)."""


class PageContent(NamedTuple):
    """What an engine read from one page, in upright top-down coordinates."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    edges: list[Edge]
    has_image: bool = False
    """The page shows an image; engines look only when it has no glyphs (a scan?)."""
    notices: tuple[Notice, ...] = ()
    """What the engine noticed about the file while reading this page (a damaged file)."""
    fallback: bool = False
    """The engine's text may not be the PDF's here (``extract.pdf.fallback``): the page
    is read again by the fallback engine."""


class PageReading:
    """What one page holds: its tables, the text above them, and its text-layer damage
    (filled in by ``read_page``)."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.tables: list[list[list[Cell]]] = []
        self.boxes: list[TableBoxes] = []
        self.at_foot: tuple[Foot, ...] | None = None
        """For the last row of the page's last table: per column, how its text meets
        the table's foot (``RawRow.at_foot``)."""
        self.lines_above: list[list[TextLine]] = []
        """Per table, the text lines between the table above it (or the page top) and
        it; with no table, one entry: the whole page's lines."""
        self.lines_below: list[TextLine] = []
        """The text lines under the page's last table (none when it has no table)."""
        self.damage = TextDamage(0, 0, 0)
        self.notices: list[Notice] = []
        """What the reading guessed on this page (a table read from text alignment)."""


def read_page(content: PageContent) -> PageReading:
    """The ruled tables of one page, the text lines above each and those under the last."""
    reading = PageReading(content.number)
    reading.damage = measure_damage([g.text for g in content.glyphs])
    if reading.damage.unreadable:
        return reading
    index = GlyphIndex(content.glyphs)
    reading.boxes = find_tables(content.edges)
    if not reading.boxes:
        guessed = aligned_table(content.glyphs)
        if guessed is not None:
            reading.boxes = [guessed]
            reading.notices.append(_guess_notice(content.number, guessed))
    else:
        _complete_last(reading, content)
    reading.tables = [fill_cells(table, index) for table in reading.boxes]
    if reading.boxes:
        last = reading.boxes[-1]
        reading.at_foot = feet(last, len(last.rows) - 1, index)
    reading.lines_above = _lines_above(content, index, [t.bbox for t in reading.boxes])
    if reading.boxes:
        bottom = max(box.bbox[3] for box in reading.boxes)
        reading.lines_below = [
            _styled(line, content.width) for line in index.lines_between(bottom, float("inf"))
        ]
    return reading


def _complete_last(reading: PageReading, content: PageContent) -> None:
    """The page's last ruled table, gone on with by the rows printed under its last rule
    (``extract.pdf.unruled_rows``), with a notice naming the guess."""
    ruled = reading.boxes[-1]
    completed = rows_below(ruled, content.glyphs)
    if completed is None:
        return
    reading.boxes[-1] = completed
    added = len(completed.rows) - len(ruled.rows)
    reading.notices.append(
        Notice(
            NoticeCode.ALIGNED_TABLE,
            f"page {content.number}: the ruled table's rules stop after {len(ruled.rows)} "
            f"rows; {added} rows under them were read from how the text is aligned (a "
            "guess: check its grid)",
            content.number,
        )
    )


def _guess_notice(page: int, table: TableBoxes) -> Notice:
    columns = len(table.rows[0]) if table.rows else 0
    return Notice(
        NoticeCode.ALIGNED_TABLE,
        f"page {page}: no ruled table; a table of {columns} columns and {len(table.rows)} "
        "rows was read from how the text is aligned (a guess: check its grid)",
        page,
    )


def _lines_above(content: PageContent, index: GlyphIndex, boxes: list[Box]) -> list[list[TextLine]]:
    spans: list[tuple[float, float]] = []
    upper = float("-inf")
    for _, top, _, bottom in boxes:
        spans.append((upper, top))
        upper = max(upper, bottom)
    if not boxes:
        spans.append((upper, float("inf")))
    return [[_styled(line, content.width) for line in index.lines_between(a, b)] for a, b in spans]


def _styled(line: PrintedLine, page_width: float) -> TextLine:
    middle = (line.x0 + line.x1) / 2
    centred = (
        abs(middle - page_width / 2) <= CENTRED_TOLERANCE * page_width
        and line.x1 - line.x0 < 0.8 * page_width
    )
    return TextLine(
        text=repair_text(line.text), size=round(line.size, 1), bold=line.bold, centered=centred
    )
