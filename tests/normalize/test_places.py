"""A row's places kept as its one origin (normalize/places.py): each column's Place is the
one the reader's cell gives, a moved column answers its new places, and a row narrower
than the column moved is widened with columns printed nowhere."""

from __future__ import annotations

from qingdan.normalize.model import Place
from qingdan.normalize.places import RowPlaces, with_place


def test_each_column_reads_the_place_of_its_own_cell() -> None:
    boxes = ((0.0, 0.0, 10.0, 5.0), None, (20.0, 0.0, 30.0, 5.0))
    row = RowPlaces(2, 7, 3, boxes, printed=0b101, width=3)
    assert len(row) == 3
    assert row[0] == Place(2, 7, 0, 3, (0.0, 0.0, 10.0, 5.0))
    assert row[1] == ()  # covered from the left: no cell of its own
    assert row[2] == Place(2, 7, 2, 3, (20.0, 0.0, 30.0, 5.0))


def test_a_moved_column_answers_its_new_places_and_the_rest_stay() -> None:
    row = RowPlaces(0, 4, None, None, printed=0b11, width=2)
    merged = Place(0, 1, 0)
    moved = with_place(row, 0, merged)
    assert moved[0] == merged and moved[1] == Place(0, 4, 1)
    again = with_place(moved, 0, (merged, Place(0, 2, 0)))
    assert again[0] == (merged, Place(0, 2, 0))
    assert row[0] == Place(0, 4, 0)  # the original is not changed
    assert again == (again[0], Place(0, 4, 1))


def test_a_column_past_the_row_widens_it() -> None:
    row = RowPlaces(0, 0, None, None, printed=0b1, width=1)
    assert with_place(row, 2, Place(0, 0, 0)) == (Place(0, 0, 0), (), Place(0, 0, 0))
    assert with_place((), 1, Place(1, 1, 1)) == ((), Place(1, 1, 1))
