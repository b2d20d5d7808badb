"""The PDFium engine (issue 16): ruling edges from paths on the page and inside form
XObjects; each glyph's font named whole."""

from __future__ import annotations

import pypdfium2 as pdfium
from qingdan.extract.pdf.page import PageContent
from qingdan.extract.pdf.pdfium import page_content

from tests.extract.pdf_bytes import page_pdf

PAGE = b"1 0 0 1 10 20 cm 100 700 m 300 700 l S /Fm1 Do"
FORM = b"50 100 200 80 re S 0 0 m 10 10 l S"
"""A rectangle (four edges) and a slanted line (no edge), drawn shifted by the form's
matrix and the page's ``cm``."""


def _pdf() -> bytes:
    return page_pdf(
        PAGE,
        b"<< /XObject << /Fm1 5 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 5 0] "
        b"/Length %d >>\nstream\n" % len(FORM) + FORM + b"\nendstream",
    )


def _first_page(data: bytes) -> PageContent:
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        content = page_content(page, 1)
        page.close()
    finally:
        document.close()
    return content


def test_edges_of_page_paths_and_form_paths_are_upright_and_shifted() -> None:
    content = _first_page(_pdf())
    found = [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in content.edges]
    # The form's rectangle first (page objects are taken from a stack, last first); the
    # segment closing it, back at its start point, gives a zero-length edge.
    assert found == [
        ("h", 65.0, 722.0, 265.0, 722.0),
        ("v", 265.0, 642.0, 265.0, 722.0),
        ("h", 65.0, 642.0, 265.0, 642.0),
        ("v", 65.0, 642.0, 65.0, 722.0),
        ("v", 65.0, 722.0, 65.0, 722.0),
        ("h", 110.0, 122.0, 310.0, 122.0),
    ]
    assert all(e["width"] == e["x1"] - e["x0"] for e in content.edges)
    assert not content.glyphs and not content.has_image


LONG = b"ABCDEF+" + b"SourceHanSerifSC" * 12 + b"-Bold"
"""A font name longer than any usual buffer (199 bytes)."""


def _two_fonts(first: bytes, second: bytes) -> bytes:
    return page_pdf(
        b"BT /F1 12 Tf 40 700 Td (AB) Tj ET BT /F2 12 Tf 40 600 Td (CD) Tj ET",
        b"<< /Font << /F1 5 0 R /F2 6 0 R >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % first,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % second,
    )


def _fonts(data: bytes) -> list[tuple[str, str]]:
    return [(glyph.text, glyph.font) for glyph in _first_page(data).glyphs]


def test_a_long_font_name_is_read_whole_not_left_from_the_font_before() -> None:
    fonts = _fonts(_two_fonts(b"Helvetica", LONG))
    assert fonts == [
        ("A", "Helvetica"),
        ("B", "Helvetica"),
        ("C", LONG.decode()),
        ("D", LONG.decode()),
    ]


def test_a_long_name_first_does_not_spill_into_the_next_font() -> None:
    fonts = _fonts(_two_fonts(LONG, b"Helvetica"))
    assert [font for _, font in fonts] == [LONG.decode()] * 2 + ["Helvetica"] * 2
