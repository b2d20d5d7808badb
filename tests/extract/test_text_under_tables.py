"""Text printed under the last table (``Extracted.text_after``): a Word file, its PDF and a
web page give the lines below the table as they give those above it, and the normalizer
quotes a note or signature line there in a ``table-note`` warning and applies a note
naming the leading position, as it does for a text dump's."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from qingdan.extract import read_document
from qingdan.normalize import TaskList, normalize
from qingdan.normalize.text import squeeze

from corpus.sheet import print_pdfs

TITLE = "某县2024年重点工作任务分工表"
HEADER = ["序号", "重点工作", "责任单位", "完成时限"]
ROWS = [
    ["1", "推进老旧小区改造", "县住建局、县财政局", "2024年10月底前"],
    ["2", "完善农村供水工程", "县水利局、县农业农村局", "2024年12月底前"],
]
LEAD_NOTE = "注：责任单位中列第一位的为牵头单位。"
SIGNATURE = "制表人：王明　审核人：李华"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def word_file(path: Path, after: list[str]) -> Path:
    """A Word file: the title, the table, then the paragraphs ``after``."""
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    table.style = "Table Grid"
    for r, cells in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    for text in after:
        document.add_paragraph(text)
    document.save(path)
    return path


def web_page(path: Path, after: list[str]) -> Path:
    """A web page: the title, the table, then the paragraphs ``after``."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{text}</td>" for text in cells) + "</tr>"
        for cells in [HEADER, *ROWS]
    )
    paragraphs = "".join(f"<p>{text}</p>" for text in after)
    page = f'<html><head><meta charset="utf-8"></head><body><h1>{TITLE}</h1>'
    page += f'<table border="1">{rows}</table>{paragraphs}</body></html>'
    path.write_text(page, encoding="utf-8")
    return path


def printed(path: Path) -> Path:
    """The Word file printed to PDF by LibreOffice."""
    print_pdfs([path], path.parent)
    return path.with_suffix(".pdf")


def roles(document: TaskList) -> list[tuple[list[str], list[str]]]:
    return [(record.lead, record.support) for record in document.records]


def notes(document: TaskList) -> list[str]:
    return [squeeze(w.message) for w in document.warnings if w.code == "table-note"]


def _check_notes_under_the_table(path: Path) -> None:
    raw = read_document(path)
    assert [squeeze(line) for line in raw.content.text_after] == [
        squeeze(LEAD_NOTE),
        squeeze(SIGNATURE),
    ]
    assert squeeze(TITLE) in [squeeze(line) for line in raw.content.text_before]
    document = normalize(raw)
    assert roles(document) == [(["县住建局"], ["县财政局"]), (["县水利局"], ["县农业农村局"])]
    assert notes(document) == [
        squeeze(f"note under the table: {LEAD_NOTE}"),
        squeeze(f"note under the table: {SIGNATURE}"),
    ]


def test_a_word_file_gives_the_lines_under_its_table(tmp_path: Path) -> None:
    _check_notes_under_the_table(word_file(tmp_path / "list.docx", [LEAD_NOTE, SIGNATURE]))


def test_a_web_page_gives_the_lines_under_its_table(tmp_path: Path) -> None:
    _check_notes_under_the_table(web_page(tmp_path / "list.html", [LEAD_NOTE, SIGNATURE]))


@needs_soffice
def test_a_pdf_gives_the_lines_under_its_table(tmp_path: Path) -> None:
    _check_notes_under_the_table(printed(word_file(tmp_path / "list.docx", [LEAD_NOTE, SIGNATURE])))


@needs_soffice
def test_a_pdf_gives_the_lines_of_a_page_after_its_last_table(tmp_path: Path) -> None:
    source = word_file(tmp_path / "list.docx", [])
    document = docx.Document(str(source))
    document.add_page_break()
    document.add_paragraph(SIGNATURE)
    document.save(str(source))
    raw = read_document(printed(source))
    assert [squeeze(line) for line in raw.content.text_after] == [squeeze(SIGNATURE)]
    assert notes(normalize(raw)) == [squeeze(f"note under the table: {SIGNATURE}")]


def test_without_a_note_the_names_all_lead_and_nothing_is_quoted(tmp_path: Path) -> None:
    document = normalize(read_document(word_file(tmp_path / "list.docx", [])))
    assert roles(document) == [
        (["县住建局", "县财政局"], []),
        (["县水利局", "县农业农村局"], []),
    ]
    assert notes(document) == []


def test_lines_under_the_table_that_are_no_note_are_read_as_its_closing_lines(
    tmp_path: Path,
) -> None:
    path = word_file(tmp_path / "list.docx", ["某县人民政府办公室", "2024年3月5日"])
    raw = read_document(path)
    assert list(raw.content.text_after) == ["某县人民政府办公室", "2024年3月5日"]
    document = normalize(raw)
    assert notes(document) == []
    assert (document.issuer, str(document.issued)) == ("某县人民政府办公室", "2024-03-05")


def test_a_document_without_a_table_has_no_text_under_one(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(SIGNATURE)
    document.save(str(path))
    content = read_document(path).content
    assert [squeeze(line) for line in content.text_before] == [TITLE, squeeze(SIGNATURE)]
    assert list(content.text_after) == []
