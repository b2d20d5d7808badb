"""Both PDF engines give identical records on every sample PDF, PDF case and generated
PDF of the committed corpus set (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile, QingdanError, UnreadableText
from qingdan.extract.options import ReadOptions
from qingdan.extract.pdf.reader import ENGINES, engine

import qingdan
from tests.conftest import SAMPLES

CASES = Path(__file__).resolve().parent / "pdf_cases"
CORPUS_SET = Path(__file__).resolve().parents[1] / "corpus" / "set"
"""Generated lists rendered through Word and LibreOffice paths (``make fidelity``'s kind)."""
WRITER_PDFS = sorted(
    path
    for path in CORPUS_SET.glob("*.pdf")
    if path.stem.endswith(("_merged", "_table-per-page", "_cairo"))
)
"""The set's PDFs printed by LibreOffice Writer (and rewritten by pdftocairo)."""
CHROMIUM_PDFS = sorted(CORPUS_SET.glob("*_chromium*.pdf"))
"""Chromium writes /ActualText where its ToUnicode map names another code point of the
glyph (⼾ for 户, ― for —): PDFium reads it (``extract.pdf.actual_text``), pdfplumber
reads the map, repairs the radicals (⼾ -> 户) and keeps the other code point."""
CALC_PDFS = sorted(CORPUS_SET.glob("*_calc.pdf"))
"""Calc prints a merged cell's text again on the next page, outside its clip path:
PDFium drops it (``extract.pdf.clips``), pdfplumber has no clip paths and reads it."""
PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(CASES.glob("*.pdf")) + WRITER_PDFS
PASSWORD = "qingdan"


def _read(path: Path, name: str) -> dict[str, Any] | str:
    """The document's records and facts, or the error it raises (class and reason)."""
    options = ReadOptions(pdf_engine=name, password=PASSWORD if "encrypted" in path.name else None)
    try:
        document = qingdan.convert(path, options=options)
    except QingdanError as error:
        return f"{type(error).__name__}: {error.reason}"
    data: dict[str, Any] = json.loads(document.model_dump_json())
    data["warnings"] = [(w["code"], w["page"]) for w in data["warnings"]]
    # The engines find the same cells (table, row, column, page); their boxes agree to
    # the geometry's float noise (``_alike``), not always to the hundredth they are kept to.
    data["boxes"] = [[cell.pop("box") for cell in record["cells"]] for record in data["records"]]
    return data


def _alike(one: dict[str, Any] | str, other: dict[str, Any] | str) -> bool:
    """The same reading, each cell's box within a tenth of a point."""
    if isinstance(one, str) or isinstance(other, str):
        return one == other
    boxes, others = one["boxes"], other["boxes"]
    rest = {key: value for key, value in one.items() if key != "boxes"}
    rest_other = {key: value for key, value in other.items() if key != "boxes"}
    return (
        rest == rest_other
        and [len(b) for b in boxes] == [len(b) for b in others]
        and all(
            (a is None) == (b is None) and (a is None or max(map(abs, _minus(a, b))) <= 0.1)
            for record, record_other in zip(boxes, others, strict=True)
            for a, b in zip(record, record_other, strict=True)
        )
    )


def _minus(a: list[float], b: list[float]) -> list[float]:
    return [x - y for x, y in zip(a, b, strict=True)]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_both_engines_give_the_same_records(pdf: Path) -> None:
    assert _alike(_read(pdf, "pdfium"), _read(pdf, "pdfplumber"))


def _aliased(read: dict[str, Any] | str) -> dict[str, Any] | str:
    """A reading with each code point a glyph shares with another (the known difference:
    ``data/glyph_aliases.toml``) read as the one /ActualText names (through JSON, as
    both sides must be)."""
    from qingdan.extract.pdf.actual_text import glyph_aliases

    text = json.dumps(read, ensure_ascii=False)
    for printed, meant in glyph_aliases():
        text = text.replace(printed, meant)
    result: dict[str, Any] | str = json.loads(text)
    return result


@pytest.mark.parametrize("pdf", CHROMIUM_PDFS, ids=lambda p: p.name)
def test_both_engines_read_chromium_pdfs_alike_but_for_glyph_aliases(pdf: Path) -> None:
    assert _alike(_aliased(_read(pdf, "pdfium")), _aliased(_read(pdf, "pdfplumber")))
    assert "―" not in json.dumps(_read(pdf, "pdfium"), ensure_ascii=False)


@pytest.mark.parametrize("pdf", CALC_PDFS, ids=lambda p: p.name)
def test_both_engines_read_calc_pdfs_alike_but_for_clipped_text(
    pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qingdan.extract.pdf import pdfium

    clipped = _read(pdf, "pdfium")
    monkeypatch.setattr(pdfium, "visible", lambda *_: True)
    assert _alike(_read(pdf, "pdfium"), _read(pdf, "pdfplumber"))
    if pdf.stem in CLIPPED_IN_THE_SET:
        assert not _alike(clipped, _read(pdf, "pdfplumber"))


CLIPPED_IN_THE_SET = {"2026-0026_calc", "2026-0030_calc"}
"""The set's Calc PDFs whose records the clipped text changes (so the test can fail)."""


def test_pdfium_is_the_default_engine() -> None:
    assert ReadOptions().pdf_engine == "pdfium"
    assert set(ENGINES) == {"pdfium", "pdfplumber"}


def test_an_unknown_engine_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        engine("mupdf")


def test_a_file_pdfium_cannot_open_is_read_by_pdfplumber() -> None:
    """``truncated.pdf``: PDFium refuses it; pdfplumber's reading says why."""
    with pytest.raises(BrokenFile, match="damaged or truncated"):
        read_document(CASES / "truncated.pdf", ReadOptions(pdf_engine="pdfium"))


def test_a_rotated_page_reads_upright_with_pdfium() -> None:
    raw = read_document(CASES / "rotated.pdf", ReadOptions(pdf_engine="pdfium"))
    assert raw.tables[0].rows[0].cells == [
        "重点工作",
        "工作措施",
        "牵头部门",
        "配合部门",
        "完成时限",
    ]


def test_cli_chooses_the_pdf_engine() -> None:

    from tests.cli_runner import invoke

    case = str(CASES / "autospace.pdf")
    outputs = []
    for name in ("pdfium", "pdfplumber"):
        result = invoke(["convert", case, "--pdf-engine", name])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.output)["records"])
    assert outputs[0] == outputs[1]
    bad = invoke(["convert", case, "--pdf-engine", "mupdf"])
    assert bad.exit_code != 0


def test_unmapped_glyphs_read_as_cid_placeholders_in_both_engines() -> None:
    """``cid.pdf``: no ToUnicode maps; both engines see the same garbage and say so."""
    for name in ENGINES:
        with pytest.raises(UnreadableText, match="unreadable on every page"):
            read_document(CASES / "cid.pdf", ReadOptions(pdf_engine=name))


def test_reopening_the_document_on_the_way_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium is reopened every ``PAGES_PER_OPENING`` pages to keep memory flat."""
    from qingdan.extract.pdf import pdfium

    path = CASES / "category_across_pages.pdf"
    whole = read_document(path, ReadOptions(pdf_engine="pdfium"))
    monkeypatch.setattr(pdfium, "PAGES_PER_OPENING", 1)
    reopened = read_document(path, ReadOptions(pdf_engine="pdfium"))
    assert len(reopened.tables) >= 3
    assert reopened.tables == whole.tables
