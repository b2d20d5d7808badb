"""The DOCX reader gives each line above a table its look: size, bold, centred."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from qingdan.extract.docx import read_docx
from qingdan.extract.grid import TextLine


def _read(document: object) -> list[TextLine]:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return read_docx(buffer.getvalue(), Path("look.docx")).lines_before


def test_run_size_weight_and_paragraph_alignment() -> None:
    document = Document()
    document.add_paragraph("附件1")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("工作任务清单")
    run.bold = True
    run.font.size = Pt(22)
    document.add_table(rows=1, cols=1).cell(0, 0).text = "重点工作"
    label, heading = _read(document)
    assert label.text == "附件1" and not label.bold and not label.centered
    assert heading == TextLine("工作任务清单", 22.0, True, True)
    assert label.size is not None and label.size < 22


def test_the_look_comes_from_the_paragraph_style_and_its_base() -> None:
    document = Document()
    style = document.styles["Title"]
    style.font.size = Pt(20)
    style.font.bold = True
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("工作任务清单", style="Title")
    document.add_table(rows=1, cols=1)
    (line,) = _read(document)
    assert line == TextLine("工作任务清单", 20.0, True, True)


def test_the_text_between_tables_carries_its_look_too() -> None:
    document = Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "联系人"
    paragraph = document.add_paragraph()
    paragraph.add_run("任务清单").font.size = Pt(18)
    document.add_table(rows=1, cols=1)
    buffer = io.BytesIO()
    document.save(buffer)
    second = read_docx(buffer.getvalue(), Path("look.docx")).tables[1]
    assert second.text_above == ["任务清单"]
    assert [line.size for line in second.lines_above] == [18.0]
