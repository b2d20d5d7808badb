"""Read ruled tables from PDF attachments.

A PDF has no cells, only characters and ruling lines. An engine reads each page's
glyphs and ruling edges (``extract.pdf.pdfium``: PDFium, the default; ``extract.pdf.plumber``:
pdfplumber, the fallback for files PDFium cannot open); the page's ruled tables are
found from its edges (``extract.pdf.geometry``) and returned as one ``RawTable`` per
table per page. Stitching the pages back into one list is the normalizer's job
(``RawRow.starts_page`` marks where a page begins).

* A cell spanning several grid rows or columns is placed once, in its top-left grid
  cell; the positions it covers are ``Covered.LEFT`` where it spans from the left and
  ``Covered.ABOVE`` where it comes down from above.
* Text is built from the glyphs by the exact-text rule (``extract.pdf.glyphs``): no
  space next to a Chinese character, fake-bold duplicates dropped, lines as ``\\n``.
* Text outside the tables (page numbers, running headers and footers) is left out of
  the grids; the lines above each table are kept with their look (``TextLine``) for the
  title, and the lines under the last table (on its page and the pages after it) as
  ``text_after``. A document with no table gives every text line of every page.
* Tables as every program draws them (issue 27): a table open at a page break
  (Chromium, Calc: no rule at the foot) is closed where its vertical rules stop
  (``extract.pdf.open_ends``); text painted outside its clip path is not read
  (``extract.pdf.clips``); glyph boxes come from the font size and baseline when a
  font's ascent and descent are implausible; a page with no ruled table is read from
  its text's alignment (``extract.pdf.aligned``, a warning names the guess), and so are
  the rows under a ruled table whose rules stop (``extract.pdf.unruled_rows``); a page
  whose characters PDFium normalised is read by pdfplumber (``extract.pdf.fallback``);
  /ActualText is read only where the glyph prints it (``extract.pdf.actual_text``).
* Landscape pages are read upright, whether stored landscape or portrait with
  ``/Rotate``.
* Radicals and compatibility ideographs are mapped to the ideographs meant; pages
  whose text is mostly garbage are reported and skipped (``extract.pdf.text``).
* A page with no characters but an image is a scanned page: a PDF made only of them
  is read by OCR (``extract.scan.reader``, the ``ocr`` extra), and so are the scanned pages
  of a PDF that is partly text.

Pages are read one at a time, so memory stays bounded however long the document.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from qingdan.extract.errors import UnreadableText
from qingdan.extract.grid import (
    PRINTED_PAGE,
    Cell,
    Extracted,
    Notice,
    RawRow,
    RawTable,
    TextLine,
    plain_lines,
    rounded_boxes,
)
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import PDF_ENGINES, ReadOptions
from qingdan.extract.pdf.fallback import FallbackPages
from qingdan.extract.pdf.geometry import grid_cells as covered_grid
from qingdan.extract.pdf.glyphs import Box
from qingdan.extract.pdf.page import EngineCannotOpen, PageContent, PageReading, read_page
from qingdan.extract.pdf.text import repair_text

OpenPages = Callable[[bytes, Path, str | None], AbstractContextManager[Iterator[PageContent]]]
"""An engine: open a PDF's bytes and give its pages one by one (raising our errors)."""

ENGINES: dict[str, str] = {
    "pdfium": "qingdan.extract.pdf.pdfium:open_pages",
    "pdfplumber": "qingdan.extract.pdf.plumber:open_pages",
}
"""Engine name -> "module:function", imported on first use."""

FALLBACK_ENGINE = "pdfplumber"

__all__ = ["ENGINES", "Box", "EngineCannotOpen", "engine", "grid_cells", "read_pdf"]
assert set(ENGINES) == set(PDF_ENGINES)


def engine(name: str) -> OpenPages:
    """The engine registered under ``name`` (``ValueError`` naming the known ones)."""
    if name not in ENGINES:
        raise ValueError(f"unknown PDF engine {name!r} (known: {', '.join(ENGINES)})")
    module, function = ENGINES[name].split(":")
    opener: OpenPages = getattr(importlib.import_module(module), function)
    return opener


def grid_cells(texts: list[list[str | None]], boxes: list[list[Box | None]]) -> list[list[Cell]]:
    """A table's cells from per-position texts (repaired here) and boxes, each position no
    cell starts at marked by the merge covering it (kept for ``extract.ofd``)."""
    repaired = [[None if text is None else repair_text(text) for text in row] for row in texts]
    return covered_grid(repaired, boxes)


