"""The words the human-readable reports use for statuses and fields, defined once, in
the Chinese of ``qingdan/writers/data/labels.toml`` ([diff_status], [diff_field],
[diff_words]); the JSON and CSV reports keep the stable English codes."""

from __future__ import annotations

from collections.abc import Callable

from qingdan.diff.model import ChangedField, DiffReport, Entry, FieldChange, Status
from qingdan.writers.labels import labels

_ORDER = (Status.MODIFIED, Status.REMOVED, Status.ADDED, Status.UNCHANGED)
STATUS_LABELS: dict[Status, str] = {s: labels("diff_status")[s.value] for s in _ORDER}
"""Heading of each status group, in the order the reports show the groups."""

FIELD_LABELS: dict[ChangedField, str] = {f: labels("diff_field")[f.value] for f in ChangedField}
WORDS = labels("diff_words")
"""The words around the numbers (原清单, 项任务, 相似度 …)."""
COUNT_ORDER = (Status.UNCHANGED, Status.MODIFIED, Status.REMOVED, Status.ADDED)
"""The order of the summary counts."""


def summary_line(report: DiffReport, code: Callable[[str], str] = str) -> str:
    """``原清单 a.txt（12 项任务）· 新清单 b.txt（13 项任务）· 相隔年数 1 · 匹配阈值 0.5``;
    ``code`` marks up a file name (Markdown backticks, HTML ``<code>``)."""
    return (
        f"{WORDS['old']} {code(report.old.file)}（{report.old.records} {WORDS['tasks']}）· "
        f"{WORDS['new']} {code(report.new.file)}（{report.new.records} {WORDS['tasks']}）· "
        f"{WORDS['year_gap']} {report.year_gap} · {WORDS['threshold']} {report.threshold}"
    )


def entry_title(entry: Entry) -> str:
    """``原清单 #3 → 新清单 #4 · 建设用地准入管理`` and the similarity, for a heading."""
    sides = []
    if entry.old:
        sides.append(f"{WORDS['old']} #{entry.old.seq}")
    if entry.new:
        sides.append(f"{WORDS['new']} #{entry.new.seq}")
    record = entry.new or entry.old
    category = f" · {record.category}" if record and record.category else ""
    similarity = (
        f"（{WORDS['similarity']} {entry.similarity:.2f}）" if entry.similarity is not None else ""
    )
    return " → ".join(sides) + category + similarity


def department_summary(change: FieldChange) -> str:
    """``+ 区农业农村局；− 区科技局``: the canonical names added and removed."""
    parts = []
    if change.added:
        parts.append("+ " + "、".join(change.added))
    if change.removed:
        parts.append("− " + "、".join(change.removed))
    return "；".join(parts)


def by_status(entries: list[Entry]) -> dict[Status, list[Entry]]:
    """The entries grouped by status, groups in ``STATUS_LABELS`` order, each in report order."""
    return {status: [e for e in entries if e.status is status] for status in STATUS_LABELS}
