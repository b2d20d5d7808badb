"""Writers: a validated ``Document`` -> an output file, chosen by format.

``WRITERS`` maps each ``OutputFormat`` to its writer, named ``"module:function"`` and
imported on first use (openpyxl only when an .xlsx is written, issue 16);
``format_for`` picks the format from an output file's suffix and refuses one it does
not know (never a silent no-op).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.writers.atomic import atomic_write_bytes
from qingdan.writers.formats import UnknownOutputFormat, format_from_suffix, resolve

if TYPE_CHECKING:
    from qingdan.schema import Document
    from qingdan.writers.warning_table import FileStatus


class OutputFormat(StrEnum):
    """The file formats ``qingdan convert`` writes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


WRITERS: dict[OutputFormat, str] = {
    OutputFormat.JSON: "qingdan.writers.json:document_json",
    OutputFormat.CSV: "qingdan.writers.csv:document_csv",
    OutputFormat.XLSX: "qingdan.writers.xlsx:document_xlsx",
    OutputFormat.JSONL: "qingdan.writers.jsonl:document_jsonl",
}
"""Format -> writer of one document (``Document -> bytes``)."""

COMBINED_WRITERS: dict[OutputFormat, str] = {
    OutputFormat.JSON: "qingdan.writers.json:documents_json",
    OutputFormat.CSV: "qingdan.writers.csv:documents_csv",
    OutputFormat.XLSX: "qingdan.writers.xlsx:documents_xlsx",
    OutputFormat.JSONL: "qingdan.writers.jsonl:documents_jsonl",
}
"""Format -> writer of several documents in one file (``file`` and ``title`` first)."""


def format_for(path: Path) -> OutputFormat:
    """The output format an output file's suffix asks for."""
    return format_from_suffix(path, OutputFormat, "records")


def render(document: Document, output_format: OutputFormat) -> bytes:
    """The document in an output format, as bytes."""
    writer: Callable[[Document], bytes] = resolve(WRITERS[output_format])
    return writer(document)


def render_many(
    documents: Sequence[Document],
    output_format: OutputFormat,
    files: Sequence[FileStatus] = (),
) -> bytes:
    """Several documents as one file of an output format, as bytes; ``files`` (every
    input of a batch with its status) goes into the XLSX 文件 sheet."""
    writer: Callable[[Sequence[Document], Sequence[FileStatus]], bytes] = resolve(
        COMBINED_WRITERS[output_format]
    )
    return writer(documents, files)


def write_document(
    document: Document, path: Path, output_format: OutputFormat | None = None
) -> None:
    """Write a document to ``path`` atomically, in the format its suffix names."""
    atomic_write_bytes(path, render(document, output_format or format_for(path)))


__all__ = [
    "COMBINED_WRITERS",
    "WRITERS",
    "OutputFormat",
    "UnknownOutputFormat",
    "format_for",
    "render",
    "render_many",
    "write_document",
]
