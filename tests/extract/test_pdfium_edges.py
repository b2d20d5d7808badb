"""The PDFium engine's ruling edges: paths on the page and inside form XObjects (issue 16)."""

from __future__ import annotations

import pypdfium2 as pdfium

from qingdan.extract.pdfium import page_content
from tests.extract.pdf_bytes import pdf_file

PAGE = b"1 0 0 1 10 20 cm 100 700 m 300 700 l S /Fm1 Do"
FORM = b"50 100 200 80 re S 0 0 m 10 10 l S"
"""A rectangle (four edges) and a slanted line (no edge), drawn shifted by the form's
matrix and the page's ``cm``."""


def _pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Fm1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(PAGE) + PAGE + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 5 0] "
        b"/Length %d >>\nstream\n" % len(FORM) + FORM + b"\nendstream",
    ]
    return pdf_file(objects)


def test_edges_of_page_paths_and_form_paths_are_upright_and_shifted() -> None:
    document = pdfium.PdfDocument(_pdf())
    try:
        page = document[0]
        content = page_content(page, 1)
        page.close()
    finally:
        document.close()
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
