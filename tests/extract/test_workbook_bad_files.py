"""Bad workbooks, .xls and .xlsx alike (``extract/spreadsheet/workbook.py`` sniffs
both): each is one line and exit code 2 naming the reason, and in a batch it fails
alone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile, EncryptedFile

from tests.conftest import SAMPLES
from tests.extract.forms import assert_batch_keeps_the_rest, assert_one_line_exit_2

SEED_XLS = SAMPLES / "000_eaf823a1ce4555f0_merged.xls"
SEED_XLSX = SAMPLES / "000_eaf823a1ce4555f0_merged.xlsx"


def locked_xls() -> bytes:
    """The .xls sample marked encrypted: its first record after BOF (INTERFACEHDR, two
    bytes) becomes a FILEPASS record, which Excel writes first in an encrypted workbook;
    the record keeps its length, so the compound file stays whole."""
    xls = SEED_XLS.read_bytes()
    at = xls.find(b"\xe1\x00\x02\x00")
    assert at > 0
    return xls[:at] + b"\x2f\x00" + xls[at + 2 :]


def locked_xlsx() -> bytes:
    """The .xlsx sample encrypted with a password, as Excel's File > Protect does."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(SEED_XLSX.read_bytes())).encrypt("secret", out)
    return out.getvalue()


def contacts() -> bytes:
    """A workbook with no task-list header (a contact list)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "电话"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


LOCKED: dict[str, Callable[[], bytes]] = {".xls": locked_xls, ".xlsx": locked_xlsx}
GARBAGE = {".xls": "not an Excel .xls workbook", ".xlsx": "not a readable zip archive"}
"""What a file of noise named with each suffix is said to be."""


@pytest.mark.parametrize(
    ("suffix", "data", "reason"),
    [
        (".xls", b"\x00\x01\x02\xff" * 200, GARBAGE[".xls"]),
        (".xls", SEED_XLS.read_bytes()[:1500], "Excel .xls workbook"),
        (".xlsx", b"\x00\x01\x02\xff" * 200, GARBAGE[".xlsx"]),
        (".xlsx", b"PK\x05\x06" + b"\x00" * 18, "a zip archive but not an Excel workbook"),
        (
            ".xlsx",
            (SAMPLES / "000_eaf823a1ce4555f0_merged.docx").read_bytes(),
            "a zip archive but not an Excel workbook",
        ),
    ],
    ids=["xls-garbage", "xls-truncated", "xlsx-garbage", "xlsx-empty-zip", "xlsx-word-document"],
)
def test_not_a_workbook_is_one_line_and_exit_2(
    tmp_path: Path, suffix: str, data: bytes, reason: str
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    with pytest.raises(BrokenFile, match=reason):
        read_document(path)
    assert_one_line_exit_2(path, reason)


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_a_password_protected_workbook_is_one_line_and_exit_2(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"locked{suffix}"
    path.write_bytes(LOCKED[suffix]())
    with pytest.raises(EncryptedFile, match="password-protected"):
        read_document(path)
    assert_one_line_exit_2(path, "the workbook is password-protected")


def test_a_workbook_without_a_task_sheet_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "contacts.xlsx"
    path.write_bytes(contacts())
    assert_one_line_exit_2(path, "task-list header")


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_bad_workbooks_in_a_batch_lose_nothing_else(tmp_path: Path, suffix: str) -> None:
    # contacts.xls is an .xlsx named .xls: sniffed and read as what it is
    assert_batch_keeps_the_rest(
        tmp_path,
        {
            f"garbage{suffix}": (b"\x00\x01" * 300, GARBAGE[suffix]),
            f"locked{suffix}": (LOCKED[suffix](), "password-protected"),
            f"contacts{suffix}": (contacts(), "task-list header"),
        },
    )
