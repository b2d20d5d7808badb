"""Office routes checked (extract/office_check.py, issue 27): a Word 97-2003 file whose
tables LibreOffice loses is read another way (antiword) or is one clear error, never
"no table found".

The case is real: LibreOffice 7.4 writes a ``.doc`` from a python-docx table that its own
importer then reads with no table (the file's text still holds every cell). It is made
here by LibreOffice (installed by ``make test``) in a few seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.docx import read_docx
from qingdan.extract.errors import BrokenFile
from qingdan.extract.office_convert import convert
from qingdan.extract.word_text import read_word, table_cells, word_table, word_text

import qingdan
from corpus.sheet import Spec, write_docx

SPEC = Spec(
    name="lost",
    text_before=["附件1", "某县2020年重点工作任务清单"],
    header=[["序号", "重点任务", "工作措施", "牵头单位", "完成时限"]],
    rows=[
        ["1", "产业发展", "扎实推进特色产业基地建设。", "县农业农村局", "2020年6月底前"],
        ["2", "^", "加快推进农村公路改造提升。", "县交通运输局", "年底前"],
        ["3", "生态保护", "全面推进农村生活污水治理。", "县生态环境局", "长期坚持"],
    ],
)

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


SECTIONED = Spec(
    name="sectioned",
    text_before=["某县2021年重点工作任务清单"],
    header=[["序号", "重点任务", "工作措施", "牵头单位", "完成时限"]],
    rows=[
        ["一、推进产业升级", "<", "<", "<", "<"],
        ["1", "产业发展", "扎实推进特色产业基地建设。", "县农业农村局", "2021年6月底前"],
        ["2", "^", "加快推进农村公路改造提升。", "县交通运输局", "年底前"],
        ["二、加强生态保护", "<", "<", "<", "<"],
        ["3", "生态保护", "全面推进农村生活污水治理。", "县生态环境局", "长期坚持"],
    ],
)
"""Rows of two widths (section rows merged across): antiword gives their first rows
only, and a cut by width alone cannot tell a row's end from an empty cell."""


def _doc(spec: Spec, work: Path) -> Path:
    """A .doc LibreOffice wrote straight from a python-docx table."""
    source = work / f"{spec.name}.docx"
    write_docx(spec, "merged", source)
    subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation={(work / 'p').as_uri()}",
         "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(work), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return work / f"{spec.name}.doc"


@pytest.fixture(scope="module")
def lost_table_doc() -> Iterator[Path]:
    """A .doc LibreOffice wrote straight from a python-docx table."""
    with tempfile.TemporaryDirectory(prefix="qingdan-route-") as tmp:
        yield _doc(SPEC, Path(tmp))


@pytest.fixture(scope="module")
def sectioned_doc() -> Iterator[Path]:
    """The same, of a table with section rows."""
    with tempfile.TemporaryDirectory(prefix="qingdan-route-") as tmp:
        yield _doc(SECTIONED, Path(tmp))


def test_libreoffice_loses_the_table_the_file_holds(lost_table_doc: Path) -> None:
    data = lost_table_doc.read_bytes()
    text = word_text(data)
    assert text is not None and "扎实推进特色产业基地建设。" in text
    assert table_cells(text) >= 4 * 5  # the header and three rows, five cells each
    converted = read_docx(convert(data, lost_table_doc, "docx"), Path("lost.docx"))
    assert converted.tables == []  # the route this module checks


def test_a_lost_table_is_read_by_antiword_with_a_notice(lost_table_doc: Path) -> None:
    if shutil.which("antiword") is None:
        pytest.fail("antiword is missing: scripts/ensure-system-packages installs it")
    extracted = read_document(lost_table_doc).content
    assert [notice.code for notice in extracted.notices] == ["office-route"]
    [table] = extracted.tables
    assert [row.cells[2] for row in table.rows] == ["工作措施", *(row[2] for row in SPEC.rows)]
    document = qingdan.convert(lost_table_doc)
    assert [r.measure for r in document.records] == [row[2] for row in SPEC.rows]
    assert [r.lead for r in document.records] == [[row[3]] for row in SPEC.rows]
    assert [r.category for r in document.records] == ["产业发展", "产业发展", "生态保护"]
    assert any("antiword" in w.message for w in document.warnings)


