"""Stage 1: files -> raw table grids.

One reader per format, registered by file suffix in ``READERS``. A reader takes the
file's bytes, its path and the user's ``ReadOptions`` (e.g. a PDF password) and
returns an ``Extracted`` (tables and the text above them); it knows nothing about task
lists. ``read_document`` is the one entry point.

``READERS`` names each reader as ``"module:function"`` and ``reader_for`` imports it
on first use: a PDF run never loads python-docx, a text dump loads neither PDF nor
DOCX libraries (issue 16: start-up was most of a one-file conversion's time).
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import cast

from qingdan.extract.errors import EmptyFile, FileMissing, QingdanError, UnsupportedFormat
from qingdan.extract.grid import Cell, Extracted, Notice, RawDocument, RawRow, RawTable
from qingdan.extract.options import ReadOptions

Reader = Callable[[bytes, Path, ReadOptions], Extracted]

READERS: dict[str, str] = {
    ".txt": "qingdan.extract.txt:read_txt",
    ".tsv": "qingdan.extract.txt:read_txt",
    ".csv": "qingdan.extract.txt:read_txt",
    ".docx": "qingdan.extract.docx:read_docx",
    ".pdf": "qingdan.extract.pdf:read_pdf",
    ".html": "qingdan.extract.html:read_html",
    ".htm": "qingdan.extract.html:read_html",
    ".xlsx": "qingdan.extract.xlsx:read_xlsx",
    ".xls": "qingdan.extract.xls:read_xls",
    ".doc": "qingdan.extract.office_convert:read_doc",
    ".wps": "qingdan.extract.office_convert:read_doc",
    ".et": "qingdan.extract.office_convert:read_et",
    ".ofd": "qingdan.extract.ofd:read_ofd",
}
"""File suffix (lower case, with the dot) -> its reader, as ``"module:function"``."""


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

    Raises ``FileMissing``, ``UnsupportedFormat`` or the reader's own ``QingdanError``.
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissing(path, "no such file")
    if reader_for(path.suffix) is None:
        raise _unsupported(path)
    return read_data(path.read_bytes(), path, options)


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
    content = reader(data, path, options or ReadOptions())
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
    "read_data",
    "read_document",
    "reader_for",
]
