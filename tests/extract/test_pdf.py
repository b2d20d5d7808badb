"""The PDF reader on small PDFs made for it (``pdf_cases/make_cases.py``, committed).

Each DOCX-made case comes with ``NAME.source.json``: the rows that went into the DOCX.
The records read back from the PDF must be exactly those rows.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from qingdan.extract import RawDocument, read_document
from qingdan.extract.errors import BrokenFile, EncryptedFile, NoTextLayer, UnreadableText
from qingdan.extract.grid import Covered
from qingdan.extract.options import ReadOptions

import qingdan
from tests.cli_runner import invoke

CASES = Path(__file__).resolve().parent / "pdf_cases"
PASSWORD = "qingdan"


def _source(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / f"{name}.source.json").read_text("utf-8"))
    return data


@cache
def _converted(name: str) -> qingdan.Document:
    """A case converted once per test session (the tests only read it)."""
    return qingdan.convert(CASES / f"{name}.pdf")


@cache
def _raw(name: str) -> RawDocument:
    return read_document(CASES / f"{name}.pdf")


def _record_rows(document: qingdan.Document) -> list[list[str]]:
    """Records in the case's columns: category, measure, lead, support, deadline."""
    return [
        [r.category or "", r.measure, "\n".join(r.lead), "\n".join(r.support), r.deadline or ""]
        for r in document.records
    ]


@pytest.mark.parametrize(
    "name", ["category_across_pages", "row_split", "kangxi", "fake_bold", "autospace"]
)
def test_records_are_the_rows_that_went_in(name: str) -> None:
    source = _source(name)
    document = _converted(name)
    assert _record_rows(document) == source["rows"]
    assert [document.document.attachment, document.document.title] == source["text_before"][-2:]


def test_one_raw_table_per_page_with_its_page_number() -> None:
    raw = _raw("category_across_pages")
    pages = [table.rows[0].page for table in raw.tables]
    assert len(pages) >= 3
    assert pages == list(range(1, len(pages) + 1))
    for table in raw.tables:
        assert {row.page for row in table.rows} == {table.rows[0].page}
        assert table.name == f"page {table.rows[0].page} table 1"


def test_text_between_two_tables_on_page_1_is_kept_with_the_lower_table() -> None:
    raw = _raw("contacts_first")
    assert raw.content.text_before == ["报送单位联系方式"]
    contacts, tasks = raw.tables
    assert contacts.rows[0].cells == ["联系人", "电话"]
    assert tasks.text_above == _source("contacts_first")["text_before"]


def test_first_row_of_every_later_page_starts_a_page() -> None:
    raw = _raw("category_across_pages")
    starts = [[row.starts_page for row in table.rows] for table in raw.tables]
    assert not any(starts[0])
    for page in starts[1:]:
        assert page[0] and not any(page[1:])


def test_a_merged_category_is_placed_once_with_covered_cells_below() -> None:
    raw = _raw("category_across_pages")
    first_page = raw.tables[0].rows
    # The seed's first group (土壤污染状况详查) merges the category over its two rows.
    assert first_page[1].cells[0] == "土壤污染状况详查"
    assert first_page[2].cells[0] is Covered.ABOVE
    assert all(isinstance(cell, str) for cell in first_page[2].cells[1:])


def test_the_category_cut_by_a_page_break_is_blank_on_the_next_page() -> None:
    """The case really has a category across a page break (so the rule is exercised)."""
    raw = _raw("category_across_pages")
    assert any(table.rows[1].cells[0] == "" for table in raw.tables[1:])


def test_the_row_split_case_really_splits_a_row() -> None:
    raw = _raw("row_split")
    continuations = [
        table.rows[1].cells
        for table in raw.tables[1:]
        if table.rows[1].cells[2] == "" and table.rows[1].cells[4] == ""
    ]
    assert continuations


def test_landscape_pages_are_read() -> None:
    with pdfplumber.open(CASES / "row_split.pdf") as pdf:
        assert all(page.width > page.height for page in pdf.pages)
    assert len(_converted("row_split").records) == 15


def test_landscape_pages_stored_portrait_with_rotate_are_read_upright() -> None:
    with pdfplumber.open(CASES / "rotated.pdf") as pdf:
        assert all(page.rotation == 90 for page in pdf.pages)
    assert _record_rows(_converted("rotated")) == _source("row_split")["rows"]


