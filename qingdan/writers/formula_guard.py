"""Spreadsheet safety: text that Excel would run as a formula is written as text.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a TAB or carriage
return, which some spreadsheet programs skip before looking) is read by Excel as a
formula; a hostile attachment could use that to run commands on the reader's
machine ("CSV injection"). ``starts_like_formula`` is the one rule both writers
apply: the CSV writer puts an apostrophe in front (Excel's own "this is text"
mark, which it hides), the XLSX writer stores the cell as a string with Excel's
quote-prefix flag, so the text stays exactly as written.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a cell as a formula."""

TEXT_MARK = "'"
"""The prefix that tells Excel a CSV cell is text."""


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet program would read this cell text as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_safe(text: str) -> str:
    """Cell text for a CSV file: formula-like text gets the apostrophe text mark."""
    return TEXT_MARK + text if starts_like_formula(text) else text