class _Document:
    """What the pages of one document add up to while they are read."""

    def __init__(self) -> None:
        self.tables: list[RawTable] = []
        self.lines_before: list[TextLine] = []
        self.lines_after: list[TextLine] = []
        """The lines under the last table so far: on its page, then on the pages after."""
        self.notices: list[Notice] = []
        self.pages_with_text = 0
        self.unreadable = 0
        self.scanned: list[int] = []
        """Pages with no characters and an image: scans, for OCR."""


def read_pdf(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.pdf`` file's bytes into one raw grid per ruled table per page.

    A PDF with no text layer on any page (a scan) is read by OCR (``extract.scan.reader``), and
    so are the image-only pages of a PDF that is partly text.

    Raises ``EncryptedFile`` (no or wrong password), ``BrokenFile`` (damaged or
    truncated), ``OcrUnavailable`` (a scan, without the ``ocr`` extra), ``NoTextLayer``
    (a scan OCR finds no text in) and ``UnreadableText`` (garbage on every page).
    """
    options = options or ReadOptions()
    try:
        document = _read_with(options.pdf_engine, data, path, options.password)
    except EngineCannotOpen:
        document = _read_with(FALLBACK_ENGINE, data, path, options.password)
    if document.pages_with_text == 0:
        from qingdan.extract.scan.reader import read_scanned_pdf  # OCR's modules: for scans only

        return read_scanned_pdf(data, path, options)
    _check_readable(document, path)
    found = Extracted(
        tables=document.tables,
        text_before=plain_lines(document.lines_before),
        lines_before=document.lines_before,
        notices=document.notices,
        traits=PRINTED_PAGE,
        text_after=plain_lines(document.lines_after),
    )
    if document.scanned:
        from qingdan.extract.scan.reader import with_scanned_pages

        return with_scanned_pages(found, data, path, options, document.scanned)
    return found


def _read_with(name: str, data: bytes, path: Path, password: str | None) -> _Document:
    document = _Document()
    opened = engine(name)(data, path, password)
    with opened as pages, FallbackPages(data, path, password) as fallback:
        for content in pages:
            if content.fallback:
                content = fallback.page(content.number)._replace(notices=content.notices)
            document.notices.extend(content.notices)
            if not content.glyphs and content.has_image:
                document.scanned.append(content.number)
            _add_page(document, read_page(content))
    return document


def _add_page(document: _Document, reading: PageReading) -> None:
    document.pages_with_text += reading.damage.characters > 0
    document.unreadable += reading.damage.unreadable
    document.notices.extend(_damage_notices(reading))
    document.notices.extend(reading.notices)
    first_table = not document.tables
    document.tables.extend(_raw_tables(reading))
    if first_table and reading.lines_above:
        # Lines above the first table; until there is one, every line of every page.
        document.lines_before.extend(reading.lines_above[0])
    if reading.tables:
        document.lines_after = list(reading.lines_below)
    elif document.tables and reading.lines_above:
        # A page with no table after the last one: its lines are under that table.
        document.lines_after.extend(reading.lines_above[0])


def _check_readable(document: _Document, path: Path) -> None:
    if document.unreadable == document.pages_with_text:
        raise UnreadableText(
            path,
            "the PDF's text layer is unreadable on every page (broken font mapping); "
            "run OCR on it or ask for the DOCX",
        )
    if document.unreadable and not document.tables:
        raise UnreadableText(
            path,
            f"the PDF's text layer is unreadable on {document.unreadable} of "
            f"{document.pages_with_text} pages (broken font mapping) and no table is left "
            "on the others; run OCR on it",
        )


def _damage_notices(reading: PageReading) -> list[Notice]:
    damage = reading.damage
    if damage.unreadable:
        return [
            Notice(
                NoticeCode.UNREADABLE_PAGE,
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
                NoticeCode.GARBLED_TEXT,
                f"page {reading.number}: {' and '.join(counts)} in the text layer (broken font "
                "mapping); the text there is kept as found but cannot be read",
                reading.number,
            )
        ]
    return []


def _raw_tables(reading: PageReading) -> list[RawTable]:
    tables = []
    for index, grid in enumerate(reading.tables, start=1):
        last_on_page = index == len(reading.tables)
        rows = [
            RawRow(
                cells=cells,
                page=reading.number,
                starts_page=reading.number > 1 and index == 1 and position == 0,
                at_foot=reading.at_foot if last_on_page and position == len(grid) - 1 else None,
                boxes=rounded_boxes(reading.boxes[index - 1].rows[position]),
            )
            for position, cells in enumerate(grid)
        ]
        above = reading.lines_above[index - 1] if index <= len(reading.lines_above) else []
        name = f"page {reading.number} table {index}"
        tables.append(
            RawTable(rows=rows, name=name, text_above=plain_lines(above), lines_above=above)
        )
    return tables
