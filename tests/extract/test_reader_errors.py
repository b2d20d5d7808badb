"""Every reader error is one line with exit 2; library log output stays off the terminal
(issue 17, reader parts)."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from qingdan.extract import Extracted, Reader, ReadOptions, read_document
from qingdan.extract.damage import as_reader_error, describe
from qingdan.extract.errors import REASON_LIMIT, BrokenFile, FileMissing, QingdanError
from qingdan.extract.logs import THIRD_PARTY_LOGGERS, library_warnings, quiet_third_party_logs
from qingdan.normalize import normalize

from qingdan import extract
from tests.cli_runner import invoke
from tests.conftest import SAMPLES
from tests.extract.pdf_bytes import one_page_pdf

ROOT = Path(__file__).resolve().parent.parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh process (its own logging set-up)."""
    return subprocess.run(
        [sys.executable, "-m", "qingdan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_error_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"qingdan: 错误: {path}: ")
    return result.stderr


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """Undo what quiet_third_party_logs does to the library loggers."""
    saved = {name: logging.getLogger(name) for name in THIRD_PARTY_LOGGERS}
    state = {name: (lg.propagate, list(lg.handlers)) for name, lg in saved.items()}
    yield
    for name, logger in saved.items():
        logger.propagate, logger.handlers = state[name][0], state[name][1]


# --- damaged PDFs ------------------------------------------------------------------------


def test_a_pdf_page_dictionary_broken_while_pages_are_read_is_one_line(tmp_path: Path) -> None:
    """pdfminer raises 'Invalid dictionary construct' lazily, when the page is opened;
    it was exit 3 with the whole dictionary printed."""
    path = tmp_path / "odd.pdf"
    # /Type without its value: the page dictionary has an odd number of items.
    path.write_bytes(one_page_pdf().replace(b"/Type /Page /Parent", b"/Type       /Parent"))
    with pytest.raises(BrokenFile, match=r"Invalid dictionary construct\)$"):
        read_document(path)
    line = assert_one_error_line(run_cli("convert", str(path)), path)
    assert "PDFObjRef" not in line and "[" not in line


def test_a_pdf_the_library_warns_about_converts_with_a_damaged_file_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inflate.pdf"
    path.write_bytes(one_page_pdf(corrupt_tail=True))
    # pdfminer warns about the damaged stream; PDFium, the default engine, reads it silently.
    content = read_document(path, ReadOptions(pdf_engine="pdfplumber")).content
    [notice] = [n for n in content.notices if n.code == "damaged-file"]
    assert "Data-loss while decompressing corrupted data" in notice.message


def _with_broken_xref(data: bytes) -> bytes:
    """The PDF with every object offset of its last cross-reference table moved by one."""
    start = data.rindex(b"\nxref\n")
    table = data[start:].replace(b" 00000 n ", b" 00000 x ")
    for offset in sorted(set(re.findall(rb"(\d{10}) 00000 x ", table))):
        moved = b"%010d" % (int(offset) + 1)
        table = table.replace(offset + b" 00000 x ", moved + b" 00000 x ")
    return data[:start] + table.replace(b" 00000 x ", b" 00000 n ")


def test_a_pdf_pdfium_rebuilds_converts_with_a_damaged_file_warning(tmp_path: Path) -> None:
    source = SAMPLES / "004_beitang_flood_2019_merged.pdf"
    path = tmp_path / "moved.pdf"
    path.write_bytes(_with_broken_xref(source.read_bytes()))
    damaged = normalize(read_document(path))
    [warning] = [w for w in damaged.warnings if w.code == "damaged-file"]
    assert "cross-reference table is broken and PDFium rebuilt it" in warning.message
    # The records are still read, as from the whole file, and a whole file has no warning.
    whole = normalize(read_document(source))
    assert damaged.records == whole.records
    assert not [w for w in whole.warnings if w.code == "damaged-file"]


def test_library_log_lines_stay_off_the_terminal_unless_debug(tmp_path: Path) -> None:
    path = tmp_path / "inflate.pdf"
    path.write_bytes(one_page_pdf(corrupt_tail=True))
    quiet = run_cli("convert", str(path), "--pdf-engine", "pdfplumber")
    assert_one_error_line(quiet, path)  # no task table; the pdfminer line is not printed
    assert "Data-loss" not in quiet.stderr
    debug = run_cli("--debug", "convert", str(path), "--pdf-engine", "pdfplumber")
    assert "Data-loss while decompressing corrupted data" in debug.stderr


def test_quiet_logs_still_reach_the_collector(
    logging_restored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    quiet_third_party_logs()
    with library_warnings("PDF") as notices:
        logging.getLogger("pdfminer.pdftypes").warning("xref is %s", "broken")
    assert capsys.readouterr().err == ""
    assert [n.code for n in notices] == ["damaged-file"]
    assert "pdfminer: xref is broken" in notices[0].message


# --- the boundary ------------------------------------------------------------------------


def _stub(reader: Reader) -> Callable[[str], Reader]:
    """A ``reader_for`` that gives every suffix this reader (readers are looked up lazily)."""
    return lambda suffix: reader


def _reader_raising(error: Exception):  # type: ignore[no-untyped-def]
    def reader(data: bytes, path: Path, options: ReadOptions) -> Extracted:
        raise error

    return reader


def test_a_recursion_error_is_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "reader_for", _stub(_reader_raising(RecursionError("too deep"))))
    (tmp_path / "deep.txt").write_text("x")
    with pytest.raises(BrokenFile, match=r"deep\.txt: damaged text file: nested too deeply"):
        read_document(tmp_path / "deep.txt")


def test_an_error_in_our_own_code_stays_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raised in a qingdan frame (this reader is defined in the tests, outside the
    library folders, so a KeyError raised from the library's own txt module is used)."""
    from qingdan.extract import txt

    def buggy(data: bytes, path: Path, options: ReadOptions) -> Extracted:
        return txt.read_delimited(iter([1]), ",")  # type: ignore[list-item]

    monkeypatch.setattr(extract, "reader_for", _stub(buggy))
    (tmp_path / "list.txt").write_text("x")
    with pytest.raises(TypeError):
        read_document(tmp_path / "list.txt")
    result = invoke(["convert", str(tmp_path / "list.txt")])
    assert result.exit_code == 3


def test_a_library_message_is_cut_before_its_object_dump() -> None:
    error = ValueError("Invalid dictionary construct: [/'Contents', <PDFObjRef:8>] " * 100)
    assert describe(error) == "ValueError: Invalid dictionary construct"
    long = KeyError("x" * 1000)
    assert len(describe(long)) < 200


def test_a_memory_error_is_not_translated() -> None:
    assert as_reader_error(MemoryError(), Path("a.pdf"), "PDF") is None


def test_a_reason_is_one_line_of_bounded_length() -> None:
    error = QingdanError("a.pdf", "first line\nsecond\x00 line " + "字" * 1000)
    assert "\n" not in error.reason
    assert error.reason.startswith("first line second\\x00 line 字")
    assert len(error.reason) == REASON_LIMIT
    assert error.reason.endswith("…")


# --- paths -------------------------------------------------------------------------------


def test_a_symlink_loop_named_directly_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "back.txt")
    (tmp_path / "back.txt").symlink_to(loop)
    with pytest.raises(FileMissing, match="a symbolic link loop"):
        read_document(loop)
    result = invoke(["convert", str(loop)])
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: 错误: {loop}: 符号链接循环指向自身\n"


def test_a_dangling_link_and_a_folder_are_named(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    with pytest.raises(FileMissing, match="a symbolic link to a file that does not exist"):
        read_document(tmp_path / "gone.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(FileMissing, match="a folder, not a file"):
        read_document(tmp_path / "folder.txt")


def test_without_quieting_a_library_warning_is_printed_as_python_would(
    logging_restored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A program using qingdan as a library, logging not configured: the collector
    must not swallow the record Python would have printed."""
    for name in THIRD_PARTY_LOGGERS:
        logging.getLogger(name).propagate = True
        logging.getLogger(name).handlers = []
    root_handlers = logging.getLogger().handlers
    logging.getLogger().handlers = []
    try:
        with library_warnings("PDF") as notices:
            logging.getLogger("pdfminer.pdftypes").warning("xref is broken")
    finally:
        logging.getLogger().handlers = root_handlers
    assert "xref is broken" in capsys.readouterr().err
    assert len(notices) == 1
