"""Write a task list as a Word table, the way such attachments are laid out.

The scale series needs large documents with known records: the seed's records are
written as a DOCX table (header row repeated on every page, the 重点工作 cell of a
group merged down over its rows, one department per line), which LibreOffice then
exports to PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

HEADER = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
COLUMN_WIDTHS_MM = [35, 120, 35, 45, 25]


def record_cells(record: dict[str, Any]) -> list[str]:
    """A golden record as the five printed cells (departments one per line)."""
    return [
        record["category"] or "",
        record["measure"],
        "\n".join(record["lead"]),
        "\n".join(record["support"]),
        record["deadline"] or "",
    ]


def write_task_list_docx(
    records: Sequence[dict[str, Any]], path: Path, title_lines: Sequence[str] = ()
) -> None:
    """Write ``records`` (golden-record dicts) as a landscape A4 task-list table to ``path``.

    ``title_lines`` (e.g. the attachment label and title) are printed above the table.
    Consecutive records with the same category share one vertically merged cell.
    """
    document = new_docx()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(15))
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Sans CJK SC")
    for line in title_lines:
        document.add_paragraph(line)

    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    header = table.rows[0]
    _fill_row(_cells(header, table), HEADER)
    _repeat_as_header(header)
    previous_category: str | None = None
    for record in records:
        row = table.add_row()
        cells = _cells(row, table)
        texts = record_cells(record)
        continues_group = record["category"] is not None and record["category"] == previous_category
        _fill_row(cells, ["" if continues_group else texts[0], *texts[1:]])
        _vertical_merge(cells[0], "continue" if continues_group else "restart")
        previous_category = record["category"]
    document.save(str(path))


def _cells(row: Any, table: Any) -> list[Any]:
    """A row's cells, sized to the column widths.

    Built from the row's own XML: python-docx's ``row.cells`` walks the whole table,
    which makes writing a 10,000-row table take minutes.
    """
    cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
    for cell, width in zip(cells, COLUMN_WIDTHS_MM, strict=True):
        cell.width = Mm(width)
    return cells


def _fill_row(cells: Sequence[Any], texts: Sequence[str]) -> None:
    """Put each text in its cell, one paragraph per line."""
    for cell, text in zip(cells, texts, strict=True):
        lines = text.split("\n")
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def _repeat_as_header(row: Any) -> None:
    """Mark a row to repeat at the top of every page (Word's tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _vertical_merge(cell: Any, kind: str) -> None:
    """Start (``restart``) or continue (``continue``) a vertically merged cell."""
    merge = OxmlElement("w:vMerge")
    if kind == "restart":
        merge.set(qn("w:val"), "restart")
    cell._tc.get_or_add_tcPr().append(merge)
