"""extract/scan/place.py's cut at column rules and extract/scan/dashes.py: what the
characters' places (``TextLine.spans``) let the scan reader mend."""

from __future__ import annotations

import pytest
from qingdan.extract.grid import Covered
from qingdan.extract.scan.dashes import dashes_from_ink
from qingdan.extract.scan.engine import TextLine, character_spans
from qingdan.extract.scan.grid import TableGrid
from qingdan.extract.scan.place import place_lines, split_at_rules
from qingdan.extract.scan.text import clean_lines

CHAR = 20
"""Each test character is this many pixels across."""


def spaced(text: str, x0: float, top: float, height: float = 24) -> TextLine:
    """A line whose characters stand ``CHAR`` pixels apart from ``x0``."""
    spans = tuple((x0 + CHAR * i, x0 + CHAR * (i + 1)) for i in range(len(text)))
    return TextLine(text, x0, top, x0 + CHAR * len(text), top + height, 0.98, spans)


# 3 columns (rules at x 200 and 400), 2 rows; row 1's first two cells are one merged cell.
TABLE = TableGrid([100, 140, 180], [0, 200, 400, 600], [
    [(0, 0), (0, 1), (0, 2)],
    [(1, 0), (1, 0), (1, 2)],
])  # fmt: skip


def test_a_line_read_across_a_column_rule_is_cut_at_the_rule() -> None:
    # 2020年底前 ends at the rule (x 400), 县发改局 starts there: the engine saw one line.
    across = spaced("2020年底前县发改局", 260, 105)
    pieces = split_at_rules([across], [TABLE])
    assert [piece.text for piece in pieces] == ["2020年底前", "县发改局"]
    assert pieces[0].x1 <= 400 <= pieces[1].x0
    assert pieces[1].spans == across.spans[7:]
    page = place_lines(pieces, [TABLE])
    assert page.tables[0][0] == ["", "2020年底前", "县发改局"]


def test_no_cut_where_a_merged_cell_runs_over_the_column_boundary() -> None:
    inside_merge = spaced("推进土壤污染防治先行区建设", 60, 145)  # over x 200 in row 1
    assert split_at_rules([inside_merge], [TABLE]) == [inside_merge]
    page = place_lines([inside_merge], [TABLE])
    assert page.tables[0][1] == ["推进土壤污染防治先行区建设", Covered.LEFT, ""]


def test_a_line_without_its_characters_places_is_left_whole() -> None:
    whole = TextLine("2020年底前县发改局", 290, 105, 470, 129, 0.98)
    assert split_at_rules([whole], [TABLE]) == [whole]


def test_spaces_at_a_cut_are_left_out_of_both_pieces() -> None:
    pieces = split_at_rules([spaced("县民政局 县财政局", 300, 105)], [TABLE])
    assert [piece.text for piece in pieces] == ["县民政局", "县财政局"]


def test_character_places_follow_the_engines_boxes_and_spaces_take_the_gap() -> None:
    def box(left: float, right: float) -> list[list[float]]:
        return [[left, 0], [right, 0], [right, 20], [left, 20]]

    glyphs = [("区", 0.9, box(0, 20)), ("委", 0.9, box(20, 40)), ("局", 0.9, box(60, 80))]
    assert character_spans("区委 局", glyphs) == ((0, 20), (20, 40), (40, 60), (60, 80))
    assert character_spans("区委局长", glyphs) == ()  # the boxes do not spell the text


def stroke_page(length: int) -> tuple[TextLine, object]:
    """Ink of ``2020?2021年``: a stroke ``length`` pixels long between the years."""
    np = pytest.importorskip("numpy")
    cv2 = pytest.importorskip("cv2")
    ink = np.zeros((60, 400), np.uint8)
    line = spaced("2020-2021年", 20, 10)
    for index, char in enumerate(line.text):
        left = int(line.spans[index][0])
        if char.isdigit():
            cv2.rectangle(ink, (left + 6, 14), (left + 13, 30), (255,), 2)
        elif char == "年":
            cv2.rectangle(ink, (left + 1, 12), (left + 19, 32), (255,), -1)
    middle = int(sum(line.spans[4]) / 2)
    cv2.line(ink, (middle - length // 2, 22), (middle + length // 2 - 1, 22), (255,), 2)
    return line, ink


def test_a_stroke_as_long_as_a_character_between_years_is_a_dash() -> None:
    line, ink = stroke_page(18)
    assert dashes_from_ink(line, ink) == ("2020—2021年", 1)
    kept, repairs = clean_lines([line], ink)
    assert kept[0].text == "2020—2021年" and repairs.dashes == 1


def test_a_short_stroke_between_numbers_is_a_hyphen() -> None:
    line, ink = stroke_page(6)
    read_long = TextLine("2020—2021年", line.x0, line.top, line.x1, line.bottom, 0.9, line.spans)
    assert dashes_from_ink(read_long, ink) == ("2020-2021年", 1)
    assert dashes_from_ink(line, ink) == ("2020-2021年", 0)


def test_a_stroke_of_neither_length_or_no_places_leaves_the_mark_as_read() -> None:
    line, ink = stroke_page(9)  # 10 pixels: half a character
    assert dashes_from_ink(line, ink) == ("2020-2021年", 0)
    line, ink = stroke_page(18)
    unplaced = TextLine(line.text, line.x0, line.top, line.x1, line.bottom, 0.9)
    assert dashes_from_ink(unplaced, ink) == ("2020-2021年", 0)


# A narrow names column (x 140-180) beside a wide one; rows end at y 20, 300 and 500.
# Row 1's rule is missing in the wide column (one merged cell over rows 1 and 2).
COLUMN = TableGrid([0, 20, 300, 500], [0, 140, 180], [
    [(0, 0), (0, 1)],
    [(1, 0), (1, 1)],
    [(1, 0), (2, 1)],
])  # fmt: skip


def downward(text: str, top: float, pitch: float = 25) -> TextLine:
    """A one-character-wide line read downward in the names column, ``pitch`` apart."""
    return TextLine(text, 148, top, 172, top + pitch * len(text), 0.99)


def test_a_line_read_down_over_a_row_rule_is_cut_at_the_rule() -> None:
    # Seed 6141: a unit ending just above the rule at y 300 and the next row's unit
    # starting just below it were found as one downward box; placed by its middle, the
    # lower row lost its unit to the upper one.
    over = downward("县应急局和川街道办事处县文化和旅游局", 300 - 11 * 25)
    pieces = split_at_rules([over], [COLUMN])
    assert [piece.text for piece in pieces] == ["县应急局和川街道办事处", "县文化和旅游局"]
    assert pieces[0].bottom <= 300 <= pieces[1].top
    page = place_lines(pieces, [COLUMN])
    assert [row[1] for row in page.tables[0]] == ["", "县应急局和川街道办事处", "县文化和旅游局"]


def test_a_downward_line_is_not_cut_where_its_column_has_no_rule() -> None:
    # The same box in the wide column, where rows 1 and 2 are one merged cell.
    merged = TextLine("县应急局和川街道办事处县文化和旅游局", 60, 25, 84, 475, 0.99)
    assert split_at_rules([merged], [COLUMN]) == [merged]


def test_a_line_read_across_is_never_cut_at_a_row_rule() -> None:
    # Two printed lines in one box read across (less than 1.5 times taller than wide).
    across = TextLine("安局丰江", 100, 280, 180, 320, 0.6)
    assert split_at_rules([across], [COLUMN]) == [across]
