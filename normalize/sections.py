"""Section headings written into a table's first cell with the other cells blank.

A spreadsheet saved as CSV writes a merged full-width row as its text in the first
cell and blanks after it ("一、提升政务服务效能,,,,,"), so the cell no longer looks
merged. Such a row is a section row only when its text opens like a heading (一、,
（一）, 第一部分 ...): a row cut by a page break can also leave text in the first cell
alone, and that text is the rest of a category, not a section.
"""

from __future__ import annotations

import re

from qingdan.extract.grid import Cell, cell_text
from qingdan.normalize.script import NUMERAL
from qingdan.normalize.text import join_wrapped_lines

_NUMERAL = f"{NUMERAL}+"
_HEADING = re.compile(
    rf"^(?:{_NUMERAL}[、.．]|[（(]{_NUMERAL}[）)]|第{_NUMERAL}(?:部分|章|节|篇|类))"
)


def first_cell_heading(cells: list[Cell]) -> str | None:
    """The heading in the first cell when every other cell is blank, else ``None``."""
    if len(cells) < 2 or any(cell_text(cell).strip() for cell in cells[1:]):
        return None
    text = join_wrapped_lines(cells[0])
    return text if _HEADING.match(text) else None
