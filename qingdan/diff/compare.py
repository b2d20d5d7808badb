"""``compare``: two task lists in, a ``DiffReport`` out.

The steps: sort both lists by content (so row order cannot matter), roll last year's
years forward, match measures one-to-one (``matching``), compare the fields of each
pair (``changes``), and report the records left over as removed or added.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from qingdan.diff.changes import Context, field_changes
from qingdan.diff.matching import Candidate, Pair, match
from qingdan.diff.model import DiffReport, Entry, RecordView, Side, Status, Summary
from qingdan.diff.years import roll_years, year_gap
from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Document, Record

DEFAULT_THRESHOLD = 0.5
"""Lowest measure similarity (0..1, rapidfuzz normalised Indel similarity after rolling
the years) for two records to count as one task. In the 2019/2020 samples reworded
measures score 0.83 and above, while different measures of the same list stay below 0.33."""


def compare(
    old: Document | str | PathLike[str],
    new: Document | str | PathLike[str],
    threshold: float = DEFAULT_THRESHOLD,
    aliases: AliasTable | None = None,
) -> DiffReport:
    """What changed from ``old`` (last year's list) to ``new`` (this year's).

    Each side is a ``Document`` or the path (``str`` or ``Path``) of an attachment or
    of a qingdan JSON output (read with ``load_document``).

    ``threshold`` is the lowest measure similarity for a match (``DEFAULT_THRESHOLD``);
    departments are compared by canonical name through ``aliases`` (the built-in
    alias table when omitted; ``Knowledge.load(aliases=path).aliases`` adds a user's ``--aliases``).
    """
    old, new = _document(old), _document(new)
    gap = year_gap(old.document.year, new.document.year)
    old_records = sorted(old.records, key=_content_order)
    new_records = sorted(new.records, key=_content_order)
    old_year = old.document.year
    pairs = match(
        [_candidate(r, old_year, gap) for r in old_records],
        [_candidate(r, None, 0) for r in new_records],
        threshold,
    )
    context = Context(old_year, gap, (aliases or Knowledge.load().aliases).canonical)
    matched = [_matched_entry(old_records[p.old], new_records[p.new], p, context) for p in pairs]
    removed = _unmatched(old_records, {p.old for p in pairs}, Status.REMOVED)
    added = _unmatched(new_records, {p.new for p in pairs}, Status.ADDED)
    # Old tasks in the old list's order, then the new ones in the new list's order.
    entries = sorted(matched + removed, key=lambda e: e.old.seq if e.old else 0) + added
    return DiffReport(
        old=_side(old),
        new=_side(new),
        year_gap=gap,
        threshold=threshold,
        summary=_summary(entries),
        entries=entries,
    )


def _matched_entry(before: Record, after: Record, pair: Pair, context: Context) -> Entry:
    changes = field_changes(before, after, context)
    modified = any(not change.rolled_forward for change in changes)
    return Entry(
        status=Status.MODIFIED if modified else Status.UNCHANGED,
        similarity=pair.similarity,
        old=_view(before),
        new=_view(after),
        changes=changes,
    )


def _unmatched(records: list[Record], matched: set[int], status: Status) -> list[Entry]:
    """Entries for the records no pair took, by seq: ``removed`` (old) or ``added`` (new)."""
    left = sorted((r for i, r in enumerate(records) if i not in matched), key=lambda r: r.seq)
    if status is Status.REMOVED:
        return [Entry(status=status, similarity=None, old=_view(r), new=None) for r in left]
    return [Entry(status=status, similarity=None, old=None, new=_view(r)) for r in left]


def _content_order(record: Record) -> tuple[str, str, str, str, str, str, int]:
    """A sort key from what the record says; ``seq`` only breaks ties between twins."""
    return (
        record.measure,
        record.category or "",
        record.section or "",
        "、".join(record.lead),
        "、".join(record.support),
        record.deadline or "",
        record.seq,
    )


def _candidate(record: Record, list_year: int | None, gap: int) -> Candidate:
    return Candidate(
        measure=roll_years(record.measure, list_year, gap),
        category=roll_years(record.category or "", list_year, gap),
    )


def _document(side: Document | str | PathLike[str]) -> Document:
    if isinstance(side, Document):
        return side
    from qingdan.diff.load import load_document

    return load_document(Path(side))


def _view(record: Record) -> RecordView:
    # The projection is RecordView's fields read from the record, whatever they are
    # (a contract test checks that each is a Record field of the same type).
    return RecordView.model_validate(
        {name: getattr(record, name) for name in RecordView.model_fields}
    )


def _side(document: Document) -> Side:
    info = document.document
    return Side(file=info.file, title=info.title, year=info.year, records=len(document.records))


def _summary(entries: list[Entry]) -> Summary:
    counts = {status: 0 for status in Status}
    for entry in entries:
        counts[entry.status] += 1
    return Summary(
        unchanged=counts[Status.UNCHANGED],
        modified=counts[Status.MODIFIED],
        removed=counts[Status.REMOVED],
        added=counts[Status.ADDED],
    )
