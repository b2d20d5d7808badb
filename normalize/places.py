"""Where each cell of a row was printed, kept small.

A 100 MB text dump has hundreds of thousands of rows and millions of cells, and the
normalizer holds every row until its record is made. A row's places are therefore kept
as the row's one origin (its table, its row, its page and the boxes the reader gave)
and a ``Place`` is made when a column's is read; only the columns a step gives another
place (a merged cell carried down, the parts of a cell cut by a page break) are stored.
"""

from __future__ import annotations

from typing import TypeAlias

from qingdan.extract.grid import Box
from qingdan.normalize.model import Place

Printed: TypeAlias = Place | tuple[Place, ...]
"""Where one cell's text was printed: a lone place kept bare, or several (none, or the
parts of a cell a page break cut)."""


class RowPlaces:
    """Per column of a row read from a reader's table, where its text was printed."""

    __slots__ = ("_boxes", "_moved", "_page", "_printed", "_row", "_table", "_width")

    def __init__(
        self,
        table: int,
        row: int,
        page: int | None,
        boxes: tuple[Box | None, ...] | None,
        printed: int,
        width: int,
        moved: tuple[tuple[int, Printed], ...] = (),
    ) -> None:
        """The places of row ``row`` of table ``table``, ``width`` columns wide;
        ``printed`` has bit ``col`` set where the reader gave the column a cell of its
        own (a covered position has none); ``moved`` the columns given another place."""
        self._table, self._row, self._page, self._boxes = table, row, page, boxes
        self._printed, self._width, self._moved = printed, width, moved

    def __len__(self) -> int:
        return self._width

    def __getitem__(self, col: int) -> Printed:
        for at, printed in self._moved:
            if at == col:
                return printed
        if not (self._printed >> col) & 1:
            return ()
        boxes = self._boxes
        box = boxes[col] if boxes is not None and col < len(boxes) else None
        return Place(self._table, self._row, col, self._page, box)

    def moved(self, col: int, printed: Printed) -> RowPlaces:
        """These places with column ``col``'s text printed at ``printed`` instead."""
        kept = tuple((at, p) for at, p in self._moved if at != col)
        return RowPlaces(
            self._table,
            self._row,
            self._page,
            self._boxes,
            self._printed,
            self._width,
            (*kept, (col, printed)),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RowPlaces | tuple):
            return NotImplemented
        return len(self) == len(other) and all(self[c] == other[c] for c in range(len(self)))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RowPlaces({[self[c] for c in range(len(self))]!r})"


Places: TypeAlias = tuple[Printed, ...] | RowPlaces
"""Per column of a row, where its text was printed; empty for a row the reader did not
give (a numbered paragraph). Read a column's with ``normalize.layout.places_at``."""


def with_place(places: Places, col: int, printed: Printed) -> Places:
    """``places`` with column ``col``'s text printed at ``printed`` (a row narrower than
    ``col`` is widened with columns printed nowhere)."""
    if isinstance(places, RowPlaces):
        if col < len(places):
            return places.moved(col, printed)
        places = tuple(places[c] for c in range(len(places)))
    wider = list(places) + [()] * (col + 1 - len(places))
    wider[col] = printed
    return tuple(wider)
