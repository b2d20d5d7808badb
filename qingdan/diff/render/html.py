"""The diff report as one self-contained HTML page (inline CSS, no script, no links out).

Summary counts come first; in the measure text deletions are ``<del>`` and insertions
``<ins>``, coloured by the page's own style sheet.
"""

from __future__ import annotations

from html import escape

from qingdan.diff.model import ChangedField, DiffReport, Entry, FieldChange, SegmentOp, Status
from qingdan.diff.render.labels import (
    COUNT_ORDER,
    FIELD_LABELS,
    STATUS_LABELS,
    WORDS,
    by_status,
    entry_title,
    summary_line,
)

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto;
       max-width: 60em; line-height: 1.6; color: #222; }
table.summary { border-collapse: collapse; margin: 1em 0; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: .3em 1em;
                                     text-align: center; }
section.entry { border-left: 4px solid #ccc; margin: 1em 0; padding: .2em 1em; }
section.modified { border-color: #d9a400; }
section.removed { border-color: #c62828; }
section.added { border-color: #2e7d32; }
del { background: #fdd; color: #a00; }
ins { background: #dfd; color: #060; text-decoration: none; }
dt { font-weight: bold; }
.rolled { color: #777; font-size: .9em; }
"""


def report_html(report: DiffReport) -> bytes:
    """The report as a UTF-8 HTML page a person can read in a browser."""
    title = f"{report.old.title or report.old.file} → {report.new.title or report.new.file}"
    counts = report.summary
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<link rel="icon" href="data:,">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{summary_line(report, lambda name: f'<code>{escape(name)}</code>')}</p>",
        '<table class="summary"><tr>'
        + "".join(f"<th>{STATUS_LABELS[s]}</th>" for s in COUNT_ORDER)
        + "</tr>",
        f'<tr><td id="count-unchanged">{counts.unchanged}</td>'
        f'<td id="count-modified">{counts.modified}</td>'
        f'<td id="count-removed">{counts.removed}</td>'
        f'<td id="count-added">{counts.added}</td></tr></table>',
    ]
    for status, entries in by_status(report.entries).items():
        if entries:
            parts.append(f"<h2>{STATUS_LABELS[status]}（{len(entries)}）</h2>")
            parts.extend(_entry(entry) for entry in entries)
    parts.append("</body></html>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def _entry(entry: Entry) -> str:
    head = f'<section class="entry {entry.status.value}"><h3>{escape(entry_title(entry))}</h3>'
    if entry.changes:
        items = "".join(_change(change) for change in entry.changes)
        return f"{head}<dl>{items}</dl></section>"
    record = entry.new or entry.old
    assert record is not None
    tag = {Status.REMOVED: "del", Status.ADDED: "ins"}.get(entry.status)
    measure = escape(record.measure)
    if tag:
        measure = f"<{tag}>{measure}</{tag}>"
    return (
        f"{head}<p>{measure}</p><p>牵头 {escape('、'.join(record.lead))} · "
        f"配合 {escape('、'.join(record.support))} · {escape(record.deadline or '')}</p></section>"
    )


def _change(change: FieldChange) -> str:
    label = f"<dt>{escape(FIELD_LABELS[change.field])}</dt>"
    if change.rolled_forward:
        body = f"{escape(change.old or '')} → {escape(change.new or '')}"
        return f'{label}<dd class="rolled">{body}{WORDS["rolled_forward"]}</dd>'
    if change.field is ChangedField.MEASURE and change.segments:
        body = "".join(_segment(s.op, s.text) for s in change.segments)
    elif change.added or change.removed:
        added = [f"<ins>+ {escape(name)}</ins>" for name in change.added]
        removed = [f"<del>− {escape(name)}</del>" for name in change.removed]
        body = " ".join(added + removed)
    else:
        body = f"<del>{escape(change.old or '∅')}</del> → <ins>{escape(change.new or '∅')}</ins>"
    return f"{label}<dd>{body}</dd>"


def _segment(op: SegmentOp, text: str) -> str:
    if op is SegmentOp.DELETE:
        return f"<del>{escape(text)}</del>"
    if op is SegmentOp.INSERT:
        return f"<ins>{escape(text)}</ins>"
    return escape(text)
