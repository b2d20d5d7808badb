"""Stage 1: files -> raw table grids.

One reader per format, registered by file suffix in ``READERS``. A reader takes the
file's bytes, its path and the user's ``ReadOptions`` (e.g. a PDF password) and
returns an ``Extracted`` (tables and the text above them); it knows nothing about task
lists. ``read_document`` is the one entry point; an exception a reader's library
raises on a damaged file becomes one ``BrokenFile`` line there (``extract.damage``),
and what the library logged a ``damaged-file`` warning (``extract.logs``).

``READERS`` names each reader as ``"module:function"`` and ``reader_for`` imports it
on first use: a PDF run never loads python-docx, a text dump loads neither PDF nor
DOCX libraries (issue 16: start-up was most of a one-file conversion's time).
"""

from __future__ import annotations

import errno
import hashlib
import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import cast

from qingdan.extract.controls import clean_cells
from qingdan.extract.damage import as_reader_error
from qingdan.extract.errors import EmptyFile, FileMissing, QingdanError, UnsupportedFormat
from qingdan.extract.grid import Cell, Extracted, Notice, RawDocument, RawRow, RawTable
from qingdan.extract.logs import library_warnings, quiet_third_party_logs
from qingdan.extract.options import ReadOptions

Reader = Callable[[bytes, Path, ReadOptions], Extracted]

READERS: dict[str, str] = {
    ".txt": "qingdan.extract.txt:read_txt",
    ".tsv": "qingdan.extract.txt:read_txt",
    ".csv": "qingdan.extract.txt:read_txt",
    ".docx": "qingdan.extract.docx:read_docx",
    ".pdf": "qingdan.extract.pdf.reader:read_pdf",
    ".html": "qingdan.extract.html:read_html",
    ".htm": "qingdan.extract.html:read_html",
    ".xlsx": "qingdan.extract.spreadsheet.workbook:read_workbook",
    ".xls": "qingdan.extract.spreadsheet.workbook:read_workbook",
    ".doc": "qingdan.extract.office_convert:read_doc",
    ".wps": "qingdan.extract.office_convert:read_doc",
    ".et": "qingdan.extract.office_convert:read_et",
    ".ofd": "qingdan.extract.ofd:read_ofd",
    # Scans and photos, read by OCR (the optional extra qingdan[ocr]; issue 20).
    ".png": "qingdan.extract.scan.reader:read_image",
    ".jpg": "qingdan.extract.scan.reader:read_image",
    ".jpeg": "qingdan.extract.scan.reader:read_image",
    ".tif": "qingdan.extract.scan.reader:read_image",
    ".tiff": "qingdan.extract.scan.reader:read_image",
}
"""File suffix (lower case, with the dot) -> its reader, as ``"module:function"``."""

FORMAT_NAMES = {
    ".txt": "text",
    ".tsv": "TSV",
    ".csv": "CSV",
    ".docx": "Word .docx",
    ".pdf": "PDF",
    ".html": "web page",
    ".htm": "web page",
    ".xlsx": "Excel .xlsx",
    ".xls": "Excel .xls",
    ".doc": "Word .doc",
    ".wps": "WPS",
    ".et": "WPS spreadsheet",
    ".ofd": "OFD",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
    ".tif": "TIFF image",
    ".tiff": "TIFF image",
}
"""How messages name a format."""


@cache
def _load(target: str) -> Reader:
    module, _, function = target.partition(":")
    return cast(Reader, getattr(importlib.import_module(module), function))


def reader_for(suffix: str) -> Reader | None:
    """The reader registered for a file suffix (``".pdf"``), imported now; ``None`` if none."""
    target = READERS.get(suffix.lower())
    return None if target is None else _load(target)


def read_document(path: Path, options: ReadOptions | None = None) -> RawDocument:
    """Read one attachment into raw grids, choosing the reader by the file's suffix.

    ``options`` (a password, ...) go to the reader, which uses those that apply.

    Raises ``FileMissing``, ``UnsupportedFormat`` or the reader's own ``QingdanError``;
    an exception a library raises on a damaged file becomes ``BrokenFile``
    (``extract.damage``), so every bad input is one line.
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissing(path, _not_a_file(path))
    if reader_for(path.suffix) is None:
        raise _unsupported(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileMissing(path, f"cannot read: {error.strerror or error}") from error
    return read_data(data, path, options)


def _not_a_file(path: Path) -> str:
    """Why ``path`` names no readable file: missing, a folder, or a broken symbolic link."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "a symbolic link loop (the link leads back to itself)"
        return "a symbolic link to a file that does not exist"
    if path.is_dir():
        return "a folder, not a file"
    return "no such file"


def _unsupported(path: Path) -> UnsupportedFormat:
    known = ", ".join(sorted(READERS))
    return UnsupportedFormat(path, f"unsupported file type {path.suffix!r} (supported: {known})")


def read_data(data: bytes, path: Path, options: ReadOptions | None = None) -> RawDocument:
    """Read an attachment's bytes into raw grids; ``path``'s suffix chooses the reader
    (the bytes may come from elsewhere than ``path``: standard input, say)."""
    reader = reader_for(path.suffix)
    if reader is None:
        raise _unsupported(path)
    if not data.strip():
        raise EmptyFile(path, "file is empty")
    kind = FORMAT_NAMES.get(path.suffix.lower(), path.suffix)
    try:
        with library_warnings(kind) as damage:
            content = reader(data, path, options or ReadOptions())
    except Exception as error:
        translated = as_reader_error(error, path, kind)
        if translated is None or translated is error:
            raise
        raise translated from error
    if damage:
        content = content._replace(notices=[*content.notices, *damage])
    content = clean_cells(content)
    return RawDocument(
        path=str(path),
        format=path.suffix.lower().lstrip("."),
        sha256=hashlib.sha256(data).hexdigest(),
        content=content,
    )


__all__ = [
    "READERS",
    "Cell",
    "Extracted",
    "Notice",
    "QingdanError",
    "RawDocument",
    "RawRow",
    "RawTable",
    "ReadOptions",
    "Reader",
    "quiet_third_party_logs",
    "read_data",
    "read_document",
    "reader_for",
]
