"""Writers: a validated ``Document`` -> an output file, chosen by format.

``WRITERS`` maps each ``OutputFormat`` to its writer, named ``"module:function"`` and
imported on first use (openpyxl only when an .xlsx is written, issue 16);
``format_for`` picks the format from an output file's suffix and refuses one it does
not know (never a silent no-op).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from qingdan.writers.atomic import atomic_write
from qingdan.writers.formats import UnknownOutputFormat, format_from_suffix, resolve

if TYPE_CHECKING:
    from qingdan.schema import Document, DocumentStream
    from qingdan.writers.warning_table import FileStatus


class OutputFormat(StrEnum):
    """The file formats ``qingdan convert`` writes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


WRITERS: dict[OutputFormat, str] = {
    OutputFormat.JSON: "qingdan.writers.json:write_document_json",
    OutputFormat.CSV: "qingdan.writers.csv:write_document_csv",
    OutputFormat.XLSX: "qingdan.writers.xlsx:write_document_xlsx",
    OutputFormat.JSONL: "qingdan.writers.jsonl:write_document_jsonl",
}
"""Format -> writer of one document into a binary stream (``(DocumentStream, stream) ->
None``): each reads the records as they come, so a streamed document's records are never
held whole (issue 29), and a document held whole is written as a stream of its records."""

COMBINED_WRITERS: dict[OutputFormat, str] = {
    OutputFormat.JSON: "qingdan.writers.json:write_documents_json",
    OutputFormat.CSV: "qingdan.writers.csv:write_documents_csv",
    OutputFormat.XLSX: "qingdan.writers.xlsx:write_documents_xlsx",
    OutputFormat.JSONL: "qingdan.writers.jsonl:write_documents_jsonl",
}
"""Format -> writer of several documents in one file (``file`` and ``title`` first),
``(documents, files, stream) -> None``. Writers write into the output file as they go:
an output is never held whole as well (issue 29)."""


def format_for(path: Path) -> OutputFormat:
    """The output format an output file's suffix asks for."""
    return format_from_suffix(path, OutputFormat, "records")


def stream_document(
    document: Document | DocumentStream, output_format: OutputFormat, stream: BinaryIO
) -> None:
    """Write the document (held whole, or its records read as they come) in an output
    format into a binary stream."""
    from qingdan.writers.record_table import as_stream

    writer: Callable[[DocumentStream, BinaryIO], None] = resolve(WRITERS[output_format])
    writer(as_stream(document), stream)


def stream_many(
    documents: Sequence[Document],
    output_format: OutputFormat,
    stream: BinaryIO,
    files: Sequence[FileStatus] = (),
) -> None:
    """Write several documents as one file of an output format into a binary stream;
    ``files`` (every input of a batch with its status) goes into the XLSX 文件 sheet."""
    writer: Callable[[Sequence[Document], Sequence[FileStatus], BinaryIO], None] = resolve(
        COMBINED_WRITERS[output_format]
    )
    writer(documents, files, stream)


def render(document: Document, output_format: OutputFormat) -> bytes:
    """The document in an output format, as bytes."""
    buffer = io.BytesIO()
    stream_document(document, output_format, buffer)
    return buffer.getvalue()


def render_many(
    documents: Sequence[Document],
    output_format: OutputFormat,
    files: Sequence[FileStatus] = (),
) -> bytes:
    """Several documents as one file of an output format, as bytes; ``files`` (every
    input of a batch with its status) goes into the XLSX 文件 sheet."""
    buffer = io.BytesIO()
    stream_many(documents, output_format, buffer, files)
    return buffer.getvalue()


def write_document(
    document: Document | DocumentStream, path: Path, output_format: OutputFormat | None = None
) -> None:
    """Write a document to ``path`` atomically, in the format its suffix names."""
    chosen = output_format or format_for(path)
    atomic_write(path, lambda stream: stream_document(document, chosen, stream))


def write_many(
    documents: Sequence[Document],
    path: Path,
    output_format: OutputFormat,
    files: Sequence[FileStatus] = (),
) -> None:
    """Write several documents to ``path`` atomically as one file of an output format."""
    atomic_write(path, lambda stream: stream_many(documents, output_format, stream, files))


__all__ = [
    "COMBINED_WRITERS",
    "WRITERS",
    "OutputFormat",
    "UnknownOutputFormat",
    "format_for",
    "render",
    "render_many",
    "stream_document",
    "stream_many",
    "write_document",
    "write_many",
]
