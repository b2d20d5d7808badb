"""Writers: a validated ``Document`` -> an output file, chosen by format.

``WRITERS`` maps each ``OutputFormat`` to its writer; ``format_for`` picks the format
from an output file's suffix and refuses one it does not know (never a silent no-op).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from extract.errors import QingdanError
from qingdan.writers.atomic import atomic_write_bytes
from qingdan.writers.csv import document_csv
from qingdan.writers.json import document_json
from qingdan.writers.xlsx import document_xlsx
from schema import Document


class OutputFormat(StrEnum):
    """The file formats ``qingdan convert`` writes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class UnknownOutputFormat(QingdanError):
    """An output file's suffix names no format we write."""


WRITERS: dict[OutputFormat, Callable[[Document], bytes]] = {
    OutputFormat.JSON: document_json,
    OutputFormat.CSV: document_csv,
    OutputFormat.XLSX: document_xlsx,
}


def format_for(path: Path) -> OutputFormat:
    """The output format an output file's suffix asks for."""
    try:
        return OutputFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        known = ", ".join(f".{f.value}" for f in OutputFormat)
        raise UnknownOutputFormat(
            path, f"cannot write {path.suffix!r} files (use {known})"
        ) from None


def render(document: Document, output_format: OutputFormat) -> bytes:
    """The document in an output format, as bytes."""
    return WRITERS[output_format](document)


def write_document(
    document: Document, path: Path, output_format: OutputFormat | None = None
) -> None:
    """Write a document to ``path`` atomically, in the format its suffix names."""
    atomic_write_bytes(path, render(document, output_format or format_for(path)))


__all__ = ["WRITERS", "OutputFormat", "format_for", "render", "write_document"]
