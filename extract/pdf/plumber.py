"""The pdfplumber engine: a PDF's pages as glyphs and ruling edges, read by pdfminer.

pdfplumber (on pdfminer.six) is slower than PDFium but reads some files PDFium refuses;
it is the fallback engine and can be chosen with ``ReadOptions.pdf_engine``. Its
characters come upright whatever the page's ``/Rotate``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException
from qingdan.extract.errors import BrokenFile, EncryptedFile
from qingdan.extract.pdf.geometry import straighten
from qingdan.extract.pdf.glyphs import Glyph, plausible_extent
from qingdan.extract.pdf.page import PageContent

# pdfminer's own errors for a damaged file (bad xref, unexpected end of file, ...).
_DAMAGE = (PdfminerException, PDFException, PSException)


def glyph(char: dict[str, Any], upright_page: bool = True) -> Glyph:
    """A pdfplumber character as a glyph; on an unrotated page an upright glyph's box is
    checked against its baseline (``plausible_extent``)."""
    top, bottom = char["top"], char["bottom"]
    matrix = char.get("matrix")
    if upright_page and matrix and char.get("upright", True):
        # The box's top edge is y1 in PDF space and the baseline is the matrix's origin.
        baseline = top + char["y1"] - matrix[5]
        top, bottom = plausible_extent(top, bottom, baseline, char["size"])
    return Glyph(
        text=char["text"],
        x0=char["x0"],
        top=top,
        x1=char["x1"],
        bottom=bottom,
        size=char["size"],
        font=char.get("fontname", ""),
    )


def page_content(page: Any) -> PageContent:
    """One pdfplumber page's glyphs and ruling edges."""
    edges = page.edges
    return PageContent(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        glyphs=[glyph(char, not page.rotation) for char in page.chars],
        edges=straighten(edges) if page.rotation else edges,
        has_image=not page.chars and bool(page.images),
    )


@contextmanager
def open_pages(data: bytes, path: Path, password: str | None) -> Iterator[Iterator[PageContent]]:
    """The document's pages, read one at a time and closed once read.

    Raises ``EncryptedFile`` (no or wrong password) and ``BrokenFile`` (damaged or
    truncated), on opening or on the page that fails.
    """
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
    font_log = logging.getLogger("pdfminer.pdffont")
    font_log.addFilter(_no_font_bbox)
    try:
        with pdf:
            yield _pages(pdf, path)
    finally:
        font_log.removeFilter(_no_font_bbox)


def _no_font_bbox(record: logging.LogRecord) -> bool:
    """Drop pdfminer's complaint about a font descriptor without a ``/FontBBox``: Chromium
    writes its fonts so, the glyph boxes do not use it (``glyphs.plausible_extent``), and
    it is no damage to report (issue 27)."""
    return not str(record.msg).startswith("Could not get FontBBox")


def _pages(pdf: Any, path: Path) -> Iterator[PageContent]:
    for page in pdf.pages:
        try:
            yield page_content(page)
        except _DAMAGE as error:
            raise BrokenFile(
                path, f"page {page.page_number} cannot be read (damaged PDF: {error})"
            ) from error
        finally:
            page.close()
