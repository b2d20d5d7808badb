"""The formats qingdan reads: one ``ReaderSpec`` per format, the one registry.

A spec carries everything any step asks about a format: its suffixes, the name messages
use, the reader (``"module:function"``, imported on first use so a PDF run never loads
python-docx: issue 16), the library that does the reading, what it needs beyond the
base install, whether it hands the file to a slow outside engine, and the page of the
docs that describes it. ``read_document``, the command line's inputs scan and help, the
fuzzer and the docs' format tables all read ``FORMATS``: adding a format is one spec
here, its reader and its tests (``tests/extract/test_formats.py``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Need(StrEnum):
    """Something outside the base install a reader cannot work without."""

    LIBREOFFICE = "LibreOffice"
    """``soffice`` on the PATH (converts the file to a format a reader here reads)."""
    OCR = "qingdan[ocr]"
    """The optional OCR extra (rapidocr and onnxruntime)."""


class ReaderSpec(NamedTuple):
    """One format: how it is recognised, read, named and documented.

    (A ``NamedTuple``, not a dataclass: a one-file conversion never imports
    ``dataclasses``, issue 16's start-up.)"""

    name: str
    """How messages and the docs name the format ("Word .docx")."""
    suffixes: tuple[str, ...]
    """File suffixes, lower case with the dot; the first is the usual one."""
    reader: str
    """The reader as ``"module:function"`` (an ``extract.Reader``)."""
    library: str
    """What does the reading, for the docs."""
    docs: str
    """The page (relative to the repository root) that says what the reader takes."""
    needs: tuple[Need, ...] = ()
    """What it cannot work without beyond the base install."""
    slow: bool = False
    """It hands the file to an outside engine taking seconds per file (LibreOffice, OCR):
    the fuzzer leaves it out (its bad-input handling has tests of its own)."""


_TEXT = "qingdan.extract.txt:read_txt"
_WORKBOOK = "qingdan.extract.spreadsheet.workbook:read_workbook"
_OFFICE = "qingdan.extract.office_convert"
_IMAGE = "qingdan.extract.scan.reader:read_image"

FORMATS: tuple[ReaderSpec, ...] = (
    ReaderSpec("text", (".txt",), _TEXT, "the standard library", "docs/inputs.md"),
    ReaderSpec("TSV", (".tsv",), _TEXT, "the standard library", "docs/inputs.md"),
    ReaderSpec("CSV", (".csv",), _TEXT, "the standard library", "docs/inputs.md"),
    ReaderSpec(
        "Word .docx", (".docx",), "qingdan.extract.docx:read_docx", "python-docx", "docs/inputs.md"
    ),
    ReaderSpec(
        "PDF",
        (".pdf",),
        "qingdan.extract.pdf.reader:read_pdf",
        "PDFium (pypdfium2), or pdfplumber with `--pdf-engine pdfplumber`; image-only pages "
        "by OCR with qingdan[ocr]",
        "docs/pdf.md",
    ),
    ReaderSpec(
        "web page", (".html", ".htm"), "qingdan.extract.html:read_html", "lxml", "docs/formats.md"
    ),
    ReaderSpec("Excel .xlsx", (".xlsx",), _WORKBOOK, "openpyxl", "docs/formats.md"),
    ReaderSpec("Excel .xls", (".xls",), _WORKBOOK, "xlrd", "docs/formats.md"),
    *(
        ReaderSpec(
            name,
            (suffix,),
            f"{_OFFICE}:read_doc",
            "LibreOffice to .docx, then python-docx",
            "docs/formats.md",
            needs=(Need.LIBREOFFICE,),
            slow=True,
        )
        for name, suffix in (("Word .doc", ".doc"), ("WPS", ".wps"))
    ),
    ReaderSpec(
        "WPS spreadsheet",
        (".et",),
        f"{_OFFICE}:read_et",
        "xlrd when saved in the Excel 97-2003 format (WPS's default), else LibreOffice",
        "docs/formats.md",
        slow=True,
    ),
    ReaderSpec(
        "OFD",
        (".ofd",),
        "qingdan.extract.ofd:read_ofd",
        "lxml, with pdfplumber's table geometry",
        "docs/formats.md",
    ),
    ReaderSpec(
        "PNG image", (".png",), _IMAGE, "OCR (rapidocr)", "docs/ocr.md", (Need.OCR,), slow=True
    ),
    ReaderSpec(
        "JPEG image",
        (".jpg", ".jpeg"),
        _IMAGE,
        "OCR (rapidocr)",
        "docs/ocr.md",
        (Need.OCR,),
        slow=True,
    ),
    ReaderSpec(
        "TIFF image",
        (".tif", ".tiff"),
        _IMAGE,
        "OCR (rapidocr)",
        "docs/ocr.md",
        (Need.OCR,),
        slow=True,
    ),
)
"""Every format read, in the order the docs list them."""


def spec_for(suffix: str) -> ReaderSpec | None:
    """The spec of the format a file suffix (``".PDF"``) names; ``None`` if none."""
    wanted = suffix.lower()
    return next((spec for spec in FORMATS if wanted in spec.suffixes), None)


def supported_suffixes() -> list[str]:
    """Every suffix a reader handles, in the registry's order."""
    return [suffix for spec in FORMATS for suffix in spec.suffixes]


__all__ = ["FORMATS", "Need", "ReaderSpec", "spec_for", "supported_suffixes"]
