"""The words the human-readable reports use for statuses and fields, defined once."""

from __future__ import annotations

from qingdan.diff.model import ChangedField, Entry, FieldChange, Status

STATUS_LABELS: dict[Status, str] = {
    Status.MODIFIED: "Modified",
    Status.REMOVED: "Removed",
    Status.ADDED: "Added",
    Status.UNCHANGED: "Unchanged",
}
"""Heading of each status group, in the order the reports show the groups."""

FIELD_LABELS: dict[ChangedField, str] = {
    ChangedField.MEASURE: "工作措施 measure",
    ChangedField.CATEGORY: "重点工作 category",
    ChangedField.LEAD: "牵头部门 lead",
    ChangedField.SUPPORT: "配合部门 support",
    ChangedField.DEADLINE: "完成时限 deadline",
    ChangedField.SECTION: "section",
}


def entry_title(entry: Entry) -> str:
    """``old #3 -> new #4 · 建设用地准入管理`` and the similarity, for a heading."""
    sides = []
    if entry.old:
        sides.append(f"old #{entry.old.seq}")
    if entry.new:
        sides.append(f"new #{entry.new.seq}")
    record = entry.new or entry.old
    category = f" · {record.category}" if record and record.category else ""
    similarity = f" (similarity {entry.similarity:.2f})" if entry.similarity is not None else ""
    return " → ".join(sides) + category + similarity


def department_summary(change: FieldChange) -> str:
    """``+ 区农业农村局; − 区科技局``: the canonical names added and removed."""
    parts = []
    if change.added:
        parts.append("+ " + "、".join(change.added))
    if change.removed:
        parts.append("− " + "、".join(change.removed))
    return "; ".join(parts)


def by_status(entries: list[Entry]) -> dict[Status, list[Entry]]:
    """The entries grouped by status, groups in ``STATUS_LABELS`` order, each in report order."""
    return {status: [e for e in entries if e.status is status] for status in STATUS_LABELS}
