"""Where each record was printed: its source cells, for the page beside the records.

A grid (DOCX, HTML, XLSX, text …) gives each record's row and columns in its rebuilt
grid: the row whose cell holds the record's measure, and the cells of that row whose
text is one of the record's values. A PDF gives boxes in PDF points on the record's
page: PDFium finds the measure's text among the page's characters (ignoring the
spaces and line breaks wrapping made) and then each unit name and the deadline
nearest to it. A record found nowhere (numbered paragraphs, a scan) has no cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from qingdan.extract import read_document
from qingdan.extract.grid import RawDocument, cell_text, is_covered
from qingdan.schema import Document, Record

PREFIX = 12
"""Characters of a value's start that identify its cell (a measure's first clause)."""


class SourceCell(BaseModel):
    """One printed cell a record's value came from."""

    field: str
    """The record field the cell gave (measure, lead, support, deadline, no, category)."""
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    """PDF: left, bottom, right, top in PDF points on ``page``."""
    table: int | None = None
    """Grid: 0-based table index, row and column in the rebuilt grid."""
    row: int | None = None
    column: int | None = None


class GridCell(NamedTuple):
    """One position of a rebuilt grid: its text, or covered by a merged cell."""

    text: str
    covered: bool


def compact(text: str) -> str:
    """The text without whitespace (wrapping's spaces and line breaks are not text)."""
    return "".join(text.split())


def _values(record: Record) -> Iterator[tuple[str, str]]:
    """(field, text) of every value a cell may have given, the measure first."""
    yield "measure", record.measure
    for field in ("no", "category", "deadline"):
        value = getattr(record, field)
        if value:
            yield field, value
    for name in record.lead:
        yield "lead", name
    for name in record.support:
        yield "support", name


def rebuilt_grid(raw: RawDocument) -> list[list[list[GridCell]]]:
    """Every table of a document as rows of cells (covered positions marked)."""
    return [
        [[GridCell(cell_text(cell), is_covered(cell)) for cell in row.cells] for row in table.rows]
        for table in raw.tables
    ]


def grid_cells(grid: list[list[list[GridCell]]], record: Record) -> list[SourceCell]:
    """The cells of the grid row holding ``record``'s measure."""
    key = compact(record.measure)[:PREFIX]
    if not key:
        return []
    for t, table in enumerate(grid):
        for r, row in enumerate(table):
            texts = [compact(cell.text) for cell in row]
            if any(key in text for text in texts):
                return list(_row_cells(record, texts, t, r))
    return []


def _row_cells(record: Record, texts: list[str], table: int, row: int) -> Iterator[SourceCell]:
    seen: set[int] = set()
    for field, value in _values(record):
        wanted = compact(value)[:PREFIX]
        for c, text in enumerate(texts):
            if wanted and wanted in text and c not in seen:
                seen.add(c)
                yield SourceCell(field=field, table=table, row=row, column=c)
                break


class PageText(NamedTuple):
    """A PDF page's characters without whitespace, with each one's box."""

    text: str
    boxes: list[tuple[float, float, float, float]]


def pdf_page_texts(path: Path) -> dict[int, PageText]:
    """Every page's compact text and character boxes (1-based page numbers)."""
    import pypdfium2 as pdfium

    pages: dict[int, PageText] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in range(len(pdf)):
            textpage = pdf[number].get_textpage()
            count = textpage.count_chars()
            whole = textpage.get_text_range(0, count)
            chars, boxes = [], []
            for index in range(count):
                char = whole[index] if len(whole) == count else textpage.get_text_range(index, 1)
                if char and not char.isspace():
                    chars.append(char)
                    boxes.append(textpage.get_charbox(index))
            pages[number + 1] = PageText("".join(chars), boxes)
    finally:
        pdf.close()
    return pages


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _occurrences(page: PageText, text: str) -> Iterator[tuple[float, float, float, float]]:
    wanted = compact(text)
    for key in (wanted, wanted[:PREFIX]):
        start, found = page.text.find(key) if key else -1, False
        while start >= 0:
            found = True
            yield _union(page.boxes[start : start + len(key)])
            start = page.text.find(key, start + 1)
        if found:
            return


def pdf_cells(pages: dict[int, PageText], record: Record) -> list[SourceCell]:
    """Boxes of the record's measure on its page, and of its other values nearest it."""
    order = [record.page] if record.page in pages else []
    order += [n for n in pages if n not in order]
    for number in order:
        anchor = next(_occurrences(pages[number], record.measure), None)
        if anchor is not None:
            measure = SourceCell(field="measure", page=number, box=anchor)
            return [measure, *_near(pages[number], number, record, anchor)]
    return []


def _near(
    page: PageText, number: int, record: Record, anchor: tuple[float, float, float, float]
) -> Iterator[SourceCell]:
    middle = (anchor[1] + anchor[3]) / 2
    for field, value in _values(record):
        if field == "measure":
            continue
        boxes = list(_occurrences(page, value))
        if boxes:
            box = min(boxes, key=lambda b: abs((b[1] + b[3]) / 2 - middle))
            yield SourceCell(field=field, page=number, box=box)


def locate(path: Path, document: Document) -> dict[int, list[SourceCell]]:
    """Each record's source cells (by seq): boxes on PDF pages, else grid positions."""
    if document.document.format == "pdf":
        pages = pdf_page_texts(path)
        return {record.seq: pdf_cells(pages, record) for record in document.records}
    grid = rebuilt_grid(read_document(path))
    return {record.seq: grid_cells(grid, record) for record in document.records}
