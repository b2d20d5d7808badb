"""Small hand-built raw documents for the normalize tests (no file format involved)."""

from __future__ import annotations

from qingdan.extract.grid import Cell, Extracted, RawDocument, RawRow, RawTable, ReaderTraits

TITLE = ["附件2", "XX区2019年重点任务分工"]


def raw_document(
    *tables: list[list[Cell]],
    title: list[str] | None = None,
    traits: ReaderTraits = ReaderTraits(),  # noqa: B008  (immutable)
) -> RawDocument:
    """A raw document with one table per list of rows, as a reader would return it
    (``traits``: what the reader says its grids cannot tell, e.g. ``TEXT_DUMP``)."""
    raw_tables = [
        RawTable([RawRow(cells) for cells in rows], name=f"table {i}")
        for i, rows in enumerate(tables, start=1)
    ]
    content = Extracted(raw_tables, text_before=TITLE if title is None else title, traits=traits)
    return RawDocument(path="grid.txt", format="txt", sha256="0" * 64, content=content)
