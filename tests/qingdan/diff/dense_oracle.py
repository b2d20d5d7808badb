"""The dense matcher qingdan used before issue 29, kept as the test oracle.

It scores every old x new pair into one N x M float64 matrix and solves one
assignment over it: optimal, and quadratic in time and memory. The property test
(``test_matching_oracle.py``) checks that the sparse matcher finds the same pairs.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from qingdan.diff.matching import TIE_BREAK, Candidate, Pair


def dense_similarity(old: list[str], new: list[str]) -> np.ndarray:
    """Similarity 0..1 of every old text (rows) to every new text (columns)."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    scores = process.cdist(old, new, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    return np.asarray(scores, dtype=np.float64) / 100.0


def dense_match(old: list[Candidate], new: list[Candidate], threshold: float) -> list[Pair]:
    """The optimal one-to-one pairs whose measure similarity reaches ``threshold``."""
    measure = dense_similarity([c.measure for c in old], [c.measure for c in new])
    if measure.size == 0:
        return []
    category = dense_similarity([c.category for c in old], [c.category for c in new])
    acceptable = measure >= threshold
    weights = np.where(acceptable, measure + TIE_BREAK * category, 0.0)
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [
        Pair(int(i), int(j), round(float(measure[i, j]), 4))
        for i, j in zip(rows, columns, strict=True)
        if acceptable[i, j]
    ]
