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
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from qingdan.normalize.column_evidence import ColumnEvidence
    from qingdan.normalize.model import (
        Column,
        SourceCell,
        TaskList,
        TaskRecord,
        TaskStream,
        TaskWarning,
    )

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


def info_data(task_list: TaskList, source: str | None = None) -> dict[str, Any]:
    """What the attachment is, as JSON data (the document's ``document``)."""
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


def document_data(task_list: TaskList, source: str | None = None) -> DocumentData:
    """The normalizer's task list in the contract's JSON form (``source``: as
    ``from_task_list`` takes it)."""
    return {
        "document": info_data(task_list, source),
        "records": [record_data(record) for record in task_list.records],
        "warnings": [warning_data(warning) for warning in task_list.warnings],
    }


def _piece(data: Any) -> bytes:
    """One value's JSON as ``qingdan convert`` writes it: indented by two, UTF-8,
    Chinese as itself (what pydantic's serializer writes)."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def write_pieces(
    stream: BinaryIO,
    document: bytes,
    records: Iterable[bytes],
    warnings: Callable[[], Iterable[bytes]],
) -> None:
    """Write a document's JSON from its parts, each given as its own indented JSON
    (the description, each record, each warning): the bytes of the whole document
    serialized at once, ending with a newline, with one record held at a time.

    The warnings are asked for after the last record (a list's last checks run then).
    A string's line breaks are escaped in JSON, so every line break of a part is
    layout, indented here by the part's depth."""
    stream.write(b'{\n  "document": ' + _indented(document, 2) + b',\n  "records": ')
    _write_array(stream, records)
    stream.write(b',\n  "warnings": ')
    _write_array(stream, warnings())
    stream.write(b"\n}\n")


def _indented(piece: bytes, depth: int) -> bytes:
    return piece.replace(b"\n", b"\n" + b" " * depth)


def _write_array(stream: BinaryIO, items: Iterable[bytes]) -> None:
    """A JSON array of parts at depth one (``[]`` when empty)."""
    empty = True
    for item in items:
        stream.write(b"[\n    " if empty else b",\n    ")
        stream.write(_indented(item, 4))
        empty = False
    stream.write(b"[]" if empty else b"\n  ]")


def write_data_json(data: DocumentData, stream: BinaryIO) -> None:
    """Write JSON data as ``qingdan convert`` writes it (``write_pieces``)."""
    records = (_piece(record) for record in data["records"])
    warnings = data["warnings"]
    write_pieces(stream, _piece(data["document"]), records, lambda: map(_piece, warnings))


def write_stream_json(task_stream: TaskStream, stream: BinaryIO, source: str | None = None) -> None:
    """Write a task list whose records come one at a time as the contract's JSON: each
    record written as it is made, the warnings after the last (issue 29)."""
    records = (_piece(record_data(record)) for record in task_stream.records)
    warnings = task_stream.warnings
    document = _piece(info_data(task_stream.head, source))
    write_pieces(stream, document, records, lambda: [_piece(warning_data(w)) for w in warnings])


def data_json(data: DocumentData) -> bytes:
    """``write_data_json`` as bytes."""
    buffer = io.BytesIO()
    write_data_json(data, buffer)
    return buffer.getvalue()
