"""One-to-one matching of last year's tasks to this year's, by similarity of the measure.

The steps, cheapest first (docs/diff.md, issue 29):

1. **Exact pairs.** Records whose measures are identical (years rolled) pair with each
   other; then those identical once spaces and punctuation are ignored (near-exact).
   Within a group of equal measures the category decides, as below.
2. **Candidates.** Of the records left, only the pairs ``candidates`` finds are scored
   with rapidfuzz (normalised Indel similarity, in C): every pair of a small diff, the
   pairs sharing a rare trigram or a small category block in a big one. A pair whose
   measure similarity is below the threshold is never a match: it counts as a removal
   plus an addition.
3. **Assignment per component.** The acceptable pairs form a sparse graph; each of its
   connected components is solved on its own for the pairing with the highest total
   (measure similarity, plus the category's similarity as a tie-breaker far too small
   to outweigh any real difference in the measure). Pairs that weigh nothing never
   join two components, so this is the optimum of the whole list; no N x M matrix is
   ever built.

The result depends only on the texts and their order; ``compare`` sorts the records
by content first, so the order of the rows in either list changes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from qingdan.diff.candidates import EXHAUSTIVE_PAIRS, Edges, acceptable_edges

TIE_BREAK = 1e-4
"""Weight of category similarity: at most 0.0001, below any measure difference that counts."""
DENSE_COMPONENT = 250_000
"""A component of at most this many old x new pairs is solved as a dense matrix
(``linear_sum_assignment``); a bigger one with the sparse solver (LAPJVsp)."""


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


def similarity_matrix(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """Similarity 0..1 of every old text (rows) to every new text (columns); for small
    lists only (a group of equal measures, a component)."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    scores = process.cdist(old, new, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    return np.asarray(scores, dtype=np.float64) / 100.0


def match(
    old: list[Candidate],
    new: list[Candidate],
    threshold: float,
    exhaustive_pairs: int = EXHAUSTIVE_PAIRS,
    dense_component: int = DENSE_COMPONENT,
) -> list[Pair]:
    """The optimal one-to-one pairs whose measure similarity reaches ``threshold``, exact
    pairs first (``exhaustive_pairs`` and ``dense_component`` are for tests and benchmarks)."""
    pairs: list[Pair] = []
    old_rest, new_rest = np.arange(len(old)), np.arange(len(new))
    for key in (_same, _letters):
        found, old_rest, new_rest = _group_pairs(old, new, old_rest, new_rest, key, threshold)
        pairs += found
    edges = acceptable_edges(
        [old[i].measure for i in old_rest],
        [new[j].measure for j in new_rest],
        [old[i].category for i in old_rest],
        [new[j].category for j in new_rest],
        threshold,
        exhaustive_pairs,
    )
    edges = Edges(old_rest[edges.old], new_rest[edges.new], edges.similarity)
    pairs += _assign(old, new, edges, dense_component)
    return sorted(pairs, key=lambda p: p.old)


def _same(text: str) -> str:
    return text


def _letters(text: str) -> str:
    """The text without spaces, punctuation and symbols (the near-exact key)."""
    return _NOT_A_LETTER.sub("", text)


_NOT_A_LETTER = re.compile(r"[\W_]+")


def _group_pairs(
    old: list[Candidate],
    new: list[Candidate],
    old_rest: np.ndarray,
    new_rest: np.ndarray,
    key: Callable[[str], str],
    threshold: float,
) -> tuple[list[Pair], np.ndarray, np.ndarray]:
    """Pairs among records whose measures have the same ``key``, and the records left."""
    groups: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in old_rest:
        groups[key(old[i].measure)][0].append(int(i))
    for j in new_rest:
        if (k := key(new[j].measure)) in groups:
            groups[k][1].append(int(j))
    pairs: list[Pair] = []
    for olds, news in groups.values():
        if olds and news:
            pairs += _solve_dense(old, new, np.array(olds), np.array(news), threshold)
    taken_old, taken_new = {p.old for p in pairs}, {p.new for p in pairs}
    old_left = np.array([i for i in old_rest if int(i) not in taken_old], dtype=np.int64)
    new_left = np.array([j for j in new_rest if int(j) not in taken_new], dtype=np.int64)
    return pairs, old_left, new_left


