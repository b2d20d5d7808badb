"""Text dumps that used to be refused: BOM-less UTF-16, stray control characters; and a
reader that streams (issue 17)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.extract import read_document
from qingdan.extract.controls import ControlCleaner
from qingdan.extract.encoding import decode_text
from qingdan.extract.errors import BrokenFile, UndecodableText
from qingdan.extract.txt import read_txt

# 一 (U+4E00) has a NUL byte of its own, on the side opposite to ASCII's.
DUMP = "附件1\n\t重点工作\n\t工作措施\n\t牵头单位\n\n\t一、大气\n\t治理扬尘\n\t区发改委\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(DUMP.encode(encoding))
    raw = read_document(path)
    assert raw.tables[0].rows[1].cells == ["一、大气", "治理扬尘", "区发改委"]
    assert [n.message for n in raw.content.notices] == [f"text decoded as {encoding}"]


def test_utf16_of_ideographs_only_is_detected() -> None:
    text = "\t" + "一丁七万丈三上下" * 50 + "\n"
    assert decode_text(text.encode("utf-16-le"), Path("x.txt")) == (text, "utf-16-le")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_text_with_a_few_nul_bytes_is_not_taken_for_utf16(encoding: str) -> None:
    text = DUMP.replace("治理", "治\x00理") * 3
    assert decode_text(text.encode(encoding), Path("x.txt")) == (text, encoding)


def test_a_vertical_tab_is_a_line_break_in_its_cell_with_a_warning(tmp_path: Path) -> None:
    """Word writes Shift+Enter as a vertical tab in a text export."""
    path = tmp_path / "list.txt"
    path.write_text(DUMP.replace("\t区发改委", "\t区发改委\x0b区财政局"), encoding="utf-8")
    raw = read_document(path)
    assert raw.tables[0].rows[1].cells[2] == "区发改委\n区财政局"
    assert [n.message for n in raw.content.notices] == [
        "control character U+000B (vertical tab, Word's manual line break) on line 8: "
        "read as a line break"
    ]


def test_a_nul_is_kept_as_a_space_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(DUMP.replace("治理扬尘", "治理\x00扬尘"), encoding="utf-8")
    raw = read_document(path)
    assert raw.tables[0].rows[1].cells[1] == "治理 扬尘"
    assert [(n.code, n.message) for n in raw.content.notices] == [
        ("control-character", "control character U+0000 (NUL) on line 7: kept as a space")
    ]


def test_many_lines_with_one_control_are_listed_up_to_ten(tmp_path: Path) -> None:
    row = "\t第{}项：加强扬尘污染治理，落实工地围挡\x1b\n\t区发改委\n\n"
    rows = "".join(row.format(i) for i in range(12))
    path = tmp_path / "list.txt"
    path.write_text("\t工作措施\n\t牵头单位\n\n" + rows, encoding="utf-8")
    [notice] = read_document(path).content.notices
    assert notice.message == (
        "control character U+001B (escape) on lines 4, 7, 10, 13, 16, 19, 22, 25, 28, 31 "
        "and 2 more: kept as a space"
    )


def test_binary_bytes_are_still_not_text(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(bytes(range(1, 32)) * 100)
    with pytest.raises(UndecodableText):
        read_document(path)


@given(st.text(alphabet="ab\r\n\x85\u2028 字", max_size=200), st.integers(1, 8))
def test_lines_read_in_chunks_split_exactly_like_splitlines(text: str, chunk: int) -> None:
    chunks = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    assert list(ControlCleaner().lines(chunks)) == text.splitlines()


@given(st.text(alphabet="ab\r\n\x00\x0b\x0c\x1b 字", max_size=200), st.integers(1, 8))
def test_controls_are_cleaned_alike_whatever_the_chunks(text: str, chunk: int) -> None:
    whole = ControlCleaner()
    lines = list(whole.lines([text]))
    chunked = ControlCleaner()
    chunks = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    assert list(chunked.lines(chunks)) == lines
    assert chunked.notices() == whole.notices()


def test_a_control_is_cleaned_on_the_line_an_editor_numbers() -> None:
    cleaner = ControlCleaner()
    lines = list(cleaner.lines(["甲\x0b乙\r\n丙\x00", "丁\n\n戊"]))
    assert lines == ["甲", "乙", "丙 丁", "", "戊"]
    assert [n.message for n in cleaner.notices()] == [
        "control character U+0000 (NUL) on line 2: kept as a space",
        "control character U+000B (vertical tab, Word's manual line break) on line 1: "
        "read as a line break",
    ]


def test_the_reader_holds_one_chunk_of_lines_at_a_time() -> None:
    """Beyond the decoded text and the grid it returns, reading takes little memory: the
    lines are split a chunk at a time, never all at once (that took 9 times the input)."""
    rows = "".join(
        f"\t第{i}项：加强扬尘污染治理\n\t区发改委\n区财政局\n\t2019年12月\n\n" for i in range(20000)
    )
    data = ("\t工作措施\n\t牵头单位\n\t完成时限\n\n" + rows).encode()
    tracemalloc.start()
    try:
        extracted = read_txt(data, Path("big.txt"))
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(extracted.tables[0].rows) == 20001
    assert peak - retained < 2 * len(data)


def test_equal_cells_are_stored_once(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(
        "\t工作措施\n\t牵头单位\n\n" + "".join(f"\t任务{i}\n\t区发改委\n\n" for i in range(50)),
        encoding="utf-8",
    )
    rows = read_document(path).tables[0].rows[1:]
    leads = {id(row.cells[1]) for row in rows}
    assert len(leads) == 1


def test_a_quote_left_open_in_a_large_csv_is_one_error_line(tmp_path: Path) -> None:
    """The rest of the file became one field past the csv module's limit: exit 3."""
    rows = "".join(f"水{i},措施{i},区财政局\n" for i in range(20000))
    path = tmp_path / "list.csv"
    path.write_text(
        '重点工作,工作措施,牵头单位\n大气,"治理扬尘,区发改委\n' + rows, encoding="utf-8"
    )
    with pytest.raises(BrokenFile, match=r"list\.csv: line 2: not a readable table \(field larger"):
        read_document(path)
