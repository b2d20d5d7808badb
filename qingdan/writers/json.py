"""JSON output: the output contract, UTF-8, Chinese written as itself (not \\u escapes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from pydantic import BaseModel

from qingdan.schema import Document, DocumentStream
from qingdan.schema.plain import write_pieces
from qingdan.writers.warning_table import FileStatus


def document_json(document: Document) -> bytes:
    """The document as indented JSON bytes, ending with a newline."""
    # pydantic's serializer writes the UTF-8 bytes directly: two copies of the output at
    # most. model_dump_json decodes them into a str that "+ newline" and .encode() copy
    # again (three copies of 230 MB for a 100 MB text dump; issue 17).
    return document.__pydantic_serializer__.to_json(document, indent=2) + b"\n"


def documents_json(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """Several documents as one indented JSON array of documents."""
    body = ",\n".join(document.model_dump_json(indent=2) for document in documents)
    return (f"[\n{body}\n]\n" if documents else "[]\n").encode("utf-8")


def write_document_json(document: DocumentStream, stream: BinaryIO) -> None:
    """``document_json`` written into ``stream``, each record as it is read and the
    warnings after the last (``schema.plain.write_pieces``: the same bytes)."""
    write_pieces(
        stream,
        _json(document.document),
        map(_json, document.records),
        lambda: [_json(warning) for warning in document.warnings],
    )


def _json(model: BaseModel) -> bytes:
    return model.__pydantic_serializer__.to_json(model, indent=2)


def write_documents_json(
    documents: Sequence[Document], files: Sequence[FileStatus], stream: BinaryIO
) -> None:
    """``documents_json`` written into ``stream`` one document at a time."""
    if not documents:
        stream.write(b"[]\n")
        return
    stream.write(b"[\n")
    for index, document in enumerate(documents):
        stream.write(b",\n" if index else b"")
        stream.write(document.model_dump_json(indent=2).encode("utf-8"))
    stream.write(b"\n]\n")
