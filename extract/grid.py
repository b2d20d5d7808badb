"""The raw grid: what every reader returns, whatever the file format.

A grid is rows of cells as the document lays them out, before anything is known
about task lists. One distinction matters downstream: a grid position *covered* by a
merged cell is not a cell that is really blank (``""``), and a covered position says
which way its merged cell lies: ``Covered.ABOVE`` (a vertical merge: the cell above
holds the text) or ``Covered.LEFT`` (a horizontal span: the cell to the left holds it).
Each reader also declares, in ``ReaderTraits``, what its blank cells may mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import NamedTuple

from qingdan.extract.notice_codes import NoticeCode


class Covered(Enum):
    """A grid position covered by a merged cell, and where that cell's text is."""

    ABOVE = "above"
    """Covered by a cell merged down from the row above (Word's ``w:vMerge``, rowspan)."""
    LEFT = "left"
    """Covered by a cell spanning from the column to the left (``w:gridSpan``, colspan)."""

    def __repr__(self) -> str:
        return f"Covered.{self.name}"


Cell = str | Covered
"""A cell's text with line breaks as ``\\n``, or the direction of the merged cell covering it."""

Box = tuple[float, float, float, float]
"""A printed cell's box on its page: left, top, right, bottom in points from the page's
top-left corner (as the page is shown, rotation and crop applied; an OFD page's
millimetres in points; an image file's pixels counted as points)."""


