"""The ZIP guard refuses non-archives and zip bombs from the central directory alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from qingdan.extract.errors import BrokenFile
from qingdan.extract.zipguard import MIB, UnsafeArchive, ZipLimits, check_zip

from tests.qingdan.bad_inputs import zip_bomb

DOCX = Path("任务清单.docx")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_ordinary_archive_passes() -> None:
    text = "<w:t>完善土壤环境质量监测网络</w:t>".encode() * 200
    check_zip(_zip({"word/document.xml": text, "[Content_Types].xml": b"<Types/>"}), DOCX)


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7 not a zip", bytes(range(256)) * 4])
def test_not_a_zip_is_a_broken_file(data: bytes) -> None:
    with pytest.raises(
        BrokenFile, match=r"任务清单\.docx: not a \.docx file: not a readable zip archive"
    ):
        check_zip(data, DOCX)


def test_a_member_inflating_past_the_ratio_is_refused() -> None:
    with pytest.raises(UnsafeArchive, match=r"word/document\.xml.*inflates \d+ times.*zip bomb"):
        check_zip(zip_bomb(), DOCX)


def test_a_small_member_may_compress_well() -> None:
    check_zip(_zip({"word/styles.xml": b"\0" * (MIB // 2)}), DOCX)


def test_the_total_size_limit_counts_every_member() -> None:
    archive = _zip({f"part{i}.xml": bytes(range(256)) * 64 for i in range(4)})
    check_zip(archive, DOCX, ZipLimits(max_total=4 * 256 * 64))
    with pytest.raises(UnsafeArchive, match=r"would inflate to .* MiB \(limit 0 MiB\)"):
        check_zip(archive, DOCX, ZipLimits(max_total=4 * 256 * 64 - 1))


def test_too_many_members_are_refused() -> None:
    archive = _zip({f"m{i}": b"x" for i in range(5)})
    with pytest.raises(UnsafeArchive, match=r"5 members \(limit 4\)"):
        check_zip(archive, DOCX, ZipLimits(max_members=4))
