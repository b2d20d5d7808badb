"""Year-over-year diff: which tasks of last year's list were kept, reworded, dropped or added.

>>> from qingdan.diff import compare
>>> report = compare(old_document, new_document, threshold=0.5)  # doctest: +SKIP
>>> report.summary.modified  # doctest: +SKIP

Modules: ``years`` (rolling years forward), ``matching`` (optimal one-to-one
assignment), ``changes`` (field-level changes), ``compare`` (the whole step),
``model`` (the report), ``load`` (reading the two sides), ``render`` (terminal,
JSON, CSV, Markdown, HTML). Department aliases come from ``normalize.aliases``.
"""

from __future__ import annotations

from qingdan.diff.compare import DEFAULT_THRESHOLD, compare
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
    "load_document",
]
