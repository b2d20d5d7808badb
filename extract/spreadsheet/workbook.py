"""What a workbook's bytes hold, whatever its suffix says, and the reader that reads it.

Authors rename files: an ``.xls`` that is really an ``.xlsx`` (a zip archive), an
``.xlsx`` that is an old ``.xls`` (a compound file). A compound file may also be a
password-protected Office Open XML package (Office encrypts OOXML into an
``EncryptionInfo`` + ``EncryptedPackage`` compound file). ``read_workbook`` is the entry
point for both suffixes: it looks at the bytes and hands them to ``xlsx`` or ``xls``.
"""

from __future__ import annotations

from pathlib import Path

from qingdan.extract.errors import BrokenFile, EncryptedFile
from qingdan.extract.grid import Extracted
from qingdan.extract.options import ReadOptions
from qingdan.extract.spreadsheet.signatures import OLE_MAGIC, PASSWORD_HINT, ZIP_MAGIC

__all__ = ["OLE_MAGIC", "PASSWORD_HINT", "ZIP_MAGIC", "is_encrypted_ooxml", "read_workbook"]

_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def is_encrypted_ooxml(data: bytes) -> bool:
    """Whether compound-file bytes are an encrypted Office Open XML package."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTION_INFO in data[:65536]


def read_workbook(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read an ``.xlsx`` or ``.xls`` file's bytes, by what they hold, into one raw grid per
    sheet with cells.

    ``options.limits`` go to the reader. Raises ``EncryptedFile`` for a
    password-protected workbook and
    ``BrokenFile`` when the bytes are not a readable workbook.
    """
    if is_encrypted_ooxml(data):
        raise EncryptedFile(path, PASSWORD_HINT)
    if data.startswith(OLE_MAGIC):
        from qingdan.extract.spreadsheet.xls import read_xls

        return read_xls(data, path, options)
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() != ".xls":
        from qingdan.extract.spreadsheet.xlsx import read_xlsx

        return read_xlsx(data, path, options)
    raise BrokenFile(path, "not an Excel .xls workbook (no compound-file header)")