def _without_antiword(monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which

    def which(name: str) -> str | None:
        return None if name == "antiword" else real_which(name)

    monkeypatch.setattr("qingdan.extract.office_check.shutil.which", which)


def test_without_antiword_a_lost_table_is_read_from_the_files_own_text(
    lost_table_doc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_antiword(monkeypatch)
    document = qingdan.convert(lost_table_doc)
    assert [r.measure for r in document.records] == [row[2] for row in SPEC.rows]
    assert [r.category for r in document.records] == ["产业发展", "产业发展", "生态保护"]
    assert any("file's own text" in w.message for w in document.warnings)


def test_a_lost_table_no_second_reading_finds_is_one_clear_error(
    lost_table_doc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_antiword(monkeypatch)
    monkeypatch.setattr("qingdan.extract.office_check.word_table", lambda *_: None)
    with pytest.raises(BrokenFile, match=r"LibreOffice read no table .* \d+ table cells.*antiword"):
        read_document(lost_table_doc)


def test_a_word_text_table_takes_the_width_that_ends_every_row() -> None:
    text = "附件1\r标题\r序号\x07任务\x07单位\x07\x071\x07甲\r乙\x07\x07\x072\x07丙\x07县局\x07\x07"
    table = word_table(text)
    assert table is not None
    assert table.lines_before == ["附件1", "标题"]
    assert table.rows == [["序号", "任务", "单位"], ["1", "甲\n乙", ""], ["2", "丙", "县局"]]
    # Rows of different widths (a horizontal merge) are no table this reading trusts.
    assert word_table("a\x07b\x07\x07c\x07\x07d\x07e\x07f\x07\x07") is None


def test_a_lost_table_with_section_rows_is_read_where_its_rows_end(
    sectioned_doc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = read_word(sectioned_doc.read_bytes())
    assert read is not None and len(read.row_ends) == 6  # the header and five rows
    _without_antiword(monkeypatch)
    document = qingdan.convert(sectioned_doc)
    body = [row for row in SECTIONED.rows if row[1] != "<"]
    assert [r.measure for r in document.records] == [row[2] for row in body]
    assert [r.section for r in document.records] == ["一、推进产业升级"] * 2 + ["二、加强生态保护"]
    assert [r.lead for r in document.records] == [[row[3]] for row in body]
    assert any("file's own text" in w.message for w in document.warnings)


def test_row_ends_cut_rows_of_different_widths() -> None:
    text = "标题\r序号\x07任务\x07单位\x07\x07一、总体\x07\x071\x07\x07县局\x07\x07"
    marks = [at for at, char in enumerate(text) if char == "\x07"]
    ends = frozenset(marks[k] for k in (3, 5, 9))  # each row's last mark
    table = word_table(text, ends)
    assert table is not None
    assert table.rows == [["序号", "任务", "单位"], ["一、总体"], ["1", "", "县局"]]


def test_without_row_ends_the_cut_with_fewest_odd_rows_is_taken() -> None:
    text = (
        "序号\x07任务\x07单位\x07\x07一、总体\x07\x071\x07甲\x07县局\x07\x072\x07乙\x07市局\x07\x07"
    )
    table = word_table(text)
    assert table is not None
    assert table.rows == [
        ["序号", "任务", "单位"],
        ["一、总体"],
        ["1", "甲", "县局"],
        ["2", "乙", "市局"],
    ]


def test_a_table_libreoffice_gives_in_part_is_read_another_way(lost_table_doc: Path) -> None:
    """LibreOffice may keep a table's header and drop its rows: fewer cells than the
    file's text holds is a loss too."""
    from qingdan.extract.grid import Extracted, RawRow, RawTable
    from qingdan.extract.office_check import checked_route

    part = Extracted(tables=[RawTable(rows=[RawRow(cells=list(SPEC.header[0]))])])
    read = checked_route(lost_table_doc.read_bytes(), lost_table_doc, part)
    assert len(read.tables[0].rows) == 4
    assert "read 6 of the 24 table cells" in read.notices[0].message
