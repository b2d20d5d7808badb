"""The error family every stage raises: one base class, one subclass per reason.

Each message names the file and the reason, so the CLI can print it as one line.
"""

from __future__ import annotations

import re
from pathlib import Path

REASON_LIMIT = 300
"""The most characters a reason may have: one readable line, never a PDF dictionary dump."""
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str, limit: int = REASON_LIMIT) -> str:
    """``text`` as one line of at most ``limit`` characters: runs of whitespace (line
    breaks included) become one space, other control characters are written as
    ``\\xNN``, and a longer text ends in ``…``."""
    line = _WHITESPACE.sub(" ", text).strip()
    line = _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", line)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class QingdanError(Exception):
    """Base of every error qingdan raises on purpose (bad input, not a bug).

    The reason is made one line of at most ``REASON_LIMIT`` characters, whatever text
    (a library's message, a cell of the file) went into it.
    """

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = one_line(reason)
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)


class FileMissing(QingdanError):
    """The input path does not exist or is not a file."""


class UnsupportedFormat(QingdanError):
    """No reader is registered for the file's suffix."""


class UndecodableText(QingdanError):
    """A text file is in no encoding we can recognise."""


class BrokenFile(QingdanError):
    """The file is damaged or is not what its suffix says."""


class NoTableFound(QingdanError):
    """The file holds no table, or no table that is a task list."""


class EmptyFile(QingdanError):
    """The file has no content."""


class EncryptedFile(QingdanError):
    """The file is encrypted and no (or a wrong) password was given."""


class NoTextLayer(QingdanError):
    """A PDF whose pages are pictures only (a scan): there is no text to read."""


class UnreadableText(QingdanError):
    """The file's text layer is garbage on every page (missing or broken font mappings)."""


class ConverterMissing(QingdanError):
    """Reading the file needs a program that is not installed (LibreOffice for .doc)."""
