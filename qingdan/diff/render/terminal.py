"""The diff report on a terminal: summary counts, then every change, readable at a glance.

rich draws colours on a terminal and plain text elsewhere (a pipe, a file).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from qingdan.diff.model import ChangedField, DiffReport, Entry, FieldChange, SegmentOp, Status
from qingdan.diff.render.labels import (
    COUNT_ORDER,
    FIELD_LABELS,
    STATUS_LABELS,
    WORDS,
    by_status,
    department_summary,
    entry_title,
)

_STATUS_STYLE = {
    Status.MODIFIED: "yellow",
    Status.REMOVED: "red",
    Status.ADDED: "green",
    Status.UNCHANGED: "dim",
}
_SEGMENT_STYLE = {SegmentOp.EQUAL: "", SegmentOp.DELETE: "red strike", SegmentOp.INSERT: "green"}
_SEGMENT_MARKS = {SegmentOp.EQUAL: ("", ""), SegmentOp.DELETE: ("[-", "-]"),
                  SegmentOp.INSERT: ("{+", "+}")}  # fmt: skip
"""Without colours (a pipe, a file) deletions and insertions are marked as wdiff marks them."""


def print_summary(report: DiffReport, console: Console) -> None:
    """Print the counts, then each modified, removed and added task with its changes."""
    heading = Text(report.old.title or report.old.file, style="bold")
    heading.append(" → ").append(report.new.title or report.new.file, style="bold")
    heading.append(
        f"  （{WORDS['year_gap']} {report.year_gap}，{WORDS['threshold']} {report.threshold}）"
    )
    console.print(heading)
    counts = Table(show_edge=False)
    for status in COUNT_ORDER:
        counts.add_column(STATUS_LABELS[status], justify="right", style=_STATUS_STYLE[status])
    summary = report.summary
    counts.add_row(*map(str, (summary.unchanged, summary.modified, summary.removed, summary.added)))
    console.print(counts)
    for status, entries in by_status(report.entries).items():
        if status is Status.UNCHANGED or not entries:
            continue
        console.print(Text(f"\n{STATUS_LABELS[status]}", style=f"bold {_STATUS_STYLE[status]}"))
        for entry in entries:
            _print_entry(entry, console, marked=console.color_system is None)


def _print_entry(entry: Entry, console: Console, marked: bool) -> None:
    console.print(Text(f"  {entry_title(entry)}", style="bold"))
    if not entry.changes:
        record = entry.new or entry.old
        assert record is not None
        console.print(Text(f"    {record.measure}", style=_STATUS_STYLE[entry.status]))
        return
    for change in entry.changes:
        if change.rolled_forward:
            continue
        line = Text(f"    {FIELD_LABELS[change.field]}: ")
        line.append_text(_change_text(change, marked))
        console.print(line)


def _change_text(change: FieldChange, marked: bool) -> Text:
    if change.field is ChangedField.MEASURE and change.segments:
        text = Text()
        for segment in change.segments:
            start, end = _SEGMENT_MARKS[segment.op] if marked else ("", "")
            text.append(start + segment.text + end, style=_SEGMENT_STYLE[segment.op])
        return text
    if change.added or change.removed:
        return Text(department_summary(change))
    return Text(f"{change.old or '∅'} → {change.new or '∅'}")
