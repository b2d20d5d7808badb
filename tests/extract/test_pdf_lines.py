"""The PDF reader's lines outside the tables: their look, and every line of a list
without a table (issue 15)."""

from __future__ import annotations

import io
from pathlib import Path

from qingdan.extract import read_document
from qingdan.extract.pdf.reader import read_pdf

CASES = Path(__file__).resolve().parent / "pdf_cases"


def _pages_without_a_table(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for number, line in enumerate(lines):
            pdf.drawString(60, A4[1] - 80 - 20 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_pdf_without_a_table_gives_every_line_of_every_page_in_order() -> None:
    pages = [
        ["附件1", "2020年重点工作任务", "一、加强组织领导"],
        ["1.建立工作台账。", "2.按月报送进展。"],
    ]
    content = read_pdf(_pages_without_a_table(pages), Path("paragraphs.pdf"))
    assert content.tables == []
    assert content.text_before == [line for page in pages for line in page]


def test_the_lines_above_the_table_carry_size_weight_and_centring() -> None:
    lines = read_document(CASES / "autospace.pdf").content.lines_before
    label, *title = lines
    assert label.text == "附件1" and not label.centered
    assert [line.text for line in title] == ["新城区净土保卫战", "2020年工作任务清单"]
    assert all(line.centered and line.bold and line.size == 18 for line in title)
    assert label.size == 16


def test_a_title_printed_on_two_lines_is_one_title_with_its_year() -> None:
    """Issue 15: a two-line title kept only its last line."""
    import qingdan

    for suffix in ("pdf", "docx"):
        document = qingdan.convert(CASES / f"autospace.{suffix}").document
        assert document.title == "新城区净土保卫战2020年工作任务清单"
        assert document.year == 2020