def rounded_boxes(boxes: Iterable[Box | None]) -> tuple[Box | None, ...]:
    """A row's cell boxes to a hundredth of a point (finer is the geometry's noise)."""
    return tuple(
        None
        if box is None
        else (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
        for box in boxes
    )


def cell_text(cell: Cell | None) -> str:
    """The text of a cell: ``""`` for a covered position (its text belongs to another cell)."""
    return cell if isinstance(cell, str) else ""


def is_covered(cell: Cell | None) -> bool:
    """Whether a grid position is covered by a merged cell (either direction)."""
    return isinstance(cell, Covered)


class ReaderTraits(NamedTuple):
    """What a reader's grids can and cannot say, so the normalizer knows what to trust."""

    blank_may_be_merged: bool = False
    """A blank cell may be a merged cell the format printed once: a text dump or a CSV
    saved from a spreadsheet writes a vertically merged cell's text in its first row and
    leaves the rows below blank. Word, PDF, HTML and XLSX readers mark merges themselves,
    so their blank cells are blank."""
    short_row_may_span: bool = False
    """A row may leave out the positions a horizontally merged cell covers: a text dump
    prints a merged cell once, so a lone cell may span the table, a header's group label
    may stand over several sub-labels, and a sub-header row may leave out the columns
    merged down from the row above. Other readers give every row its whole width."""
    text_below_may_join_table: bool = False
    """Lines under the table may come back as more lines of the last row's cells: a text
    dump cannot tell a paragraph under the table from a cell's next line."""
    text_may_be_misread: bool = False
    """The text was read by OCR from pixels, so look-alike characters may be swapped
    (曰 for 日, a letter O for a zero); normalize corrects them only where a deadline
    proves it (issue 20)."""
    lines_may_be_wrapped: bool = False
    """A text line outside the tables may be a line the page wrapped, not a paragraph: a
    PDF or a scan gives its lines as printed, Word, HTML and text files a paragraph each
    (a numbered-paragraph list joins them back, ``normalize.paragraph_lines``)."""


PRINTED_PAGE = ReaderTraits(lines_may_be_wrapped=True)
"""What a reader of printed pages (PDF, OFD) says: its lines are the page's lines."""


class Foot(Enum):
    """How a cell's text meets the foot of a page's table (the page break below it)."""

    CLEAR = "clear"
    """No text, or the text ends above the foot: the break cut nothing in this cell."""
    FILLED = "filled"
    """The text runs from the cell's top down to the foot: the break may have cut it (or
    the text just fills the cell)."""
    LOWER = "lower"
    """The text runs down to the foot but starts lower than the top: a centred text the
    break cut (a whole centred text leaves as much room below as above)."""

    OPEN = "open"
    """No text on this page and no rule under the cell: a merged cell the break cut whose
    text is printed on the next page (Calc centres it in the whole merged range)."""

    @property
    def reaches(self) -> bool:
        """Whether the text runs down to the foot."""
        return self in (Foot.FILLED, Foot.LOWER)


LOW_CONFIDENCE = 0.8
"""OCR text read with less confidence than this needs a person's look: counted in the
document's ``ocr`` notice, and named cell by cell in a record's ``low-confidence``
warning."""


class RawRow(NamedTuple):
    """One row of a table as the reader found it."""

    cells: list[Cell]
    page: int | None = None
    """1-based page the row was printed on, where the format knows pages."""
    repeats_as_header: bool = False
    """The format marks this row to repeat at the top of every page (Word's tblHeader)."""
    starts_page: bool = False
    """The row is the first row of the table on a new page (a page break falls just above it)."""
    at_foot: tuple[Foot, ...] | None = None
    """For the last row on a page (PDF): per column, where the text of the cell at that
    position (or of the merged cell covering it) ends against the table's foot, the
    evidence of whether the page break cut it; ``None`` where the reader cannot tell."""
    confidence: tuple[float | None, ...] | None = None
    """For a row read by OCR: per column, the lowest confidence (0-1) of the text lines
    read into the cell at that position (``None`` for a covered or empty position);
    ``None`` for a row read from text, which every other reader gives."""
    boxes: tuple[Box | None, ...] | None = None
    """For a row of a printed page (PDF, OFD, a scan): per column, the box of the cell
    that starts at that position (``None`` for a covered position); ``None`` where the
    reader knows no boxes. A cell's table, row and column are its place in ``Extracted.tables``."""


class TextLine(NamedTuple):
    """A line of text outside the tables, with how it is printed (for finding the title).

    Readers that know the look (PDF: glyph sizes, fonts and position; DOCX: paragraph
    and run properties) fill ``size``, ``bold`` and ``centered``; a plain-text reader
    leaves them unknown (``None``).
    """

    text: str
    size: float | None = None
    """Font size in points (the largest on the line)."""
    bold: bool | None = None
    centered: bool | None = None


def plain_lines(lines: list[TextLine]) -> list[str]:
    """The texts of styled lines."""
    return [line.text for line in lines]


class RawTable(NamedTuple):
    """One table in a document, in reading order."""

    rows: list[RawRow]
    name: str = "table 1"
    """How to refer to the table in a message ("table 2", "page 3 table 1")."""
    text_above: Sequence[str] = ()
    """Non-table text lines between the previous table and this one, where the reader
    knows them (a title above a task table that follows another table)."""
    lines_above: Sequence[TextLine] = ()
    """``text_above`` with how each line is printed, where the reader knows it."""

    @property
    def width(self) -> int:
        """The number of columns: the widest row."""
        return max((len(row.cells) for row in self.rows), default=0)


class Notice(NamedTuple):
    """A problem a reader noticed and worked around, for the document's warnings."""

    code: NoticeCode
    message: str
    page: int | None = None


class Extracted(NamedTuple):
    """What one reader found in one file: its tables and the text around them."""

    tables: list[RawTable]
    text_before: Sequence[str] = ()
    """Non-table text lines above the first table (attachment label, title); in a
    document without a table, all its text lines in reading order."""
    notices: Sequence[Notice] = ()
    traits: ReaderTraits = ReaderTraits()
    lines_before: Sequence[TextLine] = ()
    """``text_before`` with how each line is printed, where the reader knows it."""
    text_after: Sequence[str] = ()
    """Non-table text lines below the last table, in reading order (a note or a signature
    line under it, the closing lines), where the reader knows them; empty in a document
    without a table (its lines are all ``text_before``)."""


class RawDocument(NamedTuple):
    """A file's extraction together with the file's identity."""

    path: str
    format: str
    sha256: str
    content: Extracted

    @property
    def tables(self) -> list[RawTable]:
        """The tables in reading order."""
        return self.content.tables
