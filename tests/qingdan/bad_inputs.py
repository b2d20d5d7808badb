"""A folder of attachments for the batch tests: good files of every format, every bad input.

``build_folder`` writes the files into a folder and returns what each should become:
the seed's records (``GOOD``), or a failure/skip whose reason contains a given text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from qingdan.extract import READERS

from tests.conftest import SAMPLES, SEED

PDF_CASES = Path(__file__).resolve().parent.parent / "extract" / "pdf_cases"


@dataclass(frozen=True)
class Expected:
    """What one input of the folder should become."""

    status: str
    """``converted``, ``failed`` or ``skipped``."""
    reason: str = ""
    """Text the one-line reason must contain (failed and skipped inputs)."""


CONVERTED = Expected("converted")


def zip_bomb() -> bytes:
    """A small zip bomb: one member that inflates 1000 times, past the guard's ratio limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    return buffer.getvalue()


def _with_note(text: str, note: str) -> bytes:
    """The seed in GB18030 with a line added under its title (above the table)."""
    lines = text.split("\n")
    return "\n".join([*lines[:3], note, *lines[3:]]).encode("gb18030")


def _docx_case(reason: str) -> Expected:
    """DOCX inputs fail with their own reason where a DOCX reader exists, else are skipped."""
    if ".docx" in READERS:
        return Expected("failed", reason)
    return Expected("skipped", "unsupported file type '.docx'")


def build_folder(folder: Path) -> dict[str, Expected]:
    """Write the good and bad inputs into ``folder``; name (relative path) -> expectation."""
    seed_text = SEED.read_text(encoding="utf-8")
    garbage = bytes(range(256)) * 8
    files: dict[str, tuple[bytes, Expected]] = {
        "seed.txt": (SEED.read_bytes(), CONVERTED),
        "encodings/gbk.txt": (seed_text.encode("gbk"), CONVERTED),
        # A line above the table with 𠮷 (not in GBK: four bytes in GB18030), so this file
        # is not byte-for-byte the GBK one.
        "encodings/gb18030.txt": (_with_note(seed_text, "印发单位：𠮷"), CONVERTED),
        "encodings/utf16.txt": (seed_text.encode("utf-16"), CONVERTED),
        "docx/seed.docx": ((SAMPLES / "000_eaf823a1ce4555f0_merged.docx").read_bytes(), CONVERTED),
        "pdf/seed.pdf": ((PDF_CASES / "category_across_pages.pdf").read_bytes(), CONVERTED),
        "bad/empty.txt": (b"", Expected("failed", "file is empty")),
        "bad/garbage.txt": (garbage, Expected("failed", "not text in UTF-8")),
        "bad/garbage.pdf": (garbage, Expected("failed", "not a readable PDF")),
        "bad/truncated.pdf": (
            (PDF_CASES / "truncated.pdf").read_bytes(),
            Expected("failed", "damaged or truncated"),
        ),
        "bad/encrypted.pdf": (
            (PDF_CASES / "encrypted.pdf").read_bytes(),
            Expected("failed", "the PDF is encrypted"),
        ),
        "bad/scan.pdf": (
            (PDF_CASES / "scan.pdf").read_bytes(),
            Expected("failed", "no text layer"),
        ),
        "bad/garbage.docx": (garbage, _docx_case("not a readable zip archive")),
        "bad/bomb.docx": (zip_bomb(), _docx_case("zip bomb")),
        "bad/no_table.txt": (
            "附件1\n关于印发工作方案的通知\n各街道办事处：\n现将方案印发给你们。\n".encode(),
            Expected("failed", "no table found"),
        ),
        "bad/table.xls": (garbage, Expected("failed", "not an Excel .xls workbook")),
    }
    for name, (data, _) in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {name: expected for name, (_, expected) in files.items()}