def test_radicals_in_the_text_layer_become_the_ideographs_meant() -> None:
    with pdfplumber.open(CASES / "kangxi.pdf") as pdf:
        layer = "".join(char["text"] for char in pdf.pages[0].chars)
    assert {"⼯", "⼟", "⻓"} <= set(layer)
    document = _converted("kangxi")
    text = json.dumps(_record_rows(document), ensure_ascii=False)
    assert not {"⼯", "⼟", "⻓"} & set(text)
    assert document.records[1].lead == ["区河湖长办"]
    assert document.document.columns[0].label == "重点工作"


def test_fake_bold_duplicates_are_dropped_and_text_outside_the_table_ignored() -> None:
    with pdfplumber.open(CASES / "fake_bold.pdf") as pdf:
        page = pdf.pages[0]
        assert len(page.chars) > len(page.dedupe_chars().chars)
    document = _converted("fake_bold")
    assert document.records[0].category == "土壤污染状况详查"
    text = json.dumps(_record_rows(document), ensure_ascii=False)
    assert "- 1 -" not in text and "内部资料" not in text


def test_letter_spaced_header_labels_read_without_the_spacing() -> None:
    """Letter spacing (牵  头  部  门 drawn with character spacing, no space glyph) is
    layout: the label reads as typed (issue 15's spacing rule)."""
    header = _raw("fake_bold").tables[0].rows[0].cells
    assert header == ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
    columns = _converted("fake_bold").document.columns
    assert [c.field for c in columns] == ["category", "measure", "lead", "support", "deadline"]


def test_private_use_characters_are_counted_per_page() -> None:
    document = _converted("partly_private_use")
    garbled = [w for w in document.warnings if w.code == "garbled-text"]
    assert len(garbled) == 1
    assert garbled[0].page == 1
    assert "private-use characters" in garbled[0].message


def test_a_mostly_garbage_page_is_skipped_and_reported() -> None:
    document = _converted("last_page_unreadable")
    unreadable = [w for w in document.warnings if w.code == "unreadable-page"]
    assert [w.page for w in unreadable] == [3]
    assert {r.page for r in document.records} <= {1, 2}
    readable = _source("category_across_pages")["rows"]
    assert _record_rows(document) == readable[: len(document.records)]


def test_a_pdf_with_garbage_on_every_page_is_an_error() -> None:
    with pytest.raises(UnreadableText, match=r"private_use\.pdf: .*unreadable on every page"):
        read_document(CASES / "private_use.pdf")


def test_a_pdf_whose_table_pages_are_all_garbage_is_an_error() -> None:
    """The readable rest (here: a page of text without a table) holds no table."""
    with pytest.raises(UnreadableText, match=r"unreadable on 1 of 2 pages"):
        read_document(CASES / "garbage_table_readable_note.pdf")


def test_a_scan_says_it_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayer, match=r"scan\.pdf: .*no text layer"):
        read_document(CASES / "scan.pdf")


def test_an_encrypted_pdf_asks_for_the_password() -> None:
    with pytest.raises(EncryptedFile, match=r"encrypted\.pdf: .*encrypted.*--password"):
        read_document(CASES / "encrypted.pdf")
    with pytest.raises(EncryptedFile, match="wrong password"):
        read_document(CASES / "encrypted.pdf", ReadOptions(password="not it"))


def test_an_encrypted_pdf_opens_with_its_password() -> None:
    document = qingdan.convert(CASES / "encrypted.pdf", options=ReadOptions(password=PASSWORD))
    assert _record_rows(document) == _source("fake_bold")["rows"]


def test_a_truncated_pdf_is_a_broken_file() -> None:
    with pytest.raises(BrokenFile, match=r"truncated\.pdf: .*damaged or truncated"):
        read_document(CASES / "truncated.pdf")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scan", "没有文字层"),
        ("encrypted", "--password"),
        ("truncated", "不完整"),
        ("private_use", "无法解码"),
    ],
)
def test_cli_reports_a_bad_pdf_in_one_line_with_exit_code_2(name: str, reason: str) -> None:
    result = invoke(["convert", str(CASES / f"{name}.pdf")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and f"{name}.pdf" in lines[0]


def test_cli_password_option_opens_an_encrypted_pdf() -> None:
    for command in ("convert", "extract"):
        args = [command, str(CASES / "encrypted.pdf"), "--password", PASSWORD]
        result = invoke(args)
        assert result.exit_code == 0, result.output


def test_cli_extract_shows_each_page_grid() -> None:
    result = invoke(["extract", str(CASES / "category_across_pages.pdf")])
    assert result.exit_code == 0
    tables = json.loads(result.output)["tables"]
    assert [table["page"] for table in tables] == list(range(1, len(tables) + 1))
    assert all(table["rows"][0][0] == "重点工作" for table in tables)