def _solve_dense(
    old: list[Candidate],
    new: list[Candidate],
    rows: np.ndarray,
    columns: np.ndarray,
    threshold: float,
) -> list[Pair]:
    """The optimal pairs among a few old and new records, every pair scored."""
    if len(rows) == 1 and len(columns) == 1 and old[rows[0]] == new[columns[0]]:
        return [Pair(int(rows[0]), int(columns[0]), 1.0)]
    from scipy.optimize import linear_sum_assignment

    measure = similarity_matrix([old[i].measure for i in rows], [new[j].measure for j in columns])
    category = similarity_matrix(
        [old[i].category for i in rows], [new[j].category for j in columns]
    )
    acceptable = measure >= threshold
    weights = np.where(acceptable, measure + TIE_BREAK * category, 0.0)
    chosen_rows, chosen_columns = linear_sum_assignment(weights, maximize=True)
    return [
        Pair(int(rows[i]), int(columns[j]), round(float(measure[i, j]), 4))
        for i, j in zip(chosen_rows, chosen_columns, strict=True)
        if acceptable[i, j]
    ]


def _assign(
    old: list[Candidate], new: list[Candidate], edges: Edges, dense_component: int
) -> list[Pair]:
    """The optimal pairing over the acceptable pairs, one connected component at a time."""
    if edges.old.size == 0:
        return []
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    category = np.asarray(
        process.cpdist(
            [old[i].category for i in edges.old],
            [new[j].category for j in edges.new],
            scorer=fuzz.ratio,
            dtype=np.float64,
            workers=-1,
        ),
        dtype=np.float64,
    )
    weights = edges.similarity + TIE_BREAK * category / 100.0
    old_ids, rows = np.unique(edges.old, return_inverse=True)
    new_ids, columns = np.unique(edges.new, return_inverse=True)
    size = len(old_ids) + len(new_ids)
    graph = coo_matrix((np.ones(rows.size), (rows, columns + len(old_ids))), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    component = labels[rows]
    edges_in = np.bincount(component)
    single = edges_in[component] == 1
    pairs = [
        Pair(int(edges.old[e]), int(edges.new[e]), round(float(edges.similarity[e]), 4))
        for e in np.flatnonzero(single)
    ]
    order = np.flatnonzero(~single)
    order = order[np.argsort(component[order], kind="stable")]
    boundaries = np.flatnonzero(np.diff(component[order])) + 1
    for group in np.split(order, boundaries) if order.size else []:
        pairs += _solve_component(edges, weights, group, dense_component)
    return pairs


def _solve_component(
    edges: Edges, weights: np.ndarray, group: np.ndarray, dense_component: int
) -> list[Pair]:
    """The pairing with the highest total weight among one component's edges."""
    old_ids, rows = np.unique(edges.old[group], return_inverse=True)
    new_ids, columns = np.unique(edges.new[group], return_inverse=True)
    if len(old_ids) * len(new_ids) <= dense_component:
        from scipy.optimize import linear_sum_assignment

        matrix = np.zeros((len(old_ids), len(new_ids)))
        matrix[rows, columns] = weights[group]
        edge_at = np.full(matrix.shape, -1, dtype=np.int64)
        edge_at[rows, columns] = group
        chosen_rows, chosen_columns = linear_sum_assignment(matrix, maximize=True)
        chosen = edge_at[chosen_rows, chosen_columns]
    else:
        chosen = _solve_sparse(rows, columns, weights[group], len(old_ids), len(new_ids), group)
    chosen = chosen[chosen >= 0]
    return [
        Pair(int(edges.old[e]), int(edges.new[e]), round(float(edges.similarity[e]), 4))
        for e in chosen
    ]


def _solve_sparse(
    rows: np.ndarray,
    columns: np.ndarray,
    weights: np.ndarray,
    old_count: int,
    new_count: int,
    group: np.ndarray,
) -> np.ndarray:
    """The edges of the heaviest matching, by scipy's sparse LAPJVsp.

    LAPJVsp wants every old record matched: each gets a private "unmatched" column
    costing 2, while a real pair costs ``2 - weight`` (weights are at most 1.0001), so
    the cheapest full matching is the heaviest matching of the real pairs.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    own = np.arange(old_count)
    costs = csr_matrix(
        (
            np.concatenate([2.0 - weights, np.full(old_count, 2.0)]),
            (np.concatenate([rows, own]), np.concatenate([columns, new_count + own])),
        ),
        shape=(old_count, new_count + old_count),
    )
    matched_rows, matched_columns = min_weight_full_bipartite_matching(costs)
    edge_at = {(int(r), int(c)): int(e) for r, c, e in zip(rows, columns, group, strict=True)}
    return np.array(
        [
            edge_at.get((int(r), int(c)), -1)
            for r, c in zip(matched_rows, matched_columns, strict=True)
        ],
        dtype=np.int64,
    )
