"""PDFs as programs other than LibreOffice Writer draw them (issue 27), built byte by byte:
tables left open at a page break, clipped text, fonts scaled by the text matrix and
fonts whose declared ascent and descent are implausible."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract.grid import Foot
from qingdan.extract.pdf import pdfium, plumber
from qingdan.extract.pdf.glyphs import TALLEST_BOX, plausible_extent
from qingdan.extract.pdf.open_ends import closing_rules
from qingdan.extract.pdf.page import PageContent, read_page
from qingdan.extract.pdf.rulings import Edge

from tests.extract.pdf_bytes import page_pdf

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
RESOURCES = b"<< /Font << /F1 5 0 R >> >>"
ENGINES = {"pdfium": pdfium.open_pages, "pdfplumber": plumber.open_pages}


def _page(content: bytes, engine: str = "pdfium", *objects: bytes) -> PageContent:
    data = page_pdf(content, RESOURCES, *(objects or (FONT,)))
    with ENGINES[engine](data, Path("case.pdf"), None) as pages:
        return next(pages)


def _text(x: float, y: float, text: bytes, size: float = 10) -> bytes:
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, text)


def _line(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return b"%g %g m %g %g l S\n" % (x0, y0, x1, y1)


def _grid(columns: list[float], rules: list[float], foot: float) -> bytes:
    """Vertical rules from the first rule down to ``foot``, horizontal rules at ``rules``."""
    drawn = b"".join(_line(x, rules[0], x, foot) for x in columns)
    return drawn + b"".join(_line(columns[0], y, columns[-1], y) for y in rules)


def _h(x0: float, x1: float, y: float) -> Edge:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"}


def _v(x: float, top: float, bottom: float) -> Edge:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"}


# --- Rules that stop: a closing rule where vertical rules end together -----------------


def test_vertical_rules_running_past_the_last_rule_are_closed_where_they_stop() -> None:
    edges = [_v(50, 100, 400), _v(150, 100, 400), _v(250, 100, 400), _h(50, 250, 100)]
    edges.append(_h(50, 250, 200))
    bottom = [rule for rule in closing_rules(edges) if rule["top"] == 400]
    assert [(rule["x0"], rule["x1"]) for rule in bottom] == [(50, 250)]


def test_a_table_ruled_all_round_gets_no_closing_rule() -> None:
    edges = [_v(50, 100, 300), _v(150, 100, 300), _h(50, 150, 100), _h(50, 150, 300)]
    assert closing_rules(edges) == []


def test_a_gap_in_the_foot_rule_is_closed_on_the_printed_line() -> None:
    # Calc leaves a merged cell cut by the break without its bottom rule.
    edges = [_v(50, 100, 300.5), _v(150, 100, 300.5), _v(250, 100, 300.5)]
    edges += [_h(50, 250, 100), _h(50, 150, 300), _h(250, 250, 300)]
    assert [(r["x0"], r["x1"], r["top"]) for r in closing_rules(edges)] == [(50, 250, 300)]


def test_no_closing_rule_cuts_through_a_column_that_runs_on() -> None:
    # The rules at x=50 and x=250 end at 200, but the one between them runs on below:
    # a cell goes on there, so the line is no foot.
    edges = [_v(50, 100, 200), _v(150, 100, 400), _v(250, 100, 200), _h(50, 250, 100)]
    assert [r for r in closing_rules(edges) if r["top"] == 200] == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_row_the_page_break_cut_is_read_up_to_where_the_rules_stop(engine: str) -> None:
    # A header row, a whole row, and a row cut at the page's foot with no rule under it
    # (Chromium): its vertical rules run on to y=560 and stop.
    content = _grid([50, 150, 350], [760, 730, 690], foot=560)
    content += _text(55, 740, b"No") + _text(155, 740, b"Task")
    content += _text(55, 700, b"1") + _text(155, 700, b"first task")
    content += (
        _text(55, 675, b"2")
        + _text(155, 675, b"second task is cut")
        + _text(155, 575, b"by the break")
    )
    reading = read_page(_page(content, engine))
    [table] = reading.tables
    assert [row[0] for row in table] == ["No", "1", "2"]
    assert table[2][1] == "second task is cut\nby the break"
    # The text ran down to where the page's printed area ends: the break cut it.
    assert reading.at_foot is not None and reading.at_foot[1] is Foot.FILLED


def test_text_in_an_open_cell_may_go_on_unless_centred_in_it() -> None:
    # Chromium moves a cut cell's last lines on together (CSS widows): text ending far
    # above an open foot may still go on. Text centred with room above and below is a
    # whole cell of a row printed whole.
    content = _grid([50, 150, 350], [760, 730], foot=660)
    content += _text(55, 740, b"No") + _text(155, 740, b"Task")
    content += _text(55, 693, b"1") + _text(155, 715, b"a task cut after its first line")
    reading = read_page(_page(content))
    assert reading.at_foot == (Foot.CLEAR, Foot.FILLED)


def test_a_blank_cell_the_foot_rule_leaves_open_is_marked_open() -> None:
    # Calc: the merged category cell (second column) is blank on this page and has no
    # rule under it; its text is printed on the next page.
    columns = [50, 100, 200, 350]
    content = b"".join(_line(x, 760, x, 600) for x in columns)
    content += _line(50, 760, 350, 760) + _line(50, 730, 350, 730)
    content += _line(50, 600, 100, 600) + _line(200, 600, 350, 600)
    content += _text(55, 740, b"No") + _text(105, 740, b"Group") + _text(205, 740, b"Task")
    content += _text(55, 700, b"1") + _text(205, 700, b"a task")
    reading = read_page(_page(content))
    [table] = reading.tables
    assert table[1] == ["1", "", "a task"]
    assert reading.at_foot is not None and reading.at_foot[1] is Foot.OPEN


# --- Clipped text ----------------------------------------------------------------------


def test_text_painted_outside_its_clip_path_is_not_read() -> None:
    # Calc paints a merged cell's text on both pages of a break and clips it to the
    # part of the range on each: the hidden copy is not printed text.
    shown = b"q 40 690 200 30 re W n " + _text(50, 700, b"shown") + b"Q\n"
    hidden = b"q 40 600 200 30 re W n " + _text(50, 700, b"hidden") + b"Q\n"
    text = "".join(g.text for g in _page(shown + hidden).glyphs)
    assert text == "shown"


# --- Glyph boxes from the font size and baseline ---------------------------------------

_TALL_FONT = (
    b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 "
    b"/FontDescriptor 6 0 R >>",
    b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [-500 -1200 2000 2400] "
    b"/ItalicAngle 0 /Ascent 2400 /Descent -1200 /CapHeight 700 /StemV 80 >>",
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_font_of_size_one_scaled_by_the_text_matrix_has_the_printed_size(engine: str) -> None:
    # pdftocairo sets every font at size 1 in a text matrix of the printed size.
    content = b"BT /F1 1 Tf 10.5 0 0 10.5 100 700 Tm (2019) Tj ET\n"
    glyphs = _page(content, engine, *_TALL_FONT).glyphs
    assert {round(g.size, 2) for g in glyphs} == {10.5}


@pytest.mark.parametrize("engine", ENGINES)
def test_glyph_boxes_of_an_implausibly_tall_font_come_from_the_baseline(engine: str) -> None:
    # The font declares an ascent and descent 3.6 em apart: its boxes would reach over
    # the lines above and below and mix them ("2019年" read as "20年19").
    content = b"BT /F1 1 Tf 10 0 0 10 100 700 Tm (2019) Tj ET\n"
    content += b"BT /F1 1 Tf 10 0 0 10 100 688 Tm (abcd) Tj ET\n"
    page = _page(content, engine, *_TALL_FONT)
    assert all(g.bottom - g.top <= TALLEST_BOX * g.size for g in page.glyphs)
    lines = read_page(page).lines_above[0]
    assert [line.text for line in lines] == ["2019", "abcd"]


def test_a_plausible_box_is_kept_and_an_implausible_one_rebuilt() -> None:
    assert plausible_extent(91.6, 102.1, 100.9, 10.5) == (91.6, 102.1)
    tall = plausible_extent(57.7, 87.6, 76.6, 10.5)
    assert tall == pytest.approx((76.6 - 0.88 * 10.5, 76.6 + 0.12 * 10.5))
    # A box of the right height that misses its baseline (below it) is rebuilt too.
    assert plausible_extent(77.2, 87.6, 76.6, 10.5)[1] == pytest.approx(76.6 + 0.12 * 10.5)
