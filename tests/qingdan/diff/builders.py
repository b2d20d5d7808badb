"""Small hand-made task lists for the diff tests."""

from __future__ import annotations

from typing import Any

from qingdan.schema import Document, Record


def record(seq: int, measure: str, **fields: Any) -> Record:
    """A record with the given measure; other fields default to a plain 2019 task."""
    values: dict[str, Any] = {
        "seq": seq,
        "section": None,
        "category": "土壤污染状况详查",
        "no": None,
        "measure": measure,
        "lead": ["生态环境新城分局"],
        "support": ["各街道办事处"],
        "deadline": "2019年12月",
        "due": None,
        "due_kind": None,
        "page": None,
    }
    values.update(fields)
    return Record.model_validate(values)


def document(records: list[Record], year: int | None = 2019, file: str = "list.txt") -> Document:
    """A document holding ``records``, whose title names ``year``."""
    return Document.model_validate(
        {
            "document": {
                "file": file,
                "format": "txt",
                "sha256": "0" * 64,
                "title": f"新城区{year}年工作任务清单" if year else None,
                "attachment": None,
                "year": year,
                "columns": [],
            },
            "records": [r.model_dump() for r in records],
            "warnings": [],
        }
    )
