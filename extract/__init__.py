"""Stage 1: files -> raw table grids.

One reader per format, registered with everything about its format in
``extract.formats.FORMATS`` (one ``ReaderSpec`` each). A reader takes the
file's bytes, its path and the user's ``ReadOptions`` (e.g. a PDF password) and
returns an ``Extracted`` (tables and the text above them); it knows nothing about task
lists. ``read_document`` is the one entry point; an exception a reader's library
raises on a damaged file becomes one ``BrokenFile`` line there (``extract.damage``),
and what the library logged a ``damaged-file`` warning (``extract.logs``).

A spec names its reader as ``"module:function"`` and ``reader_for`` imports it
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
from qingdan.extract.formats import FORMATS, ReaderSpec, spec_for, supported_suffixes
from qingdan.extract.grid import Cell, Extracted, Notice, RawDocument, RawRow, RawTable
from qingdan.extract.logs import library_warnings, quiet_third_party_logs
from qingdan.extract.options import ReadOptions

Reader = Callable[[bytes, Path, ReadOptions], Extracted]

READERS: dict[str, str] = {suffix: spec.reader for spec in FORMATS for suffix in spec.suffixes}
"""File suffix -> its reader as ``"module:function"``: a view of ``extract.formats.FORMATS``
taken at import, for callers that list the suffixes (the steps ask ``spec_for``)."""


@cache
def _load(target: str) -> Reader:
    module, _, function = target.partition(":")
    return cast(Reader, getattr(importlib.import_module(module), function))


def reader_for(suffix: str) -> Reader | None:
    """The reader registered for a file suffix (``".pdf"``), imported now; ``None`` if none."""
    spec = spec_for(suffix)
    return None if spec is None else _load(spec.reader)


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
    return UnsupportedFormat(path, unsupported_reason(path))


def unsupported_reason(path: Path) -> str:
    """Why a file no reader handles is not read, naming the suffixes that are."""
    known = ", ".join(sorted(supported_suffixes()))
    return f"unsupported file type {path.suffix!r} (supported: {known})"


def read_data(data: bytes, path: Path, options: ReadOptions | None = None) -> RawDocument:
    """Read an attachment's bytes into raw grids; ``path``'s suffix chooses the reader
    (the bytes may come from elsewhere than ``path``: standard input, say)."""
    reader = reader_for(path.suffix)
    if reader is None:
        raise _unsupported(path)
    if not data.strip():
        raise EmptyFile(path, "file is empty")
    spec = spec_for(path.suffix)
    kind = path.suffix if spec is None else spec.name
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
    "FORMATS",
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
    "ReaderSpec",
    "quiet_third_party_logs",
    "read_data",
    "read_document",
    "reader_for",
    "spec_for",
    "supported_suffixes",
    "unsupported_reason",
]
