"""Both PDF engines give the same text on peer-style PDFs (issue 27): a font of size 1
scaled by the text matrix, a hyphen at a line's end, and characters PDFium normalises
(an Arabic presentation form, a ligature), for which PDFium's page is read again by
pdfplumber (extract/pdf/fallback.py). Each PDF is built byte by byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf import pdfium
from qingdan.extract.pdf.page import read_page
from qingdan.extract.pdf.reader import read_pdf

from tests.extract.pdf_bytes import page_pdf

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica%s >>"
RESOURCES = b"<< /Font << /F1 5 0 R >> >>"


def _lines(data: bytes, engine: str) -> list[str]:
    return list(read_pdf(data, Path("peer.pdf"), ReadOptions(pdf_engine=engine)).text_before)


def _both(data: bytes) -> list[str]:
    pdfium_lines = _lines(data, "pdfium")
    assert pdfium_lines == _lines(data, "pdfplumber")
    return pdfium_lines


def test_a_font_of_size_one_in_a_scaled_matrix_is_not_spaced_out() -> None:
    content = b"BT /F1 1 Tf 10 0 0 10 72 700 Tm (Investigations of the Network) Tj ET"
    assert _both(page_pdf(content, RESOURCES, HELVETICA % b"")) == ["Investigations of the Network"]


def test_a_hyphen_at_a_line_end_is_kept() -> None:
    content = b"BT /F1 1 Tf 10 0 0 10 72 700 Tm (of the inter-) Tj ET\n"
    content += b"BT /F1 1 Tf 10 0 0 10 72 686 Tm (national Network) Tj ET"
    assert _both(page_pdf(content, RESOURCES, HELVETICA % b"")) == [
        "of the inter-",
        "national Network",
    ]


_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Peer def\n"
    b"1 begincodespacerange <00> <FF> endcodespacerange\n"
    b"3 beginbfchar <41> <FEB3> <42> <FB01> <43> <006E> endbfchar\n"
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)
_MAPPED = (
    HELVETICA % b" /ToUnicode 6 0 R",
    b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_CMAP), _CMAP),
)


def test_presentation_forms_and_ligatures_read_as_printed_by_a_per_page_fallback() -> None:
    data = page_pdf(b"BT /F1 10 Tf 100 700 Td (ABC) Tj ET", RESOURCES, *_MAPPED)
    assert _both(data) == ["\ufeb3\ufb01n"]


def test_pdfium_alone_normalises_those_characters_and_asks_for_the_fallback() -> None:
    data = page_pdf(b"BT /F1 10 Tf 100 700 Td (ABC) Tj ET", RESOURCES, *_MAPPED)
    with pdfium.open_pages(data, Path("peer.pdf"), None) as pages:
        content = next(pages)
    assert "".join(g.text for g in content.glyphs) == "\u0633fin"
    assert content.fallback
    assert [line.text for line in read_page(content).lines_above[0]] == ["\u0633fin"]


@pytest.mark.parametrize("text", [b"plain text", b"2019"])
def test_a_page_pdfium_reads_as_printed_is_not_read_again(text: bytes) -> None:
    data = page_pdf(b"BT /F1 10 Tf 100 700 Td (%s) Tj ET" % text, RESOURCES, HELVETICA % b"")
    with pdfium.open_pages(data, Path("peer.pdf"), None) as pages:
        assert not next(pages).fallback


# --- /ActualText (extract/pdf/actual_text.py): the printed glyph decides ----------------

_ACTUAL_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Actual def\n"
    b"1 begincodespacerange <00> <FF> endcodespacerange\n"
    b"3 beginbfchar <41> <2F3E> <42> <2015> <43> <0031> endbfchar\n"
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)
_ACTUAL_MAPPED = (
    HELVETICA % b" /ToUnicode 6 0 R",
    b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_ACTUAL_CMAP), _ACTUAL_CMAP),
)


def _span(actual: bytes, shown: bytes) -> bytes:
    return b"/Span <</ActualText <FEFF%s>>> BDC (%s) Tj EMC " % (actual, shown)


def test_actual_text_changing_a_letter_s_case_is_not_read() -> None:
    """A lower-case n printed with /ActualText N reads n, as pdfplumber reads it."""
    content = b"BT /F1 10 Tf 72 700 Td " + _span(b"004E", b"n") + b"(etwork) Tj ET"
    assert _both(page_pdf(content, RESOURCES, HELVETICA % b"")) == ["network"]


def test_actual_text_naming_the_ideograph_a_radical_glyph_prints_is_read() -> None:
    """Chromium names the glyph of 户 by the radical ⼾ and writes 户 in /ActualText: both
    engines read 户 (PDFium from /ActualText, pdfplumber by repairing the radical)."""
    content = b"BT /F1 10 Tf 72 700 Td (C) Tj " + _span(b"6237", b"A") + b"ET"
    assert _both(page_pdf(content, RESOURCES, *_ACTUAL_MAPPED)) == ["1户"]


def test_actual_text_naming_another_code_point_of_the_same_glyph_is_read_by_pdfium() -> None:
    """The dash CJK fonts print for — and ― alike: PDFium reads the /ActualText's —;
    pdfplumber, which never reads /ActualText, reads the map's ― (a known difference,
    docs/pdf.md)."""
    content = b"BT /F1 10 Tf 72 700 Td (C) Tj " + _span(b"2014", b"B") + b"(C) Tj ET"
    data = page_pdf(content, RESOURCES, *_ACTUAL_MAPPED)
    assert _lines(data, "pdfium") == ["1—1"]
    assert _lines(data, "pdfplumber") == ["1―1"]


def test_actual_text_over_several_glyphs_keeps_the_printed_ones() -> None:
    content = b"BT /F1 10 Tf 72 700 Td " + _span(b"0058", b"ab") + b"ET"
    assert _both(page_pdf(content, RESOURCES, HELVETICA % b"")) == ["ab"]


def test_same_glyph_pairs() -> None:
    from qingdan.extract.pdf.actual_text import same_glyph

    assert same_glyph("⼾", "户") and same_glyph("⼯", "工") and same_glyph("―", "—")
    assert not same_glyph("n", "N") and not same_glyph("—", "―")
