"""Finding the header row of a task table, and recognising it where it repeats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract.grid import Cell, RawTable
from normalize.columns import ColumnSynonyms, label_key
from normalize.text import join_wrapped_lines

# How far down a table its header may sit (titles and notes can come first).
_HEADER_SEARCH_ROWS = 8


@dataclass(frozen=True)
class Header:
    """A task table's header: where it is, and what each column means."""

    row_index: int
    labels: list[str]
    fields: list[str | None]

    def matches(self, cells: Sequence[Cell]) -> bool:
        """Whether a row repeats this header (the same labels, spaces aside)."""
        keys = [label_key(c) for c in cells if c]
        return bool(keys) and keys == [label_key(label) for label in self.labels if label]


def _mapped_fields(cells: Sequence[Cell], synonyms: ColumnSynonyms) -> list[str | None]:
    return [synonyms.field_for(cell) for cell in cells]


def looks_like_header(cells: Sequence[Cell], synonyms: ColumnSynonyms) -> bool:
    """A row is a header when at least two of its labels name distinct fields and
    most of its filled cells are known labels."""
    filled = [cell for cell in cells if cell and cell.strip()]
    fields = [f for f in _mapped_fields(cells, synonyms) if f]
    return len(set(fields)) >= 2 and len(fields) * 2 >= len(filled)


def find_header(table: RawTable, synonyms: ColumnSynonyms) -> Header | None:
    """The first header row near the top of the table, or ``None`` if there is none."""
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        if looks_like_header(row.cells, synonyms):
            labels = [join_wrapped_lines(cell) for cell in row.cells]
            return Header(index, labels, _mapped_fields(row.cells, synonyms))
    return None
