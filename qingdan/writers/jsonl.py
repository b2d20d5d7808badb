"""JSON Lines output: one JSON object per record, each led by its ``source`` (the path
relative to the input root), ``file`` and ``title``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from qingdan.schema import Document, DocumentStream
from qingdan.writers.warning_table import FileStatus


def documents_jsonl(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """One JSON object per line per record (UTF-8, Chinese as itself), led by file and title."""
    return "".join(_lines(documents)).encode("utf-8")


def write_documents_jsonl(
    documents: Sequence[Document], files: Sequence[FileStatus], stream: BinaryIO
) -> None:
    """``documents_jsonl`` written into ``stream`` line by line."""
    for line in _lines(documents):
        stream.write(line.encode("utf-8"))


def write_document_jsonl(document: DocumentStream, stream: BinaryIO) -> None:
    """``document_jsonl`` written into ``stream`` line by line."""
    for line in _lines([document]):
        stream.write(line.encode("utf-8"))


def _lines(documents: Sequence[Document | DocumentStream]) -> Iterator[str]:
    for document in documents:
        info = document.document
        source = {"source": info.source or info.file, "file": info.file, "title": info.title}
        for record in document.records:
            record_json = json.dumps(
                {**source, **record.model_dump(mode="json")}, ensure_ascii=False
            )
            yield record_json + "\n"


def document_jsonl(document: Document) -> bytes:
    """One document's records as JSON Lines."""
    return documents_jsonl([document])
