"""What a workbook's first bytes say it is, and the hint for a password-protected one.

Asked by ``workbook`` (which reader reads the bytes) and by ``xls`` (a compound file
that holds no workbook), so neither imports the other.
"""

from __future__ import annotations

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
"""Compound-file header: .xls/.doc files and password-protected OOXML files."""
ZIP_MAGIC = b"PK\x03\x04"
"""Zip header: Office Open XML packages (.xlsx, .docx)."""
PASSWORD_HINT = (
    "the workbook is password-protected; open it in Excel or WPS, remove the password "
    "(File > Info > Protect Workbook) and save it again"
)
