"""Read ruled tables from PDF attachments (pdfplumber).

A PDF has no cells, only characters and ruling lines. Each page's ruled tables are found
from its lines and rectangles (pdfplumber's "lines" strategy) and returned as one
``RawTable`` per table per page; stitching the pages back into one list is the
normalizer's job (``RawRow.starts_page`` marks where a page begins).

* A cell spanning several grid rows or columns (one rectangle over several grid cells)
  is placed once, in its top-left grid cell; the positions it covers are
  ``Covered.LEFT`` where it spans from the left and ``Covered.ABOVE`` where it comes
  down from above.
* Duplicate overlapping glyphs (fake bold: each character printed twice, a hair apart)
  are dropped before the text is read; text in a cell is read line by line, top down.
* Text outside the tables (page numbers, running headers and footers) is ignored,
  except the text above the first table on page 1 (attachment label, title).
* Landscape pages are read upright, whether stored landscape or portrait with
  ``/Rotate``.
* Radicals and compatibility ideographs are mapped to the ideographs meant; pages
  whose text is mostly garbage are reported and skipped (``extract.pdf_text``).

Pages are read one at a time and closed as soon as they are read, so memory stays
bounded however long the document.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from qingdan.extract.errors import BrokenFile, EncryptedFile, UnreadableText
from qingdan.extract.grid import Cell, Covered, Extracted, Notice, RawRow, RawTable
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf_text import TextDamage, measure_damage, repair_text
from qingdan.extract.scan import read_scanned_pdf, with_scanned_pages

TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
"""Tables are ruled: cell borders come from the page's lines and rectangle edges."""

# pdfminer's own errors for a damaged file (bad xref, unexpected end of file, ...).
_DAMAGE = (PdfminerException, PDFException, PSException)


@dataclass
class PageReading:
    """What one page holds: its tables, the text above them, and its text-layer damage."""

    number: int
    tables: list[list[list[Cell]]] = field(default_factory=list)
    text_above: list[list[str]] = field(default_factory=list)
    """Per table, the text lines between the table above it (or the page top) and it."""
    damage: TextDamage = field(default_factory=lambda: TextDamage(0, 0, 0))


Box = tuple[float, float, float, float]

# How far (points) a cell's edge may pass a column's edge and still end there.
_EDGE_TOLERANCE = 1.0


def grid_cells(texts: list[list[str | None]], boxes: list[list[Box | None]]) -> list[list[Cell]]:
    """A table's cells, each position no cell starts at marked by the merge covering it.

    pdfplumber gives ``None`` text and no box for a grid position that a spanning
    cell covers. The nearest cell to its left in the same row covers it when that
    cell's box reaches past the position's left edge; otherwise the spanning cell comes
    down from a row above.
    """
    lefts = _column_lefts(boxes)
    grid: list[list[Cell]] = []
    for row_texts, row_boxes in zip(texts, boxes, strict=True):
        cells: list[Cell] = []
        reach = float("-inf")  # right edge of the last cell that starts in this row
        for col, (text, box) in enumerate(zip(row_texts, row_boxes, strict=True)):
            if box is not None:
                reach = box[2]
                cells.append(repair_text(text or ""))
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


def has_overlapping_glyphs(chars: list[dict[str, Any]], tolerance: float = 1.0) -> bool:
    """Whether some character is printed twice at (almost) the same place (fake bold).

    A cheap test, so that pdfplumber's costlier ``dedupe_chars`` runs only on pages
    that need it.
    """
    seen: dict[tuple[str, int], list[float]] = {}
    for char in chars:
        key = (char["text"], round(char["top"]))
        x0s = seen.setdefault(key, [])
        if any(abs(x0 - char["x0"]) <= tolerance for x0 in x0s):
            return True
        x0s.append(char["x0"])
    return False


def straighten_rotated_lines(page: Any, tolerance: float = 0.01) -> None:
    """Make the ruling lines of a rotated page exactly horizontal or vertical (in place).

    A landscape page is often stored portrait with ``/Rotate 90``; pdfplumber turns its
    coordinates upright, but the turn leaves rounding noise (a horizontal line whose
    top and bottom differ by 1e-13), and pdfplumber then takes the line for a vertical
    one and finds no table.
    """
    for line in page.objects.get("line", []):
        if abs(line["bottom"] - line["top"]) < tolerance:
            line["bottom"] = line["top"]
        if abs(line["x1"] - line["x0"]) < tolerance:
            line["x1"] = line["x0"]


def read_page(page: Any, with_text_above: bool) -> PageReading:
    """The ruled tables of one pdfplumber page (and, if asked, the text lines above them)."""
    reading = PageReading(page.page_number)
    reading.damage = measure_damage([char["text"] for char in page.chars])
    if reading.damage.unreadable:
        return reading
    if page.rotation:
        straighten_rotated_lines(page)
    clean = page.dedupe_chars() if has_overlapping_glyphs(page.chars) else page
    found = clean.find_tables(TABLE_SETTINGS)
    for table in found:
        boxes = [list(row.cells) for row in table.rows]
        reading.tables.append(grid_cells(table.extract(), boxes))
    if with_text_above:
        reading.text_above = _text_above_tables(clean, [table.bbox for table in found])
    return reading


