"""Stage 1: files -> raw table grids.

One reader per format, registered by file suffix in ``READERS``. A reader takes the
file's bytes, its path and the user's ``ReadOptions`` (e.g. a PDF password) and
returns an ``Extracted`` (tables and the text above them); it knows nothing about task
lists. ``read_document`` is the one entry point.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from qingdan.extract.damage import as_reader_error
from qingdan.extract.docx import read_docx
from qingdan.extract.errors import EmptyFile, FileMissing, QingdanError, UnsupportedFormat
from qingdan.extract.grid import Cell, Extracted, Notice, RawDocument, RawRow, RawTable
from qingdan.extract.logs import library_warnings, quiet_third_party_logs
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf import read_pdf
from qingdan.extract.txt import read_txt

Reader = Callable[[bytes, Path, ReadOptions], Extracted]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".tsv": read_txt,
    ".csv": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
"""File suffix (lower case, with the dot) -> reader."""

FORMAT_NAMES = {".txt": "text", ".tsv": "TSV", ".csv": "CSV", ".docx": "Word .docx", ".pdf": "PDF"}
"""How messages name a format."""


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
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(path, f"unsupported file type {path.suffix!r} (supported: {known})")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileMissing(path, f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise EmptyFile(path, "file is empty")
    kind = FORMAT_NAMES.get(suffix, suffix)
    try:
        with library_warnings(kind) as damage:
            content = reader(data, path, options or ReadOptions())
    except Exception as error:
        translated = as_reader_error(error, path, kind)
        if translated is None or translated is error:
            raise
        raise translated from error
    if damage:
        content = replace(content, notices=[*content.notices, *damage])
    return RawDocument(
        path=str(path),
        format=path.suffix.lower().lstrip("."),
        sha256=hashlib.sha256(data).hexdigest(),
        content=content,
    )


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
    "read_document",
]
