"""Which old x new pairs of measures the matcher scores: never every pair of a big diff.

When the records left after the exact pairs make at most ``EXHAUSTIVE_PAIRS`` pairs,
every pair is scored (in row blocks, so no N x M matrix is held): nothing can be lost.
Beyond that, a pair is scored only when it shares a block: a character trigram that is
among the ``RARE_GRAMS`` rarest of either measure and occurs in at most ``MAX_DF``
measures (each measure keeps its ``ALWAYS_GRAMS`` rarest whatever their counts), or
the same category when that category's old x new block has at most ``BLOCK_PAIRS``
pairs. docs/diff.md says which pairs this can miss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

EXHAUSTIVE_PAIRS = 1_000_000
"""Up to this many old x new pairs (1,000 x 1,000) are all scored: about 0.4 s CPU."""
ROW_BLOCK_PAIRS = 2_000_000
"""Pairs scored at once when scoring every pair (16 MB of float64)."""
RARE_GRAMS = 8
MAX_DF = 32
ALWAYS_GRAMS = 2
BLOCK_PAIRS = 2_500
GRAM = 3
_CUTOFF_SLACK = 1e-6
"""rapidfuzz's cutoff is in percent; ``threshold * 100`` may round above the score that
``score / 100 >= threshold`` accepts (0.6 * 100 is 60.00000000000001)."""


@dataclass(frozen=True)
class Edges:
    """Acceptable pairs: positions in the old and new lists and their measure similarity."""

    old: np.ndarray
    new: np.ndarray
    similarity: np.ndarray

    @staticmethod
    def empty() -> Edges:
        """No pair."""
        nothing = np.zeros(0, dtype=np.int64)
        return Edges(nothing, nothing, np.zeros(0))


def acceptable_edges(
    old: Sequence[str],
    new: Sequence[str],
    old_categories: Sequence[str],
    new_categories: Sequence[str],
    threshold: float,
    exhaustive_pairs: int = EXHAUSTIVE_PAIRS,
) -> Edges:
    """The pairs of ``old`` x ``new`` texts whose similarity (0..1) reaches ``threshold``:
    all of them up to ``exhaustive_pairs`` pairs, the blocked candidates beyond."""
    if not old or not new:
        return Edges.empty()
    if len(old) * len(new) <= exhaustive_pairs:
        return _every_pair(old, new, threshold)
    rows, columns = _blocked_pairs(old, new, old_categories, new_categories)
    return score_pairs(old, new, rows, columns, threshold)


def _every_pair(old: Sequence[str], new: Sequence[str], threshold: float) -> Edges:
    """Every pair scored, ``ROW_BLOCK_PAIRS`` at a time, only the acceptable ones kept."""
    step = max(1, ROW_BLOCK_PAIRS // len(new))
    found: list[Edges] = []
    cutoff = max(0.0, threshold * 100 - _CUTOFF_SLACK)
    for start in range(0, len(old), step):
        block = process.cdist(
            old[start : start + step],
            new,
            scorer=fuzz.ratio,
            dtype=np.float64,
            workers=-1,
            score_cutoff=cutoff,
        )
        similarity = np.asarray(block, dtype=np.float64) / 100.0
        rows, columns = np.nonzero(similarity >= threshold)
        found.append(Edges(rows + start, columns, similarity[rows, columns]))
    return Edges(*(np.concatenate([getattr(e, f) for e in found]) for f in _FIELDS))


_FIELDS = ("old", "new", "similarity")


def score_pairs(
    old: Sequence[str],
    new: Sequence[str],
    rows: np.ndarray,
    columns: np.ndarray,
    threshold: float,
) -> Edges:
    """The given pairs scored (rapidfuzz ``cpdist``, in C), only the acceptable ones kept."""
    if rows.size == 0:
        return Edges.empty()
    cutoff = max(0.0, threshold * 100 - _CUTOFF_SLACK)
    scores = process.cpdist(
        [old[i] for i in rows],
        [new[j] for j in columns],
        scorer=fuzz.ratio,
        dtype=np.float64,
        workers=-1,
        score_cutoff=cutoff,
    )
    similarity = np.asarray(scores, dtype=np.float64) / 100.0
    keep = similarity >= threshold
    return Edges(rows[keep], columns[keep], similarity[keep])


def grams(text: str) -> set[str]:
    """The character trigrams of a text (the text itself when shorter)."""
    if len(text) <= GRAM:
        return {text}
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


def _blocked_pairs(
    old: Sequence[str],
    new: Sequence[str],
    old_categories: Sequence[str],
    new_categories: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs (old rows, new columns) that share a rare trigram or a small
    category block, each once."""
    old_all, new_all = [grams(t) for t in old], [grams(t) for t in new]
    counts = Counter(g for found in (*old_all, *new_all) for g in found)
    old_rare = [rare_grams(found, counts) for found in old_all]
    new_rare = [rare_grams(found, counts) for found in new_all]
    for category in _small_blocks(old_categories, new_categories):
        # A category block joins as one more token, in the rare and the full sets.
        token = "\0" + category
        for sets, categories in ((old_all, old_categories), (new_all, new_categories)):
            for found, own in zip(sets, categories, strict=True):
                if own == category:
                    found.add(token)
        for rare, categories in ((old_rare, old_categories), (new_rare, new_categories)):
            for chosen, own in zip(rare, categories, strict=True):
                if own == category:
                    chosen.append(token)
    vocabulary: dict[str, int] = {}
    for chosen in (*old_rare, *new_rare):
        for token in chosen:
            vocabulary.setdefault(token, len(vocabulary))
    shared = _incidence(old_rare, vocabulary) @ _incidence(new_all, vocabulary).T
    shared = shared + _incidence(old_all, vocabulary) @ _incidence(new_rare, vocabulary).T
    found = shared.tocoo()
    order = np.lexsort((found.col, found.row))
    return found.row[order].astype(np.int64), found.col[order].astype(np.int64)


def rare_grams(found: set[str], counts: Counter[str]) -> list[str]:
    """A measure's blocking keys: its rarest trigrams in at most ``MAX_DF`` measures (up
    to ``RARE_GRAMS``), and never fewer than its ``ALWAYS_GRAMS`` rarest."""
    # Two sorts in C (by text, then stably by count) rank ties by text: the same keys
    # in every run, whatever the string hash seed.
    ranked = sorted(sorted(found), key=counts.__getitem__)
    rare = sum(1 for g in ranked[:RARE_GRAMS] if counts[g] <= MAX_DF)
    return ranked[: max(rare, ALWAYS_GRAMS)]


def _small_blocks(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """The non-empty categories whose old x new block has at most ``BLOCK_PAIRS`` pairs."""
    old_counts, new_counts = Counter(old), Counter(new)
    return sorted(c for c in old_counts if c and 0 < old_counts[c] * new_counts[c] <= BLOCK_PAIRS)


def _incidence(sets: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> csr_matrix:
    """A 0/1 sparse matrix: row per measure, column per blocking key it holds."""
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for found in sets:
        indices += [vocabulary[t] for t in found if t in vocabulary]
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return csr_matrix((data, indices, indptr), shape=(len(sets), len(vocabulary)))
