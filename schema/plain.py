"""The output contract's JSON form, built from the normalizer's dataclasses without pydantic.

``qingdan convert x.pdf -o x.json`` is a command a user waits for: importing pydantic
and building the models costs more than reading a one-page PDF with PDFium (about
80 ms of a 130 ms run, issue 16). The normalizer's dataclasses already hold every
value in the contract's types, so the JSON a single conversion writes is built here
straight from them, key for key in the order of the pydantic models of
``schema.models``, which stay the one definition of the contract.

The two routes cannot drift apart unnoticed: ``tests/schema/test_plain.py`` checks
that the keys below are the models' fields in the models' order, that every sample
and generated document gives byte-identical JSON by both routes, and that the
models validate this module's output unchanged. The library API (``qingdan.convert``)
still returns the validated pydantic ``Document``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from qingdan.normalize.column_evidence import ColumnEvidence
    from qingdan.normalize.model import Column, SourceCell, TaskList, TaskRecord, TaskWarning

DocumentData = dict[str, Any]
"""A document as JSON data: what ``Document.model_dump(mode="json")`` gives."""

EVIDENCE_SHARES = (
    "coverage",
    "departments",
    "deadlines",
    "sentences",
    "ordinals",
    "grouping",
    "mean_length",
    "people",
)
"""The float fields of ``ColumnEvidence`` after ``filled``, in the model's order."""


WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITE_SPACE += "\u2028\u2029\u202f\u205f\u3000"
"""Unicode's White_Space characters: what the models' ``DepartmentName`` strips from a
name's ends (pydantic-core trims with Rust's ``str::trim``; Python's ``str.strip()``
would also take U+001C-U+001F)."""


def _names(names: Sequence[str]) -> list[str]:
    return [name.strip(WHITE_SPACE) for name in names]


def evidence_data(evidence: ColumnEvidence | None) -> dict[str, Any] | None:
    """A column's content evidence as JSON data (shares as floats, as the model has them)."""
    if evidence is None:
        return None
    data: dict[str, Any] = {"filled": evidence.filled}
    data.update((name, float(getattr(evidence, name))) for name in EVIDENCE_SHARES)
    return data


def column_data(column: Column) -> dict[str, Any]:
    """One column of the source table as JSON data."""
    return {
        "label": column.label,
        "field": column.field,
        "role": column.role,
        "hint": column.hint,
        "decided_by": column.decided_by,
        "evidence": evidence_data(column.evidence),
    }


def record_data(record: TaskRecord) -> dict[str, Any]:
    """One record as JSON data."""
    return {
        "seq": record.seq,
        "section": record.section,
        "category": record.category,
        "no": record.no,
        "measure": record.measure,
        "lead": _names(record.lead),
        "support": _names(record.support),
        "lead_canonical": _names(record.lead_canonical),
        "support_canonical": _names(record.support_canonical),
        "deadline": record.deadline,
        "due": record.due.isoformat() if record.due is not None else None,
        "due_kind": record.due_kind,
        "page": record.page,
        "confidence": record.confidence,
        "extra": dict(record.extra),
        "cells": [cell_data(cell) for cell in record.cells],
    }


def cell_data(cell: SourceCell) -> dict[str, Any]:
    """One source cell as JSON data."""
    return {
        "field": cell.field,
        "table": cell.table,
        "row": cell.row,
        "column": cell.column,
        "page": cell.page,
        "box": None if cell.box is None else list(cell.box),
    }


def warning_data(warning: TaskWarning) -> dict[str, Any]:
    """One warning as JSON data."""
    return {
        "code": warning.code,
        "message": warning.message,
        "row": warning.row,
        "page": warning.page,
    }


def document_data(task_list: TaskList, source: str | None = None) -> DocumentData:
    """The normalizer's task list in the contract's JSON form (``source``: as
    ``from_task_list`` takes it)."""
    return {
        "document": info_data(task_list, source),
        "records": [record_data(record) for record in task_list.records],
        "warnings": [warning_data(warning) for warning in task_list.warnings],
    }


def info_data(task_list: TaskList, source: str | None = None) -> dict[str, Any]:
    """What the attachment is (the contract's ``document`` object) as JSON data."""
    return {
        "file": task_list.file,
        "source": source or task_list.file,
        "format": task_list.format,
        "sha256": task_list.sha256,
        "title": task_list.title,
        "attachment": task_list.attachment,
        "year": task_list.year,
        "doc_number": task_list.doc_number,
        "issuer": task_list.issuer,
        "issued": None if task_list.issued is None else task_list.issued.isoformat(),
        "columns": [column_data(column) for column in task_list.columns],
    }


WHOLE_TEXT_RECORDS = 2_000
"""Up to this many records a document's JSON is made whole, then written: a few
hundred kilobytes, made faster than in the thousand pieces of a stream."""


def write_data_json(data: DocumentData, stream: BinaryIO) -> None:
    """Write JSON data as ``qingdan convert`` writes it: indented by two, UTF-8 with
    Chinese as itself, ending with a newline (what pydantic's serializer writes).

    A long document's text goes out piece by piece: a 100 MB text dump's JSON is never
    held whole in memory (``json.dumps`` with an indent joins millions of pieces, five
    times the output's size at its peak; issue 17)."""
    if len(data["records"]) <= WHOLE_TEXT_RECORDS:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        return
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        json.dump(data, text, ensure_ascii=False, indent=2)
        text.write("\n")
        text.flush()
    finally:
        text.detach()


def write_task_list_json(task_list: TaskList, stream: BinaryIO, source: str | None = None) -> None:
    """``write_data_json(document_data(task_list, source), stream)``, with a long
    document's records made one at a time as they are written: their JSON data (a
    record's source cells are a dict each) is never held all at once beside the task
    list (issue 28: a 10 MB text dump's cells took 50 MB more)."""
    if len(task_list.records) <= WHOLE_TEXT_RECORDS:
        write_data_json(document_data(task_list, source), stream)
        return
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        text.write('{\n  "document": ' + _nested(info_data(task_list, source), 1))
        text.write(',\n  "records": [')
        for index, record in enumerate(task_list.records):
            text.write(("\n    " if index == 0 else ",\n    ") + _nested(record_data(record), 2))
        warnings = [warning_data(warning) for warning in task_list.warnings]
        text.write('\n  ],\n  "warnings": ' + _nested(warnings, 1) + "\n}\n")
        text.flush()
    finally:
        text.detach()


def _nested(value: Any, level: int) -> str:
    """``value`` as ``json.dumps`` with an indent of two writes it ``level`` deep (a
    string's line breaks are escaped, so every line break of the text is the layout's)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def data_json(data: DocumentData) -> bytes:
    """``write_data_json`` as bytes."""
    buffer = io.BytesIO()
    write_data_json(data, buffer)
    return buffer.getvalue()
