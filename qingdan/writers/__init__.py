"""Writers: a validated ``Document`` -> an output file, chosen by format.

``WRITERS`` maps each ``OutputFormat`` to its writer; ``format_for`` picks the format
from an output file's suffix and refuses one it does not know (never a silent no-op).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from qingdan.schema import Document
from qingdan.writers.csv import document_csv
from qingdan.writers.formats import UnknownOutputFormat, format_from_suffix, write_as
from qingdan.writers.json import document_json
from qingdan.writers.xlsx import document_xlsx


class OutputFormat(StrEnum):
    """The file formats ``qingdan convert`` writes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


WRITERS: dict[OutputFormat, Callable[[Document], bytes]] = {
    OutputFormat.JSON: document_json,
    OutputFormat.CSV: document_csv,
    OutputFormat.XLSX: document_xlsx,
}


def format_for(path: Path) -> OutputFormat:
    """The output format an output file's suffix asks for."""
    return format_from_suffix(path, OutputFormat, "records")


def render(document: Document, output_format: OutputFormat) -> bytes:
    """The document in an output format, as bytes."""
    return WRITERS[output_format](document)


def write_document(
    document: Document, path: Path, output_format: OutputFormat | None = None
) -> None:
    """Write a document to ``path`` atomically, in the format its suffix names."""
    write_as(WRITERS, document, path, output_format or format_for(path))


__all__ = [
    "WRITERS",
    "OutputFormat",
    "UnknownOutputFormat",
    "format_for",
    "render",
    "write_document",
]
