"""Numbers in a Word file never size an allocation, and damaged Word files are one line
(issue 17).

The documents are built here as the smallest package python-docx opens
(``docx_package.minimal_docx``), so the crafted ones stay as small as the 4 KB file
that asked for 8 GB.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.docx import MAX_GRID_COLUMNS
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Covered

from tests.extract.docx_package import W_NS as W
from tests.extract.docx_package import minimal_docx

HEADER = ("重点工作", "工作措施", "牵头单位", "配合单位", "完成时限")
ROOT = Path(__file__).resolve().parent.parent.parent


def tc(text: str = "", props: str = "") -> str:
    """A table cell holding one paragraph of ``text``, with cell properties ``props``."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def tr(*cells: str, props: str = "") -> str:
    """A row; plain strings are one-paragraph cells."""
    tcs = "".join(c if c.startswith("<w:tc>") else tc(c) for c in cells)
    return f"<w:tr><w:trPr>{props}</w:trPr>{tcs}</w:tr>"


def tbl(*rows: str, columns: int | None = 5) -> str:
    """A table with a grid of ``columns`` columns (no ``w:tblGrid`` when None)."""
    grid = "" if columns is None else "<w:tblGrid>" + "<w:gridCol/>" * columns + "</w:tblGrid>"
    return f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"


def span(n: int | str) -> str:
    """Cell properties spanning ``n`` grid columns."""
    return f'<w:gridSpan w:val="{n}"/>'


def skipped(before: int | str, after: int | str) -> str:
    """Row properties skipping grid columns before and after the cells."""
    return f'<w:gridBefore w:val="{before}"/><w:gridAfter w:val="{after}"/>'


HOSTILE = tbl(
    tr(*HEADER),
    tr(tc("一、大气", span(2_000_000_000))),
    tr(
        "水", "措施一", "区发改委", "区财政局", "2019年12月", props=skipped(999_999_999, "9" * 5000)
    ),
)


def write(tmp_path: Path, body: str, name: str = "list.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(minimal_docx(body))
    return path


def test_the_crafted_file_is_tiny_and_reads_within_the_grid(tmp_path: Path) -> None:
    path = write(tmp_path, HOSTILE)
    assert path.stat().st_size < 4096
    raw = read_document(path)
    rows = [row.cells for row in raw.tables[0].rows]
    assert rows[1] == [
        "一、大气",
        Covered.LEFT,
        Covered.LEFT,
        Covered.LEFT,
        Covered.LEFT,
    ]  # a full-width section row
    assert rows[2] == ["水", "措施一", "区发改委", "区财政局", "2019年12月"]
    messages = [n.message for n in raw.content.notices if n.code == "table-grid"]
    assert messages == [
        "table 1 row 2: its cells span more than 999999999 grid columns but the table grid "
        "has 5; the spans were cut to the grid (no text lost)",
        "table 1 row 3: its cells span more than 999999999 grid columns but the table grid "
        "has 5; the spans were cut to the grid (no text lost)",
    ]


def test_the_crafted_file_converts_under_a_memory_limit_with_the_warning(tmp_path: Path) -> None:
    """Through the real command line, in a process that may not map 2 GiB."""
    path = write(tmp_path, HOSTILE)
    limit = 2 << 30

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "qingdan", "convert", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=cap,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"code": "table-grid"' in result.stdout
    assert '"section": "一、大气"' in result.stdout


def test_spans_get_the_spare_columns_before_skipped_columns(tmp_path: Path) -> None:
    row = tr(tc("甲", span(9)), "乙", props=skipped(3, 3))
    [table] = read_document(write(tmp_path, tbl(row, columns=4))).tables
    assert table.rows[0].cells == ["甲", Covered.LEFT, Covered.LEFT, "乙"]


def test_a_row_with_more_cells_than_the_grid_keeps_them_all(tmp_path: Path) -> None:
    """A sloppy generator's grid is too narrow: the cells are the file's text, kept."""
    raw = read_document(write(tmp_path, tbl(tr("a", "b", "c", "d"), columns=2)))
    assert raw.tables[0].rows[0].cells == ["a", "b", "c", "d"]
    assert raw.content.notices == []


def test_a_table_without_a_grid_is_capped(tmp_path: Path) -> None:
    row = tr(tc("甲", span(10**6)))
    raw = read_document(write(tmp_path, tbl(row, columns=None)))
    assert len(raw.tables[0].rows[0].cells) == MAX_GRID_COLUMNS
    grid_of_many = tbl(row, columns=MAX_GRID_COLUMNS * 10)
    raw = read_document(write(tmp_path, grid_of_many))
    assert len(raw.tables[0].rows[0].cells) == MAX_GRID_COLUMNS


@pytest.mark.parametrize("value", ["x", "", "-3", "²", "1e9"])
def test_a_span_that_is_not_a_number_is_one_column(tmp_path: Path, value: str) -> None:
    raw = read_document(write(tmp_path, tbl(tr(tc("甲", span(value)), "乙"), columns=2)))
    assert raw.tables[0].rows[0].cells == ["甲", "乙"]


def test_tables_nested_past_the_parsers_depth_are_one_error_line(tmp_path: Path) -> None:
    depth = 400
    nested = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth
    path = write(tmp_path, tbl(tr(f"<w:tc>{nested}<w:p/></w:tc>"), columns=1))
    with pytest.raises(BrokenFile, match="damaged Word document: broken XML"):
        read_document(path)


def test_tables_nested_deeply_but_within_the_parser_are_read(tmp_path: Path) -> None:
    depth = 60
    nested = (
        "<w:tbl><w:tr>"
        + "<w:tc><w:tbl><w:tr>" * depth
        + tc("深")
        + "</w:tr></w:tbl></w:tc>" * depth
    )
    path = write(tmp_path, tbl(tr(f"<w:tc>{nested}</w:tr></w:tbl><w:p/></w:tc>"), columns=1))
    assert read_document(path).tables[0].rows[0].cells == ["深"]


def _with_compression_method(data: bytes, method: int) -> bytes:
    """The archive with every member's compression method (local and central) set."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = out.find(signature)
        while start >= 0:
            out[start + offset : start + offset + 2] = method.to_bytes(2, "little")
            start = out.find(signature, start + 4)
    return bytes(out)


def test_an_unknown_compression_method_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "deflate64.docx"
    path.write_bytes(_with_compression_method(minimal_docx("<w:p/>"), 9))
    with pytest.raises(BrokenFile, match=r"uses compression method 9, which no Word document"):
        read_document(path)


def test_an_encrypted_member_is_one_error_line(tmp_path: Path) -> None:
    data = bytearray(minimal_docx("<w:p/>", zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + offset] |= 1
            start = data.find(signature, start + 4)
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(BrokenFile, match="is encrypted"):
        read_document(path)


@pytest.mark.parametrize(
    "document",
    [
        # The namespace mangled (found by the fuzzer, seed 99 case 2301): another root.
        '<w:document xmlns:w="urn:x"><w:body><w:p/></w:body></w:document>',
        f'<w:document xmlns:w="{W}"/>',
    ],
    ids=["other-root", "no-body"],
)
def test_a_main_part_without_a_word_body_is_one_error_line(tmp_path: Path, document: str) -> None:
    path = tmp_path / "odd.docx"
    path.write_bytes(minimal_docx("", document=document))
    with pytest.raises(BrokenFile, match="its main part has no w:document/w:body"):
        read_document(path)
