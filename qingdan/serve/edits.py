"""A person's edits of a record: validated like any record, kept beside the original.

The extracted document is never changed: the reviewed document is the original with
the audit's edits applied in order (``reviewed``). An edit is checked by validating the
edited record (``edit_record``); a new unit list gets its canonical names from the
aliases, and a new deadline its due date and kind from the deadline vocabulary (unless
the edit gives them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from qingdan.extract.errors import QingdanError
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Document, Record
from qingdan.serve.storage import Edit

EDITABLE = (
    "section",
    "category",
    "no",
    "measure",
    "lead",
    "support",
    "deadline",
    "due",
    "due_kind",
    "extra",
)
"""The record fields a person may edit (the others follow from them)."""


class EditError(QingdanError):
    """An edit that does not give a valid record."""


def edit_record(
    record: Record,
    changes: Mapping[str, Any],
    year: int | None,
    knowledge: Knowledge,
) -> Record:
    """The record with ``changes`` applied and its derived fields recomputed; raises
    ``EditError`` naming the field when the result is not a valid record."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise EditError(None, f"第{record.seq}条：不能修改的字段 {', '.join(unknown)}")
    data = record.model_dump(mode="json")
    data.update(changes)
    canonical: Callable[[str], str] = knowledge.aliases.canonical
    for field in ("lead", "support"):
        if field in changes and isinstance(data[field], list):
            data[f"{field}_canonical"] = [
                canonical(name.strip()) for name in data[field] if isinstance(name, str)
            ]
    if "deadline" in changes and not {"due", "due_kind"} & set(changes):
        found = parse_deadline(data["deadline"], year, knowledge.deadlines)
        data["due"], data["due_kind"] = found.due, found.kind
    try:
        return Record.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EditError(None, f"第{record.seq}条 {where}：{first['msg']}") from error


def reviewed(document: Document, edits: Iterable[Edit], knowledge: Knowledge) -> Document:
    """The document with every audit entry applied in order (the original untouched)."""
    records = {record.seq: record for record in document.records}
    year = document.document.year
    for edit in edits:
        record = records.get(edit.seq)
        if record is not None:
            records[edit.seq] = edit_record(record, {edit.field: edit.new}, year, knowledge)
    return document.model_copy(update={"records": list(records.values())})
