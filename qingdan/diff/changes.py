"""Field-level changes between a matched old and new record.

One comparer per field, in ``COMPARERS``. Text fields differ when their text differs;
a difference that disappears once the old text's years are rolled forward by the year
gap is kept but marked ``rolled_forward`` (it does not make the task ``modified``).
Departments are compared as sets of canonical names, so a renamed body or a new order
is no change (see ``canonical_departments`` for where the canonical name comes from).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from qingdan.diff.model import ChangedField, FieldChange, Segment, SegmentOp
from qingdan.diff.years import roll_years
from qingdan.schema import Record


@dataclass(frozen=True)
class Context:
    """What every comparer needs besides the two records."""

    old_year: int | None
    gap: int
    canonical: Callable[[str], str]
    """A department name as written -> the body it stands for (``AliasTable.canonical``)."""


Comparer = Callable[[ChangedField, Record, Record, Context], FieldChange | None]
"""Compares one field (named by ``ChangedField``, read with ``getattr``) of two records."""


def measure_segments(old: str, new: str) -> list[Segment]:
    """A character-level diff of two texts as equal / delete / insert runs, in reading order."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(op=SegmentOp.EQUAL, text=old[i1:i2]))
            continue
        if i2 > i1:
            segments.append(Segment(op=SegmentOp.DELETE, text=old[i1:i2]))
        if j2 > j1:
            segments.append(Segment(op=SegmentOp.INSERT, text=new[j1:j2]))
    return segments


def _text_change(
    field: ChangedField, old_record: Record, new_record: Record, context: Context
) -> FieldChange | None:
    old: str | None = getattr(old_record, field.value)
    new: str | None = getattr(new_record, field.value)
    if old == new:
        return None
    rolled = old is not None and roll_years(old, context.old_year, context.gap) == new
    segments = []
    if field is ChangedField.MEASURE and old is not None and new is not None:
        segments = measure_segments(old, new)
    return FieldChange(field=field, old=old, new=new, rolled_forward=rolled, segments=segments)


def _department_change(
    field: ChangedField, old_record: Record, new_record: Record, context: Context
) -> FieldChange | None:
    old: list[str] = getattr(old_record, field.value)
    new: list[str] = getattr(new_record, field.value)
    old_canonical = canonical_departments(old_record, field, context)
    new_canonical = canonical_departments(new_record, field, context)
    # Reported as written, so the report reads like the documents; compared by body.
    added = [
        name for name, body in zip(new, new_canonical, strict=True) if body not in old_canonical
    ]
    removed = [
        name for name, body in zip(old, old_canonical, strict=True) if body not in new_canonical
    ]
    if not added and not removed:
        return None
    return FieldChange(
        field=field,
        old="、".join(old),
        new="、".join(new),
        rolled_forward=False,
        added=added,
        removed=removed,
    )


def canonical_departments(record: Record, field: ChangedField, context: Context) -> list[str]:
    """The canonical name of each department of ``record.lead`` or ``record.support``.

    Names are resolved again from the names as written (not taken from the record's
    ``*_canonical`` fields), so a JSON output converted with other aliases, or none,
    compares by the aliases of this diff.
    """
    written: list[str] = getattr(record, field.value)
    return [context.canonical(name) for name in written]


COMPARERS: dict[ChangedField, Comparer] = {
    ChangedField.MEASURE: _text_change,
    ChangedField.CATEGORY: _text_change,
    ChangedField.LEAD: _department_change,
    ChangedField.SUPPORT: _department_change,
    ChangedField.DEADLINE: _text_change,
    ChangedField.SECTION: _text_change,
}
"""Field -> how to compare it, in the order changes are reported."""


def field_changes(old: Record, new: Record, context: Context) -> list[FieldChange]:
    """Every field that differs between ``old`` and ``new``, in ``COMPARERS`` order."""
    found = (compare(field, old, new, context) for field, compare in COMPARERS.items())
    return [change for change in found if change is not None]
