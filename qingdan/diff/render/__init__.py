"""Diff report renderers: one per output format, chosen by the output file's suffix.

``RENDERERS`` maps each ``DiffFormat`` to a function ``DiffReport -> bytes``;
``diff_format_for`` refuses a suffix it does not know (never a silent no-op). The
terminal summary (``terminal.print_summary``) is separate: it draws on a rich console.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.writers.formats import format_from_suffix, resolve, write_as

if TYPE_CHECKING:
    from qingdan.diff.model import DiffReport


class DiffFormat(StrEnum):
    """The file formats ``qingdan diff -o`` writes."""

    JSON = "json"
    CSV = "csv"
    MD = "md"
    HTML = "html"
    XLSX = "xlsx"


RENDERERS: dict[DiffFormat, str] = {
    DiffFormat.JSON: "qingdan.diff.render.json:report_json",
    DiffFormat.CSV: "qingdan.diff.render.csv:report_csv",
    DiffFormat.MD: "qingdan.diff.render.markdown:report_markdown",
    DiffFormat.HTML: "qingdan.diff.render.html:report_html",
    DiffFormat.XLSX: "qingdan.diff.render.xlsx:report_xlsx",
}
"""Format -> renderer (``DiffReport -> bytes``), named ``"module:function"``."""


def render_report(report: DiffReport, fmt: DiffFormat) -> bytes:
    """The report in one format, as bytes."""
    renderer: Callable[[DiffReport], bytes] = resolve(RENDERERS[fmt])
    return renderer(report)


def diff_format_for(path: Path) -> DiffFormat:
    """The report format an output file's suffix asks for."""
    return format_from_suffix(path, DiffFormat, "a diff")


def write_report(report: DiffReport, path: Path) -> None:
    """Write the report to ``path`` atomically, in the format its suffix names."""
    write_as(RENDERERS, report, path, diff_format_for(path))


__all__ = ["RENDERERS", "DiffFormat", "diff_format_for", "render_report", "write_report"]
