"""``schema.plain`` writes the contract's JSON without pydantic (issue 16): it must give
the pydantic models' bytes exactly, on every sample, every document of the committed
corpus set and on free-form records, and its keys must be the models' fields in order."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.extract import READERS, read_document
from qingdan.extract.notice_codes import NoticeCode
from qingdan.normalize import normalize, normalize_stream
from qingdan.normalize.column_evidence import ColumnEvidence
from qingdan.normalize.model import Column, TaskList, TaskRecord, TaskWarning
from qingdan.normalize.roles import Role
from qingdan.normalize.warning_codes import NormalizeCode
from qingdan.schema import Document, DocumentInfo, Record, Warning, from_task_list
from qingdan.schema import models as pydantic_models
from qingdan.schema.plain import EVIDENCE_SHARES, data_json, document_data, write_stream_json

from qingdan.writers.json import document_json
from tests.conftest import SAMPLES

CORPUS_SET = Path(__file__).resolve().parents[1] / "corpus" / "set"
FAST_SUFFIXES = {".txt", ".tsv", ".csv", ".docx", ".pdf", ".html", ".htm", ".xlsx"}
"""Formats read in a few milliseconds (no LibreOffice, no OCR)."""


def _documents() -> list[Path]:
    found = [*sorted(SAMPLES.iterdir()), *sorted(CORPUS_SET.iterdir())]
    return [
        path
        for path in found
        if path.suffix in FAST_SUFFIXES and path.suffix in READERS and ".expected" not in path.name
    ]


def _same_both_ways(task_list: TaskList) -> None:
    validated = from_task_list(task_list)
    data = document_data(task_list)
    assert data_json(data) == document_json(validated)
    assert data == validated.model_dump(mode="json")
    # The models take the plain data as it is: it is inside the contract.
    assert Document.model_validate(data) == validated


def test_the_plain_keys_are_the_models_fields_in_order() -> None:
    task_list = normalize(read_document(SAMPLES / "000_eaf823a1ce4555f0.txt"))
    data = document_data(task_list)
    assert list(data) == list(Document.model_fields)
    assert list(data["document"]) == list(DocumentInfo.model_fields)
    assert list(data["records"][0]) == list(Record.model_fields)
    assert list(data["document"]["columns"][0]) == list(pydantic_models.Column.model_fields)
    evidence = pydantic_models.ColumnEvidence.model_fields
    assert ["filled", *EVIDENCE_SHARES] == list(evidence)


def test_the_plain_warning_keys_are_the_models() -> None:
    data = document_data(_task_list([], [TaskWarning(NormalizeCode.DEADLINE, "x", 1, 2)]))
    assert list(data["warnings"][0]) == list(Warning.model_fields)


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_every_document_gives_the_same_json_both_ways(path: Path) -> None:
    try:
        task_list = normalize(read_document(path))
    except Exception:  # not a task list (a sample of bad input): nothing to write
        pytest.skip("not a task list")
    _same_both_ways(task_list)


def _task_list(records: list[TaskRecord], warnings: list[TaskWarning]) -> TaskList:
    evidence = ColumnEvidence(3, 1, 0.5, 0, 1.0, 0, 0.25, 12, 0)
    columns = [Column("牵头单位", "lead", Role.LEAD, Role.LEAD, "label", evidence)]
    columns.append(Column("备注", None, Role.NOTE))
    return TaskList("x.txt", "txt", "0" * 64, None, None, None, columns, records, warnings)


names = st.lists(st.text(min_size=1).filter(lambda s: s.strip() != ""), max_size=3)
texts = st.text()


@st.composite
def records(draw: st.DrawFn) -> list[TaskRecord]:
    """Free-form records: any text (control characters, quotes, 、 and emoji included)."""
    built = []
    for seq in range(1, draw(st.integers(1, 4)) + 1):
        lead, support = draw(names), draw(names)
        built.append(
            TaskRecord(
                seq=seq,
                measure=draw(texts),
                section=draw(st.none() | texts),
                category=draw(st.none() | texts),
                no=draw(st.none() | texts),
                lead=lead,
                support=support,
                lead_canonical=list(lead),
                support_canonical=list(support),
                deadline=draw(st.none() | texts),
                due=draw(st.none() | st.dates(datetime.date(1990, 1, 1))),
                due_kind=draw(st.sampled_from([None, "date", "ongoing", "recurring"])),
                page=draw(st.none() | st.integers(1, 5000)),
                # normalize rounds confidence to 3 places (0.001 .. 1.0 write alike)
                confidence=draw(st.none() | st.integers(0, 1000).map(lambda n: n / 1000)),
                extra=draw(st.dictionaries(texts, texts, max_size=2)),
            )
        )
    return built


WARNING_CODES = st.sampled_from([*NoticeCode, *NormalizeCode])
"""A warning's code is one of the contract's (``schema.WarningCode``); its message is free."""


@given(records(), st.lists(st.builds(TaskWarning, WARNING_CODES, texts), max_size=2))
def test_free_form_records_give_the_same_json_both_ways(
    drawn: list[TaskRecord], warnings: list[TaskWarning]
) -> None:
    _same_both_ways(_task_list(drawn, warnings))


@pytest.mark.parametrize("name", ["000_eaf823a1ce4555f0.txt", "001_yunxi_air_2019_merged.pdf"])
def test_a_streamed_document_has_the_bytes_of_a_whole_one(name: str) -> None:
    """Records written as they are made (issue 29) give the whole document's bytes."""
    whole = document_json(from_task_list(normalize(read_document(SAMPLES / name))))
    streamed = io.BytesIO()
    write_stream_json(normalize_stream(read_document(SAMPLES / name)), streamed)
    assert streamed.getvalue() == whole
