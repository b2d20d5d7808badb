"""A family of PDFs whose page break falls at many places in one table (issue 15).

One task list (seed rows with two section rows, categories merged over their rows and
centred, a narrow deadline column so that ``2019年12月`` wraps) is exported again and
again with a spacer of growing height above the table, so the page break walks down
through the rows: inside a measure at several points, inside a department cell, inside
the deadline, inside a category's text, inside a section row, and right after the
header (``break_head_*``: blank lines push the table down). A second set does the same
with a two-row header (责任单位 over 牵头/配合).
Rows may break across pages, as Word's default allows.

``break_SSS.pdf`` / ``break2h_SSS.pdf`` (SSS: the spacer's height in points) and
``break_head_*.pdf``, with ``break_family.source.json``: the records that went in
(section, category, measure, lead, support, deadline). Built by
``make pdf-cases`` (``make_cases.py``).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import Table

HERE = Path(__file__).resolve().parent
HEADER = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
WIDTHS_CM = [2.0, 7.0, 2.2, 3.2, 1.6]
SECTIONS = {
    0: "一、土壤污染状况详查与建设用地准入管理",
    2: "二、建设用地准入管理，严格落实土壤污染状况调查评估制度，防范人居环境风险，"
    "保障人居环境安全，推进污染地块安全利用",
}
"""Row index -> the section row printed above it (the second is long: it wraps)."""
SHIFTS_PT = [0, 14, 56, 112, 126, 168, 210, 224, 252, 294, 322, 364, 406]
"""Spacer heights above the table (points). Walking the break down a line (14 pt) at a
time from 0 to 420 pt, these are the heights where it cuts something new: a lead
name and a deadline in a one-line part (14, 126, 210), a wrapped lead name (224), a
category's text (14, 294), a section row (322); the rest cut measures and department
lists at other points. (Each PDF embeds its fonts: ~85 kB, so not all 30 are kept.)"""
SHIFTS_TWO_ROW = [0, 126, 210, 294]
HEADER_AT_FOOT = {"break_head_a": 45, "break_head_b": 46}
"""Blank lines above the table that leave the header (and the section row, and one line
of the first row) at the foot of page 1: LibreOffice never leaves a header alone."""

Record = list[str]


def family_rows(seed_rows: list[list[str]]) -> list[Record]:
    """(section, category, measure, lead, support, deadline) for the family's rows."""
    records = []
    section = ""
    for index, row in enumerate(seed_rows[:6]):
        section = SECTIONS.get(index, section)
        records.append([section, *row])
    return records


def _cjk(document: DocxDocument) -> None:
    from docx.oxml.ns import qn

    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")


def _header_rows(table: Table, two_rows: bool) -> int:
    from docx.oxml import OxmlElement

    for row in table.rows[: 2 if two_rows else 1]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if not two_rows:
        for cell, label in zip(table.rows[0].cells, HEADER, strict=True):
            cell.text = label
        return 1
    top, sub = table.rows[0].cells, table.rows[1].cells
    for col in (0, 1, 4):
        merged = top[col].merge(sub[col])
        merged.text = HEADER[col]
    group = top[2].merge(top[3])
    group.text = "责任单位"
    sub[2].text, sub[3].text = "牵头单位", "配合单位"
    return 2


def build_docx(
    records: list[Record], spacer_pt: int, two_rows: bool, blank_lines: int = 0
) -> DocxDocument:
    """The family's DOCX with a spacer of ``spacer_pt`` points (or ``blank_lines`` empty
    paragraphs) above the table."""
    document = new_docx()
    _cjk(document)
    _page_and_title(document, spacer_pt, blank_lines)
    body = list(records)
    head = 2 if two_rows else 1
    table = _sized_table(document, head + len(body) + len(SECTIONS))
    _header_rows(table, two_rows)
    _merge_categories(table, _fill_body(table, body, head))
    return document


def _page_and_title(document: DocxDocument, spacer_pt: int, blank_lines: int) -> None:
    """Margins of 2 cm, the attachment label and title, and the spacer above the table."""
    section = document.sections[0]
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    document.add_paragraph("附件2")
    document.add_paragraph("新城区净土保卫战2019年工作任务清单")
    if spacer_pt:
        spacer = document.add_paragraph()
        spacer.paragraph_format.space_before = Pt(spacer_pt)
    for _ in range(blank_lines):
        document.add_paragraph()


def _sized_table(document: DocxDocument, n_rows: int) -> Table:
    """A grid table of ``n_rows`` with the family's fixed column widths."""
    table = document.add_table(rows=n_rows, cols=len(HEADER))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)  # w:gridCol: what LibreOffice lays the table out by
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    return table


def _fill_body(table: Table, body: list[Record], position: int) -> list[tuple[int, int]]:
    """The records (and a section row before each section's first) from row
    ``position`` on; the (first row, last row) of each category run."""
    section_before = dict(SECTIONS)
    groups: list[tuple[int, int]] = []
    for index, record in enumerate(body):
        if index in section_before:
            cells = table.rows[position].cells
            merged = cells[0].merge(cells[-1])
            merged.text = section_before[index]
            position += 1
        cells = table.rows[position].cells
        for cell, value in zip(cells, record[1:], strict=True):
            cell.text = value
        if groups and body[index - 1][1] == record[1] and index not in section_before:
            groups[-1] = (groups[-1][0], position)
        else:
            groups.append((position, position))
        position += 1
    return groups


def _merge_categories(table: Table, groups: list[tuple[int, int]]) -> None:
    """Each category run merged into one cell, its text centred vertically."""
    for first, last in groups:
        top = table.cell(first, 0)
        if last > first:
            text = top.text
            top = top.merge(table.cell(last, 0))
            top.text = text
        top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def write_family(seed_rows: list[list[str]], export: object) -> None:
    """Write every member's DOCX, export them (``export(files, outdir, profile)``) and
    write their sources."""
    records = family_rows(seed_rows)
    members = [(f"break_{shift:03d}", shift, False) for shift in SHIFTS_PT]
    members += [(f"break2h_{shift:03d}", shift, True) for shift in SHIFTS_TWO_ROW]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = []
        for name, shift, two_rows in members:
            path = work / f"{name}.docx"
            build_docx(records, shift, two_rows).save(str(path))
            files.append(path)
        for name, lines in HEADER_AT_FOOT.items():
            path = work / f"{name}.docx"
            build_docx(records, 0, False, blank_lines=lines).save(str(path))
            files.append(path)
        export(files, HERE, work / "profile")  # type: ignore[operator]
    source = {"text_before": ["附件2", "新城区净土保卫战2019年工作任务清单"], "records": records}
    (HERE / "break_family.source.json").write_text(
        json.dumps(source, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
