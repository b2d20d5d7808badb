"""Small hand-made documents for the writer and sink tests."""

from __future__ import annotations

import hashlib
from typing import Any

from qingdan.schema import Document


def make_document(
    records: list[dict[str, Any]],
    file: str = "list.txt",
    title: str | None = "某区工作任务清单",
    warnings: list[dict[str, Any]] | None = None,
    columns: list[dict[str, Any]] | None = None,
) -> Document:
    """A validated document holding ``records`` (fields not given are empty), with
    ``warnings`` and the printed ``columns`` (label -> field) when given."""
    filled = [
        {
            "seq": seq,
            "section": None,
            "category": None,
            "no": None,
            "measure": "推进土壤污染防治",
            "lead": [],
            "support": [],
            "deadline": None,
            "due": None,
            "due_kind": None,
            "page": None,
            "extra": {},
            **record,
        }
        for seq, record in enumerate(records, start=1)
    ]
    return Document.model_validate(
        {
            "document": {
                "file": file,
                "format": "txt",
                "sha256": hashlib.sha256(repr((file, records)).encode()).hexdigest(),
                "title": title,
                "attachment": None,
                "year": None,
                "columns": columns or [],
            },
            "records": filled,
            "warnings": warnings or [],
        }
    )
