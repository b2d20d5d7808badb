"""Character conservation (issue 33): every character a sample or a corpus-set file
prints reaches the converted document (a field, ``extra``, a document field or a
warning). ``tests.text_loss.lost_in_document`` says what counts as printed and what the
reading consumes as structure."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import READERS, read_document
from qingdan.extract.grid import Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import normalize
from qingdan.schema import Document, from_task_list

from qingdan.pipeline import said_when_empty
from tests.conftest import SAMPLES
from tests.text_loss import lost_in_document

CORPUS_SET = Path(__file__).parent / "corpus" / "set"


def _documents() -> list[Path]:
    """Every sample (scans included) and every rendering of the committed corpus set."""
    folders = (SAMPLES, SAMPLES / "scans", CORPUS_SET)
    return [
        path
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in READERS and not path.name.endswith(".json")
    ]


def _convert(raw: RawDocument) -> Document:
    return from_task_list(said_when_empty(normalize(raw)))


@pytest.mark.parametrize("path", _documents(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_printed_character_reaches_the_document(path: Path) -> None:
    raw = read_document(path)
    lost = lost_in_document(raw, _convert(raw))
    assert not lost, f"{path.name}: {sum(lost.values())} characters lost: {dict(lost)}"


def test_there_are_documents_of_every_kind() -> None:
    suffixes = {path.suffix.lower() for path in _documents()}
    assert {".txt", ".docx", ".pdf", ".html", ".xlsx", ".xls", ".ofd", ".doc"} <= suffixes
    assert any(path.parent == CORPUS_SET for path in _documents())


def _raw(rows: list[list[str]], before: tuple[str, ...] = ("2019年工作任务清单",)) -> RawDocument:
    table = RawTable([RawRow(list(row)) for row in rows])
    return RawDocument("t.txt", "txt", "0" * 64, Extracted([table], text_before=before))


HEADER = ["序号", "重点工作", "工作措施", "责任单位", "完成时限"]
ROWS = [
    HEADER,
    ["1", "土壤治理", "开展详查。", "区环保局牵头，区农业局配合", "2019年6月底前"],
    ["2", "土壤治理", "建立台账。", "由区水务局负责，区城管局协助", "长期坚持"],
]


def test_role_words_and_separators_are_structure_not_losses() -> None:
    raw = _raw(ROWS)
    assert not lost_in_document(raw, _convert(raw))


def test_a_dropped_record_is_a_loss() -> None:
    raw = _raw(ROWS)
    document = _convert(raw)
    shortened = document.model_copy(update={"records": document.records[:1]})
    assert set(lost_in_document(raw, shortened)) >= set("建立台账水城管长期坚持")


def test_a_dropped_warning_is_a_loss() -> None:
    raw = _raw([*ROWS, ["3", "土壤治理", "复核。", "区环保局", "视情况而定"]])
    document = _convert(raw)
    assert document.warnings, "the undated deadline is named in a warning"
    lost = lost_in_document(raw, document.model_copy(update={"warnings": []}))
    assert not lost, "the deadline is also kept in the record"
    text_only = document.model_copy(update={"records": document.records[:2]})
    assert set(lost_in_document(raw, text_only)) >= set("复核")


def test_a_title_line_is_printed_text() -> None:
    raw = _raw(ROWS, before=("附件1", "某区2019年工作任务清单"))
    document = _convert(raw)
    untitled = document.model_copy(
        update={"document": document.document.model_copy(update={"title": None})}
    )
    assert "某" in lost_in_document(raw, untitled)
