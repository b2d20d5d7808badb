"""The diff report as Markdown: summary counts, then each group of tasks.

Deleted measure text is ~~struck through~~, inserted text is **bold**.
"""

from __future__ import annotations

import re

from qingdan.diff.model import ChangedField, DiffReport, Entry, FieldChange, SegmentOp
from qingdan.diff.render.labels import (
    COUNT_ORDER,
    FIELD_LABELS,
    STATUS_LABELS,
    WORDS,
    by_status,
    department_summary,
    entry_title,
    summary_line,
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~|\[\]<>])")


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def report_markdown(report: DiffReport) -> bytes:
    """The report as a Markdown document (UTF-8)."""
    counts = report.summary
    lines = [
        f"# {_escape(report.old.title or report.old.file)} → "
        f"{_escape(report.new.title or report.new.file)}",
        "",
        summary_line(report, lambda name: f"`{name}`"),
        "",
        "| " + " | ".join(STATUS_LABELS[s] for s in COUNT_ORDER) + " |",
        "| ---: | ---: | ---: | ---: |",
        f"| {counts.unchanged} | {counts.modified} | {counts.removed} | {counts.added} |",
    ]
    for status, entries in by_status(report.entries).items():
        if not entries:
            continue
        lines += ["", f"## {STATUS_LABELS[status]}（{len(entries)}）"]
        for entry in entries:
            lines += ["", f"### {_escape(entry_title(entry))}", "", *_entry_lines(entry)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry_lines(entry: Entry) -> list[str]:
    if not entry.changes:
        record = entry.new or entry.old
        assert record is not None
        lead = _escape("、".join(record.lead))
        deadline = _escape(record.deadline or "")
        return [_escape(record.measure), "", f"{WORDS['lead']} {lead} · {deadline}"]
    return [
        f"- **{FIELD_LABELS[change.field]}**: {_change_text(change)}" for change in entry.changes
    ]


def _change_text(change: FieldChange) -> str:
    if change.field is ChangedField.MEASURE and change.segments:
        text = "".join(_segment(s.op, s.text) for s in change.segments)
    elif change.added or change.removed:
        text = _escape(department_summary(change))
    else:
        text = f"{_escape(change.old or '∅')} → {_escape(change.new or '∅')}"
    return text + (WORDS["rolled_forward"] if change.rolled_forward else "")


def _segment(op: SegmentOp, text: str) -> str:
    escaped = _escape(text)
    if op is SegmentOp.DELETE:
        return f"~~{escaped}~~"
    if op is SegmentOp.INSERT:
        return f"**{escaped}**"
    return escaped
