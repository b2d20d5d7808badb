"""The TXT reader: cell-per-line dumps and delimited tables, one rule per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import EmptyFile, FileMissing, UndecodableText, UnsupportedFormat
from qingdan.extract.txt import read_txt


def _rows(text: str, name: str = "list.txt") -> list[list[str | None]]:
    extracted = read_txt(text.encode("utf-8"), Path(name))
    assert len(extracted.tables) == 1
    return [row.cells for row in extracted.tables[0].rows]


def test_a_tab_starts_a_cell_and_a_blank_line_then_tab_ends_a_row() -> None:
    text = "\t重点工作\n\t工作措施\n\n\t大气\n\t治理扬尘\n"
    assert _rows(text) == [["重点工作", "工作措施"], ["大气", "治理扬尘"]]


def test_a_line_without_tab_continues_the_cell_even_after_a_blank_line() -> None:
    text = "\tA\n\tB\n\n\t土壤污染\n\n状况详查\n\t措施\n"
    assert _rows(text) == [["A", "B"], ["土壤污染\n状况详查", "措施"]]


def test_a_lone_tab_is_an_empty_cell() -> None:
    text = "\tA\n\tB\n\n\t\n\t措施\n"
    assert _rows(text) == [["A", "B"], ["", "措施"]]


def test_rows_run_together_without_blank_line_are_split_by_the_table_width() -> None:
    text = "\tA\n\tB\n\n\t1\n\t2\n\n\t3\n\t4\n\t5\n\t6\n"
    assert _rows(text) == [["A", "B"], ["1", "2"], ["3", "4"], ["5", "6"]]


def test_a_row_of_the_wrong_width_is_kept_and_reported() -> None:
    extracted = read_txt(b"\tA\n\tB\n\n\t1\n\t2\n\n\t3\n\t4\n\t5\n", Path("x.txt"))
    assert [row.cells for row in extracted.tables[0].rows][-1] == ["3", "4", "5"]
    assert [n.code for n in extracted.notices] == ["ragged-row"]


def test_lines_above_the_table_are_the_text_before() -> None:
    extracted = read_txt("附件1\n\n某区2019年工作任务清单\n\n\tA\n\tB\n".encode(), Path("x.txt"))
    assert extracted.text_before == ["附件1", "某区2019年工作任务清单"]


def test_tab_separated_lines_are_read_as_tsv() -> None:
    text = "附件2\n重点工作\t工作措施\t牵头单位\n大气\t治理扬尘\t区城管局\n"
    extracted = read_txt(text.encode("utf-8"), Path("x.txt"))
    assert extracted.text_before == ["附件2"]
    assert [row.cells for row in extracted.tables[0].rows] == [
        ["重点工作", "工作措施", "牵头单位"],
        ["大气", "治理扬尘", "区城管局"],
    ]


def test_csv_keeps_quoted_line_breaks_inside_a_cell() -> None:
    text = '重点工作,工作措施,牵头单位\n大气,治理扬尘,"生态环境\n新城分局"\n'
    assert _rows(text, "x.csv")[1] == ["大气", "治理扬尘", "生态环境\n新城分局"]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig", "utf-16-le"])
def test_chinese_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes("附件1\n\t重点工作\n\t工作措施\n\n\t大气\n\t治理扬尘\n".encode(encoding))
    raw = read_document(path)
    assert raw.content.text_before == ["附件1"]
    assert raw.tables[0].rows[1].cells == ["大气", "治理扬尘"]


def test_binary_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UndecodableText, match=r"garbage\.txt: not text in UTF-8"):
        read_document(path)


def test_missing_empty_and_unsupported_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileMissing, match=r"nope\.txt: no such file"):
        read_document(tmp_path / "nope.txt")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(EmptyFile, match=r"empty\.txt: file is empty"):
        read_document(tmp_path / "empty.txt")
    (tmp_path / "list.rtf").write_text("x")
    with pytest.raises(UnsupportedFormat, match=r"list\.rtf: unsupported file type '\.rtf'"):
        read_document(tmp_path / "list.rtf")


def test_the_seed_reads_as_eighteen_rows_of_five_cells(seed: Path) -> None:
    table = read_document(seed).tables[0]
    assert len(table.rows) == 18  # 15 tasks + the header printed on each of 3 pages
    assert {len(row.cells) for row in table.rows} == {5}
