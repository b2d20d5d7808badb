"""The codes of the notices readers give: what a reader noticed in a file and worked around.

Each code is declared once here with its description (the member's ``__doc__``), and
every reader emits the member, never a bare string. The normalizer passes these notices
on as warnings, and ``schema.WarningCode`` holds these codes and the normalizer's
(``normalize.warning_codes``): the docs' warning table is generated from the three.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class DocumentedCode(StrEnum):
    """A warning code whose every member carries its description as its ``__doc__``.

    Members are declared as ``NAME = "code", "description"``.
    """

    def __new__(cls, value: str, description: str) -> Self:
        """A member with value ``value`` described by ``description``."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.__doc__ = description
        return member


class NoticeCode(DocumentedCode):
    """What a reader noticed in a file (``extract.grid.Notice.code``)."""

    ENCODING = (
        "encoding",
        "The text was not UTF-8 (or a web page's declared charset did not fit): the message "
        "names the encoding it was decoded with.",
    )
    CONTROL_CHARACTER = (
        "control-character",
        "Control characters in the text were read as a line break or a space; one warning "
        "per kind of character names the lines.",
    )
    RAGGED_ROW = (
        "ragged-row",
        "A row of a text dump has more or fewer cells than the table; its cells are kept as found.",
    )
    TABLE_GRID = (
        "table-grid",
        "A Word table row spans more grid columns than the table declares; the spans were "
        "cut to the grid (no text lost).",
    )
    HTML_SPAN = (
        "html-span",
        "A web-page cell spans more rows or columns than the table has; the span was clipped.",
    )
    HTML_NESTED_TABLE = (
        "html-nested-table",
        "A web-page table stands inside a table cell; it was read as that cell's text.",
    )
    ALIGNED_TABLE = (
        "aligned-table",
        "A PDF page has no ruled table, or rows go on under a table's last rule: the table "
        "(or those rows) was read from how its text is aligned (a guess; check its grid).",
    )
    OFFICE_ROUTE = (
        "office-route",
        "LibreOffice read no table (or only part of one) from a Word 97-2003 file: its "
        "tables were read another way (antiword, or the file's own text), which does not "
        "keep merged cells.",
    )
    SKIPPED_SHEETS = (
        "skipped-sheets",
        "Hidden or empty sheets of a workbook were not read; the message names them.",
    )
    HIDDEN_ROWS = (
        "hidden-rows",
        "A sheet has hidden rows; they were read like the others.",
    )
    HIDDEN_COLUMNS = (
        "hidden-columns",
        "A sheet has hidden columns; they were read like the others.",
    )
    DAMAGED_FILE = (
        "damaged-file",
        "The file looks damaged (its reader's library complained or had to repair it); "
        "check the records against the document.",
    )
    UNREADABLE_PAGE = (
        "unreadable-page",
        "A PDF page's text is mostly unreadable (a broken font mapping); the page was skipped.",
    )
    GARBLED_TEXT = (
        "garbled-text",
        "Some of a PDF page's text cannot be read (a broken font mapping); it is kept as found.",
    )
    SCANNED_PAGES = (
        "scanned-pages",
        "PDF pages hold only an image (a scan?) and were not read (the OCR extra is not "
        "installed) or OCR found no text on them.",
    )
    FORMULA_NOT_COMPUTED = (
        "formula-not-computed",
        "Formula cells of a workbook have no computed value (the file was never opened in "
        "Excel or WPS); their formula text was kept.",
    )
    LIMIT = (
        "limit",
        "A size limit was reached (pages of an OFD or a scan read, an image's pixels): only "
        "part was read, or a page was rendered smaller; the message names the variable that "
        "raises the limit.",
    )
    OCR = (
        "ocr",
        "The document was read by OCR: the message gives the lowest line confidence and the "
        "corrections made; check the records against the original.",
    )


__all__ = ["DocumentedCode", "NoticeCode"]
