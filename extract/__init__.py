"""Stage 1: files -> raw table grids.

One reader per format, registered by file suffix in ``READERS``. A reader takes the
file's bytes, its path and the user's ``ReadOptions`` (e.g. a PDF password) and
returns an ``Extracted`` (tables and the text above them); it knows nothing about task
lists. ``read_document`` is the one entry point.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from qingdan.extract.docx import read_docx
from qingdan.extract.errors import EmptyFile, FileMissing, QingdanError, UnsupportedFormat
from qingdan.extract.grid import Cell, Extracted, Notice, RawDocument, RawRow, RawTable
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf import read_pdf
from qingdan.extract.scan import read_image
from qingdan.extract.txt import read_txt

Reader = Callable[[bytes, Path, ReadOptions], Extracted]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".tsv": read_txt,
    ".csv": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    # Scans and photos, read by OCR (the optional extra qingdan[ocr]; issue 20).
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}
"""File suffix (lower case, with the dot) -> reader."""


def read_document(path: Path, options: ReadOptions | None = None) -> RawDocument:
    """Read one attachment into raw grids, choosing the reader by the file's suffix.

    ``options`` (a password, ...) go to the reader, which uses those that apply.

    Raises ``FileMissing``, ``UnsupportedFormat`` or the reader's own ``QingdanError``.
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissing(path, "no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(path, f"unsupported file type {path.suffix!r} (supported: {known})")
    data = path.read_bytes()
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
    "read_document",
]
