"""A PDF reads exactly like the DOCX it was exported from (issue 15).

Every bundled list rendered both as DOCX and as PDF (``samples/golden.toml``: renderings
sharing one expected file) must give the same records and the same document facts,
text compared exactly; so must the ``autospace`` case, whose 16-point text makes
LibreOffice print gaps between Chinese characters and digits wide enough that a
word-gap reading inserts spaces (``2020 年``, ``45 公里``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import qingdan
from benchmarks.corpus import shared_expectations
from tests.conftest import SAMPLES
from tests.records import all_as_read

CASES = Path(__file__).resolve().parent / "pdf_cases"


def _pairs() -> list[tuple[Path, Path]]:
    """(PDF, DOCX) renderings of one list: they share an expected file."""
    shared = shared_expectations(SAMPLES)
    pairs = []
    for pdf, expected in shared.items():
        if not pdf.endswith(".pdf"):
            continue
        docx = sorted(n for n, e in shared.items() if e == expected and n.endswith(".docx"))
        if docx:
            pairs.append((SAMPLES / pdf, SAMPLES / docx[0]))
    return sorted(pairs)


@cache
def _facts(path: Path) -> dict[str, Any]:
    """A document's records and facts, without what depends on the file or its pages."""
    data: dict[str, Any] = json.loads(qingdan.convert(path).model_dump_json())
    for key in ("file", "source", "format", "sha256"):
        data["document"].pop(key)
    data["records"] = all_as_read(data["records"])
    for column in data["document"]["columns"]:
        # How a column's role was chosen is counted on the rows as printed, before page
        # breaks are mended: it differs with the pages, the roles do not.
        column.pop("evidence", None)
    return {"document": data["document"], "records": data["records"]}


def test_every_sample_pdf_has_a_docx_to_compare_with() -> None:
    assert len(_pairs()) >= 5


@pytest.mark.parametrize(("pdf", "docx"), _pairs(), ids=lambda p: p.name)
def test_sample_pdf_gives_exactly_the_docx_records(pdf: Path, docx: Path) -> None:
    assert _facts(pdf) == _facts(docx)


def test_autospace_case_gives_exactly_the_docx_records() -> None:
    assert _facts(CASES / "autospace.pdf") == _facts(CASES / "autospace.docx")


def test_no_space_between_a_digit_and_a_chinese_character_in_a_measure() -> None:
    """Issue 15: ``完成老旧管网改造 45 公里，投资 1.2 亿元`` from a Word-exported PDF."""
    measures = [r["measure"] for r in _facts(CASES / "autospace.pdf")["records"]]
    assert measures[0] == "完成老旧管网改造45公里，投资1.2亿元。"
    assert measures[1].startswith("PM2.5年均浓度下降到35微克/立方米以下")


def test_no_space_in_a_deadline_or_a_title_year() -> None:
    facts = _facts(CASES / "autospace.pdf")
    assert {r["deadline"] for r in facts["records"]} == {"2019年12月"}
    assert "2020年" in facts["document"]["title"]
    assert facts["document"]["attachment"] == "附件1"


def _docx_facts(document: object, tmp_path: Path, name: str) -> dict[str, Any]:
    path = tmp_path / f"{name}.docx"
    document.save(str(path))  # type: ignore[attr-defined]
    return _facts(path)


def _family_member(stem: str) -> tuple[int, bool, int]:
    """(spacer points, two-row header, blank lines) a break-family PDF was made with."""
    from tests.extract.pdf_cases import break_family

    if stem.startswith("break_head_"):
        return 0, False, break_family.HEADER_AT_FOOT[stem]
    return int(stem.rsplit("_", 1)[1]), stem.startswith("break2h_"), 0


@pytest.mark.parametrize("pdf", sorted(CASES.glob("break*.pdf")), ids=lambda p: p.stem)
def test_every_generated_break_pdf_gives_exactly_its_docx_records(
    pdf: Path, tmp_path: Path
) -> None:
    """The DOCX each case was exported from, rebuilt here (no LibreOffice needed)."""
    from tests.extract.pdf_cases import break_family

    spacer, two_rows, lines = _family_member(pdf.stem)
    document = break_family.build_docx(_family_records(), spacer, two_rows, blank_lines=lines)
    assert _facts(pdf) == _docx_facts(document, tmp_path, pdf.stem)


@pytest.mark.parametrize(
    "name", ["category_across_pages", "row_split", "kangxi", "contacts_first", "autospace"]
)
def test_every_readable_docx_made_case_gives_exactly_its_docx_records(
    name: str, tmp_path: Path
) -> None:
    document, _rows, _before = _cases()[name]
    assert _facts(CASES / f"{name}.pdf") == _docx_facts(document, tmp_path, name)


@cache
def _cases() -> dict[str, tuple[object, list[list[str]], list[str]]]:
    from tests.extract.pdf_cases.make_cases import docx_cases

    return docx_cases()


@cache
def _family_records() -> list[list[str]]:
    from tests.extract.pdf_cases import break_family
    from tests.extract.pdf_cases.make_cases import seed_rows

    return break_family.family_rows(seed_rows()[1])
