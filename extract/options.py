"""What the user can tell a reader besides the file, whatever the format."""

from __future__ import annotations

from typing import NamedTuple

from qingdan.extract.limits import Limits

PDF_ENGINES = ("pdfium", "pdfplumber")
"""The engines that can read a PDF's characters and ruling lines (``extract.pdf.reader``)."""


class ReadOptions(NamedTuple):
    """Options every reader receives; a reader uses the ones that apply to its format."""

    password: str | None = None
    """The password of an encrypted file (PDF)."""
    pdf_engine: str = "pdfium"
    """Which engine reads a PDF: ``pdfium`` (fast; the default) or ``pdfplumber``. A file
    PDFium cannot open is read with pdfplumber."""
    limits: Limits | None = None
    """The bounds a reader checks before it allocates (``extract.limits``); ``None``: the
    defaults, raised by ``QINGDAN_MAX_*`` environment variables."""
