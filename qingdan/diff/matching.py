"""One-to-one matching of last year's tasks to this year's, by similarity of the measure.

Every old x new pair is scored with rapidfuzz (normalised Indel similarity, computed
in C for the whole matrix at once, on every core), the category's similarity is added
as a tie-breaker far too small to outweigh any real difference in the measure, and scipy's
``linear_sum_assignment`` picks the pairing with the highest total. A pair whose
measure similarity is below the threshold is never a match: it counts as a removal
plus an addition.

The result depends only on the texts and their order; ``compare`` sorts the records
by content first, so the order of the rows in either list changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

_TIE_BREAK = 1e-4
"""Weight of category similarity: at most 0.0001, below any measure difference that counts."""


@dataclass(frozen=True)
class Candidate:
    """What the matcher sees of one record: its measure and category, years rolled."""

    measure: str
    category: str


@dataclass(frozen=True)
class Pair:
    """A match: positions in the old and new candidate lists, and the measure similarity."""

    old: int
    new: int
    similarity: float


def similarity_matrix(old: list[str], new: list[str]) -> np.ndarray:
    """Similarity 0..1 of every old text (rows) to every new text (columns)."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    scores = process.cdist(old, new, scorer=fuzz.ratio, dtype=np.float64, workers=-1)
    return np.asarray(scores, dtype=np.float64) / 100.0


def _repeated_similarity(old: list[str], new: list[str]) -> np.ndarray:
    """``similarity_matrix`` for texts that repeat (categories): each distinct pair scored once."""
    old_distinct, old_index = np.unique(np.array(old, dtype=object), return_inverse=True)
    new_distinct, new_index = np.unique(np.array(new, dtype=object), return_inverse=True)
    distinct = similarity_matrix(list(old_distinct), list(new_distinct))
    return distinct[np.ix_(old_index.ravel(), new_index.ravel())]


def match(old: list[Candidate], new: list[Candidate], threshold: float) -> list[Pair]:
    """The optimal one-to-one pairs whose measure similarity reaches ``threshold``."""
    # Imported here: scipy adds half a second to the start of every qingdan command.
    from scipy.optimize import linear_sum_assignment

    measure = similarity_matrix([c.measure for c in old], [c.measure for c in new])
    if measure.size == 0:
        return []
    category = _repeated_similarity([c.category for c in old], [c.category for c in new])
    acceptable = measure >= threshold
    weights = np.where(acceptable, measure + _TIE_BREAK * category, 0.0)
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [
        Pair(int(i), int(j), round(float(measure[i, j]), 4))
        for i, j in zip(rows, columns, strict=True)
        if acceptable[i, j]
    ]
