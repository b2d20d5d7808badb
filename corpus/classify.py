"""Name the likely cause of a failure: the classes ``make fidelity`` counts.

The class is read from the field, the two values and the document's features and
rendering; it is a pointer for whoever fixes the reader, not a proof.
"""

from __future__ import annotations

import difflib
from typing import Any

SIMILAR = 0.8
"""Similarity (difflib ratio) above which a wrong text counts as changed, not misplaced."""

CLASSES = (
    "column role",
    "department join/split",
    "lead/support",
    "deadline→due",
    "page break",
    "header",
    "section",
    "title/year",
    "text changed",
    "record missing",
    "record extra",
    "conversion error",
)
"""Every failure class, in the order reports list them."""


def _squeeze(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    if isinstance(value, dict):
        return "".join(f"{k}{v}" for k, v in sorted(value.items()))
    return "" if value is None else "".join(str(value).split())


def _multi_page(rendering: str) -> bool:
    return rendering.startswith("pdf") or rendering.endswith("table-per-page")


def classify(
    field: str,
    expected: Any,
    got: Any,
    record: dict[str, Any] | None,
    other: dict[str, Any] | None,
    features: list[str],
    rendering: str,
) -> str:
    """The class of one wrong field (``record``/``other``: the truth and the output record)."""
    if field in ("title", "attachment", "year"):
        return "title/year"
    if _squeeze(expected) == _squeeze(got) and expected != got and field != "extra":
        if field in ("lead", "support"):
            return "department join/split"
        return "text changed"
    if field in ("lead", "support"):
        return _classify_departments(expected, got, record, other)
    if field in ("due", "due_kind"):
        same_deadline = (
            record is not None
            and other is not None
            and (record.get("deadline") == other.get("deadline"))
        )
        return "deadline→due" if same_deadline else "column role"
    if field == "section":
        return "section"
    if field == "measure":
        return _classify_measure(expected, got, features, rendering)
    if isinstance(expected, str) and isinstance(got, str) and expected and expected in got:
        # The cell came with more text: a neighbour column was joined to it.
        return "column role"
    if field in ("category", "no") and _multi_page(rendering) and got:
        return "page break"
    if field == "extra":
        same_labels = isinstance(got, dict) and set(got) == set(expected)
        return "text changed" if same_labels else "column role"
    return "text changed" if _similar(expected, got) else "column role"


def _similar(expected: Any, got: Any) -> bool:
    """Mostly the same text (a few characters changed), not another cell's text."""
    if not isinstance(expected, str) or not isinstance(got, str) or not expected or not got:
        return False
    return difflib.SequenceMatcher(a=expected, b=got, autojunk=False).ratio() >= SIMILAR


def _classify_departments(expected: list[str], got: list[str], record: dict[str, Any] | None,
                          other: dict[str, Any] | None) -> str:  # fmt: skip
    if record is not None and other is not None:
        truth = [*record.get("lead", []), *record.get("support", [])]
        read = [*other.get("lead", []), *other.get("support", [])]
        if sorted(truth) == sorted(read):
            return "lead/support"
        if truth and sorted("".join(truth)) == sorted("".join(read)):
            return "department join/split"
    if not got or not expected:
        return "column role"
    if "".join(expected) == "".join(got):
        return "department join/split"
    # Characters lost or added inside the names (a bracket dropped, a cut row's rest).
    a, b = "".join(expected), "".join(got)
    kept = _subsequence(a, b) or _subsequence(b, a)
    return "text changed" if kept or _similar(a, b) else "column role"


def _subsequence(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out."""
    rest = iter(long)
    return all(char in rest for char in short)


def _classify_measure(expected: str, got: str | None, features: list[str], rendering: str) -> str:
    if not got:
        return "column role"
    if "resp:inline" in features and got.startswith(expected):
        return "lead/support"
    if _multi_page(rendering) and (expected.startswith(got) or got.startswith(expected)):
        return "page break"
    if expected in got:
        return "column role"
    return "text changed" if _similar(expected, got) else "column role"


def classify_count(kind: str, rendering: str, records_read: int) -> str:
    """The class of a truth record the output lacks (``missing``) or has too many."""
    if records_read == 0:
        return "header"
    if _multi_page(rendering):
        return "page break"
    return "record missing" if kind == "missing" else "record extra"
