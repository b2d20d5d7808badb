"""Where each record was printed, for the page beside the records.

Every record carries its source cells (``Record.cells``, issue 28): the table, row and
column of the reader's grid, and on a PDF page the cell's box. A PDF shows the boxes
on its page images; any other format shows its rebuilt grid (here), the record's
cells marked by table, row and column. An item of a numbered-paragraph list has no
cells.
"""

from __future__ import annotations

from typing import NamedTuple

from qingdan.extract.grid import RawDocument, cell_text, is_covered


class GridCell(NamedTuple):
    """One position of a rebuilt grid: its text, or covered by a merged cell."""

    text: str
    covered: bool


def rebuilt_grid(raw: RawDocument) -> list[list[list[GridCell]]]:
    """Every table of a document as rows of cells (covered positions marked), indexed
    as the records' cells index them."""
    return [
        [[GridCell(cell_text(cell), is_covered(cell)) for cell in row.cells] for row in table.rows]
        for table in raw.tables
    ]
