"""extract/scan/stacked.py: a box the detector found over two printed lines is read
again band by band; a box holding one line stays as read."""

from __future__ import annotations

from typing import Any

import pytest
from qingdan.extract.scan.engine import TextLine
from qingdan.extract.scan.stacked import split_stacked

np = pytest.importorskip("numpy")

PITCH = 25
"""Printed lines stand this many pixels apart; their characters are 19 pixels tall."""


def page(*rows: tuple[int, int]) -> Any:
    """Text ink (255) with a block of ink 60 pixels wide from each row to row + height."""
    ink = np.zeros((400, 200), np.uint8)
    for top, height in rows:
        ink[top : top + height, 20:80] = 255
    return ink


def lines_of(*tops: int) -> list[TextLine]:
    """Ordinary one-line boxes (27 pixels tall) at each top, elsewhere on the page."""
    return [TextLine("县农", 120, top, 180, top + 27, 0.99) for top in tops]


class Reader:
    """A recognizer that names each band it is given by the band's first inked row."""

    def __init__(self) -> None:
        self.crops: list[Any] = []

    def __call__(self, crop: Any) -> tuple[str, float]:
        self.crops.append(crop)
        return ("安局", 0.99) if len(self.crops) == 1 else ("丰江", 0.98)


def test_a_box_over_two_printed_lines_is_read_line_by_line() -> None:
    # Seed 6141: 安局 over 丰江 found as one box 69 pixels tall, read 安江; the box also
    # took in the foot of the line above (rows 96-104) and the head of the one below.
    ink = page((96, 9), (110, 19), (135, 19), (159, 6))
    stacked = TextLine("安江", 18, 96, 82, 165, 0.63)
    reader = Reader()
    result, split = split_stacked([stacked, *lines_of(10, 40, 70)], ink, ink, reader)
    assert split == 1
    assert [(line.text, line.top, line.bottom) for line in result[:2]] == [
        ("安局", 110, 129),
        ("丰江", 135, 154),
    ]
    assert result[2:] == lines_of(10, 40, 70)
    # Each band is read with a little paper round it, never the other band's ink.
    assert [crop.shape for crop in reader.crops] == [(25, 65), (25, 65)]


def test_a_tall_box_with_one_band_of_ink_stays_as_read() -> None:
    # A title in a larger size: one band, however tall the box.
    ink = page((100, 50))
    title = TextLine("关于印发", 18, 96, 82, 154, 0.99)
    reader = Reader()
    assert split_stacked([title, *lines_of(10, 40)], ink, ink, reader) == (
        [title, *lines_of(10, 40)],
        0,
    )
    assert reader.crops == []


def test_a_downward_box_is_left_to_the_engine() -> None:
    # A one-character column read downward: the engine reads it turned, in one piece.
    ink = page((100, 19), (125, 19), (150, 19))
    column = TextLine("县科技", 40, 96, 62, 172, 0.99)
    kept = [column, *lines_of(10)]
    assert split_stacked(kept, ink, ink, Reader()) == (kept, 0)


def test_a_band_read_as_nothing_keeps_the_box_as_first_read() -> None:
    ink = page((110, 19), (135, 19))
    stacked = TextLine("安江", 18, 105, 82, 158, 0.63)
    result, split = split_stacked([stacked, *lines_of(10, 40)], ink, ink, lambda crop: ("", 0.0))
    assert (result[0], split) == (stacked, 0)
