"""The error family every stage raises: one base class, one subclass per reason.

Each message names the file and the reason, so the CLI can print it as one line.
"""

from __future__ import annotations

from pathlib import Path


class QingdanError(Exception):
    """Base of every error qingdan raises on purpose (bad input, not a bug)."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


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
