"""Diff report renderers: one per output format, chosen by the output file's suffix.

``RENDERERS`` maps each ``DiffFormat`` to a function ``DiffReport -> bytes``;
``diff_format_for`` refuses a suffix it does not know (never a silent no-op). The
terminal summary (``terminal.print_summary``) is separate: it draws on a rich console.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from qingdan.diff.model import DiffReport
from qingdan.diff.render.csv import report_csv
from qingdan.diff.render.html import report_html
from qingdan.diff.render.json import report_json
from qingdan.diff.render.markdown import report_markdown
from qingdan.writers.formats import format_from_suffix, write_as


class DiffFormat(StrEnum):
    """The file formats ``qingdan diff -o`` writes."""

    JSON = "json"
    CSV = "csv"
    MD = "md"
    HTML = "html"


RENDERERS: dict[DiffFormat, Callable[[DiffReport], bytes]] = {
    DiffFormat.JSON: report_json,
    DiffFormat.CSV: report_csv,
    DiffFormat.MD: report_markdown,
    DiffFormat.HTML: report_html,
}


def diff_format_for(path: Path) -> DiffFormat:
    """The report format an output file's suffix asks for."""
    return format_from_suffix(path, DiffFormat, "a diff")


def write_report(report: DiffReport, path: Path) -> None:
    """Write the report to ``path`` atomically, in the format its suffix names."""
    write_as(RENDERERS, report, path, diff_format_for(path))


__all__ = ["RENDERERS", "DiffFormat", "diff_format_for", "write_report"]
