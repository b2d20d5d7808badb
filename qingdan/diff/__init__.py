"""Year-over-year diff: which tasks of last year's list were kept, reworded, dropped or added.

>>> from qingdan.diff import compare
>>> report = compare(old_document, new_document, threshold=0.5)  # doctest: +SKIP
>>> report.summary.modified  # doctest: +SKIP

Modules: ``years`` (rolling years forward), ``departments`` (canonical names and
aliases files), ``matching`` (optimal one-to-one assignment), ``changes`` (field-level
changes), ``compare`` (the whole step), ``model`` (the report), ``load`` (reading the
two sides), ``render`` (terminal, JSON, CSV, Markdown, HTML).
"""

from __future__ import annotations

from qingdan.diff.compare import DEFAULT_THRESHOLD, compare
from qingdan.diff.departments import Canonicalize, keep_as_written, load_aliases
from qingdan.diff.load import load_document
from qingdan.diff.model import (
    ChangedField,
    DiffReport,
    Entry,
    FieldChange,
    RecordView,
    Segment,
    SegmentOp,
    Status,
    Summary,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "Canonicalize",
    "ChangedField",
    "DiffReport",
    "Entry",
    "FieldChange",
    "RecordView",
    "Segment",
    "SegmentOp",
    "Status",
    "Summary",
    "compare",
    "keep_as_written",
    "load_aliases",
    "load_document",
]
