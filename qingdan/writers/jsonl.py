"""JSON Lines output: one JSON object per record, each led by its ``source`` (the path
relative to the input root), ``file`` and ``title``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from qingdan.schema import Document
from qingdan.writers.warning_table import FileStatus


def documents_jsonl(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """One JSON object per line per record (UTF-8, Chinese as itself), led by file and title."""
    lines = []
    for document in documents:
        info = document.document
        source = {"source": info.source or info.file, "file": info.file, "title": info.title}
        for record in document.records:
            lines.append(
                json.dumps({**source, **record.model_dump(mode="json")}, ensure_ascii=False)
            )
    return "".join(line + "\n" for line in lines).encode("utf-8")


def document_jsonl(document: Document) -> bytes:
    """One document's records as JSON Lines."""
    return documents_jsonl([document])
