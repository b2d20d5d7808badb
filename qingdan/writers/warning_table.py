"""Warnings and per-file outcomes as tables: the CSV sidecar ``NAME.warnings.csv``,
the XLSX 警告 and 文件 sheets. A person reads them: messages come from the warning
catalogue (``warning_text``), statuses from ``labels.toml``, failure reasons from the
reason catalogue (``reason_text``); codes stay as they are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from qingdan.writers.formula_guard import CellValue, csv_bytes
from qingdan.writers.labels import labels
from qingdan.writers.reason_text import reason_text
from qingdan.writers.warning_text import warning_text

if TYPE_CHECKING:
    from qingdan.schema import DocumentInfo, Warning


class Warned(Protocol):
    """A document held whole (``Document``) or streamed (``DocumentStream``, its
    records read): what it is and its warnings."""

    @property
    def document(self) -> DocumentInfo:
        """What the attachment is."""
        ...

    @property
    def warnings(self) -> Sequence[Warning]:
        """The document's warnings."""
        ...


WARNING_COLUMNS = ["file", "row", "page", "code", "message"]
FILE_COLUMNS = ["file", "status", "records", "warnings", "reason"]


@dataclass(frozen=True)
class FileStatus:
    """One input of a batch: converted, failed, skipped or not done, and why."""

    file: str
    status: str
    records: int = 0
    warnings: int = 0
    reason: str = ""
    error: str = ""
    """The kind of failure (the error class name, ``Skipped``, ``NotDone``)."""


def _source(document: Warned) -> str:
    return document.document.source or document.document.file


def warning_rows(documents: Sequence[Warned]) -> list[list[CellValue]]:
    """One row per warning of every document: its source (the path relative to the input
    root), row (the record's seq), page, code, message."""
    return [
        [
            _source(document),
            warning.row,
            warning.page,
            warning.code,
            warning_text(warning.code, warning.message),
        ]
        for document in documents
        for warning in document.warnings
    ]


def file_rows(files: Sequence[FileStatus]) -> list[list[CellValue]]:
    """One row per input of a batch, its status (``labels.toml`` [file_status]) and its
    reason (``reason_text``) in Chinese."""
    status = labels("file_status")
    return [
        [f.file, status.get(f.status, f.status), f.records, f.warnings, _reason(f)] for f in files
    ]


def _reason(file: FileStatus) -> str:
    return reason_text(file.error, file.reason) if file.reason else ""


def warnings_csv(documents: Sequence[Warned]) -> bytes:
    """The warnings of ``documents`` as a CSV file (the sidecar of a CSV output)."""
    return csv_bytes(WARNING_COLUMNS, warning_rows(documents))
