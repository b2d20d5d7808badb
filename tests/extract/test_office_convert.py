"""Old Word/WPS files through LibreOffice (extract/office_convert.py).

The real conversions need LibreOffice (installed by ``make test``) and about five
seconds each, so three lists' .doc files are converted (one of them named .wps): merged
categories without 序号, sections with a two-row header, and a 序号 merged over two
measures with a people column. The failure paths run a stand-in ``soffice`` script on
the PATH, which needs no LibreOffice.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile, ConverterMissing
from qingdan.extract.office_convert import TIMEOUT_VARIABLE

import qingdan
from benchmarks.corpus import golden_file, shared_expectations
from tests.conftest import SAMPLES
from tests.extract.forms import assert_batch_keeps_the_rest, assert_one_line_exit_2
from tests.records import all_as_read

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def _records(path: Path) -> list[dict[str, Any]]:
    return all_as_read(qingdan.convert(path).records)


def _golden_records(name: str) -> list[dict[str, Any]]:
    table = SAMPLES / f"{name}_merged.docx"
    golden = json.loads(golden_file(table, shared_expectations(SAMPLES)).read_text("utf-8"))
    return all_as_read(golden["records"])


DOC_SAMPLES = sorted(path.name.removesuffix("_merged.doc") for path in SAMPLES.glob("*_merged.doc"))
"""Every sample list rendered as .doc (issue 19: each gives the records of its DOCX)."""


@needs_soffice
@pytest.mark.parametrize(
    ("name", "suffix"),
    # One list read as .wps: WPS saves .wps in the Word 97-2003 format.
    [(name, ".wps" if index == 0 else ".doc") for index, name in enumerate(DOC_SAMPLES)],
)
def test_an_old_word_file_gives_the_records_of_its_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, suffix: str
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes((SAMPLES / f"{name}_merged.doc").read_bytes())
    assert _records(path) == _golden_records(name)
    assert list(temporary.iterdir()) == []  # the conversion folder and profile are gone


def test_an_et_in_the_excel_97_format_is_read_without_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    path = tmp_path / "清单.et"
    path.write_bytes((SAMPLES / "002_nanhu_business_2019_merged.xls").read_bytes())
    assert _records(path) == _golden_records("002_nanhu_business_2019")


def test_a_docx_named_doc_is_read_as_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    path = tmp_path / "清单.doc"
    path.write_bytes((SAMPLES / "001_yunxi_air_2019_merged.docx").read_bytes())
    assert _records(path) == _golden_records("001_yunxi_air_2019")


def test_without_libreoffice_the_error_names_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    path = tmp_path / "清单.doc"
    path.write_bytes((SAMPLES / "001_yunxi_air_2019_merged.doc").read_bytes())
    with pytest.raises(ConverterMissing, match="needs LibreOffice"):
        read_document(path)
    assert_one_line_exit_2(path, "apt-get install libreoffice-writer-nogui")


def fake_soffice(folder: Path, script: str) -> Path:
    """A stand-in ``soffice`` on a PATH of its own: ``script`` is its shell body."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    return folder


def test_a_conversion_past_the_time_limit_is_killed_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stand-in starts a child that would outlive it: the whole group is killed.
    bin_dir = fake_soffice(tmp_path / "bin", "sleep 30 & sleep 30")
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv(TIMEOUT_VARIABLE, "1")
    path = tmp_path / "slow.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    started = time.monotonic()
    with pytest.raises(BrokenFile, match=r"did not finish converting it within 1 s"):
        read_document(path)
    assert time.monotonic() - started < 10
    assert_one_line_exit_2(path, "LibreOffice did not finish")


def test_a_conversion_that_writes_nothing_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = fake_soffice(tmp_path / "bin", "exit 1")
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    path = tmp_path / "broken.wps"
    path.write_bytes(b"not a document" * 50)
    with pytest.raises(BrokenFile, match=r"LibreOffice could not convert it to \.docx"):
        read_document(path)
    assert_one_line_exit_2(path, "could not convert")


def test_bad_old_files_in_a_batch_lose_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = fake_soffice(tmp_path / "bin", "sleep 30")
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv(TIMEOUT_VARIABLE, "1")
    assert_batch_keeps_the_rest(
        tmp_path,
        {
            "slow.doc": (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "did not finish converting"),
            "slow.et": (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "did not finish converting"),
        },
    )