def _text_above_tables(
    page: Any, boxes: list[tuple[float, float, float, float]]
) -> list[list[str]]:
    """For each table box (top to bottom), the text lines between the table above it (or
    the page top) and it; with no table, one entry: the whole page's text."""
    _, page_top, _, page_bottom = page.bbox
    spans: list[tuple[float, float]] = []
    upper = page_top
    for _, top, _, bottom in boxes:
        spans.append((upper, top))
        upper = max(upper, bottom)
    if not boxes:
        spans.append((page_top, page_bottom))
    return [_lines_between(page, upper, lower) for upper, lower in spans]


def _lines_between(page: Any, upper: float, lower: float) -> list[str]:
    """The repaired, non-blank text lines across the page between two heights."""
    if lower <= upper:
        return []
    left, _, right, _ = page.bbox
    text = page.crop((left, upper, right, lower)).extract_text()
    return [repair_text(line.strip()) for line in text.splitlines() if line.strip()]


@contextmanager
def _open(data: bytes, path: Path, password: str | None) -> Iterator[Any]:
    """The open pdfplumber document, with opening failures turned into our errors."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect) and password:
            raise EncryptedFile(path, "wrong password for this encrypted PDF") from error
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedFile(
                path, "the PDF is encrypted; pass its password with --password"
            ) from error
        raise BrokenFile(path, f"not a readable PDF (damaged or truncated: {cause})") from error
    with pdf:
        yield pdf


def _damage_notices(reading: PageReading) -> list[Notice]:
    damage = reading.damage
    if damage.unreadable:
        return [
            Notice(
                "unreadable-page",
                f"page {reading.number}: {damage.garbage} of {damage.characters} characters "
                "have no readable text (broken font mapping); the page was skipped",
                reading.number,
            )
        ]
    counts = [
        f"{count} {what}"
        for count, what in (
            (damage.cid_placeholders, "(cid:NN) placeholders"),
            (damage.private_use, "private-use characters"),
        )
        if count
    ]
    if counts:
        return [
            Notice(
                "garbled-text",
                f"page {reading.number}: {' and '.join(counts)} in the text layer (broken font "
                "mapping); the text there is kept as found but cannot be read",
                reading.number,
            )
        ]
    return []


def _raw_tables(reading: PageReading) -> list[RawTable]:
    tables = []
    for index, grid in enumerate(reading.tables, start=1):
        rows = [
            RawRow(
                cells=cells,
                page=reading.number,
                starts_page=reading.number > 1 and index == 1 and position == 0,
            )
            for position, cells in enumerate(grid)
        ]
        above = reading.text_above[index - 1] if index <= len(reading.text_above) else []
        name = f"page {reading.number} table {index}"
        tables.append(RawTable(rows=rows, name=name, text_above=above))
    return tables


def read_pdf(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.pdf`` file's bytes into one raw grid per ruled table per page.

    A PDF with no text layer on any page (a scan) is read by OCR (``extract.scan``), and
    so are the image-only pages of a PDF that is partly text.

    Raises ``EncryptedFile`` (no or wrong password), ``BrokenFile`` (damaged or
    truncated), ``OcrUnavailable`` (a scan, without the ``ocr`` extra) and
    ``UnreadableText`` (garbage on every page).
    """
    password = options.password if options else None
    tables: list[RawTable] = []
    text_before: list[str] = []
    notices: list[Notice] = []
    pages_with_text = unreadable = 0
    image_only: list[int] = []  # pages holding a picture and no text: scanned pages
    with _open(data, path, password) as pdf:
        for page in pdf.pages:
            try:
                reading = read_page(page, with_text_above=page.page_number == 1)
                if reading.damage.characters == 0 and page.images:
                    image_only.append(page.page_number)
            except _DAMAGE as error:
                raise BrokenFile(
                    path, f"page {page.page_number} cannot be read (damaged PDF: {error})"
                ) from error
            finally:
                page.close()
            pages_with_text += reading.damage.characters > 0
            unreadable += reading.damage.unreadable
            notices.extend(_damage_notices(reading))
            tables.extend(_raw_tables(reading))
            if reading.text_above and not text_before:
                text_before = reading.text_above[0]
    if pages_with_text == 0:
        return read_scanned_pdf(data, path, options)
    if unreadable == pages_with_text:
        raise UnreadableText(
            path,
            "the PDF's text layer is unreadable on every page (broken font mapping); "
            "run OCR on it or ask for the DOCX",
        )
    if unreadable and not tables:
        raise UnreadableText(
            path,
            f"the PDF's text layer is unreadable on {unreadable} of {pages_with_text} pages "
            "(broken font mapping) and no table is left on the others; run OCR on it",
        )
    found = Extracted(tables=tables, text_before=text_before, notices=notices)
    return with_scanned_pages(found, data, path, options, image_only) if image_only else found
