"""The PDFium engine's font names: each glyph carries its own font's whole name."""

from __future__ import annotations

import pypdfium2 as pdfium

from qingdan.extract.pdfium import page_content
from tests.extract.pdf_bytes import pdf_file

LONG = b"ABCDEF+" + b"SourceHanSerifSC" * 12 + b"-Bold"
"""A font name longer than any usual buffer (199 bytes)."""


def _pdf(first: bytes, second: bytes) -> bytes:
    content = b"BT /F1 12 Tf 40 700 Td (AB) Tj ET BT /F2 12 Tf 40 600 Td (CD) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % first,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % second,
    ]
    return pdf_file(objects)


def _fonts(data: bytes) -> list[tuple[str, str]]:
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        content = page_content(page, 1)
        page.close()
    finally:
        document.close()
    return [(glyph.text, glyph.font) for glyph in content.glyphs]


def test_a_long_font_name_is_read_whole_not_left_from_the_font_before() -> None:
    fonts = _fonts(_pdf(b"Helvetica", LONG))
    assert fonts == [
        ("A", "Helvetica"),
        ("B", "Helvetica"),
        ("C", LONG.decode()),
        ("D", LONG.decode()),
    ]


def test_a_long_name_first_does_not_spill_into_the_next_font() -> None:
    fonts = _fonts(_pdf(LONG, b"Helvetica"))
    assert [font for _, font in fonts] == [LONG.decode()] * 2 + ["Helvetica"] * 2
