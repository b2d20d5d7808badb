"""The raw grid: what every reader returns, whatever the file format.

A grid is rows of cells as the document lays them out, before anything is known
about task lists. One distinction matters downstream: a cell *covered* by a merged
cell (``None``) is not the same as a cell that is really blank (``""``); the
normalizer carries covered cells forward from the cell above and leaves blank ones
alone (except where a layout rule says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | None
"""A cell's text with line breaks as ``\\n``; ``None`` when a merged cell covers it."""


@dataclass(frozen=True)
class RawRow:
    """One row of a table as the reader found it."""

    cells: list[Cell]
    page: int | None = None
    """1-based page the row was printed on, where the format knows pages."""
    repeats_as_header: bool = False
    """The format marks this row to repeat at the top of every page (Word's tblHeader)."""
    starts_page: bool = False
    """The row is the first row of the table on a new page (a page break falls just above it)."""


@dataclass(frozen=True)
class RawTable:
    """One table in a document, in reading order."""

    rows: list[RawRow]
    name: str = "table 1"
    """How to refer to the table in a message ("table 2", "page 3 table 1")."""
    text_above: list[str] = field(default_factory=list)
    """Non-table text lines between the previous table and this one, where the reader
    knows them (a title above a task table that follows another table)."""

    @property
    def width(self) -> int:
        """The number of columns: the widest row."""
        return max((len(row.cells) for row in self.rows), default=0)


@dataclass(frozen=True)
class Notice:
    """A problem a reader noticed and worked around, for the document's warnings."""

    code: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Extracted:
    """What one reader found in one file: its tables and the text around them."""

    tables: list[RawTable]
    text_before: list[str] = field(default_factory=list)
    """Non-table text lines above the first table (attachment label, title)."""
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class RawDocument:
    """A file's extraction together with the file's identity."""

    path: str
    format: str
    sha256: str
    content: Extracted

    @property
    def tables(self) -> list[RawTable]:
        """The tables in reading order."""
        return self.content.tables
