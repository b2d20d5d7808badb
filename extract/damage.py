"""The reader boundary: what a library's exception on a damaged file becomes.

The libraries under the readers (pdfminer/pdfplumber or PDFium, python-docx and lxml,
zipfile, zlib) parse bytes a user gave us, and on damaged bytes they raise whatever
their code happens to hit: ``KeyError``, ``TypeError``, ``struct.error``,
``NotImplementedError`` (an unknown ZIP compression), ``RecursionError`` (nesting past
Python's limit), and their own exception classes, sometimes lazily, page by page
(issue 17). ``as_reader_error`` decides, once for every reader, which of them are the
file's fault:

* an exception raised inside a library (the innermost frame of its traceback is not
  qingdan's code) is the file's fault: ``BrokenFile``, one line naming the exception;
* ``RecursionError`` is the file's fault wherever raised (a reader's own recursion
  over tables nested in tables);
* an exception raised in qingdan's own code is a bug and is not translated (exit 3),
  and so is ``MemoryError``: every allocation a file can size is bounded (the DOCX
  grid, the ZIP guard), so running out of memory means a bound is missing.

Readers may therefore let library exceptions through; they raise ``QingdanError``
subclasses themselves only where they can say more (encrypted, scanned, no table).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from qingdan.extract.errors import BrokenFile, QingdanError, one_line


def _package_folders() -> tuple[Path, ...]:
    """The folders of qingdan's code: qingdan/ and the pipeline's stages, which a checkout
    keeps in top-level folders and a wheel inside qingdan/ (pyproject.toml's package-dir)."""
    folders = {Path(__file__).resolve().parent}
    for name in ("qingdan", "qingdan.normalize", "qingdan.schema"):
        spec = importlib.util.find_spec(name)
        locations = spec.submodule_search_locations if spec is not None else None
        folders.update(Path(p).resolve() for p in (locations or []))
    return tuple(folders)


_OUR_PACKAGES = _package_folders()
"""qingdan's code, wherever it lives."""
MESSAGE_LIMIT = 160
"""The most characters of a library's own message kept in a reason."""


def raised_in_library(error: BaseException) -> bool:
    """Whether the innermost frame of ``error``'s traceback is outside qingdan's code."""
    traceback = error.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    filename = Path(traceback.tb_frame.f_code.co_filename).resolve()
    return not any(filename.is_relative_to(package) for package in _OUR_PACKAGES)


_DUMP_START = re.compile(r":?\s*(\[|\{|<<|<PDF|b')")
"""Where a library message starts dumping an object (pdfminer prints whole dictionaries)."""


def describe(error: BaseException) -> str:
    """A library exception as a short readable phrase: its class and the message up to
    any dumped object, cut to ``MESSAGE_LIMIT`` characters."""
    message = str(error)
    dump = _DUMP_START.search(message)
    if dump is not None and dump.start() > 0:
        message = message[: dump.start()]
    message = one_line(message, MESSAGE_LIMIT)
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def as_reader_error(error: Exception, path: Path, kind: str) -> QingdanError | None:
    """The ``QingdanError`` a reader's exception stands for, or ``None`` for a bug.

    ``kind`` names the format in the message ("PDF", "Word .docx").
    """
    if isinstance(error, QingdanError):
        return error
    if isinstance(error, RecursionError):
        return BrokenFile(
            path,
            f"damaged {kind} file: nested too deeply to read (tables or markup nested "
            "past any real document's depth)",
        )
    if isinstance(error, MemoryError):
        return None
    if raised_in_library(error):
        return BrokenFile(path, f"damaged {kind} file: the reader failed ({describe(error)})")
    return None
